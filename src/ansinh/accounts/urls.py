from django.urls import path

from ansinh.core.web import public

from . import views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", public(views.LoginView.as_view()), name="login"),
    path("dang-xuat/", public(views.LogoutView.as_view()), name="logout"),
    path("nguoi-dung/", views.UserList.as_view(), name="user_list"),
    path("nguoi-dung/them/", views.UserCreate.as_view(), name="user_create"),
    path("nguoi-dung/xuat.<fileformat:fmt>", views.UserList.as_view(), name="user_export"),
]
