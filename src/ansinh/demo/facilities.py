"""The demo province's network of organisations: every commune's People's Committee, a primary school and a
health station per commune, and the province's departments, social-work centre, social protection centre and
hospital — with histories: schools came into the plan's scope on 01/7/2021 (62/KH-UBND), a third of them and
the hospital began providing social-work services later, and on 01/3/2025 the two centres passed from the
labour department (merged away that day) to the health department (LEGAL_FACTS §7)."""

import datetime
import random

from ansinh.core.text import fold
from ansinh.facilities.models import (
    CareGroup,
    InvestmentProject,
    Kind,
    Organisation,
    OrganisationPeriod,
    Ownership,
    ProjectFunding,
    Resident,
    StaffCount,
    StandardAssessment,
)
from ansinh.facilities.services import commune_committees_load
from ansinh.geo.models import AdministrativeUnit
from ansinh.registry.models import Person

PLAN_DAY = datetime.date(2021, 7, 1)  # Cà Mau's 62/KH-UBND (2021) for QĐ 112/QĐ-TTg
PLAN = "KH 62/KH-UBND (2021)"


def seed(*, rng: random.Random, province_code: str, communes: list[AdministrativeUnit]) -> int:
    """Bulk-written (no audit: demo data, as the registry's); returns the organisations added."""
    commune_committees_load(province_code=province_code)
    seat = communes[0]
    made: list[tuple[Organisation, list[dict]]] = []

    def add(code: str, name: str, kind: str, commune: AdministrativeUnit, periods: list[dict],
            ends: datetime.date | None = None) -> Organisation:
        organisation = Organisation(code=code, name=name, name_folded=fold(name), kind=kind, commune=commune,
                                    province_code=province_code)
        if ends is not None:
            periods[-1]["valid_to"] = ends
        made.append((organisation, periods))
        return organisation

    def chain(*steps: tuple[datetime.date, dict]) -> list[dict]:
        return [{"valid_from": start, "valid_to": steps[i + 1][0] if i + 1 < len(steps) else None, **values}
                for i, (start, values) in enumerate(steps)]

    reform = datetime.date(2025, 3, 1)  # social protection moved from the labour to the health department
    health = add(f"SYT-{province_code}", "Sở Y tế tỉnh Cà Mau", Kind.DEPARTMENT, seat,
                 chain((datetime.date(2008, 1, 1), {}),
                       (reform, {"in_plan_scope": True, "basis": "NĐ 42/2025/NĐ-CP; sắp xếp cơ quan chuyên môn"})))
    labour = add(f"SLDTBXH-{province_code}", "Sở Lao động - Thương binh và Xã hội tỉnh Cà Mau", Kind.DEPARTMENT,
                 seat, chain((datetime.date(2008, 1, 1), {"in_plan_scope": True})), ends=reform)
    social_work = add(f"CTXH-{province_code}", "Trung tâm Công tác xã hội tỉnh Cà Mau", Kind.SOCIAL_WORK_CENTRE, seat,
                      chain((datetime.date(2018, 1, 1), {"in_plan_scope": True, "provides_social_work": True,
                                                         "parent": labour, "capacity": 20}),
                            (reform, {"in_plan_scope": True, "provides_social_work": True, "parent": health,
                                      "capacity": 20})))
    protection = add(f"BTXH-{province_code}", "Trung tâm Bảo trợ xã hội tỉnh Cà Mau", Kind.SOCIAL_ASSISTANCE, seat,
                     chain((datetime.date(2012, 1, 1), {"parent": labour, "capacity": 60}),
                           (PLAN_DAY, {"in_plan_scope": True, "provides_social_work": True, "basis": PLAN,
                                       "parent": labour, "capacity": 60}),
                           (reform, {"in_plan_scope": True, "provides_social_work": True, "parent": health,
                                     "capacity": 60})))
    add(f"BVDK-{province_code}", "Bệnh viện Đa khoa tỉnh Cà Mau", Kind.HOSPITAL, seat,
        chain((datetime.date(2010, 1, 1), {"parent": health}),
              (PLAN_DAY, {"in_plan_scope": True, "basis": PLAN, "parent": health}),
              (datetime.date(2024, 1, 1), {"in_plan_scope": True, "provides_social_work": True, "parent": health,
                                           "basis": "Phòng Công tác xã hội thành lập"})))
    for commune in communes:
        social = rng.random() < 1 / 3
        add(f"TH-{commune.code}", f"Trường Tiểu học {commune.name}", Kind.SCHOOL, commune,
            chain((datetime.date(2005, 9, 5), {}), (PLAN_DAY, {"in_plan_scope": True, "basis": PLAN}),
                  *([(datetime.date(2024, 9, 1), {"in_plan_scope": True, "provides_social_work": True})]
                    if social else [])))
        add(f"TYT-{commune.code}", f"Trạm Y tế {commune.name}", Kind.HEALTH_CENTRE, commune,
            chain((datetime.date(2000, 1, 1), {"in_plan_scope": rng.random() < 0.5})))
    Organisation.objects.bulk_create([organisation for organisation, _periods in made], batch_size=1000)
    OrganisationPeriod.objects.bulk_create(
        [OrganisationPeriod(organisation=organisation, name=organisation.name, kind=organisation.kind,
                            ownership=Ownership.PUBLIC, commune=organisation.commune, province_code=province_code,
                            **period)
         for organisation, periods in made for period in periods], batch_size=1000)
    _project(province_code=province_code, facility=protection)
    _residents(rng=rng, province_code=province_code, homes=[(protection, 34, ELDERLY_AND_CHILDREN),
                                                             (social_work, 9, CHILDREN_IN_EMERGENCY)])
    return len(made)


ELDERLY_AND_CHILDREN = [CareGroup.DEPENDENT, CareGroup.DEPENDENT, CareGroup.SELF_CARE, CareGroup.CHILD_6_16,
                        CareGroup.MENTAL_STABLE]
CHILDREN_IN_EMERGENCY = [CareGroup.CHILD_6_16, CareGroup.CHILD_18M_6]
DECLARED = {  # the protection centre is short of carers; the social-work centre has its norm
    "BTXH": {"carer": 5, "social_worker": 1, "psychologist": 0, "medical": 1, "nutrition": 2},
    "CTXH": {"carer": 2, "social_worker": 2, "psychologist": 1, "medical": 1, "nutrition": 1},
}


def _project(*, province_code: str, facility: Organisation) -> None:
    """62/KH-UBND's project, its sources as the plan states them: the foreign loan (220 billion) is 110 granted by
    the centre and 110 re-lent to the province; with the local counterpart (30) they make the 250 billion."""
    billion = 1_000_000_000
    project = InvestmentProject.objects.create(
        name="Tăng cường cung cấp dịch vụ chăm sóc người cao tuổi và người yếu thế chất lượng cao", purpose="services",
        organisation=facility, province_code=province_code, total=250 * billion, start_year=2021, end_year=2025,
        basis="KH 62/KH-UBND (2021), mục II.1")
    loan = ProjectFunding.objects.create(project=project, source="foreign_loan", amount=220 * billion)
    ProjectFunding.objects.bulk_create([
        ProjectFunding(project=project, source="central_grant", amount=110 * billion, part_of=loan),
        ProjectFunding(project=project, source="province_loan", amount=110 * billion, part_of=loan),
        ProjectFunding(project=project, source="local_budget", amount=30 * billion)])


def _residents(*, rng: random.Random, province_code: str, homes) -> None:
    """People of the registry living at the two centres (the children from the registry's children, the others
    from its older people), and the staff each centre declared on 01/01/2026."""
    this_year = datetime.date.today().year
    people = Person.objects.filter(province_code=province_code, merged_into__isnull=True, date_of_death__isnull=True)
    children = list(people.filter(birth_year__gte=this_year - 14, birth_year__lte=this_year - 3)
                    .values_list("pk", flat=True)[:200])
    elders = list(people.filter(birth_year__lte=this_year - 70).values_list("pk", flat=True)[:400])
    rows, taken = [], set()
    for organisation, count, groups in homes:
        for i in range(count):
            group = groups[i % len(groups)]
            pool = children if group.startswith("child") else elders
            person = next(pk for pk in rng.sample(pool, len(pool)) if pk not in taken)
            taken.add(person)
            emergency = organisation.kind == Kind.SOCIAL_WORK_CENTRE
            admitted = datetime.date.today() - datetime.timedelta(days=rng.randint(10, 80 if emergency else 1500))
            rows.append(Resident(organisation=organisation, person_id=person, care_group=group, admitted_on=admitted,
                                 emergency=emergency, basis=f"QĐ {100 + len(rows)}/QĐ-TTBTXH"))
    Resident.objects.bulk_create(rows)
    StaffCount.objects.bulk_create(
        [StaffCount(organisation=organisation, function=function, count=count, as_of=datetime.date(2026, 1, 1))
         for organisation, _count, _groups in homes
         for function, count in DECLARED[organisation.code.split("-")[0]].items()])
    protection = homes[0][0]  # assessed twice: short of the standards in 2023, meeting them after its upgrade
    StandardAssessment.objects.bulk_create([
        StandardAssessment(organisation=protection, assessed_on=datetime.date(2023, 10, 5), meets=False,
                           basis="Biên bản kiểm tra số 12/BB-SLĐTBXH"),
        StandardAssessment(organisation=protection, assessed_on=datetime.date(2025, 9, 15), meets=True,
                           basis="QĐ 845/QĐ-SYT công nhận đạt tiêu chuẩn chăm sóc")])
