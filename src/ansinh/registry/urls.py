from django.urls import path

from . import views

app_name = "registry"
urlpatterns = [
    path("doi-tuong/", views.PersonList.as_view(), name="person_list"),
    path("doi-tuong/them/", views.PersonCreate.as_view(), name="person_create"),
    path("doi-tuong/xuat.<fileformat:fmt>", views.PersonList.as_view(), name="person_export"),
    path("doi-tuong/<int:pk>/", views.PersonDetail.as_view(), name="person_detail"),
    path("doi-tuong/<int:pk>/sua/", views.PersonEdit.as_view(), name="person_edit"),
    path("ho-gia-dinh/", views.HouseholdList.as_view(), name="household_list"),
    path("ho-gia-dinh/xuat.<fileformat:fmt>", views.HouseholdList.as_view(), name="household_export"),
    path("ho-gia-dinh/them/", views.HouseholdCreate.as_view(), name="household_create"),
    path("ho-gia-dinh/<int:pk>/", views.HouseholdDetail.as_view(), name="household_detail"),
    path("ho-gia-dinh/<int:pk>/sua/", views.HouseholdEdit.as_view(), name="household_edit"),
    path("ho-gia-dinh/<int:pk>/thanh-vien/", views.household_member_add, name="household_member_add"),
    path("ho-gia-dinh/<int:pk>/thanh-vien/<int:member_id>/ra-khoi-ho/", views.household_member_remove, name="household_member_remove"),
    path("ho-gia-dinh/<int:pk>/ho-ngheo/", views.household_poverty_set, name="household_poverty_set"),
    path("nghi-trung/", views.DuplicateList.as_view(), name="duplicate_list"),
    path("nghi-trung/xuat.<fileformat:fmt>", views.DuplicateList.as_view(), name="duplicate_export"),
    path("nghi-trung/<int:pk>/<str:action>/", views.DuplicateAction.as_view(), name="duplicate_action"),
]
