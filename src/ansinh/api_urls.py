"""/api/v1/: one router for every app."""

from django.urls import path
from rest_framework.routers import APIRootView, DefaultRouter

from ansinh.accounts.api import ObtainTokenView
from ansinh.assistance.api import (
    AllowanceEvaluateView,
    ApplicationViewSet,
    EnrolmentViewSet,
    HealthInsuranceView,
    PolicyParameterViewSet,
)
from ansinh.casework.api import (
    CaseViewSet,
    ChildViewSet,
    ReferralViewSet,
    SupportViewSet,
    WorkerViewSet,
)
from ansinh.core.api import IndicatorView
from ansinh.core.web import SIGNED_IN
from ansinh.emergency.api import (
    AffectedViewSet,
    AidViewSet,
    DecisionViewSet,
    EventViewSet,
    FuneralViewSet,
    RequestViewSet,
)
from ansinh.exchange.api import ImportJobViewSet
from ansinh.facilities.api import OrganisationViewSet, ProjectViewSet, ResidentViewSet
from ansinh.fund.api import FundViewSet
from ansinh.geo.api import AdministrativeUnitViewSet
from ansinh.monitoring.api import DefinitionViewSet, PlanTaskViewSet, PlanViewSet, ReportViewSet
from ansinh.payments.api import PaymentFileViewSet, PayrollRunViewSet
from ansinh.registry.api import DuplicateViewSet, HouseholdViewSet, PersonViewSet
from ansinh.workforce.api import CourseViewSet, PositionViewSet, TrainingTargetViewSet


# no `.json` suffix routes: the API speaks JSON only (files come from `?format=` on their own actions)
class RootView(APIRootView):
    """An Sinh API: mọi danh sách và thao tác, theo địa bàn của người dùng."""

    access = SIGNED_IN


router = DefaultRouter()
router.APIRootView = RootView
router.include_format_suffixes = False
router.register("persons", PersonViewSet, basename="person")
router.register("households", HouseholdViewSet, basename="household")
router.register("duplicates", DuplicateViewSet, basename="duplicate")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("residents", ResidentViewSet, basename="resident")
router.register("investment-projects", ProjectViewSet, basename="investment-project")
router.register("admin-units", AdministrativeUnitViewSet, basename="admin-unit")
router.register("policy-parameters", PolicyParameterViewSet, basename="policy-parameter")
router.register("enrolments", EnrolmentViewSet, basename="enrolment")
router.register("applications", ApplicationViewSet, basename="application")
router.register("payroll-runs", PayrollRunViewSet, basename="payroll-run")
router.register("payment-files", PaymentFileViewSet, basename="payment-file")
router.register("imports", ImportJobViewSet, basename="import")
router.register("sw-positions", PositionViewSet, basename="sw-position")
router.register("courses", CourseViewSet, basename="course")
router.register("training-targets", TrainingTargetViewSet, basename="training-target")
router.register("indicators", IndicatorView, basename="indicator")
router.register("funds", FundViewSet, basename="fund")
router.register("cases", CaseViewSet, basename="case")
router.register("case-referrals", ReferralViewSet, basename="case-referral")
router.register("case-workers", WorkerViewSet, basename="case-worker")
router.register("children", ChildViewSet, basename="child")
router.register("child-supports", SupportViewSet, basename="child-support")
router.register("emergency-events", EventViewSet, basename="emergency-event")
router.register("emergency-affected", AffectedViewSet, basename="emergency-affected")
router.register("emergency-aids", AidViewSet, basename="emergency-aid")
router.register("emergency-decisions", DecisionViewSet, basename="emergency-decision")
router.register("emergency-requests", RequestViewSet, basename="emergency-request")
router.register("funeral-supports", FuneralViewSet, basename="funeral-support")
router.register("plans", PlanViewSet, basename="plan")
router.register("reports", ReportViewSet, basename="report")
router.register("plan-tasks", PlanTaskViewSet, basename="plan-task")
router.register("indicator-definitions", DefinitionViewSet, basename="indicator-definition")

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("allowance/evaluate/", AllowanceEvaluateView.as_view(), name="allowance-evaluate"),
    path("health-insurance/", HealthInsuranceView.as_view(), name="health-insurance"),
    *router.urls,
]
