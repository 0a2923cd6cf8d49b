"""Demo data for Cà Mau: the demo users and ~20,000 synthetic people in ~6,000 households, set-based."""

import datetime
import random
import time
from typing import Any

from django.db import transaction
from django.utils import timezone

from ansinh.accounts.models import Role, User
from ansinh.accounts.services import user_create
from ansinh.core.exceptions import DomainError
from ansinh.geo.models import AdministrativeUnit
from ansinh.monitoring.services import plans_load_seeds, rollups_request
from ansinh.registry.models import (
    Household,
    HouseholdMember,
    HouseholdPoverty,
    Person,
    PovertyStatus,
)
from ansinh.registry.services import duplicates_scan

from . import assistance, casework, emergency, facilities, fund, generators, monitoring, workforce

PROVINCE_CODE = "96"  # Cà Mau (NQ 202/2025/QH15: former Bạc Liêu + Cà Mau)
HOME_SHARE = 0.09  # of all people, in each of xa1's and xa2's communes
PLANTED_DUPLICATES = 40
BATCH = 2000

# username, role, jurisdiction ("province", "home1", "home2" or None = whole country), họ và tên đệm, tên
DEMO_USERS: list[tuple[str, str, str | None, str, str]] = [
    ("admin", Role.ADMINISTRATOR, None, "Quản trị", "Hệ thống"),
    ("tinh", Role.PROVINCE_OFFICER, "province", "Trần Thị", "Mai"),
    ("xa1", Role.COMMUNE_OFFICER, "home1", "Lê Văn", "Hùng"),
    ("xa2", Role.COMMUNE_OFFICER, "home2", "Nguyễn Thị", "Lan"),
    ("kiemtra", Role.AUDITOR, "province", "Phạm Minh", "Tuấn"),
    ("lanhdao", Role.PROVINCE_LEADER, "province", "Huỳnh Văn", "Thành"),
    ("xa1ld", Role.COMMUNE_LEADER, "home1", "Võ Văn", "Dũng"),
    ("ctxh", Role.SOCIAL_WORKER, "province", "Đặng Thị Ngọc", "Hân"),
    ("ttgs", Role.SOCIAL_WORKER, "province", "Châu Ngọc", "Bích"),  # supervisor at the social-work centre
    ("ctxh1", Role.SOCIAL_WORKER, "home1", "Nguyễn Thị Thu", "Trang"),  # case worker at xa1's commune
    ("giamsat1", Role.SOCIAL_WORKER, "home1", "Phan Văn", "Lộc"),  # … and her supervisor
    ("ctxh2", Role.SOCIAL_WORKER, "home2", "Trương Minh", "Khoa"),  # case worker at xa2's commune
    ("giamsat2", Role.SOCIAL_WORKER, "home2", "Lâm Thị", "Hồng"),  # … and his supervisor
    ("chitra", Role.PAYMENT_AGENT, "province", "Bùi Thanh", "Tâm"),
]


def _units() -> tuple[
    AdministrativeUnit, list[AdministrativeUnit], AdministrativeUnit, AdministrativeUnit
]:
    current = AdministrativeUnit.objects.filter(province_code=PROVINCE_CODE, valid_to__isnull=True)
    province = current.filter(level=AdministrativeUnit.Level.PROVINCE).first()
    communes = list(current.filter(level=AdministrativeUnit.Level.COMMUNE).order_by("code"))
    if province is None or len(communes) < 2:
        raise DomainError(
            "Chưa nạp danh mục đơn vị hành chính (tỉnh Cà Mau): hãy chạy load-admin-units trước."
        )
    # xa1 and xa2 work in the first two communes (xã rather than phường) by code.
    xa = [c for c in communes if c.kind == AdministrativeUnit.Kind.XA]
    home1, home2 = (xa if len(xa) >= 2 else communes)[:2]
    return province, communes, home1, home2


def _users_ensure(*, password: str, province, home1, home2) -> list[str]:
    """Create the demo users that are missing; return the names of xa1's and xa2's communes."""
    places = {None: None, "province": province, "home1": home1, "home2": home2}
    existing = {u.username.lower(): u for u in User.objects.select_related("jurisdiction")}
    users = {}
    for username, role, place, last_name, first_name in DEMO_USERS:
        users[username] = existing.get(username) or user_create(
            actor=None,
            username=username,
            password=password,
            role=role,
            jurisdiction=places[place],
            first_name=first_name,
            last_name=last_name,
            validate=False,
        )
    return [str(users[name].jurisdiction or "") for name in ("xa1", "xa2")]


def demo_seed(*, password: str, persons: int = 20000, seed: int = 2025) -> dict[str, Any]:
    """Seed the demo: users always; people, households and poverty records only into an empty registry."""
    started = time.perf_counter()
    rng = random.Random(seed)
    today = timezone.localdate()
    province, communes, home1, home2 = _units()
    with transaction.atomic():
        names = _users_ensure(password=password, province=province, home1=home1, home2=home2)
        if Person.objects.exists():
            return {
                "created": False,
                "persons": 0,
                "households": 0,
                "seconds": time.perf_counter() - started,
                "communes": names,
            }
        refs = [
            generators.CommuneRef(c.pk, c.code, c.name, c.kind, c.province_code) for c in communes
        ]
        planted = min(PLANTED_DUPLICATES, persons // 50)
        regular = persons - planted
        home = int(regular * HOME_SHARE)
        fixed = {communes.index(home1): home, communes.index(home2): home}
        counts = generators.spread(rng, regular, len(refs), fixed)
        ids = generators.CitizenIdAllocator(rng)
        specs = list(generators.households(rng, communes=refs, counts=counts, ids=ids, today=today))
        people = [p for spec in specs for p in spec.members]
        # Half of the copies land in xa1's and xa2's communes, so their queues are not empty.
        home_people = [p for p in people if p["commune_id"] in (home1.pk, home2.pk)]
        copies = generators.likely_duplicates(rng, home_people, planted // 2)
        copies += generators.likely_duplicates(rng, people, planted - planted // 2)

        person_objs = [_person(p) for p in people] + [_person(p) for p in copies]
        Person.objects.bulk_create(person_objs, batch_size=BATCH)
        for p, obj in zip(people, person_objs, strict=False):
            p["pk"] = obj.pk
        household_objs = _households(specs)
        Household.objects.bulk_create(household_objs, batch_size=BATCH)
        HouseholdMember.objects.bulk_create(_members(specs, household_objs), batch_size=BATCH)
        HouseholdPoverty.objects.bulk_create(_poverty(rng, household_objs, today), batch_size=BATCH)
        duplicates_scan(province_code=PROVINCE_CODE)
        assistance_seeded = assistance.seed(rng=rng, province_code=PROVINCE_CODE, home1=home1, today=today)
        organisations = facilities.seed(rng=rng, province_code=PROVINCE_CODE, communes=communes)
        staff = workforce.seed(rng=rng, province_code=PROVINCE_CODE, today=today)
        fund.seed(rng=rng, commune=home1, today=today)
        cases = casework.seed(rng=rng, province_code=PROVINCE_CODE, home1=home1, home2=home2, today=today)
        emergencies = emergency.seed(rng=rng, home1=home1, home2=home2, today=today)
        plans = plans_load_seeds()
        reports = monitoring.seed(today=today)
        rollups_request(province_code=PROVINCE_CODE, all_years=True, now=True)  # the dashboards' figures
    return {
        "created": True,
        **assistance_seeded,
        "organisations": organisations,
        **{f"workforce_{name}": count for name, count in staff.items()},
        **cases,
        **emergencies,
        **reports,
        "plans": plans["created"] + plans["updated"] + plans["unchanged"],
        "persons": len(person_objs),
        "households": len(household_objs),
        "seconds": round(time.perf_counter() - started, 2),
        "communes": names,
    }


def _person(p: dict[str, Any]) -> Person:
    return Person(**{column: p[column] for column in generators.PERSON_COLUMNS})


def _households(specs: list[generators.HouseholdSpec]) -> list[Household]:
    # Codes continue after any household already in the commune (same pattern as _next_household_code).
    taken: dict[int, int] = {}
    for code, commune_id in Household.objects.filter(province_code=PROVINCE_CODE).values_list(
        "code", "commune_id"
    ):
        tail = code.rsplit("-", 1)[-1]
        if tail.isdigit():
            taken[commune_id] = max(taken.get(commune_id, 0), int(tail))
    objs = []
    for spec in specs:
        number = taken[spec.commune.id] = taken.get(spec.commune.id, 0) + 1
        objs.append(
            Household(
                code=f"{spec.commune.code}-{number:06d}",
                head_id=spec.members[0]["pk"],
                commune_id=spec.commune.id,
                province_code=spec.commune.province_code,
                hamlet=spec.hamlet,
                address=spec.address,
            )
        )
    return objs


def _members(
    specs: list[generators.HouseholdSpec], households: list[Household]
) -> list[HouseholdMember]:
    return [
        HouseholdMember(
            household_id=h.pk,
            person_id=p["pk"],
            relationship=p["relationship"],
            joined_on=p["joined_on"],
            left_on=p["date_of_death"],
        )
        for spec, h in zip(specs, households, strict=True)
        for p in spec.members
    ]


# Year-on-year moves between poor / near-poor / not poor, keeping the shares near 2.5 % and 3.5 %.
_NEXT_YEAR: dict[str, tuple[list[PovertyStatus], list[float]]] = {
    PovertyStatus.POOR: (
        [PovertyStatus.POOR, PovertyStatus.NEAR_POOR, PovertyStatus.NOT_POOR],
        [75, 15, 10],
    ),
    PovertyStatus.NEAR_POOR: (
        [PovertyStatus.POOR, PovertyStatus.NEAR_POOR, PovertyStatus.NOT_POOR],
        [10, 60, 30],
    ),
    PovertyStatus.NOT_POOR: (
        [PovertyStatus.POOR, PovertyStatus.NEAR_POOR, PovertyStatus.NOT_POOR],
        [0.3, 1.1, 98.6],
    ),
}


def _poverty(
    rng: random.Random, households: list[Household], today: datetime.date
) -> list[HouseholdPoverty]:
    """Rà soát hộ nghèo, hộ cận nghèo for 2025 and 2026: one decision of the commune each December before."""
    decisions: dict[tuple[int, int], tuple[str, datetime.date | None]] = {}
    records = []
    for h in households:
        status = rng.choices(list(PovertyStatus), weights=[2.5, 3.5, 94])[0]
        for year in (2025, 2026):
            if year == 2026:
                choices, weights = _NEXT_YEAR[status]
                status = rng.choices(choices, weights=weights)[0]
            key = (h.commune_id, year)
            if key not in decisions:
                signed = datetime.date(year - 1, 12, rng.randint(10, 28))
                decisions[key] = (
                    f"{rng.randint(20, 480)}/QĐ-UBND",
                    signed if signed <= today else None,
                )
            number, date = decisions[key]
            records.append(
                HouseholdPoverty(
                    household_id=h.pk,
                    year=year,
                    status=status,
                    decision_number=number,
                    decision_date=date,
                )
            )
    return records
