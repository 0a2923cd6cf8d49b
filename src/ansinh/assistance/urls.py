from django.urls import path

from . import views

app_name = "assistance"
urlpatterns = [
    path("may-tinh-tro-cap/", views.calculator, name="calculator"),
    path("tham-so-chinh-sach/", views.parameter_list, name="parameter_list"),
    path("tham-so-chinh-sach/them/", views.parameter_add, name="parameter_add"),
]
