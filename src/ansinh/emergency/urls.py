from django.urls import path

from . import views

app_name = "emergency"
urlpatterns = [
    path("", views.EventList.as_view(), name="event_list"),
    path("them/", views.EventCreate.as_view(), name="event_create"),
    path("<int:pk>/", views.EventDetail.as_view(), name="event_detail"),
    path("<int:pk>/danh-sach/", views.affected_paste, name="affected_paste"),
    path("<int:pk>/de-xuat/", views.aids_propose, name="aids_propose"),
    path("<int:pk>/quyet-dinh/", views.decision_make, name="decision_make"),
    path("<int:pk>/de-nghi-tinh/", views.request_send, name="request_send"),
    path("dong/<int:pk>/tro-giup/", views.aid_propose, name="aid_propose"),
    path("dong/<int:pk>/khong-tro-giup/", views.affected_close, name="affected_close"),
    path("tro-giup/<int:pk>/rut/", views.aid_withdraw, name="aid_withdraw"),
    path("tro-giup/<int:pk>/chi-phat/", views.delivery_record, name="delivery_record"),
    path("quyet-dinh/<int:pk>.docx", views.decision_docx, name="decision_docx"),
    path("quyet-dinh/<int:pk>/chi-phat/", views.decision_deliver, name="decision_deliver"),
    path("quyet-dinh/<int:pk>/chi-tra/", views.decision_payment, name="decision_payment"),
    path("de-nghi/<int:pk>/tra-loi/", views.request_answer, name="request_answer"),
    path("cho-tro-giup/", views.WaitingList.as_view(), name="waiting_list"),
    path("cho-tro-giup/xuat.<fileformat:fmt>", views.WaitingList.as_view(), name="waiting_export"),
    path("mai-tang/", views.FuneralList.as_view(), name="funeral_list"),
    path("mai-tang/<int:pk>/", views.FuneralDetail.as_view(), name="funeral_detail"),
    path("mai-tang/<int:pk>/quyet-dinh/", views.funeral_decide, name="funeral_decide"),
    path("mai-tang/<int:pk>/chi-tra/", views.funeral_pay, name="funeral_pay"),
    path("mai-tang/<int:pk>.docx", views.funeral_docx, name="funeral_docx"),
]
