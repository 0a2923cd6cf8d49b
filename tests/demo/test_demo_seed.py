import datetime
import difflib
import random
import re
from collections import Counter

import pytest

from ansinh.accounts.models import Role, User
from ansinh.core.text import fold, sort_key
from ansinh.demo import generators
from ansinh.demo.services import demo_seed
from ansinh.geo.models import AdministrativeUnit
from ansinh.geo.services import admin_units_load
from ansinh.registry import rules
from ansinh.registry.models import (
    DuplicateCandidate,
    Household,
    HouseholdMember,
    HouseholdPoverty,
    Person,
    PovertyStatus,
    Relationship,
)
from ansinh.registry.selectors import duplicate_queue

PASSWORD = "AnSinh@2025"


@pytest.fixture
def units(db):
    admin_units_load()


@pytest.fixture
def seeded(units):
    return demo_seed(password=PASSWORD, persons=2000, seed=7)


def test_seed_creates_people_households_and_poverty_records(seeded):
    assert seeded["created"] is True
    # and a few more the emergency village lists register on the spot
    assert seeded["persons"] == Person.objects.filter(created_by__isnull=True).count() == 2000
    assert seeded["households"] == Household.objects.count()
    # About 3.3 people per household.
    assert 450 <= seeded["households"] <= 750
    assert set(Person.objects.values_list("province_code", flat=True)) == {"96"}
    communes = set(
        Person.objects.values_list("commune__province_code", "commune__level").distinct()
    )
    assert communes == {("96", AdministrativeUnit.Level.COMMUNE)}

    for household in Household.objects.select_related("commune", "head"):
        assert re.fullmatch(rf"{household.commune.code}-\d{{6}}", household.code)
        assert household.head is not None and household.head.commune_id == household.commune_id
    heads = HouseholdMember.objects.filter(relationship=Relationship.HEAD)
    assert heads.count() == seeded["households"]
    assert set(heads.values_list("person_id", flat=True)) == set(
        Household.objects.values_list("head_id", flat=True)
    )
    relationships = set(HouseholdMember.objects.values_list("relationship", flat=True))
    assert {Relationship.HEAD, Relationship.SPOUSE, Relationship.CHILD} <= relationships

    records = HouseholdPoverty.objects.all()
    assert records.count() == 2 * seeded["households"]
    assert set(records.values_list("year", flat=True)) == {2025, 2026}
    by_status = Counter(records.filter(year=2025).values_list("status", flat=True))
    assert 0 < by_status[PovertyStatus.POOR] < 0.08 * seeded["households"]
    assert 0 < by_status[PovertyStatus.NEAR_POOR] < 0.10 * seeded["households"]
    assert all(
        re.fullmatch(r"\d+/QĐ-UBND", n) for n in records.values_list("decision_number", flat=True)
    )


def test_every_citizen_id_is_valid_unique_and_some_are_missing(seeded):
    rows = list(Person.objects.values_list("citizen_id", "birth_year", "sex"))
    ids = [cid for cid, _, _ in rows if cid is not None]
    assert "" not in ids
    assert len(ids) == len(set(ids))
    for cid, year, sex in rows:
        if cid is not None:
            assert rules.validate_citizen_id(cid, birth_year=year, sex=sex) == [], cid
    # ~3 % of residents have no number (the planted duplicates, outside any household, never have one).
    residents = Person.objects.filter(memberships__isnull=False).distinct()
    missing = residents.filter(citizen_id__isnull=True).count()
    assert 0.01 * residents.count() < missing < 0.06 * residents.count()
    prefixes = Counter(cid[:3] for cid in ids)
    assert prefixes["096"] + prefixes["095"] > 0.85 * len(ids)


def test_people_look_real(seeded):
    people = Person.objects.all()
    total = people.count()
    year_only = people.filter(birth_month__isnull=True)
    assert year_only.count() > 0.04 * total
    assert people.filter(birth_year__lt=1960).count() > 0.05 * total
    assert people.filter(birth_month__isnull=False, birth_day__isnull=True).exists()
    assert people.filter(date_of_death__isnull=False).exists()
    assert (
        people.exclude(disability_level="none")
        .filter(disability_certificate_date__isnull=False)
        .exists()
    )
    assert people.exclude(legacy_address="").filter(legacy_address__contains="tỉnh").exists()
    ethnicities = Counter(people.values_list("ethnicity", flat=True))
    assert ethnicities["01"] > 0.9 * total and ethnicities["05"] > 0
    surnames = Counter(name.split()[0] for name in people.values_list("full_name", flat=True))
    assert surnames.most_common(1)[0][0] == "Nguyễn"
    assert 0.28 * total < surnames["Nguyễn"] < 0.48 * total
    assert any(ch in "ăâđêôơưáàảãạ" for name in surnames for ch in name.lower())
    for name, folded, sort_name in people.values_list("full_name", "name_folded", "sort_name"):
        assert folded == fold(name) and sort_name == sort_key(name)
    # Children born to the household, not random strangers: most children share a parent's surname.
    children = HouseholdMember.objects.filter(relationship=Relationship.CHILD).select_related(
        "person", "household__head"
    )
    same = sum(
        c.person.full_name.split()[0] in {c.household.head.full_name.split()[0]} for c in children
    )
    assert same > 0.5 * children.count()


def test_demo_users_have_their_roles_and_jurisdictions(seeded):
    users = {u.username: u for u in User.objects.select_related("jurisdiction")}
    expected = {
        "admin": Role.ADMINISTRATOR,
        "tinh": Role.PROVINCE_OFFICER,
        "xa1": Role.COMMUNE_OFFICER,
        "xa2": Role.COMMUNE_OFFICER,
        "kiemtra": Role.AUDITOR,
        "lanhdao": Role.PROVINCE_LEADER,
        "xa1ld": Role.COMMUNE_LEADER,
        "ctxh": Role.SOCIAL_WORKER,
        "chitra": Role.PAYMENT_AGENT,
        "ttgs": Role.SOCIAL_WORKER,
        "ctxh1": Role.SOCIAL_WORKER,
        "giamsat1": Role.SOCIAL_WORKER,
        "ctxh2": Role.SOCIAL_WORKER,
        "giamsat2": Role.SOCIAL_WORKER,
    }
    assert {name: users[name].role for name in expected} == expected
    assert all(users[name].check_password(PASSWORD) for name in expected)
    assert users["admin"].jurisdiction is None
    for name in ("tinh", "kiemtra", "lanhdao", "ctxh", "ttgs", "chitra"):
        unit = users[name].jurisdiction
        assert (unit.level, unit.code) == (AdministrativeUnit.Level.PROVINCE, "96")
    xa1, xa2 = users["xa1"].jurisdiction, users["xa2"].jurisdiction
    assert xa1.level == xa2.level == AdministrativeUnit.Level.COMMUNE
    assert xa1.province_code == xa2.province_code == "96"
    assert xa1.pk != xa2.pk
    assert xa1.kind == xa2.kind == AdministrativeUnit.Kind.XA
    assert users["xa1ld"].jurisdiction == xa1
    assert users["ctxh1"].jurisdiction == users["giamsat1"].jurisdiction == xa1
    assert users["ctxh2"].jurisdiction == users["giamsat2"].jurisdiction == xa2
    assert seeded["communes"] == [xa1.name, xa2.name]


def test_a_second_call_creates_nothing(seeded):
    counts = (
        Person.objects.count(),
        Household.objects.count(),
        HouseholdPoverty.objects.count(),
        User.objects.count(),
    )
    again = demo_seed(password=PASSWORD, persons=2000, seed=7)
    assert again["created"] is False
    assert again["communes"] == seeded["communes"]
    assert (
        Person.objects.count(),
        Household.objects.count(),
        HouseholdPoverty.objects.count(),
        User.objects.count(),
    ) == counts


def test_existing_registry_gets_the_users_but_no_data(units):
    commune = AdministrativeUnit.objects.filter(level="commune", province_code="96").first()
    Person.objects.create(
        full_name="Nguyễn Văn An",
        name_folded="nguyen van an",
        sort_name="an nguyen van an",
        sex="M",
        commune=commune,
        province_code="96",
    )
    result = demo_seed(password=PASSWORD, persons=500)
    assert result["created"] is False
    assert Person.objects.count() == 1
    assert User.objects.filter(username__in=["admin", "xa1", "xa2", "chitra"]).count() == 4
    assert len(result["communes"]) == 2 and all(result["communes"])


def test_planted_duplicates_fill_the_queue_also_for_commune_officers(seeded):
    pending = DuplicateCandidate.objects.filter(status=DuplicateCandidate.Status.PENDING)
    assert pending.count() >= 35
    reasons = set(pending.values_list("reason", flat=True))
    assert reasons == {
        DuplicateCandidate.Reason.SAME_NAME_YEAR_COMMUNE,
        DuplicateCandidate.Reason.SIMILAR_NAME_SAME_DATE,
    }
    for name in ("xa1", "xa2"):
        assert duplicate_queue(user=User.objects.get(username=name)).exists(), name


def test_full_size_seed_is_fast_and_the_home_communes_are_busy(units):
    result = demo_seed(password=PASSWORD)
    assert result["created"] is True and result["persons"] == 20000
    assert 5000 <= result["households"] <= 7000
    assert result["seconds"] < 60
    for name in ("xa1", "xa2"):
        commune = User.objects.get(username=name).jurisdiction
        assert Person.objects.filter(commune=commune).count() >= 1500, name


def test_generators_are_deterministic_and_consistent():
    communes = [
        generators.CommuneRef(1, "31843", "Xã Hồng Dân", "xa", "96"),
        generators.CommuneRef(2, "32002", "Phường An Xuyên", "phuong", "96"),
    ]
    today = datetime.date(2026, 1, 15)

    def run(seed):
        return list(
            generators.persons(random.Random(seed), communes=communes, count=300, today=today)
        )

    first, second, other = run(1), run(1), run(2)
    assert first == second
    assert [p["full_name"] for p in first] != [p["full_name"] for p in other]
    assert len(first) == 300
    for p in first:
        born = datetime.date(p["birth_year"], p["birth_month"] or 1, p["birth_day"] or 1)
        assert born <= today
        assert (p["name_folded"], p["sort_name"]) == (
            fold(p["full_name"]),
            sort_key(p["full_name"]),
        )
    assert any(p["hamlet"].startswith("Khóm") for p in first)
    assert any(p["legacy_address"].endswith("tỉnh Bạc Liêu") for p in first)


def test_one_letter_typo_changes_the_folded_name_but_stays_close():
    rng = random.Random(3)
    for name in [
        "Nguyễn Thị Thủy",
        "Trần Văn Hùng",
        "Lê Thị Mai",
        "Phạm Gia Bảo",
        "Võ Thị Ngọc Hân",
        "Lý Út",
    ]:
        for _ in range(20):
            typo = generators.one_letter_typo(rng, name)
            assert fold(typo) != fold(name)
            assert difflib.SequenceMatcher(None, fold(typo), fold(name)).ratio() >= 0.85


def test_demo_has_enrolments_payroll_history_and_open_files(seeded):
    from ansinh.assistance.models import Enrolment
    from ansinh.payments.models import PaymentFile, PaymentLine, PayrollRun

    assert seeded["enrolments"] > 0 and Enrolment.objects.filter(category_rows__category="5.6", category_rows__paid=True).exists()
    assert PayrollRun.objects.values("month").distinct().count() == 4
    assert PaymentLine.objects.filter(status="paid").exists()
    # the last month's files are still with the agents, the earlier ones reconciled
    assert PaymentFile.objects.filter(status="issued").exists() and PaymentFile.objects.filter(status="reconciled").exists()
    assert PaymentFile.objects.filter(agent__members__username="chitra").exists()
    # never paid twice
    assert PaymentLine.objects.count() == PaymentLine.objects.values("person", "month").distinct().count()


def test_demo_has_applications_at_every_step(seeded):
    from ansinh.assistance.models import Application

    statuses = set(Application.objects.values_list("status", flat=True))
    assert seeded["applications"] >= 9 and statuses == {"open", "decided", "rejected"}
    assert Application.objects.filter(procedure="three_tier", status="decided").exists()
    assert Application.objects.filter(status="open", steps__code="verified").exists()


def test_the_demo_province_has_its_network_of_organisations_with_histories(seeded):
    import datetime

    from ansinh.facilities.models import Organisation, OrganisationPeriod

    communes = AdministrativeUnit.objects.filter(level="commune", province_code="96", valid_to__isnull=True).count()
    assert seeded["organisations"] == 5 + 2 * communes
    assert Organisation.objects.filter(kind="commune_committee", province_code="96").count() == communes
    schools = OrganisationPeriod.objects.filter(kind="school", province_code="96")
    assert schools.on(datetime.date(2021, 6, 30)).filter(in_plan_scope=True).count() == 0
    assert schools.on(datetime.date(2021, 7, 1)).filter(in_plan_scope=True).count() == communes
    serving = schools.on(datetime.date(2025, 1, 1)).filter(provides_social_work=True).count()
    assert 0 < serving < communes  # a third of the schools, from 01/9/2024
    hospital = Organisation.objects.get(kind="hospital")
    assert [p.valid_to for p in hospital.periods.order_by("valid_from")] == [
        datetime.date(2021, 7, 1), datetime.date(2024, 1, 1), None]
    assert hospital.periods.latest("valid_from").parent.name == "Sở Y tế tỉnh Cà Mau"
    centre = Organisation.objects.get(kind="social_work_centre")  # the 2025 reform, as dated parents
    assert centre.periods.on(datetime.date(2025, 2, 28)).get().parent.name.startswith("Sở Lao động")
    assert centre.periods.on(datetime.date(2025, 3, 1)).get().parent.name == "Sở Y tế tỉnh Cà Mau"
    assert not OrganisationPeriod.objects.filter(name__startswith="Sở Lao động").on(datetime.date(2025, 3, 1)).exists()


def test_the_demo_has_a_workforce_on_both_sides_of_the_base_salary_and_training(seeded):
    import datetime

    from ansinh.accounts.models import User
    from ansinh.core import indicators
    from ansinh.workforce.models import Attendance, Position, TrainingTarget

    tinh = User.objects.get(username="tinh")
    assert seeded["workforce_positions"] == Position.objects.count() > 50
    assert Position.objects.filter(monthly_allowance__lt=2_340_000).exists()
    assert Position.objects.filter(monthly_allowance=2_400_000).exists()  # counted until 30/6/2026 only

    def staffed(day):
        result = indicators.compute(indicators.get("workforce.orgs_staffed"), user=tinh, day=day)
        return result.numerator, result.denominator

    before, after = staffed(datetime.date(2026, 6, 30)), staffed(datetime.date(2026, 7, 1))
    assert before[1] == after[1] > 100 and 0 < after[0] < before[0] < before[1]
    assert Attendance.objects.filter(completed_on__isnull=False).count() > 50
    assert TrainingTarget.objects.get(province_code="96", year=2026).places == 140
    full_time = Position.objects.filter(engagement="full_time")
    assert full_time.exists() and full_time.filter(person__sw_certificates__isnull=False).exists()


def test_the_demo_centres_house_people_with_their_care_allowance_and_staffing(seeded):
    import datetime

    from ansinh.facilities.models import Organisation, Resident
    from ansinh.facilities.selectors import staffing_on

    today = datetime.date.today()
    protection = Organisation.objects.get(kind="social_assistance", province_code="96")
    centre = Organisation.objects.get(kind="social_work_centre", province_code="96")
    assert Resident.objects.filter(organisation=protection, discharged_on__isnull=True).count() == 34
    assert Resident.objects.filter(organisation=centre, emergency=True).count() == 9
    assert staffing_on(protection, today).shortfall.get("carer", 0) > 0  # short of carers, as declared
    assert not staffing_on(centre, today).shortfall
    from ansinh.accounts.models import User
    from ansinh.facilities.selectors import funding_tree

    project = protection.projects.get()
    tree, unfunded = funding_tree(user=User.objects.get(username="tinh"), project=project)
    assert sum(row.amount for row, _parts in tree) == project.total == 250_000_000_000 and unfunded == 0


def test_the_demo_commune_has_its_pilot_fund(seeded):
    import datetime

    from ansinh.accounts.models import User
    from ansinh.fund.selectors import balance_on, funds

    [fund] = funds(user=User.objects.get(username="xa1"))
    balance = balance_on(fund, datetime.date.today())
    assert balance.cash_in == 85_000_000 and balance.cash > 0 and balance.goods == 6_000_000
    assert fund.uses.filter(person__isnull=False).count() > 0


def test_the_demo_has_cases_at_every_step_some_late_one_in_its_first_twelve_hours(seeded):
    import datetime

    from django.utils import timezone

    from ansinh.casework import selectors
    from ansinh.casework.models import Case, Deadline, Plan, Referral, Stage
    from ansinh.facilities.models import Organisation

    users = {u.username: u for u in User.objects.select_related("jurisdiction")}
    committee = Organisation.objects.get(kind="commune_committee", commune=users["xa1"].jurisdiction)
    cases = Case.objects.filter(organisation=committee)
    assert set(cases.values_list("stage", flat=True)) == set(Stage.values)
    assert 25 <= cases.count() <= 45
    assert set(cases.values_list("worker__username", "supervisor__username").distinct()) == {("ctxh1", "giamsat1")}
    assert Case.objects.filter(organisation__commune=users["xa2"].jurisdiction, worker__username="ctxh2").exists()
    assert Case.objects.filter(organisation__kind="social_work_centre", supervisor__username="ttgs").exists()
    assert seeded["cases"] == Case.objects.count() and seeded["cases_open"] == Case.objects.open().count()
    assert len(set(cases.values_list("case_type", flat=True))) >= 7
    assert len(set(cases.filter(stage=Stage.CLOSED).values_list("close_reason", flat=True))) >= 4
    assert cases.filter(entries__kind="reopen").exclude(stage=Stage.CLOSED).exists()

    # one child at serious risk, reported three hours ago: the 12 hours still run, due in about nine
    now = timezone.now()
    running = Deadline.objects.filter(step="emergency", met_at__isnull=True, due_at__gt=now,
                                      case__procedure="child", case__in=Case.objects.open())
    [emergency] = running
    assert emergency.case.organisation == committee and emergency.case.risk == "serious"
    assert datetime.timedelta(hours=8) <= emergency.due_at - now <= datetime.timedelta(hours=9)
    # late and due today, for the case worker's lists
    ctxh1 = users["ctxh1"]
    assert seeded["cases_overdue"] >= 1 and selectors.overdue(user=ctxh1).exists()
    assert Deadline.objects.filter(step="plan_draft", met_at__isnull=True, due_at__lt=now).exists()
    end_of_today = timezone.localtime(now).replace(hour=23, minute=59, second=59)
    assert Deadline.objects.filter(met_at__isnull=True, due_at__gte=now, due_at__lte=end_of_today).exists()

    # referrals to the centre: accepted (its worker sees that case), waiting, refused
    statuses = {status: Referral.objects.filter(status=status) for status in Referral.Status.values}
    assert statuses["accepted"].exists() and statuses["pending"].exists() and statuses["refused"].exists()
    assert set(statuses["accepted"].values_list("receiving_worker__username", flat=True)) == {"ctxh"}
    assert list(selectors.incoming_referrals(user=users["ttgs"])) == list(statuses["pending"])
    for referral in statuses["accepted"]:
        assert Case.objects.visible_to(users["ctxh"]).filter(pk=referral.case_id).exists()
        assert referral.case.services.filter(created_by=users["ctxh"]).exists()

    # a case file is read by those related to it, not by the commune's officer
    assert not Case.objects.visible_to(users["xa1"]).exists()
    assert set(Case.objects.visible_to(ctxh1)) == set(cases)
    [shared] = Case.objects.visible_to(users["xa1ld"])
    assert shared.organisation == committee and shared.stage == Stage.IMPLEMENTING
    assert shared.plans.get(status=Plan.Status.APPROVED).decided_by == users["xa1ld"]


def test_the_demo_registers_children_in_special_circumstances_most_of_them_helped(seeded):
    from django.utils import timezone

    from ansinh.casework.models import PRIORITY_GROUPS, Circumstance, Support
    from ansinh.core import indicators

    home1 = User.objects.get(username="xa1").jurisdiction
    registered = Circumstance.objects.values("person").distinct()
    assert seeded["children"] == registered.count() >= 30
    assert registered.filter(person__commune=home1).count() > registered.exclude(person__commune=home1).count() > 0
    assert len(set(Circumstance.objects.filter(group__in=PRIORITY_GROUPS).values_list("group", flat=True))) >= 4
    assert Support.objects.filter(created_by__username="xa1").exists()

    indicator = indicators.get("casework.priority_children_supported")
    tinh, today = User.objects.get(username="tinh"), timezone.localdate()
    for commune in (None, home1.pk):
        result = indicators.compute(indicator, user=tinh, day=today, commune_id=commune)
        assert result.denominator and 50 <= result.share <= 95, (commune, result.numerator, result.denominator)


def test_seed_loads_the_provinces_plans(seeded):
    from ansinh.monitoring.models import Plan
    assert seeded["plans"] == Plan.objects.count() == 5
    assert Plan.objects.filter(number="113/KH-UBND").get().tasks.count() == 29
