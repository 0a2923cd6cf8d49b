"""Every write of the fund: one transaction each, audited. Money never leaves a fund it is not in: a use is
checked against the balance of its day and of every day after (a back-dated use must not make a later balance
negative), with the fund's row locked so that two officers cannot spend the same money at once."""

import datetime
from decimal import Decimal

from django.db import transaction

from ansinh.audit.models import AuditEvent
from ansinh.audit.services import audit_record
from ansinh.core.access import place_for, require_capability
from ansinh.core.exceptions import DomainError
from ansinh.core.templatetags.ansinh import vnd
from ansinh.geo.models import AdministrativeUnit
from ansinh.registry.models import Person
from ansinh.registry.selectors import access_person

from .access import FUND_MANAGE
from .models import Donation, DonorKind, Form, Fund, Use
from .selectors import access_fund, lowest_from


def fund_create(*, user, name: str, established_on: datetime.date, basis: str,
                commune: AdministrativeUnit | None = None, province_code: str = "") -> Fund:
    require_capability(user, FUND_MANAGE)
    name = " ".join(name.split())
    if not name:
        raise DomainError("Hãy ghi tên quỹ.", field="name")
    if not basis.strip():
        raise DomainError("Hãy ghi quyết định thành lập.", field="basis")
    commune, province_code = place_for(user, commune, province_code, what="quỹ")
    with transaction.atomic():
        fund = Fund.objects.create(name=name[:255], commune=commune, province_code=province_code,
                                   established_on=established_on, basis=basis.strip()[:255])
        audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=fund,
                     changes={"after": {"name": fund.name, "established_on": f"{established_on:%d/%m/%Y}"}},
                     commune=commune, province_code=province_code)
    return fund


def _checked(fund: Fund, day: datetime.date, form: str, value: Decimal, goods: str, day_field: str) -> None:
    if day < fund.established_on:
        raise DomainError(f"Quỹ thành lập ngày {fund.established_on:%d/%m/%Y}.", field=day_field)
    if day > datetime.date.today():
        raise DomainError("Ngày không được sau hôm nay.", field=day_field)
    if form not in Form.values:
        raise DomainError("Hãy chọn tiền hoặc hiện vật.", field="form")
    if value is None or value <= 0:
        raise DomainError("Số tiền, giá trị phải lớn hơn 0.", field="value")
    if form == Form.IN_KIND and not goods.strip():
        raise DomainError("Hãy ghi hiện vật (ví dụ: 500 kg gạo).", field="goods")


def donation_record(*, user, fund: Fund, donor: str, donor_kind: str, received_on: datetime.date, form: str,
                    value: Decimal, goods: str = "", receipt: str = "") -> Donation:
    """A gift to the fund, in cash or in kind (with its estimated value)."""
    access_fund(user, fund, "manage")
    _checked(fund, received_on, form, value, goods, "received_on")
    if not donor.strip():
        raise DomainError("Hãy ghi tên nhà tài trợ.", field="donor")
    if donor_kind not in DonorKind.values:
        raise DomainError("Hãy chọn loại nhà tài trợ.", field="donor_kind")
    with transaction.atomic():
        donation = Donation.objects.create(fund=fund, donor=" ".join(donor.split())[:255], donor_kind=donor_kind,
                                           received_on=received_on, form=form, value=value,
                                           goods=goods.strip()[:255], receipt=receipt.strip()[:40], created_by=user)
        audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=donation,
                     changes={"after": {"fund": fund.name, "donor": donation.donor, "form": str(Form(form).label),
                                        "value": str(value), "goods": donation.goods,
                                        "received_on": f"{received_on:%d/%m/%Y}"}},
                     commune=fund.commune, province_code=fund.province_code)
    return donation


def use_record(*, user, fund: Fund, used_on: datetime.date, form: str, value: Decimal, decision: str,
               person: Person | None = None, programme: str = "", goods: str = "") -> Use:
    """What the fund gave, to a person or a programme: never more than the fund holds, that day or any day after."""
    access_fund(user, fund, "manage")
    _checked(fund, used_on, form, value, goods, "used_on")
    if person is None and not programme.strip():
        raise DomainError("Hãy chọn người nhận hoặc ghi chương trình, đợt trợ giúp.", field="programme")
    if person is not None:
        access_person(user, person)
    if not decision.strip():
        raise DomainError("Hãy ghi quyết định chi.", field="decision")
    with transaction.atomic():
        fund = Fund.objects.select_for_update().get(pk=fund.pk)
        left, day = lowest_from(fund, used_on, form)  # a back-dated use must not empty a later day
        if left < value:
            what = "tiền" if form == Form.CASH else "hiện vật (theo giá trị)"
            raise DomainError(f"Quỹ chỉ còn {vnd(max(left, Decimal(0)))} {what} vào ngày {day:%d/%m/%Y}.",
                              field="value")
        use = Use.objects.create(fund=fund, used_on=used_on, form=form, value=value, goods=goods.strip()[:255],
                                 person=person, programme=" ".join(programme.split())[:255],
                                 decision=decision.strip()[:100], created_by=user)
        fund.version += 1
        fund.save(update_fields=["version"])
        audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=use,
                     changes={"after": {"fund": fund.name, "form": str(Form(form).label), "value": str(value),
                                        "to": person.full_name if person else use.programme,
                                        "used_on": f"{used_on:%d/%m/%Y}", "decision": use.decision}},
                     commune=fund.commune, province_code=fund.province_code)
    return use
