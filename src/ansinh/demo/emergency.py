"""Demo emergency assistance for Cà Mau, written through the emergency app's own services so that lists, minimums,
decision numbers, deadlines and the audit trail are what a commune's steps would leave: the rice at Tết for poor
households of xa1's commune; the king tides and heavy rain of six weeks ago in xa1's and xa2's communes — village
lists pasted from spreadsheets (a death, an injury, houses lost and damaged, hunger), aid at the law's minimums and
some goods, xa1's reviewed decision all handed out with the funeral support paid and the province's answer to its
request, xa2's urgent decision only partly handed out and late finds still waiting for a decision."""

import datetime
import random
from dataclasses import dataclass

from ansinh.accounts.models import User
from ansinh.assistance.models import Enrolment, FuneralSupport, Programme
from ansinh.assistance.services import person_death_record
from ansinh.casework.models import Circumstance, Subject
from ansinh.core.dates import first_of_month
from ansinh.core.text import fold
from ansinh.emergency import services
from ansinh.emergency.models import Affected, Aid, AidKind, Damage, EventKind
from ansinh.emergency.services.events import COLUMNS
from ansinh.registry.models import (
    Household,
    HouseholdMember,
    HouseholdPoverty,
    Person,
    PovertyStatus,
)

TET = {  # mùng 1 Tết Nguyên đán and the lunar year's name
    2025: (datetime.date(2025, 1, 29), "Ất Tỵ"), 2026: (datetime.date(2026, 2, 17), "Bính Ngọ"),
    2027: (datetime.date(2027, 2, 6), "Đinh Mùi"), 2028: (datetime.date(2028, 1, 26), "Mậu Thân"),
    2029: (datetime.date(2029, 2, 13), "Kỷ Dậu"), 2030: (datetime.date(2030, 2, 3), "Canh Tuất"),
}
FLOOD_DAYS_AGO = 45
HEADER = "\t".join(COLUMNS)
# what the village lists say, in the words an officer types (each line a household, by its head, or one person)
WORDS = {Damage.HUNGER: "Thiếu đói", Damage.BADLY_DAMAGED: "Nhà hư hỏng nặng", Damage.HOUSE_LOST: "Sập nhà",
         Damage.RELOCATED: "Di dời khẩn cấp", Damage.INJURY: "Bị thương nặng", Damage.DEATH: "Chết"}
# (damage, days treated) of each commune's first list: households of the registry, after the beneficiary who died
# in xa1's commune and before the newcomers
FLOOD1 = ([(Damage.INJURY, 6), (Damage.RELOCATED, None)] + [(Damage.HOUSE_LOST, None)] * 2
          + [(Damage.BADLY_DAMAGED, None)] * 7 + [(Damage.HUNGER, None)] * 10)
FLOOD2 = [(Damage.INJURY, 8), (Damage.HOUSE_LOST, None)] + [(Damage.BADLY_DAMAGED, None)] * 4 + [(Damage.HUNGER, None)] * 3
TET_LINES = 12
# registered on the spot: lodgers and families back from work in Bình Dương, not yet in the registry
NEWCOMERS = {
    "home1": [("Danh Văn Sà Rết", 1979, "M", Damage.HUNGER), ("Thạch Thị Sa Rum", 1986, "F", Damage.HUNGER),
              ("Lâm Văn Út Em", 1991, "M", Damage.BADLY_DAMAGED), ("Huỳnh Thị Cẩm Loan", 1968, "F", Damage.HUNGER)],
    "home2": [("Kim Văn Sóc", 1983, "M", Damage.HUNGER), ("Trần Thị Bé Bảy", 1975, "F", Damage.HUNGER)],
}
LATE_FINDS = [  # xa2's finds after the tides of the last days: (days before today, damage, a newcomer or None)
    (4, Damage.HOUSE_LOST, None), (1, Damage.BADLY_DAMAGED, None), (1, Damage.BADLY_DAMAGED, None),
    (1, Damage.HUNGER, ("Nguyễn Văn Tư Lớn", 1964, "M")),
]
GOODS = ("1 thùng mì, 10 lít nước uống, 1 mùng", 350_000)
SIGNERS = {"home1": "Võ Văn Dũng", "home2": "Trương Văn Nhớ"}  # the communes' chairmen


@dataclass
class _Head:
    person: Person
    hamlet: str
    size: int
    poor: str  # "Hộ nghèo", "Hộ cận nghèo" or ""
    relative: str  # another member of the household, who receives for a person who died


def seed(*, rng: random.Random, home1, home2, today: datetime.date) -> dict[str, int]:
    """Returns what was added: events, the flood's lines, lines not yet helped, funeral supports paid."""
    users = {u.username: u for u in User.objects.filter(username__in=["tinh", "xa1", "xa2"])}
    tinh, xa1, xa2 = users["tinh"], users["xa1"], users["xa2"]
    events = 0
    heads1, heads2 = _heads(rng, home1, today), _heads(rng, home2, today)

    tet = _tet(today)
    if tet is not None:
        events += 1
        poor_first = sorted(heads1, key=lambda h: h.poor == "")  # stable: shuffled within each
        _seed_tet(officer=xa1, commune=home1, heads=poor_first[:TET_LINES], tet=tet)

    started = today - datetime.timedelta(days=FLOOD_DAYS_AGO)
    flood = services.event_create(
        user=tinh, kind=EventKind.FLOOD, name=f"Triều cường và mưa lớn tháng {started.month}/{started.year}",
        started_on=started, communes=[home1, home2],
        note="Triều cường kết hợp mưa lớn kéo dài làm tràn, vỡ đê bao, ngập sâu 0,3–0,6 m các ấp ven sông; nhiều "
             "nhà tạm, nhà ven sông bị sập, tốc mái; hoa màu, ao tôm bị ngập. Triều cường còn lên cao trong các "
             "tháng tới; các xã tiếp tục rà soát, bổ sung danh sách.")
    events += 1
    found = started + datetime.timedelta(days=1)
    _flood_home1(rng, officer=xa1, province=tinh, event=flood, commune=home1, heads=heads1, found=found)
    _flood_home2(rng, officer=xa2, event=flood, commune=home2, heads=heads2, found=found, today=today)

    lines = Affected.objects.filter(event=flood)
    return {
        "emergency_events": events,
        "flood_affected": lines.count(),
        "flood_waiting": lines.filter(delivered_on__isnull=True).count(),
        "funerals_paid": FuneralSupport.objects.filter(person__emergencies__event=flood,
                                                       status=FuneralSupport.Status.PAID).count(),
    }


def _tet(today: datetime.date) -> tuple[datetime.date, str] | None:
    """The last Tết whose rice was listed, decided and handed out by today (it is handed out 18 days before)."""
    return max((tet for tet in TET.values() if tet[0] - datetime.timedelta(days=18) <= today), default=None)


def _seed_tet(*, officer: User, commune, heads: list[_Head], tet: tuple[datetime.date, str]) -> None:
    """Rice for the poor households short of food at Tết (15 kg a person, one month), handed out weeks before."""
    day, year_name = tet
    started = day - datetime.timedelta(days=25)
    event = services.event_create(user=officer, kind=EventKind.TET, name=f"Trợ giúp gạo dịp Tết Nguyên đán "
                                  f"{year_name} {day.year}", started_on=started, communes=[commune],
                                  note="Hộ nghèo, hộ có hoàn cảnh khó khăn thiếu đói dịp Tết, theo rà soát của các ấp.")
    rows = [_row(h, Damage.HUNGER, poor=h.poor or "Khó khăn") for h in heads]
    found = started + datetime.timedelta(days=1)
    services.affected_paste(user=officer, event=event, commune=commune, text=_text(rows), detected_on=found)
    services.aids_propose_minimums(user=officer, event=event, commune=commune)
    decision = services.decision_make(user=officer, event=event, commune=commune,
                                      decided_on=found + datetime.timedelta(days=2),
                                      reviewed_on=found + datetime.timedelta(days=1), signer=SIGNERS["home1"])
    services.deliver_decision(user=officer, decision=decision, delivered_on=found + datetime.timedelta(days=6))


def _flood_home1(rng: random.Random, *, officer: User, province: User, event, commune, heads: list[_Head],
                 found: datetime.date) -> None:
    """The list of 25, reviewed in the hamlets the next day and decided on the deadline; a beneficiary of the
    monthly allowance drowned, his funeral support decided and paid; all handed out after the province's answer."""
    died = _beneficiary(commune, found)
    rows = [] if died is None else [_row(died, Damage.DEATH)]
    pool = [h for h in heads if died is None or h.person.pk != died.person.pk]
    rows += _rows(pool, FLOOD1[: 25 - len(rows) - len(NEWCOMERS["home1"])])  # 25 lines, with or without a death
    rows += _newcomers(rng, commune, NEWCOMERS["home1"], heads)
    services.affected_paste(user=officer, event=event, commune=commune, text=_text(rows), detected_on=found)
    if died is not None:  # the death in the registry too: the allowance ends with the month of death
        person_death_record(user=officer, person=died.person, date_of_death=found)
    services.aids_propose_minimums(user=officer, event=event, commune=commune)
    _goods(officer, event, commune)

    reviewed, decided = found + datetime.timedelta(days=1), found + datetime.timedelta(days=2)
    rice, cash = _sum(event, commune, AidKind.RICE), _sum(event, commune, AidKind.CASH)
    request = services.request_send(
        user=officer, event=event, commune=commune, sent_on=reviewed, rice_kg=rice, amount=cash,
        reason=f"Ngân sách dự phòng của xã đã chi hết cho ứng phó triều cường; đề nghị tỉnh hỗ trợ {rice} kg gạo "
               "và kinh phí hỗ trợ nhà ở, người bị thương theo danh sách đã bình xét.")
    decision = services.decision_make(user=officer, event=event, commune=commune, decided_on=decided,
                                      reviewed_on=reviewed, signer=SIGNERS["home1"])
    services.request_answer(
        user=province, request=request, answered_on=decided, granted_rice_kg=rice, granted_amount=cash,
        answer=f"QĐ {rng.randint(1800, 2600)}/QĐ-UBND của UBND tỉnh: xuất cấp gạo dự trữ quốc gia và kinh phí "
               "từ ngân sách dự phòng tỉnh theo đề nghị.")
    services.deliver_decision(user=officer, decision=decision, delivered_on=decided + datetime.timedelta(days=2))
    if died is not None:
        support = FuneralSupport.objects.get(person=died.person)
        support = services.funeral_decide(user=officer, support=support, expected_version=support.version,
                                          decided_on=decided, recipient=died.relative)
        services.funeral_pay(user=officer, support=support, expected_version=support.version,
                             paid_on=decided + datetime.timedelta(days=1))


def _flood_home2(rng: random.Random, *, officer: User, event, commune, heads: list[_Head], found: datetime.date,
                 today: datetime.date) -> None:
    """Decided at once without the review (the water still rising): rice and goods handed out the next day; the
    house supports decided after the review two days later, half the house money and two repairs paid later, the rest waiting for the province's money it asked for; the finds of
    the last days not yet decided, one of them past its deadline."""
    pool = list(heads)
    rows = _rows(pool, FLOOD2)
    rows += _newcomers(rng, commune, NEWCOMERS["home2"], heads)
    services.affected_paste(user=officer, event=event, commune=commune, text=_text(rows), detected_on=found)
    services.aids_propose_minimums(user=officer, event=event, commune=commune)
    _goods(officer, event, commune)
    services.decision_make(user=officer, event=event, commune=commune, decided_on=found, urgent=True,
                           signer=SIGNERS["home2"])
    # the house supports wait for the village's review (Điều 17 k.2 spares it for rice, goods and injuries only)
    services.decision_make(user=officer, event=event, commune=commune, decided_on=found + datetime.timedelta(days=2),
                           reviewed_on=found + datetime.timedelta(days=1), signer=SIGNERS["home2"])

    next_day, later = found + datetime.timedelta(days=1), found + datetime.timedelta(days=6)
    repairs = 0
    for aid in Aid.objects.filter(affected__event=event, affected__commune=commune).select_related(
            "affected").order_by("affected_id", "kind"):
        damage = aid.affected.damage
        if aid.kind in (AidKind.RICE, AidKind.GOODS):
            services.delivery_record(user=officer, aid=aid, delivered_on=next_day, quantity=aid.quantity)
        elif damage == Damage.HOUSE_LOST:  # the first half, to start rebuilding
            services.delivery_record(user=officer, aid=aid, delivered_on=later, quantity=aid.quantity // 2)
        elif damage == Damage.BADLY_DAMAGED and repairs < 2:
            repairs += 1
            services.delivery_record(user=officer, aid=aid, delivered_on=later, quantity=aid.quantity)
    owed = _sum(event, commune, AidKind.CASH) - _sum(event, commune, AidKind.CASH, "delivered")

    for days, damage, newcomer in LATE_FINDS:
        if newcomer is not None:
            late = _newcomers(rng, commune, [(*newcomer, damage)], heads)
        elif pool:
            late = _rows(pool, [(damage, None)], spare=False)
        else:
            continue
        services.affected_paste(user=officer, event=event, commune=commune, text=_text(late),
                                detected_on=today - datetime.timedelta(days=days))
    services.aids_propose_minimums(user=officer, event=event, commune=commune)
    services.request_send(
        user=officer, event=event, commune=commune, sent_on=today - datetime.timedelta(days=3), amount=owed,
        reason="Còn thiếu kinh phí chi đợt 2 hỗ trợ làm nhà, sửa nhà và hỗ trợ người bị thương đã có quyết định.")


# --- the village lists ---------------------------------------------------------------------------------------


def _heads(rng: random.Random, commune, today: datetime.date) -> list[_Head]:
    """The commune's households by their living head (each findable by the list: a citizen ID, or a name and birth
    year no one else in the commune has), shuffled; not the children's register or the case files' people."""
    busy = set(Subject.objects.values_list("person_id", flat=True)) | set(
        Circumstance.objects.values_list("person_id", flat=True))
    poor = dict(HouseholdPoverty.objects.filter(
        household__commune=commune, year__in=(today.year - 1, today.year),
        status__in=(PovertyStatus.POOR, PovertyStatus.NEAR_POOR)).order_by("year").values_list("household_id",
                                                                                                 "status"))
    members: dict[int, list[tuple[int, str]]] = {}
    for household_id, person_id, name in HouseholdMember.objects.filter(
            household__commune=commune, left_on__isnull=True).values_list("household_id", "person_id",
                                                                          "person__full_name"):
        members.setdefault(household_id, []).append((person_id, name))
    same = _namesakes(commune)
    heads = []
    for household in Household.objects.filter(commune=commune, head__date_of_death__isnull=True,
                                               head__merged_into__isnull=True, head__birth_year__isnull=False
                                               ).select_related("head").order_by("pk"):
        head = household.head
        if head.pk in busy or (not head.citizen_id and same.get((head.name_folded, head.birth_year), 0) > 1):
            continue
        others = [name for pk, name in members.get(household.pk, []) if pk != head.pk]
        status = poor.get(household.pk)
        heads.append(_Head(head, household.hamlet, len(members.get(household.pk, [])) or 1,
                           {PovertyStatus.POOR: "Hộ nghèo", PovertyStatus.NEAR_POOR: "Hộ cận nghèo"}.get(status, ""),
                           others[0] if others else ""))
    rng.shuffle(heads)
    return heads


def _namesakes(commune) -> dict[tuple[str, int], int]:
    counts: dict[tuple[str, int], int] = {}
    for key in Person.objects.filter(commune=commune, merged_into__isnull=True).values_list("name_folded",
                                                                                            "birth_year"):
        counts[key] = counts.get(key, 0) + 1
    return counts


def _beneficiary(commune, day: datetime.date) -> _Head | None:
    """The oldest beneficiary of the monthly allowance in the commune (paid since before `day`), whom the flood
    took; received for by another member of the household."""
    month = first_of_month(day)
    busy = set(Subject.objects.values_list("person_id", flat=True)) | set(
        Circumstance.objects.values_list("person_id", flat=True))
    for enrolment in Enrolment.objects.filter(
            commune=commune, programme=Programme.MONTHLY_ALLOWANCE, status=Enrolment.Status.ACTIVE,
            end_month__isnull=True, start_month__lte=month, person__date_of_death__isnull=True,
            person__merged_into__isnull=True, person__birth_year__isnull=False,
            person__funeral_support__isnull=True).select_related("person").order_by("person__birth_year", "pk"):
        person = enrolment.person
        if person.pk in busy or not person.citizen_id:
            continue
        member = HouseholdMember.objects.filter(person=person, left_on__isnull=True).select_related(
            "household").first()
        if member is None:
            continue
        relative = (HouseholdMember.objects.filter(household=member.household, left_on__isnull=True)
                    .exclude(person=person).values_list("person__full_name", flat=True).first())
        return _Head(person, member.household.hamlet, 1, "", relative or "Ban Nhân dân ấp")
    return None


def _rows(pool: list[_Head], damages: list[tuple[str, int | None]], *, spare: bool = True) -> list[str]:
    """One row per damage, each taking a household out of `pool`. The houses go to poor and near-poor households
    first (a house support needs a poor, near-poor or disadvantaged household); the others the hamlet's review
    found disadvantaged, but for one (`spare`) badly damaged house of a household that is neither, which the law
    gives no money (helped with goods only)."""
    rows, spared = [], not spare
    for damage, days in damages[:len(pool)]:
        house = damage in (Damage.HOUSE_LOST, Damage.BADLY_DAMAGED)
        head = next((h for h in pool if h.poor), pool[0]) if house else pool[0]
        pool.remove(head)
        if damage == Damage.BADLY_DAMAGED and not head.poor and not spared:
            spared = True
            rows.append(_row(head, damage, poor=""))
        elif house and not head.poor:
            rows.append(_row(head, damage, poor="Khó khăn"))
        else:
            rows.append(_row(head, damage, days=days))
    return rows


def _row(head: _Head, damage: str, *, poor: str | None = None, days: int | None = None) -> str:
    person = head.person
    people = 1 if damage in (Damage.DEATH, Damage.INJURY) else head.size
    return "\t".join([person.full_name, person.citizen_id or "", str(person.birth_year),
                      "Nam" if person.sex == "M" else "Nữ", head.hamlet, WORDS[Damage(damage)], str(people),
                      head.poor if poor is None else poor, "" if days is None else str(days)])


def _newcomers(rng: random.Random, commune, people: list[tuple[str, int, str, str]], heads: list[_Head]) -> list[str]:
    """Rows of people not in the registry, registered on the spot (a birth year no namesake in the commune has)."""
    hamlets = sorted({h.hamlet for h in heads if h.hamlet}) or [""]
    rows = []
    for name, year, sex, damage in people:
        while Person.objects.filter(commune=commune, name_folded=fold(name), birth_year=year).exists():
            year += 1
        rows.append("\t".join([name, "", str(year), "Nam" if sex == "M" else "Nữ", rng.choice(hamlets),
                               WORDS[Damage(damage)], str(rng.randint(2, 5)), "Khó khăn", ""]))
    return rows


def _text(rows: list[str]) -> str:
    return "\n".join([HEADER, *rows])


def _goods(officer: User, event, commune) -> None:
    """Noodles, water and a mosquito net for the households whose house is gone, and for a damaged house the law
    gives no money (not poor, near-poor or disadvantaged)."""
    goods, value = GOODS
    for line in Affected.objects.filter(event=event, commune=commune, damage__in=[
            Damage.HOUSE_LOST, Damage.BADLY_DAMAGED]).exclude(aids__kind=AidKind.GOODS).order_by("pk"):
        if line.damage == Damage.HOUSE_LOST or not line.aids.exists():
            services.aid_propose(user=officer, affected=line, kind=AidKind.GOODS, quantity=value, goods=goods)


def _sum(event, commune, kind: str, column: str = "quantity") -> int:
    return sum(Aid.objects.filter(affected__event=event, affected__commune=commune, kind=kind).values_list(
        column, flat=True))
