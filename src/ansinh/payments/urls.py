from django.urls import path

from . import views

app_name = "payments"
urlpatterns = [
    path("", views.run_list, name="run_list"),
    path("<int:pk>/", views.run_detail, name="run_detail"),
    path("<int:pk>/tai-ve.<str:fmt>", views.run_export, name="run_export"),
]
