from django.urls import path

from . import views

app_name = "facilities"
urlpatterns = [
    path("", views.OrganisationList.as_view(), name="organisation_list"),
    path("xuat.<fileformat:fmt>", views.OrganisationList.as_view(), name="organisation_export"),
    path("them/", views.OrganisationCreate.as_view(), name="organisation_create"),
    path("<int:pk>/", views.OrganisationDetail.as_view(), name="organisation_detail"),
    path("du-an/", views.ProjectList.as_view(), name="project_list"),
    path("du-an/them/", views.ProjectCreate.as_view(), name="project_create"),
    path("du-an/<int:pk>/", views.ProjectDetail.as_view(), name="project_detail"),
    path("<int:pk>/thay-doi/", views.OrganisationChange.as_view(), name="organisation_change"),
    path("<int:pk>/giai-the/", views.organisation_close, name="organisation_close"),
    path("<int:pk>/tiep-nhan/", views.ResidentAdmit.as_view(), name="resident_admit"),
    path("<int:pk>/nhan-su/", views.staff_count_set, name="staff_count_set"),
    path("<int:pk>/tieu-chuan/", views.assessment_record, name="assessment_record"),
    path("<int:pk>/dich-vu/", views.service_start, name="service_start"),
    path("dich-vu/<int:pk>/dung/", views.service_end, name="service_end"),
    path("doi-tuong/<int:pk>/roi-co-so/", views.resident_discharge, name="resident_discharge"),
]
