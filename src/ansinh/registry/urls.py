from django.urls import path

from . import views

app_name = "registry"
urlpatterns = [
    path("doi-tuong/", views.person_list, name="person_list"),
    path("doi-tuong/them/", views.person_create, name="person_create"),
    path("doi-tuong/xuat.<fileformat:fmt>", views.person_export, name="person_export"),
    path("doi-tuong/<int:pk>/", views.person_detail, name="person_detail"),
    path("doi-tuong/<int:pk>/sua/", views.person_edit, name="person_edit"),
    path("ho-gia-dinh/", views.household_list, name="household_list"),
    path("ho-gia-dinh/them/", views.household_create, name="household_create"),
    path("ho-gia-dinh/<int:pk>/", views.household_detail, name="household_detail"),
    path("ho-gia-dinh/<int:pk>/sua/", views.household_edit, name="household_edit"),
    path("ho-gia-dinh/<int:pk>/thanh-vien/", views.household_member_add, name="household_member_add"),
    path("ho-gia-dinh/<int:pk>/thanh-vien/<int:member_id>/ra-khoi-ho/", views.household_member_remove, name="household_member_remove"),
    path("ho-gia-dinh/<int:pk>/ho-ngheo/", views.household_poverty_set, name="household_poverty_set"),
    path("nghi-trung/", views.duplicate_list, name="duplicate_list"),
    path("nghi-trung/<int:pk>/", views.duplicate_resolve, name="duplicate_resolve"),
]
