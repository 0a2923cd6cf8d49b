from django.urls import path

from . import views

app_name = "fund"
urlpatterns = [
    path("", views.FundList.as_view(), name="fund_list"),
    path("them/", views.FundCreate.as_view(), name="fund_create"),
    path("<int:pk>/", views.FundDetail.as_view(), name="fund_detail"),
    path("<int:pk>/tai-tro/", views.donation_record, name="donation_record"),
    path("<int:pk>/chi/", views.use_record, name="use_record"),
]
