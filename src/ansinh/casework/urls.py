from django.urls import path

from . import views

app_name = "casework"
urlpatterns = [
    path("", views.workbench, name="workbench"),
    path("ca/", views.CaseList.as_view(), name="case_list"),
    path("ca/xuat.<fileformat:fmt>", views.CaseList.as_view(), name="case_export"),
    path("ca/mo/", views.CaseOpen.as_view(), name="case_open"),
    path("ca/<int:pk>/", views.CaseDetail.as_view(), name="case_detail"),
    path("ca/<int:pk>/sua/", views.CaseEdit.as_view(), name="case_edit"),
    path("ca/<int:pk>/mau/<slug:slug>.docx", views.case_form, name="case_form"),
    path("ca/<int:pk>/thoi-chia-se/<int:share>/", views.case_unshare, name="case_unshare"),
    path("ca/<int:pk>/<str:action>/", views.CaseStep.as_view(), name="case_step"),
    path("chuyen-gui/<int:pk>/tra-loi/", views.referral_respond, name="referral_respond"),
    path("nguoi-quan-ly-ca/", views.worker_list, name="worker_list"),
    path("nguoi-quan-ly-ca/them/", views.worker_add, name="worker_add"),
    path("nguoi-quan-ly-ca/<int:pk>/thoi/", views.worker_remove, name="worker_remove"),
    path("tre-em/", views.ChildList.as_view(), name="child_list"),
    path("tre-em/xuat.<fileformat:fmt>", views.ChildList.as_view(), name="child_export"),
    path("tre-em/them/", views.child_add, name="child_add"),
    path("tre-em/<int:pk>/", views.child_detail, name="child_detail"),
    path("tre-em/<int:pk>/nhom/", views.child_group_add, name="child_group_add"),
    path("tre-em/<int:pk>/nhom/<int:row>/ket-thuc/", views.child_group_end, name="child_group_end"),
    path("tre-em/<int:pk>/ho-tro/", views.child_support_add, name="child_support_add"),
]
