from django.urls import path

from . import views

app_name = "assistance"
urlpatterns = [
    path("may-tinh-tro-cap/", views.calculator, name="calculator"),
    path("tham-so-chinh-sach/", views.parameter_list, name="parameter_list"),
    path("tham-so-chinh-sach/them/", views.parameter_add, name="parameter_add"),
    path("doi-tuong-huong/", views.enrolment_list, name="enrolment_list"),
    path("bhyt/", views.health_insurance, name="health_insurance"),
    path("ho-so/", views.application_list, name="application_list"),
    path("ho-so/niem-yet/", views.posting_list, name="posting_list"),
    path("ho-so/tiep-nhan/<int:person_id>/", views.application_create, name="application_create"),
    path("ho-so/<int:pk>/", views.application_detail, name="application_detail"),
    path("ho-so/<int:pk>/quyet-dinh.docx", views.application_decision, name="application_decision"),
    path("ho-so/<int:pk>/<str:kind>/", views.application_step, name="application_step"),
    path("doi-tuong-huong/thay-doi-thang-toi/", views.enrolment_changes, name="enrolment_changes"),
    path("doi-tuong-huong/them/<int:person_id>/", views.enrolment_create, name="enrolment_create"),
    path("doi-tuong-huong/huu-tri-xa-hoi/<int:person_id>/", views.pension_create, name="pension_create"),
    path("doi-tuong-huong/<int:pk>/", views.enrolment_detail, name="enrolment_detail"),
    path("doi-tuong-huong/<int:pk>/bao-tu/", views.enrolment_death, name="enrolment_death"),
    path("doi-tuong-huong/<int:pk>/<str:action>/", views.enrolment_action, name="enrolment_action"),
]
