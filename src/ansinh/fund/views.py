"""Pages of the fund: the list, a fund with its balance, donations and uses, and the forms recording them."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ansinh.core.access import can
from ansinh.core.generic import ScopedDetailView, ScopedListView, ServiceFormView
from ansinh.core.web import posted, require
from ansinh.registry.selectors import person_by_citizen_id

from . import selectors, services
from .access import FUND_MANAGE, FUND_VIEW
from .filters import FundFilterSet
from .forms import DonationForm, FundForm, UseForm


class FundList(ScopedListView):
    access = FUND_VIEW
    filterset_class = FundFilterSet
    template_name = "fund/fund_list.html"
    source = selectors.funds


class FundCreate(ServiceFormView):
    access = FUND_MANAGE
    form_class = FundForm
    template_name = "fund/fund_form.html"

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form):
        return services.fund_create(user=self.request.user, **form.cleaned_data)

    def success(self, fund):
        return redirect("fund:fund_detail", pk=fund.pk)


class FundDetail(ScopedDetailView):
    access = FUND_VIEW
    template_name = "fund/fund_detail.html"
    read = selectors.access_fund
    context_object_name = "fund"

    def get_context_data(self, **context):
        fund, today = context["fund"], timezone.localdate()
        donations, uses = selectors.ledger(user=self.request.user, fund=fund)
        return {**context, "balance": selectors.balance_on(fund, today), "donations": donations[:100],
                "uses": uses[:100], "today": today, "can_manage": can(self.request.user, FUND_MANAGE),
                "donation_form": DonationForm(prefix="d", initial={"received_on": today}),
                "use_form": UseForm(prefix="u", initial={"used_on": today})}


def _record(request, pk: int, form_class, prefix: str, perform, done: str):
    fund = selectors.access_fund(request.user, pk, "manage")
    return posted(request, form_class(request.POST, prefix=prefix), lambda data: perform(fund, dict(data)), done=done,
                  back=reverse("fund:fund_detail", args=[pk]))


@require_POST
@require(FUND_MANAGE)
def donation_record(request, pk: int):
    def perform(fund, data):
        return services.donation_record(user=request.user, fund=fund, **data)
    return _record(request, pk, DonationForm, "d", perform, _("Đã ghi khoản tài trợ."))


@require_POST
@require(FUND_MANAGE)
def use_record(request, pk: int):
    def perform(fund, data):
        citizen_id = data.pop("citizen_id")
        person = person_by_citizen_id(user=request.user, citizen_id=citizen_id) if citizen_id.strip() else None
        return services.use_record(user=request.user, fund=fund, person=person, **data)
    return _record(request, pk, UseForm, "u", perform, _("Đã ghi khoản chi."))
