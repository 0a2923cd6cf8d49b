from django.urls import path

from . import views

app_name = "workforce"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("chi-tieu/", views.target_set, name="target_set"),
    path("nguoi/", views.PositionList.as_view(), name="position_list"),
    path("nguoi/xuat.<fileformat:fmt>", views.PositionList.as_view(), name="position_export"),
    path("nguoi/them/", views.PositionCreate.as_view(), name="position_create"),
    path("nguoi/<int:pk>/", views.PositionDetail.as_view(), name="position_detail"),
    path("nguoi/<int:pk>/ket-thuc/", views.position_end, name="position_end"),
    path("nguoi/<int:pk>/phu-cap/", views.position_allowance, name="position_allowance"),
    path("nguoi/<int:pk>/trinh-do/", views.qualification_add, name="qualification_add"),
    path("nguoi/<int:pk>/chung-chi/", views.certificate_add, name="certificate_add"),
    path("dao-tao/", views.CourseList.as_view(), name="course_list"),
    path("dao-tao/xuat.<fileformat:fmt>", views.CourseList.as_view(), name="course_export"),
    path("dao-tao/them/", views.CourseCreate.as_view(), name="course_create"),
    path("dao-tao/<int:pk>/", views.CourseDetail.as_view(), name="course_detail"),
    path("hoc-vien/<int:pk>/hoan-thanh/", views.attendance_complete, name="attendance_complete"),
]
