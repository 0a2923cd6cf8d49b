"""Every read of the fund. Each starts from `visible_to(user)`."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from ansinh.core.access import access

from .models import Donation, Form, Fund, Use


def _total(model, date_field: str, form: str, day: datetime.date):
    sums = (model.objects.filter(fund=OuterRef("pk"), form=form, **{f"{date_field}__lte": day}).order_by()
            .values("fund").annotate(total=Sum("value")).values("total"))
    return Coalesce(Subquery(sums), Value(Decimal(0)), output_field=DecimalField(max_digits=15, decimal_places=0))


def with_balances(queryset: QuerySet[Fund], day: datetime.date) -> QuerySet[Fund]:
    """Each fund with `cash_balance` and `goods_balance` on `day`, computed by the database for the whole list."""
    return queryset.annotate(**{
        f"{name}_balance": _total(Donation, "received_on", form, day) - _total(Use, "used_on", form, day)
        for name, form in (("cash", Form.CASH), ("goods", Form.IN_KIND))})


def funds(*, user) -> QuerySet[Fund]:
    return with_balances(Fund.objects.visible_to(user).select_related("commune"), datetime.date.today())


def access_fund(user, fund: Fund | int, action: str = "view") -> Fund:
    return access(with_balances(Fund.objects.select_related("commune"), datetime.date.today()), user, fund, action)


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


def lowest_from(fund: Fund, day: datetime.date, form: str) -> tuple[Decimal, datetime.date]:
    """The lowest balance (cash, or goods by value) the fund has on `day` or any day after, and the first day it
    is that low: what a use on `day` may take without some later day going below zero. Two grouped queries (each
    day's total in and out), then a running sum over those days."""
    moves: dict[datetime.date, Decimal] = {}
    for model, date_field, sign in ((Donation, "received_on", 1), (Use, "used_on", -1)):
        for when, total in (model.objects.filter(fund=fund, form=form).order_by().values_list(date_field)
                            .annotate(total=Sum("value"))):
            moves[when] = moves.get(when, Decimal(0)) + sign * total
    balance = sum((v for when, v in moves.items() if when <= day), start=Decimal(0))
    lowest, on = balance, day
    for when in sorted(w for w in moves if w > day):
        balance += moves[when]
        if balance < lowest:
            lowest, on = balance, when
    return lowest, on


def ledger(*, user, fund: Fund) -> tuple[QuerySet[Donation], QuerySet[Use]]:
    return (Donation.objects.visible_to(user).filter(fund=fund),
            Use.objects.visible_to(user).filter(fund=fund).select_related("person"))
