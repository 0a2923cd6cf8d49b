from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from ansinh.core.web import public

urlpatterns = [
    path("", include("ansinh.core.urls")),
    path("tai-khoan/", include("ansinh.accounts.urls")),
    path("", include("ansinh.registry.urls")),
    path("nhat-ky/", include("ansinh.audit.urls")),
    path("tro-giup-xa-hoi/", include("ansinh.assistance.urls")),
    path("chi-tra/", include("ansinh.payments.urls")),
    path("nhap-du-lieu/", include("ansinh.exchange.urls")),
    path("co-quan-co-so/", include("ansinh.facilities.urls")),
    path("nhan-luc/", include("ansinh.workforce.urls")),
    path("quy-tro-giup/", include("ansinh.fund.urls")),
    path("quan-ly-ca/", include("ansinh.casework.urls")),
    path("khan-cap/", include("ansinh.emergency.urls")),
    path("ke-hoach/", include("ansinh.monitoring.urls")),
    path("i18n/setlang/", public(set_language), name="set_language"),
    path("api/v1/", include("ansinh.api_urls")),
    path("api/schema/", public(SpectacularAPIView.as_view()), name="api-schema"),
    path("api/docs/", public(SpectacularSwaggerSplitView.as_view(url_name="api-schema")), name="api-docs"),
]
