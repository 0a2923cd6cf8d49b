from django.urls import path

from . import views

app_name = "assistance"
urlpatterns = [
    path("may-tinh-tro-cap/", views.calculator, name="calculator"),
    path("tham-so-chinh-sach/", views.ParameterList.as_view(), name="parameter_list"),
    path("tham-so-chinh-sach/xuat.<fileformat:fmt>", views.ParameterList.as_view(), name="parameter_export"),
    path("tham-so-chinh-sach/them/", views.ParameterAdd.as_view(), name="parameter_add"),
    path("doi-tuong-huong/", views.EnrolmentList.as_view(), name="enrolment_list"),
    path("doi-tuong-huong/xuat.<fileformat:fmt>", views.EnrolmentList.as_view(), name="enrolment_export"),
    path("bhyt/", views.health_insurance, name="health_insurance"),
    path("ho-so/", views.ApplicationList.as_view(), name="application_list"),
    path("ho-so/xuat.<fileformat:fmt>", views.ApplicationList.as_view(), name="application_export"),
    path("ho-so/niem-yet/", views.posting_list, name="posting_list"),
    path("ho-so/tiep-nhan/<int:person_id>/", views.ApplicationCreate.as_view(), name="application_create"),
    path("ho-so/<int:pk>/", views.ApplicationDetail.as_view(), name="application_detail"),
    path("ho-so/<int:pk>/quyet-dinh.docx", views.application_decision, name="application_decision"),
    path("ho-so/<int:pk>/<str:action>/", views.ApplicationAction.as_view(), name="application_action"),
    path("doi-tuong-huong/thay-doi-thang-toi/", views.enrolment_changes, name="enrolment_changes"),
    path("doi-tuong-huong/them/<int:person_id>/", views.EnrolmentCreate.as_view(), name="enrolment_create"),
    path("doi-tuong-huong/huu-tri-xa-hoi/<int:person_id>/", views.PensionCreate.as_view(), name="pension_create"),
    path("doi-tuong-huong/<int:pk>/", views.EnrolmentDetail.as_view(), name="enrolment_detail"),
    path("doi-tuong-huong/<int:pk>/<str:action>/", views.EnrolmentAction.as_view(), name="enrolment_action"),
]
