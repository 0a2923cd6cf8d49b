"""The demo's social assistance fund: the pilot fund of the first demo commune (seed 004: "xây dựng thí điểm mô hình
Quỹ trợ giúp"), what donors gave in 2026 in cash and rice, and what it gave at Tết and after a whirlwind."""

import datetime
import random
from decimal import Decimal

from ansinh.fund.models import Donation, Fund, Use
from ansinh.registry.models import Person

DONATIONS = [
    ("Công ty CP Tập đoàn Thủy sản Minh Phú", "enterprise", datetime.date(2026, 1, 20), "cash", 50_000_000, ""),
    ("Hội Chữ thập đỏ tỉnh Cà Mau", "organisation", datetime.date(2026, 1, 25), "in_kind", 15_000_000, "1.000 kg gạo"),
    ("Ông Trần Văn Tám", "individual", datetime.date(2026, 2, 2), "cash", 5_000_000, ""),
    ("Ngân hàng Nông nghiệp chi nhánh Cà Mau", "enterprise", datetime.date(2026, 6, 1), "cash", 30_000_000, ""),
]


def seed(*, rng: random.Random, commune, today: datetime.date) -> int:
    fund = Fund.objects.create(name=f"Quỹ trợ giúp xã hội {commune.name}", province_code=commune.province_code,
                               commune=commune, established_on=datetime.date(2026, 1, 2),
                               basis="QĐ 3/QĐ-UBND thành lập quỹ (thí điểm theo KH 113/KH-UBND)")
    Donation.objects.bulk_create([
        Donation(fund=fund, donor=donor, donor_kind=kind, received_on=day, form=form, value=Decimal(value),
                 goods=goods, receipt=f"BN-{i + 1:03d}")
        for i, (donor, kind, day, form, value, goods) in enumerate(DONATIONS) if day <= today])
    elders = list(Person.objects.filter(commune=commune, birth_year__lte=today.year - 75, date_of_death__isnull=True,
                                        merged_into__isnull=True).values_list("pk", flat=True)[:200])
    tet = datetime.date(2026, 2, 10)
    uses = [Use(fund=fund, used_on=tet, form="cash", value=Decimal(500_000), person_id=pk,
                decision="QĐ 12/QĐ-UBND (quà Tết Bính Ngọ)") for pk in rng.sample(elders, min(30, len(elders)))]
    uses.append(Use(fund=fund, used_on=tet, form="in_kind", value=Decimal(9_000_000), goods="600 kg gạo",
                    programme="Tết Bính Ngọ 2026: gạo cho hộ nghèo", decision="QĐ 12/QĐ-UBND"))
    if today >= datetime.date(2026, 6, 20):
        uses.append(Use(fund=fund, used_on=datetime.date(2026, 6, 20), form="cash", value=Decimal(12_000_000),
                        programme="Hỗ trợ hộ bị lốc xoáy tốc mái ngày 18/6/2026", decision="QĐ 40/QĐ-UBND"))
    if today >= tet:
        Use.objects.bulk_create(uses)
    return fund.pk
