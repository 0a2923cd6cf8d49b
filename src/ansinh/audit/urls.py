from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("", views.EventList.as_view(), name="event_list"),
    path("xuat.<fileformat:fmt>", views.EventList.as_view(), name="event_export"),
]
