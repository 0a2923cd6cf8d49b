"""The amounts, multiples and deadlines of emergency assistance (NĐ 20/2021/NĐ-CP Điều 12–17) as dated parameters:
the law sets minimums ("ít nhất"), which a province may raise for itself but not lower (Điều 4 k.3)."""

import datetime
from decimal import Decimal

from ansinh.core.parameters import Default, Key

RICE_KG = "emergency.rice_kg"
RICE_MONTHS_TET = "emergency.rice_months_tet"
RICE_MONTHS_DISASTER = "emergency.rice_months_disaster"
INJURY_MULTIPLE = "emergency.injury_multiple"
INJURY_DAYS = "emergency.injury_days"
HOUSE_LOST = "emergency.house_lost"
RELOCATION = "emergency.relocation"
HOUSE_REPAIR = "emergency.house_repair"
DECISION_DAYS = "emergency.decision_days"

KEYS = [
    Key(RICE_KG, "Trợ giúp gạo (kg/người/tháng)", provincial=True),
    Key(RICE_MONTHS_TET, "Trợ giúp gạo dịp Tết (số tháng mỗi đợt)", provincial=True),
    Key(RICE_MONTHS_DISASTER, "Trợ giúp gạo sau thiên tai, hỏa hoạn, mất mùa, giáp hạt (số tháng tối đa mỗi đợt)",
        provincial=True),
    Key(INJURY_MULTIPLE, "Hỗ trợ người bị thương nặng (lần mức chuẩn)", provincial=True),
    Key(INJURY_DAYS, "Bị thương nặng: điều trị tại cơ sở y tế từ (ngày)"),
    Key(HOUSE_LOST, "Hỗ trợ làm nhà ở: nhà bị đổ, sập, trôi, cháy hoàn toàn (đồng/hộ)", provincial=True),
    Key(RELOCATION, "Hỗ trợ di dời nhà ở khẩn cấp (đồng/hộ)", provincial=True),
    Key(HOUSE_REPAIR, "Hỗ trợ sửa chữa nhà ở hư hỏng nặng (đồng/hộ)", provincial=True),
    Key(DECISION_DAYS, "Chủ tịch UBND cấp xã quyết định trợ giúp khẩn cấp trong (ngày)"),
]

_ND20 = "NĐ 20/2021/NĐ-CP"
_START = datetime.date(2021, 7, 1)
DEFAULTS = [
    Default(RICE_KG, Decimal(15), _START, f"{_ND20} Điều 12 khoản 1"),
    Default(RICE_MONTHS_TET, Decimal(1), _START, f"{_ND20} Điều 12 khoản 1"),
    Default(RICE_MONTHS_DISASTER, Decimal(3), _START, f"{_ND20} Điều 12 khoản 1"),
    Default(INJURY_MULTIPLE, Decimal(10), _START, f"{_ND20} Điều 13"),
    Default(INJURY_DAYS, Decimal(3), _START, f"{_ND20} Điều 2 khoản 2"),
    Default(HOUSE_LOST, Decimal(40_000_000), _START, f"{_ND20} Điều 15 khoản 1"),
    Default(RELOCATION, Decimal(30_000_000), _START, f"{_ND20} Điều 15 khoản 2"),
    Default(HOUSE_REPAIR, Decimal(20_000_000), _START, f"{_ND20} Điều 15 khoản 3"),
    Default(DECISION_DAYS, Decimal(2), _START, f"{_ND20} Điều 12 khoản 3"),
]
