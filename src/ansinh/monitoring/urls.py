from django.urls import path

from . import views

app_name = "monitoring"
urlpatterns = [
    path("", views.PlanList.as_view(), name="plan_list"),
    path("<int:pk>/", views.PlanDetail.as_view(), name="plan_detail"),
]
