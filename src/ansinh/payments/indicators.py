"""The payments indicator, by code, for the monitoring of the plans: of the monthly payments made in the period,
the share paid into the beneficiary's account (non-cash), by the commune paying them."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ansinh.assistance.access import ASSISTANCE_VIEW
from ansinh.assistance.models import PaymentMethod
from ansinh.core import indicators
from ansinh.core.access import can, jurisdiction_q
from ansinh.core.dates import first_of_month

from .models import PaymentLine

CASHLESS = "payments.paid_cashless"


def _paid(user, day: datetime.date, start: datetime.date):
    """The lines of the months from `start` to `day` paid by `day`."""
    q = jurisdiction_q(user)
    rows = PaymentLine.objects.filter(month__gte=first_of_month(start), month__lte=first_of_month(day),
                                      status=PaymentLine.Status.PAID, paid_on__lte=day)
    return rows if q is None else rows.filter(q)


def paid_cashless(*, user, day: datetime.date, start: datetime.date) -> dict[int, tuple[int, int | None]]:
    if not can(user, ASSISTANCE_VIEW):
        return {}
    rows = _paid(user, day, start).order_by().values("commune_id").annotate(
        bank=Count("id", filter=Q(method=PaymentMethod.BANK)), paid=Count("id"))
    return {r["commune_id"]: (r["bank"], r["paid"]) for r in rows}


def _rows(*, user, day, start, commune, part):
    rows = _paid(user, day, start).filter(pk__in=PaymentLine.objects.visible_to(user).values("pk"))
    if commune is not None:
        rows = rows.filter(commune_id=commune)
    if part == "numerator":
        rows = rows.filter(method=PaymentMethod.BANK)
    elif part == "missing":
        rows = rows.exclude(method=PaymentMethod.BANK)
    for line in rows.select_related("person", "commune").order_by("-month", "person__full_name")[:2000]:
        yield indicators.Row(reverse("registry:person_detail", args=[line.person_id]),
                             (line.person.full_name, line.commune.name, f"{line.month:%m/%Y}",
                              line.get_method_display(), f"{line.paid_on:%d/%m/%Y}" if line.paid_on else ""))


indicators.register(indicators.Indicator(
    code=CASHLESS, label=str(_("Tỷ lệ lượt chi trả trợ cấp hằng tháng qua tài khoản (không dùng tiền mặt)")),
    capability=ASSISTANCE_VIEW, numerator_label=str(_("lượt chi qua tài khoản")),
    denominator_label=str(_("lượt đã chi")), compute=paid_cashless, drill=_rows, periodic=True,
    columns=(str(_("Họ và tên")), str(_("Xã/phường")), str(_("Tháng")), str(_("Hình thức")), str(_("Ngày chi"))),
    legal="NĐ 20/2021/NĐ-CP Điều 34 (chi trả qua tổ chức dịch vụ chi trả: tài khoản, ví điện tử hoặc tiền mặt)"))
