from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("ngay-nghi-le/", views.holiday_list, name="holiday_list"),
    path("chi-so/<str:code>/", views.indicator_detail, name="indicator_detail"),
]
