"""Every read of the fund. Each starts from `visible_to(user)`."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from ansinh.core.access import access

from .models import Donation, Form, Fund, Use


def funds(*, user) -> QuerySet[Fund]:
    return Fund.objects.visible_to(user).select_related("commune")


def access_fund(user, fund: Fund | int, action: str = "view") -> Fund:
    return access(Fund.objects.select_related("commune"), user, fund, action)


@dataclass(frozen=True)
class Balance:
    cash_in: Decimal
    cash_out: Decimal
    goods_in: Decimal
    goods_out: Decimal

    @property
    def cash(self) -> Decimal:
        return self.cash_in - self.cash_out

    @property
    def goods(self) -> Decimal:
        return self.goods_in - self.goods_out


def balance_on(fund: Fund, day: datetime.date) -> Balance:
    """What came in and went out up to `day`, in cash and in kind (goods by their value), in two grouped queries."""
    def totals(queryset, date_field: str) -> tuple[Decimal, Decimal]:
        sums = queryset.filter(**{f"{date_field}__lte": day}).aggregate(
            cash=Sum("value", filter=Q(form=Form.CASH)), goods=Sum("value", filter=Q(form=Form.IN_KIND)))
        return sums["cash"] or Decimal(0), sums["goods"] or Decimal(0)

    cash_in, goods_in = totals(Donation.objects.filter(fund=fund), "received_on")
    cash_out, goods_out = totals(Use.objects.filter(fund=fund), "used_on")
    return Balance(cash_in, cash_out, goods_in, goods_out)


def ledger(fund: Fund) -> tuple[QuerySet[Donation], QuerySet[Use]]:
    return fund.donations.all(), fund.uses.select_related("person")
