from django.urls import path

from . import views

app_name = "exchange"
urlpatterns = [
    path("", views.JobList.as_view(), name="job_list"),
    path("xuat.<fileformat:fmt>", views.JobList.as_view(), name="job_export"),
    path("tai-len/", views.Upload.as_view(), name="upload"),
    path("mau/<slug:kind>.xlsx", views.template, name="template"),
    path("<int:pk>/", views.JobDetail.as_view(), name="job_detail"),
    path("<int:pk>/loi.<fileformat:fmt>", views.error_report, name="error_report"),
    path("<int:pk>/<str:action>/", views.JobAction.as_view(), name="job_action"),
]
