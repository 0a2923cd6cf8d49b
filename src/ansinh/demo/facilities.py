"""The demo province's network of organisations: every commune's People's Committee, a primary school and a
health station per commune, and the province's departments, social-work centre, social protection centre and
hospital — with histories: schools came into the plan's scope on 01/7/2021 (62/KH-UBND), a third of them and
the hospital began providing social-work services later, and on 01/3/2025 the two centres passed from the
labour department (merged away that day) to the health department (LEGAL_FACTS §7)."""

import datetime
import random

from ansinh.core.text import fold
from ansinh.facilities.models import Kind, Organisation, OrganisationPeriod, Ownership
from ansinh.facilities.services import commune_committees_load
from ansinh.geo.models import AdministrativeUnit

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
    add(f"CTXH-{province_code}", "Trung tâm Công tác xã hội tỉnh Cà Mau", Kind.SOCIAL_WORK_CENTRE, seat,
        chain((datetime.date(2018, 1, 1), {"in_plan_scope": True, "provides_social_work": True, "parent": labour}),
              (reform, {"in_plan_scope": True, "provides_social_work": True, "parent": health})))
    add(f"BTXH-{province_code}", "Trung tâm Bảo trợ xã hội tỉnh Cà Mau", Kind.SOCIAL_ASSISTANCE, seat,
        chain((datetime.date(2012, 1, 1), {"parent": labour}),
              (PLAN_DAY, {"in_plan_scope": True, "provides_social_work": True, "basis": PLAN, "parent": labour}),
              (reform, {"in_plan_scope": True, "provides_social_work": True, "parent": health})))
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
    return len(made)
