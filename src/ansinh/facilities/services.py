"""Every write to the network of organisations: one transaction each, audited.

An organisation's attributes change from a day: `organisation_change` splits the period in force that day
(a back-dated change reaches the past it names and no further than the next change already recorded), so
the history stays a chain of periods with no gap and no overlap. `commune_committees_load` gives every
commune its People's Committee, the first organisation every plan counts."""

import datetime
from decimal import Decimal
from typing import Any, TypedDict, Unpack

from django.db import transaction
from django.db.models import Q, Sum

from ansinh.audit.models import AuditEvent
from ansinh.audit.services import audit_record
from ansinh.core.access import covers, require_capability
from ansinh.core.exceptions import ConflictError, DomainError
from ansinh.core.templatetags.ansinh import vnd
from ansinh.core.text import fold
from ansinh.geo.models import AdministrativeUnit
from ansinh.registry.models import Person
from ansinh.registry.selectors import access_person

from .access import FACILITIES_CHANGE
from .models import (
    HOUSING,
    CareGroup,
    FundingSource,
    InvestmentProject,
    Kind,
    Organisation,
    OrganisationPeriod,
    OrganisationService,
    Ownership,
    ProjectFunding,
    ProjectPurpose,
    Resident,
    Service,
    StaffCount,
    StaffFunction,
    StandardAssessment,
)
from .selectors import access_organisation, access_project, access_resident

REFORM_DAY = datetime.date(2025, 7, 1)  # today's communes exist from 01/7/2025 (LEGAL_FACTS §7)
ATTRIBUTES = ("name", "kind", "ownership", "parent", "commune", "in_plan_scope", "provides_social_work", "capacity",
              "basis")


class PeriodFields(TypedDict, total=False):
    name: str
    kind: str
    ownership: str
    parent: Organisation | None
    commune: AdministrativeUnit
    in_plan_scope: bool
    provides_social_work: bool
    capacity: int | None
    basis: str


def _checked(user, fields: dict[str, Any], *, organisation: Organisation | None = None) -> dict[str, Any]:
    """The attributes of a period, cleaned; one DomainError naming the first bad field."""
    fields = dict(fields)
    fields["name"] = " ".join((fields.get("name") or "").split())
    if not fields["name"]:
        raise DomainError("Tên cơ quan, cơ sở không được để trống.", field="name")
    if len(fields["name"]) > 255:
        raise DomainError("Tên dài quá 255 ký tự.", field="name")
    if fields.get("kind") not in Kind.values:
        raise DomainError("Hãy chọn loại cơ quan, cơ sở.", field="kind")
    if fields.get("ownership", Ownership.PUBLIC) not in Ownership.values:
        raise DomainError("Loại hình phải là công lập hoặc ngoài công lập.", field="ownership")
    commune = fields.get("commune")
    if commune is None or commune.level != AdministrativeUnit.Level.COMMUNE:
        raise DomainError("Hãy chọn xã/phường/đặc khu.", field="commune")
    if not covers(user, commune):
        raise DomainError("Xã/phường này nằm ngoài địa bàn bạn quản lý.", field="commune")
    parent = fields.get("parent")
    if parent is not None:
        if organisation is not None and parent.pk == organisation.pk:
            raise DomainError("Cơ quan chủ quản không thể là chính cơ quan, cơ sở này.", field="parent")
        if parent.province_code != commune.province_code:
            raise DomainError("Cơ quan chủ quản phải ở cùng tỉnh.", field="parent")
        if organisation is not None and _is_below(parent, organisation):
            raise DomainError(f"{parent.name} đang trực thuộc cơ quan, cơ sở này: không thể là cơ quan chủ quản.",
                              field="parent")
    capacity = fields.get("capacity")
    if capacity is not None and capacity < 0:
        raise DomainError("Công suất không được âm.", field="capacity")
    fields["basis"] = (fields.get("basis") or "").strip()[:255]
    return fields


def _is_below(candidate: Organisation, organisation: Organisation) -> bool:
    """Whether `candidate` lies under `organisation` in today's chain of parent bodies."""
    seen: set[int] = set()
    current: Organisation | None = candidate
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        latest = current.periods.select_related("parent").latest("valid_from")
        current = latest.parent
        if current is not None and current.pk == organisation.pk:
            return True
    return False


def _mirror(organisation: Organisation) -> None:
    """The organisation's own name, kind and commune are those of its latest period."""
    latest = organisation.periods.latest("valid_from")
    organisation.name, organisation.name_folded, organisation.kind = latest.name, fold(latest.name), latest.kind
    organisation.commune, organisation.province_code = latest.commune, latest.commune.province_code


def _shown(name: str, value: Any) -> Any:
    """An attribute as the audit trail shows it."""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if name == "kind":
        return str(Kind(value).label)
    if name == "ownership":
        return str(Ownership(value).label)
    if name in ("parent", "commune"):
        return value.name if value is not None else ""
    if name == "capacity":
        return "" if value is None else value
    return value


def _view(period: OrganisationPeriod) -> dict[str, Any]:
    return {"valid_from": f"{period.valid_from:%d/%m/%Y}", **{name: _shown(name, getattr(period, name)) for name in ATTRIBUTES}}


def organisation_create(*, user, valid_from: datetime.date, code: str = "", **fields: Unpack[PeriodFields]) -> Organisation:
    require_capability(user, FACILITIES_CHANGE)
    cleaned = _checked(user, dict(fields))
    commune = cleaned["commune"]
    with transaction.atomic():
        code = code.strip().upper()
        if not code:
            code = f"CS-{commune.code}-{Organisation.objects.filter(commune=commune).count() + 1:04d}"
        if Organisation.objects.filter(code=code).exists():
            raise DomainError(f"Mã {code} đã có.", field="code")
        organisation = Organisation.objects.create(code=code, name=cleaned["name"], name_folded=fold(cleaned["name"]),
                                                   kind=cleaned["kind"], commune=commune,
                                                   province_code=commune.province_code)
        period = OrganisationPeriod.objects.create(organisation=organisation, valid_from=valid_from,
                                                   province_code=commune.province_code, **cleaned)
        audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=organisation,
                     changes={"code": code, **_view(period)})
    return organisation


def organisation_change(*, user, organisation: Organisation, expected_version: int, valid_from: datetime.date,
                        **changes: Unpack[PeriodFields]) -> Organisation:
    """From `valid_from` on, the organisation is as `changes` say: the period in force that day is split there,
    and it and every later period take the changes (the attributes not named stay as each period has them).
    A day before the organisation existed, or after it ceased, is refused."""
    access_organisation(user, organisation, "change")
    with transaction.atomic():
        current = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if current.version != expected_version:
            raise ConflictError("Cơ quan, cơ sở này đã được người khác sửa sau khi bạn mở. Hãy tải lại trang.")
        period = current.periods.on(valid_from).first()
        if period is None:
            raise DomainError(f"Ngày {valid_from:%d/%m/%Y} cơ quan, cơ sở này chưa thành lập hoặc đã giải thể.",
                              field="valid_from")
        affected = [period, *current.periods.filter(valid_from__gt=period.valid_from).order_by("valid_from")]
        checked = [_checked(user, {name: getattr(p, name) for name in ATTRIBUTES} | dict(changes), organisation=current)
                   for p in affected]
        if all(c[name] == getattr(p, name) for p, c in zip(affected, checked, strict=True) for name in changes):
            raise DomainError("Không có gì thay đổi.", field="valid_from")
        before = {name: getattr(period, name) for name in changes}  # as the day found it
        if period.valid_from < valid_from:  # the part before the day keeps what it was
            earlier = {name: getattr(period, name) for name in ATTRIBUTES}
            start, period.valid_from = period.valid_from, valid_from
            period.save(update_fields=["valid_from"])
            OrganisationPeriod.objects.create(**earlier, organisation=current, valid_from=start, valid_to=valid_from,
                                              province_code=period.province_code)
        for later, (target, cleaned) in enumerate(zip(affected, checked, strict=True)):
            for name, value in cleaned.items():
                if name != "basis" or not later:  # the document cited is that of the change, not of those after it
                    setattr(target, name, value)
            target.province_code = target.commune.province_code
            target.save()
        _mirror(current)
        current.version += 1
        current.save()
        audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=current,
                     changes={"valid_from": f"{valid_from:%d/%m/%Y}",
                              **{name: [_shown(name, before[name]), _shown(name, checked[0][name])]
                                 for name in changes if before[name] != checked[0][name]}})
    return current


def organisation_close(*, user, organisation: Organisation, expected_version: int, on: datetime.date,
                       basis: str = "") -> Organisation:
    """The organisation ceased on `on` (giải thể, sáp nhập): its last period ends that day."""
    access_organisation(user, organisation, "change")
    with transaction.atomic():
        current = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if current.version != expected_version:
            raise ConflictError("Cơ quan, cơ sở này đã được người khác sửa sau khi bạn mở. Hãy tải lại trang.")
        last = current.periods.latest("valid_from")
        if last.valid_to is not None:
            raise DomainError(f"Cơ quan, cơ sở này đã giải thể từ {last.valid_to:%d/%m/%Y}.", field="on")
        if on <= last.valid_from:
            raise DomainError(f"Ngày giải thể phải sau {last.valid_from:%d/%m/%Y} (ngày bắt đầu giai đoạn cuối).",
                              field="on")
        last.valid_to = on
        if basis.strip():
            last.basis = basis.strip()[:255]
        last.save(update_fields=["valid_to", "basis"])
        current.version += 1
        current.save(update_fields=["version", "updated_at"])
        audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=current,
                     changes={"valid_to": f"{on:%d/%m/%Y}", "basis": basis.strip()})
    return current


def commune_committees_load(*, province_code: str | None = None) -> int:
    """Each of today's communes (of one province, or all 3,321) has its People's Committee, in the plan's
    scope from 01/7/2025; running it again adds only what is missing. Set-based: two bulk inserts."""
    communes = AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.COMMUNE, valid_to__isnull=True)
    if province_code:
        communes = communes.filter(province_code=province_code)
    have = set(Organisation.objects.filter(kind=Kind.COMMUNE_COMMITTEE).values_list("code", flat=True))
    missing = [c for c in communes.order_by("code") if f"UBND-{c.code}" not in have]
    with transaction.atomic():
        created = Organisation.objects.bulk_create(
            [Organisation(code=f"UBND-{c.code}", name=f"UBND {c.name}", name_folded=fold(f"UBND {c.name}"),
                          kind=Kind.COMMUNE_COMMITTEE, commune=c, province_code=c.province_code) for c in missing],
            batch_size=1000)
        OrganisationPeriod.objects.bulk_create(
            [OrganisationPeriod(organisation=o, valid_from=REFORM_DAY, name=o.name, kind=o.kind,
                                ownership=Ownership.PUBLIC, commune=o.commune, province_code=o.province_code,
                                in_plan_scope=True, basis="QĐ 19/2025/QĐ-TTg (danh mục xã, phường từ 01/7/2025)")
             for o in created], batch_size=1000)
    return len(created)


# --- residents of facilities --------------------------------------------------------------------------



def resident_admit(*, user, organisation: Organisation, person: Person, care_group: str, admitted_on: datetime.date,
                   emergency: bool = False, basis: str = "") -> Resident:
    """A person is admitted to a facility (tiếp nhận): a facility that houses people, that existed that day, with
    room left under its capacity; a person is in one facility at a time (the person's row is locked, so two
    officers admitting one person at once cannot both succeed)."""
    access_organisation(user, organisation, "change")
    access_person(user, person)
    if care_group not in CareGroup.values:
        raise DomainError("Hãy chọn nhóm chăm sóc.", field="care_group")
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        period = organisation.periods.on(admitted_on).first()
        if period is None:
            raise DomainError(f"{organisation.name} chưa thành lập hoặc đã giải thể vào ngày {admitted_on:%d/%m/%Y}.",
                              field="admitted_on")
        if period.kind not in HOUSING:
            raise DomainError(f"{organisation.name} không phải cơ sở nuôi dưỡng, chăm sóc đối tượng.",
                              field="organisation")
        if person.date_of_death is not None and person.date_of_death < admitted_on:
            raise DomainError(f"Người này đã mất ngày {person.date_of_death:%d/%m/%Y}.", field="person")
        stay = Resident.objects.filter(person=person).filter(
            Q(discharged_on__isnull=True) | Q(discharged_on__gte=admitted_on)).select_related("organisation").first()
        if stay is not None:
            raise DomainError(f"{person.full_name} đang ở {stay.organisation.name} từ {stay.admitted_on:%d/%m/%Y}, "
                              "chưa ghi ngày rời cơ sở.", field="person")
        if period.capacity is not None:
            present = Resident.objects.filter(organisation=organisation, admitted_on__lte=admitted_on).filter(
                Q(discharged_on__isnull=True) | Q(discharged_on__gt=admitted_on)).count()
            if present >= period.capacity:
                raise DomainError(f"{organisation.name} đã đủ {period.capacity} chỗ vào ngày {admitted_on:%d/%m/%Y}.",
                                  field="admitted_on")
        resident = Resident.objects.create(organisation=organisation, person=person, care_group=care_group,
                                           admitted_on=admitted_on, emergency=emergency, basis=basis.strip()[:255])
        audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=resident,
                     changes={"after": {"person": person.full_name, "organisation": organisation.name,
                                        "care_group": str(CareGroup(care_group).label),
                                        "admitted_on": f"{admitted_on:%d/%m/%Y}", "emergency": emergency}},
                     commune=organisation.commune, province_code=organisation.province_code)
    return resident


def resident_discharge(*, user, resident: Resident, discharged_on: datetime.date, reason: str,
                       expected_version: int) -> Resident:
    """The day the person left the facility and why (NĐ 20/2021 Điều 30)."""
    access_resident(user, resident, "change")
    with transaction.atomic():
        current = Resident.objects.select_for_update().select_related("organisation", "person").get(pk=resident.pk)
        if current.version != expected_version:
            raise ConflictError("Hồ sơ này đã được người khác sửa sau khi bạn mở. Hãy tải lại trang.")
        if current.discharged_on is not None:
            raise DomainError(f"Đã ghi rời cơ sở ngày {current.discharged_on:%d/%m/%Y}.", field="discharged_on")
        if discharged_on < current.admitted_on:
            raise DomainError("Ngày rời cơ sở không được trước ngày tiếp nhận.", field="discharged_on")
        if not reason.strip():
            raise DomainError("Hãy ghi lý do.", field="discharge_reason")
        current.discharged_on, current.discharge_reason = discharged_on, reason.strip()[:255]
        current.version += 1
        current.save(update_fields=["discharged_on", "discharge_reason", "version"])
        audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=current,
                     changes={"discharged_on": f"{discharged_on:%d/%m/%Y}", "reason": current.discharge_reason},
                     commune=current.organisation.commune, province_code=current.organisation.province_code)
    return current


def staff_count_set(*, user, organisation: Organisation, function: str, count: int,
                    as_of: datetime.date) -> StaffCount:
    """How many people of a function the facility has from a day (a new row; the same day again replaces it)."""
    access_organisation(user, organisation, "change")
    if function not in StaffFunction.values:
        raise DomainError("Hãy chọn vị trí.", field="function")
    if count is None or count < 0:
        raise DomainError("Số người không được âm.", field="count")
    with transaction.atomic():
        row, _created = StaffCount.objects.update_or_create(organisation=organisation, function=function, as_of=as_of,
                                                            defaults={"count": count})
        audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=organisation,
                     changes={"staff": str(StaffFunction(function).label), "count": count,
                              "as_of": f"{as_of:%d/%m/%Y}"})
    return row


def assessment_record(*, user, organisation: Organisation, assessed_on: datetime.date, meets: bool, basis: str,
                      note: str = "") -> StandardAssessment:
    """The result of assessing a facility against the standards of care on a day."""
    access_organisation(user, organisation, "change")
    if organisation.kind not in HOUSING:
        raise DomainError(f"{organisation.name} không phải cơ sở nuôi dưỡng, chăm sóc đối tượng.",
                          field="organisation")
    if assessed_on > datetime.date.today():
        raise DomainError("Ngày đánh giá không được sau hôm nay.", field="assessed_on")
    if not basis.strip():
        raise DomainError("Hãy ghi quyết định hoặc biên bản đánh giá.", field="basis")
    if StandardAssessment.objects.filter(organisation=organisation, assessed_on=assessed_on).exists():
        raise DomainError(f"Đã có kết quả đánh giá ngày {assessed_on:%d/%m/%Y}.", field="assessed_on")
    with transaction.atomic():
        row = StandardAssessment.objects.create(organisation=organisation, assessed_on=assessed_on, meets=meets,
                                                basis=basis.strip()[:255], note=note.strip()[:255])
        audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=organisation,
                     changes={"assessed_on": f"{assessed_on:%d/%m/%Y}", "meets": "Đạt" if meets else "Chưa đạt",
                              "basis": row.basis})
    return row


# --- investment projects -------------------------------------------------------------------------------


def project_create(*, user, name: str, purpose: str, total: Decimal, start_year: int, end_year: int, basis: str,
                   organisation: Organisation | None = None, province_code: str = "") -> InvestmentProject:
    """An investment project of the province (or of one facility), its sources added after (`funding_add`)."""
    require_capability(user, FACILITIES_CHANGE)
    unit = getattr(user, "jurisdiction", None)
    name = " ".join(name.split())
    if not name:
        raise DomainError("Hãy ghi tên dự án.", field="name")
    if purpose not in ProjectPurpose.values:
        raise DomainError("Hãy chọn mục tiêu của dự án.", field="purpose")
    if total is None or total <= 0:
        raise DomainError("Tổng mức đầu tư phải lớn hơn 0.", field="total")
    if end_year < start_year:
        raise DomainError("Năm kết thúc không được trước năm bắt đầu.", field="end_year")
    if not basis.strip():
        raise DomainError("Hãy ghi căn cứ (kế hoạch, quyết định).", field="basis")
    if organisation is not None:
        access_organisation(user, organisation, "change")
        province_code = organisation.province_code
    elif unit is not None:
        if unit.level == "commune":
            raise DomainError("Dự án của xã phải gắn với một cơ sở trong xã.", field="organisation")
        province_code = unit.province_code
    if not province_code:
        raise DomainError("Hãy chọn tỉnh.", field="province_code")
    with transaction.atomic():
        project = InvestmentProject.objects.create(name=name[:255], purpose=purpose, organisation=organisation,
                                                   province_code=province_code, total=total, start_year=start_year,
                                                   end_year=end_year, basis=basis.strip()[:255])
        audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=project,
                     changes={"after": {"name": project.name, "total": str(total), "years": f"{start_year}–{end_year}"}},
                     commune=organisation.commune if organisation else None, province_code=province_code)
    return project


def funding_add(*, user, project: InvestmentProject, source: str, amount: Decimal,
                part_of: ProjectFunding | None = None) -> ProjectFunding:
    """A source of the project's money. Sources at the top add up to no more than the total; the parts of a
    source to no more than that source (the project's row is locked, so two officers cannot overshoot together)."""
    access_project(user, project, "change")
    if source not in FundingSource.values:
        raise DomainError("Hãy chọn nguồn vốn.", field="source")
    if amount is None or amount <= 0:
        raise DomainError("Số tiền phải lớn hơn 0.", field="amount")
    with transaction.atomic():
        project = InvestmentProject.objects.select_for_update().get(pk=project.pk)
        if part_of is not None and part_of.project_id != project.pk:
            raise DomainError("Nguồn này thuộc dự án khác.", field="part_of")
        siblings = project.funding.filter(part_of=part_of).aggregate(total=Sum("amount"))["total"] or Decimal(0)
        ceiling = part_of.amount if part_of is not None else project.total
        if siblings + amount > ceiling:
            what = f"nguồn {part_of.get_source_display()}" if part_of is not None else "tổng mức đầu tư"
            raise DomainError(f"Vượt {what} ({vnd(ceiling)}): đã ghi {vnd(siblings)}, còn {vnd(ceiling - siblings)}.",
                              field="amount")
        row = ProjectFunding.objects.create(project=project, source=source, amount=amount, part_of=part_of)
        project.version += 1
        project.save(update_fields=["version"])
        audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=project,
                     changes={"funding": str(FundingSource(source).label), "amount": str(amount),
                              "part_of": str(part_of.get_source_display()) if part_of else ""},
                     commune=project.organisation.commune if project.organisation else None,
                     province_code=project.province_code)
    return row


def service_start(*, user, organisation: Organisation, service: str, started_on: datetime.date) -> OrganisationService:
    """The unit provides a service from a day (not twice at once)."""
    access_organisation(user, organisation, "change")
    if service not in Service.values:
        raise DomainError("Hãy chọn dịch vụ.", field="service")
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=organisation.pk)
        if organisation.services.filter(service=service).filter(
                Q(ended_on__isnull=True) | Q(ended_on__gte=started_on)).exists():
            raise DomainError(f"Đơn vị đã cung cấp “{Service(service).label}” vào ngày {started_on:%d/%m/%Y}.",
                              field="service")
        row = OrganisationService.objects.create(organisation=organisation, service=service, started_on=started_on)
        audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=organisation,
                     changes={"service": str(Service(service).label), "from": f"{started_on:%d/%m/%Y}"})
    return row


def service_end(*, user, row: OrganisationService, ended_on: datetime.date) -> OrganisationService:
    """The unit stopped providing a service after this day."""
    access_organisation(user, row.organisation, "change")
    if row.ended_on is not None:
        raise DomainError(f"Dịch vụ này đã dừng từ {row.ended_on:%d/%m/%Y}.", field="ended_on")
    if ended_on < row.started_on:
        raise DomainError("Ngày dừng không được trước ngày bắt đầu.", field="ended_on")
    with transaction.atomic():
        row.ended_on = ended_on
        row.save(update_fields=["ended_on"])
        audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=row.organisation,
                     changes={"service": str(Service(row.service).label), "until": f"{ended_on:%d/%m/%Y}"})
    return row
