"""Events and their village lists (Mẫu 5a/5b): recorded by line or pasted from a spreadsheet, each person from
the registry or registered on the spot; all of a pasted list or nothing."""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from ansinh.assistance.models import FuneralSupport
from ansinh.audit.models import AuditEvent
from ansinh.audit.services import audit_record, audit_records
from ansinh.core.access import covers, require_capability
from ansinh.core.exceptions import DomainError
from ansinh.core.files import pasted_rows
from ansinh.core.text import fold
from ansinh.geo.models import AdministrativeUnit
from ansinh.registry.models import (
    Household,
    HouseholdMember,
    HouseholdPoverty,
    Person,
    PovertyStatus,
)
from ansinh.registry.services import person_create

from .. import rules, selectors
from ..access import EMERGENCY_MANAGE
from ..models import Affected, Damage, Event, EventKind
from .funeral import already_decided, funeral_claim


def event_create(*, user, kind: str, name: str, started_on: datetime.date, communes: list[AdministrativeUnit],
                 ended_on: datetime.date | None = None, note: str = "") -> Event:
    """A disaster or hardship in one or more communes of one province, each inside the user's jurisdiction."""
    require_capability(user, EMERGENCY_MANAGE)
    if kind not in EventKind.values:
        raise DomainError("Hãy chọn loại sự kiện.", field="kind")
    name = " ".join(name.split())
    if not name:
        raise DomainError("Hãy ghi tên sự kiện (ví dụ: Lũ tháng 10/2026).", field="name")
    if started_on > timezone.localdate():
        raise DomainError("Ngày bắt đầu không được sau hôm nay.", field="started_on")
    if ended_on is not None and ended_on < started_on:
        raise DomainError("Ngày kết thúc không được trước ngày bắt đầu.", field="ended_on")
    communes = list(communes)
    if not communes:
        raise DomainError("Hãy chọn ít nhất một xã/phường bị ảnh hưởng.", field="communes")
    outside = [c.name for c in communes if not covers(user, c)]
    if outside:
        raise DomainError(f"Nằm ngoài địa bàn bạn quản lý: {', '.join(outside)}.", field="communes")
    if len({c.province_code for c in communes}) > 1:
        raise DomainError("Các xã/phường của một sự kiện phải cùng một tỉnh.", field="communes")
    with transaction.atomic():
        event = Event.objects.create(kind=kind, name=name[:160], started_on=started_on, ended_on=ended_on,
                                     province_code=communes[0].province_code, note=note.strip(), created_by=user)
        event.communes.set(communes)
        audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=event, commune=None,
                     changes={"after": {"kind": str(EventKind(kind).label), "name": event.name,
                                        "started_on": f"{started_on:%d/%m/%Y}",
                                        "communes": [c.name for c in communes]}})
    return event


def _vulnerable(person: Person, household: Household | None, year: int) -> bool:
    """Poor or near-poor in the registry for the year (the house supports of Điều 15 need it)."""
    if household is None:
        return False
    return HouseholdPoverty.objects.filter(household=household, year__in=(year, year - 1),
                                           status__in=(PovertyStatus.POOR, PovertyStatus.NEAR_POOR)).exists()


def _household_of(person: Person) -> Household | None:
    member = person.memberships.filter(left_on__isnull=True).select_related("household__commune").first()
    return member.household if member else None


def _check_line(event: Event, person: Person, damage: str, people: int, detected_on: datetime.date,
                communes: set[int], household: Household | None = None) -> None:
    if person.commune_id not in communes:
        raise DomainError(f"{person.full_name} ở {person.commune.name}, không thuộc các xã/phường bị ảnh hưởng của "
                          "sự kiện.", field="person")
    if household is not None and household.commune_id not in communes:
        raise DomainError(f"Hộ {household.code} của {person.full_name} ở {household.commune.name}, không thuộc các "
                          "xã/phường bị ảnh hưởng của sự kiện.", field="person")
    if damage == Damage.DEATH:
        decided = FuneralSupport.objects.filter(person=person).exclude(
            status=FuneralSupport.Status.PROPOSED).select_related("person").first()
        if decided is not None:
            raise DomainError(already_decided(decided), field="person")
    if damage not in Damage.values:
        raise DomainError("Hãy chọn thiệt hại.", field="damage")
    if people < 1:
        raise DomainError("Số người phải từ 1 trở lên.", field="people")
    if detected_on < event.started_on:
        raise DomainError(f"Ngày phát hiện trước ngày bắt đầu sự kiện ({event.started_on:%d/%m/%Y}).",
                          field="detected_on")
    if detected_on > timezone.localdate():
        raise DomainError("Ngày phát hiện không được sau hôm nay.", field="detected_on")


def _create_line(*, user, event: Event, person: Person, household: Household | None, damage: str, people: int,
                 vulnerable: bool, days_treated: int | None, detected_on: datetime.date, hamlet: str,
                 note: str) -> Affected:
    terms = selectors.terms(detected_on, event.province_code)
    line = Affected.objects.create(
        event=event, person=person, household=household, commune=person.commune,
        province_code=person.province_code, hamlet=(hamlet or person.hamlet)[:100], damage=damage, people=people,
        vulnerable=vulnerable or _vulnerable(person, household, detected_on.year), days_treated=days_treated,
        detected_on=detected_on, due_on=rules.decision_due(detected_on, terms), note=note[:255], created_by=user)
    audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=line,
                 changes={"after": {"event": event.name, "person": person.full_name,
                                    "damage": str(Damage(damage).label), "people": people,
                                    "detected_on": f"{detected_on:%d/%m/%Y}"}})
    if damage == Damage.DEATH:  # the funeral support of Điều 14, at the highest rate that applies
        funeral_claim(user=user, person=person, ground="disaster", date_of_death=detected_on)
    return line


def _listed(event: Event, person: Person) -> None:
    if Affected.objects.filter(event=event, person=person).exists():
        raise DomainError(f"{person.full_name} đã có trong danh sách của sự kiện này; mỗi người chỉ ghi một dòng.",
                          field="person")


@transaction.atomic
def affected_add(*, user, event: Event, person: Person, damage: str, detected_on: datetime.date, people: int = 1,
                 vulnerable: bool = False, days_treated: int | None = None, hamlet: str = "",
                 note: str = "") -> Affected:
    """One line of the list: a registry person (for a household, its head) and what struck them."""
    selectors.access_event(user, event, "manage")
    if not covers(user, person.commune):
        raise DomainError("Người này nằm ngoài địa bàn bạn quản lý.", field="person")
    household = _household_of(person)
    _check_line(event, person, damage, people, detected_on, set(event.communes.values_list("pk", flat=True)),
                household)
    _listed(event, person)
    try:
        with transaction.atomic():  # listed at the same moment by someone else: the constraint says so
            return _create_line(user=user, event=event, person=person, household=household, damage=damage,
                                people=people, vulnerable=vulnerable, days_treated=days_treated,
                                detected_on=detected_on, hamlet=hamlet.strip(), note=note.strip())
    except IntegrityError:
        raise DomainError(f"{person.full_name} vừa được người khác ghi vào danh sách của sự kiện này; mỗi người chỉ "
                          "ghi một dòng.", field="person") from None


# --- a pasted village list --------------------------------------------------------------------------------------

COLUMNS = ("Họ và tên", "Số định danh", "Năm sinh", "Giới tính", "Thôn/ấp", "Thiệt hại", "Số người",
           "Hộ nghèo/cận nghèo/khó khăn", "Số ngày điều trị")

# words an officer types for each damage (folded), besides its label
_DAMAGE_WORDS = {
    Damage.HOUSE_LOST: ("sap nha", "nha sap", "nha bi sap", "do nha", "nha bi do", "troi nha", "nha bi troi",
                        "chay nha", "nha bi chay", "mat nha", "sap", "troi", "chay rui"),
    Damage.BADLY_DAMAGED: ("hu hong nang", "hu hong", "hu hai", "hong nha", "toc mai", "khong o duoc"),
    Damage.RELOCATED: ("di doi",),
    Damage.DEATH: ("chet", "tu vong", "mat tich"),
    Damage.INJURY: ("bi thuong", "thuong nang"),
    Damage.HUNGER: ("thieu doi", "thieu an", "doi an"),
    Damage.LIVELIHOOD: ("sinh ke", "tu lieu", "phuong tien", "mat mua"),
}
# "nhẹ" (slight) names no damage the law helps: such a row is asked about, not guessed
_SLIGHT = ("nhe",)


def damage_of(text: str) -> str | None:
    """The damage a typed cell names: its code, its label, or usual words ("sập nhà", "thiếu đói"), matched as whole
    words (without diacritics "đói" and "đời" are one word, so a lone "đói" is not taken: "thiếu đói" is)."""
    folded = fold(text)
    if not folded:
        return None
    for damage in Damage:
        if folded in (damage.value, fold(str(damage.label))):
            return damage.value
    padded = f" {folded.replace(',', ' ')} "
    if any(f" {word} " in padded for word in _SLIGHT):
        return None
    for damage, words in _DAMAGE_WORDS.items():
        if any(f" {word} " in padded for word in words):
            return damage.value
    return None


@dataclass
class Line:
    row: int
    full_name: str
    citizen_id: str
    birth_year: int | None
    sex: str
    hamlet: str
    damage: str
    people: int
    vulnerable: bool
    days_treated: int | None


def _cells(text: str) -> list[tuple[int, list[str]]]:
    return pasted_rows(text, headers=("ho va ten", "ho ten", "ho va ten chu ho", "ten"))


def _number(text: str, label: str, row: int, errors: list[str], *, low: int, high: int) -> int | None:
    if not text:
        return None
    try:
        value = int(text.replace(".", "").replace(",", ""))
    except ValueError:
        errors.append(f"Dòng {row}: {label} “{text}” không phải là số.")
        return None
    if not low <= value <= high:
        errors.append(f"Dòng {row}: {label} {value} phải từ {low} đến {high}.")
        return None
    return value


def parse_list(text: str, *, today: datetime.date) -> list[Line]:
    """The rows pasted from a spreadsheet (tab-separated; `;` or `|` when typed), in the order of `COLUMNS`; a
    header row is skipped. Every row's mistakes are gathered into one message, each naming its row."""
    errors: list[str] = []
    lines: list[Line] = []
    for row, cells in _cells(text):
        cells = (cells + [""] * len(COLUMNS))[:len(COLUMNS)]
        name, citizen_id, year, sex, hamlet, damage_text, people, poor, days = cells
        if not name:
            errors.append(f"Dòng {row}: thiếu họ và tên.")
            continue
        damage = damage_of(damage_text)
        if damage is None:
            errors.append(f"Dòng {row}: không rõ thiệt hại “{damage_text}” (ví dụ: sập nhà, hư hỏng nặng, di dời, "
                          "chết/mất tích, bị thương, thiếu đói, mất sinh kế).")
        birth_year = _number(year, "năm sinh", row, errors, low=1900, high=today.year)
        count = _number(people, "số người", row, errors, low=1, high=50)
        treated = _number(days, "số ngày điều trị", row, errors, low=0, high=366)
        folded_sex = fold(sex)
        lines.append(Line(row=row, full_name=name, citizen_id="".join(citizen_id.split()), birth_year=birth_year,
                          sex="M" if folded_sex in ("nam", "m") else "F" if folded_sex in ("nu", "f") else "",
                          hamlet=hamlet, damage=damage or "", people=count or 1,
                          vulnerable=fold(poor) not in ("", "khong", "0", "-"), days_treated=treated))
    if not lines and not errors:
        errors.append("Chưa có dòng nào. Dán các dòng từ bảng tính, mỗi người một dòng.")
    if errors:
        raise DomainError(" ".join(errors[:20]) + (f" (và {len(errors) - 20} lỗi khác)" if len(errors) > 20 else ""),
                          field="rows")
    return lines


class _People:
    """The registry people a list names, read at once: by citizen ID (in the user's jurisdiction, or anywhere, to
    tell a number that belongs to someone out of reach), and by folded name in the commune."""

    def __init__(self, user, lines: list[Line], commune: AdministrativeUnit):
        self.commune = commune
        visible = Person.objects.visible_to(user).filter(merged_into__isnull=True).select_related("commune")
        numbers = {line.citizen_id for line in lines if line.citizen_id}
        self.by_number = {p.citizen_id: p for p in visible.filter(citizen_id__in=numbers)}
        self.elsewhere = set(Person.objects.filter(citizen_id__in=numbers - set(self.by_number)).values_list(
            "citizen_id", flat=True))
        self.by_name: dict[str, list[Person]] = {}
        names = {fold(line.full_name) for line in lines if not line.citizen_id}
        for person in visible.filter(commune=commune, name_folded__in=names):
            self.by_name.setdefault(person.name_folded, []).append(person)

    def add(self, person: Person) -> None:
        """One registered from this list: a later row naming them finds them."""
        if person.citizen_id:
            self.by_number[person.citizen_id] = person
        self.by_name.setdefault(person.name_folded, []).append(person)

    def find(self, line: Line) -> Person | None:
        """By citizen ID; else by name and birth year in the commune (one only)."""
        if line.citizen_id:
            if line.citizen_id in self.elsewhere:
                raise DomainError(f"số định danh {line.citizen_id} thuộc người ngoài địa bàn bạn quản lý.")
            return self.by_number.get(line.citizen_id)
        found = [p for p in self.by_name.get(fold(line.full_name), [])
                 if line.birth_year is None or p.birth_year == line.birth_year]
        if len(found) > 1:
            raise DomainError(f"có nhiều người tên {line.full_name} ở {self.commune.name}; hãy ghi số định danh.")
        return found[0] if found else None


def _households_and_poverty(people: list[Person], year: int) -> tuple[dict[int, Household], set[int]]:
    """Each person's current household, and which of those households are poor or near-poor this year or last."""
    homes = {m.person_id: m.household for m in HouseholdMember.objects.filter(
        person__in=people, left_on__isnull=True).select_related("household__commune")}
    poor = set(HouseholdPoverty.objects.filter(
        household__in={h.pk for h in homes.values()}, year__in=(year, year - 1),
        status__in=(PovertyStatus.POOR, PovertyStatus.NEAR_POOR)).values_list("household_id", flat=True))
    return homes, poor


@transaction.atomic
def affected_paste(*, user, event: Event, commune: AdministrativeUnit, text: str,
                   detected_on: datetime.date) -> list[Affected]:
    """A village list pasted at once: each row found in the registry (one read for all) or registered on the spot in
    `commune`, then listed in one insert. Any row refused refuses them all, with every row's message."""
    selectors.access_event(user, event, "manage")
    communes = set(event.communes.values_list("pk", flat=True))
    if commune.pk not in communes:
        raise DomainError(f"{commune.name} không thuộc các xã/phường bị ảnh hưởng của sự kiện.", field="commune")
    if not covers(user, commune):
        raise DomainError("Xã/phường này nằm ngoài địa bàn bạn quản lý.", field="commune")
    lines = parse_list(text, today=timezone.localdate())
    people = _People(user, lines, commune)
    found = [p for p in (*people.by_number.values(), *(q for ps in people.by_name.values() for q in ps))]
    listed = set(Affected.objects.filter(event=event, person__in=found).order_by().values_list("person_id", flat=True))
    homes, poor = _households_and_poverty(found, detected_on.year)
    errors: list[str] = []
    seen: dict[int, int] = {}
    rows: list[tuple[Line, Person]] = []
    for line in lines:
        try:
            person = people.find(line)
            if person is None:  # registered on the spot, through the registry's own service
                person = person_create(user=user, full_name=line.full_name, citizen_id=line.citizen_id or None,
                                       birth_year=line.birth_year, sex=line.sex, commune=commune, hamlet=line.hamlet)
                people.add(person)
            if person.pk in seen:
                raise DomainError(f"{person.full_name} đã có ở dòng {seen[person.pk]}; mỗi người chỉ ghi một dòng.")
            if person.pk in listed:
                raise DomainError(f"{person.full_name} đã có trong danh sách của sự kiện này; mỗi người chỉ ghi một "
                                  "dòng.")
            seen[person.pk] = line.row
            _check_line(event, person, line.damage, line.people, detected_on, communes, homes.get(person.pk))
            rows.append((line, person))
        except DomainError as exc:
            errors.append(exc.message if exc.message.startswith("Dòng ") else f"Dòng {line.row}: {exc.message}")
    if errors:
        raise DomainError(" ".join(errors[:20]) + (f" (và {len(errors) - 20} lỗi khác)" if len(errors) > 20 else ""),
                          field="rows")
    due = rules.decision_due(detected_on, selectors.terms(detected_on, event.province_code))
    try:
        with transaction.atomic():
            created = _insert_lines(user, event, rows, homes, poor, detected_on, due)
    except IntegrityError:
        raise DomainError("Trong lúc bạn dán, người khác vừa ghi một số người này vào danh sách của sự kiện; hãy tải "
                          "lại trang và dán lại (những người đã có sẽ được chỉ ra).", field="rows") from None
    for row in created:
        if row.damage == Damage.DEATH:  # the funeral support of Điều 14, at the highest rate that applies
            funeral_claim(user=user, person=row.person, ground="disaster", date_of_death=detected_on)
    return created


def _insert_lines(user, event: Event, rows: list[tuple["Line", Person]], homes: dict[int, Household],
                  poor: set[int], detected_on: datetime.date, due: datetime.date) -> list[Affected]:
    """The list's lines in one insert and their audit events in another."""
    created = Affected.objects.bulk_create([Affected(
        event=event, person=person, household=homes.get(person.pk), commune=person.commune,
        province_code=person.province_code, hamlet=(line.hamlet or person.hamlet)[:100], damage=line.damage,
        people=line.people, days_treated=line.days_treated, detected_on=detected_on, due_on=due, created_by=user,
        vulnerable=line.vulnerable or (person.pk in homes and homes[person.pk].pk in poor))
        for line, person in rows], batch_size=1000)
    audit_records(actor=user, action=AuditEvent.Action.CREATE, instances=created, changes=[
        {"after": {"event": event.name, "person": row.person.full_name, "damage": str(Damage(row.damage).label),
                   "people": row.people, "detected_on": f"{detected_on:%d/%m/%Y}"}} for row in created])
    return created


@transaction.atomic
def affected_close(*, user, affected: Affected, reason: str, closed_on: datetime.date) -> Affected:
    """A line given nothing — not eligible, helped from another source, listed by mistake —, with the reason: it no
    longer waits; its proposals not yet decided are withdrawn. A line with aid decided keeps it."""
    line = selectors.access_affected(user, affected, "manage")
    line = Affected.objects.select_for_update(of=("self",)).select_related("person").get(pk=line.pk)
    if line.closed_on is not None:
        raise DomainError(f"Dòng này đã thôi xét ngày {line.closed_on:%d/%m/%Y}: {line.closed_reason}.", field="reason")
    if line.aids.filter(decision__isnull=False).exists():
        raise DomainError(f"{line.person.full_name} đã có quyết định trợ giúp; không thể thôi xét.", field="reason")
    if not reason.strip():
        raise DomainError("Hãy ghi lý do không trợ giúp (ví dụ: không thuộc diện, đã được hỗ trợ từ nguồn khác).",
                          field="reason")
    if not line.detected_on <= closed_on <= timezone.localdate():
        raise DomainError(f"Ngày thôi xét phải từ ngày phát hiện ({line.detected_on:%d/%m/%Y}) đến hôm nay.",
                          field="closed_on")
    withdrawn = line.aids.count()
    line.aids.all().delete()
    line.closed_on, line.closed_reason = closed_on, " ".join(reason.split())[:255]
    line.save(update_fields=["closed_on", "closed_reason"])
    audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=line,
                 changes={"closed_on": f"{closed_on:%d/%m/%Y}", "reason": line.closed_reason,
                          "withdrawn": withdrawn})
    return line
