"""The base salary (lương cơ sở) as the decrees set it: a social-work staff member counts towards the plans'
targets when the monthly allowance is at least the base salary in force that day (QĐ 112/QĐ-TTg)."""

import datetime
from decimal import Decimal

from ansinh.core.parameters import Default, Key

BASE_SALARY = "base_salary"

KEYS = [Key(BASE_SALARY, "Lương cơ sở (đồng/tháng)")]

_V2 = "Hai nguồn thứ cấp thống nhất; cần đối chiếu văn bản chính thức (LEGAL_FACTS §9.1)."
DEFAULTS = [
    Default(BASE_SALARY, Decimal(1_800_000), datetime.date(2023, 7, 1), "NĐ 24/2023/NĐ-CP Điều 3 khoản 2",
            verified=False, note=_V2),
    Default(BASE_SALARY, Decimal(2_340_000), datetime.date(2024, 7, 1), "NĐ 73/2024/NĐ-CP Điều 3 khoản 2",
            verified=False, note=_V2),
    Default(BASE_SALARY, Decimal(2_530_000), datetime.date(2026, 7, 1), "NĐ 161/2026/NĐ-CP",
            verified=False, note=_V2),
]
