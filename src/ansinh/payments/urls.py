from django.urls import path

from . import views

app_name = "payments"
urlpatterns = [
    path("", views.run_list, name="run_list"),
    path("<int:pk>/", views.run_detail, name="run_detail"),
    path("<int:pk>/tai-ve.<fileformat:fmt>", views.run_export, name="run_export"),
    path("<int:pk>/giao-tep/", views.run_issue, name="run_issue"),
    path("tep/", views.FileList.as_view(), name="file_list"),
    path("tep/xuat.<fileformat:fmt>", views.FileList.as_view(), name="file_list_export"),
    path("tep/<int:pk>/", views.file_detail, name="file_detail"),
    path("tep/<int:pk>/tai-ve.<fileformat:fmt>", views.file_export, name="file_export"),
]
