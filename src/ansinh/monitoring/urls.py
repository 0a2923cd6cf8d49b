from django.urls import path

from . import views

app_name = "monitoring"
urlpatterns = [
    path("", views.PlanList.as_view(), name="plan_list"),
    path("them/", views.PlanEdit.as_view(), name="plan_create"),
    path("chi-so/", views.Catalogue.as_view(), name="catalogue"),
    path("<int:pk>/", views.PlanDetail.as_view(), name="plan_detail"),
    path("<int:pk>/sua/", views.PlanEdit.as_view(), name="plan_edit"),
    path("<int:pk>/chi-tieu/<int:position>/", views.TargetDetail.as_view(), name="target_detail"),
    path("<int:pk>/nhiem-vu/<int:position>/", views.TaskDetail.as_view(), name="task_detail"),
    path("nhiem-vu-qua-han/", views.OverdueTasks.as_view(), name="overdue_tasks"),
    path("minh-chung/<int:pk>/", views.Evidence.as_view(), name="evidence"),
    path("<int:pk>/bao-cao/", views.PlanReports.as_view(), name="plan_reports"),
    path("bao-cao/<int:pk>/", views.ReportDetail.as_view(), name="report_detail"),
    path("bao-cao/<int:pk>/tep.<str:fmt>", views.ReportFile.as_view(), name="report_file"),
]
