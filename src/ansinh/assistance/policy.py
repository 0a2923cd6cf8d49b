"""The policy parameters as the legal texts set them: the rows a new database starts with.

Each is effective-dated and carries its legal basis. `verified` is False where the value was not read
in the full official text (see shared/domain/LEGAL_FACTS.md labels S/UNVERIFIED): the parameter page
flags those for a province administrator to check. Changing a value means adding a dated row.
"""

import datetime
from decimal import Decimal

from ansinh.core.parameters import Default, Key, resolve

from .rules import BANDS

ND20 = "NĐ 20/2021/NĐ-CP"
START = datetime.date(2021, 7, 1)  # NĐ 20/2021 in force


# Parameters a province may raise for itself (NĐ 20/2021 Điều 4 k.3: not lower than the national level).
PROVINCIAL_KEYS = {"standard_level", "social_pension"}

LABELS: dict[str, str] = {
    "standard_level": "Mức chuẩn trợ giúp xã hội (đồng/tháng)",
    "social_pension": "Trợ cấp hưu trí xã hội (đồng/tháng)",
    "funeral.regular": "Hỗ trợ mai táng đối tượng đang hưởng (lần mức chuẩn)",
    "funeral.disaster": "Hỗ trợ mai táng do thiên tai, hỏa hoạn, tai nạn (lần mức chuẩn)",
    **{f"coef.{band}": f"Hệ số diện {cat}" + (f" — {label}" if label else "") for band, (cat, label) in BANDS.items()},
    "active.5.5b": "Diện 5.5b còn áp dụng (1 = có, 0 = không)",
    "active.5.5c": "Diện 5.5c còn áp dụng (1 = có, 0 = không)",
    "care.take_in_child_under4": "Hỗ trợ nhận nuôi trẻ em khoản 1 dưới 4 tuổi (hệ số)",
    "care.take_in_child_from4_or_elderly": "Hỗ trợ nhận nuôi trẻ em khoản 1 từ 4 đến dưới 16 tuổi hoặc người cao tuổi 5.5d (hệ số)",
    "care.disabled_parent_one": "Người khuyết tật nặng/đặc biệt nặng mang thai hoặc nuôi một con dưới 36 tháng (hệ số)",
    "care.disabled_parent_two": "Người khuyết tật nặng/đặc biệt nặng mang thai và nuôi con, hoặc nuôi từ hai con dưới 36 tháng (hệ số)",
    "care.household_especially_severe": "Hộ gia đình trực tiếp chăm sóc người khuyết tật đặc biệt nặng (hệ số)",
    "care.take_in_especially_severe": "Nhận nuôi người khuyết tật đặc biệt nặng (hệ số)",
    "care.take_in_child_especially_severe": "Nhận nuôi trẻ em khuyết tật đặc biệt nặng (hệ số)",
}

_COEFFICIENTS = {
    "5.1.under4": ("2.5", "điểm a"), "5.1.from4": ("1.5", "điểm a"), "5.2": ("1.5", "điểm a"),
    "5.3.under4": ("2.5", "điểm b"), "5.3.from4": ("2.0", "điểm b"), "5.4.per_child": ("1.0", "điểm c"),
    "5.5a.60to80": ("1.5", "điểm d"), "5.5a.80plus": ("2.0", "điểm d"), "5.5b": ("1.0", "điểm d"),
    "5.5c": ("1.0", "điểm d"), "5.5d": ("3.0", "điểm d"),
    "5.6.especially_severe": ("2.0", "điểm đ"), "5.6.especially_severe.child_elderly": ("2.5", "điểm đ"),
    "5.6.severe": ("1.5", "điểm đ"), "5.6.severe.child_elderly": ("2.0", "điểm đ"),
    "5.7": ("1.5", "điểm e"), "5.8": ("1.5", "điểm e"),
}

DEFAULTS: list[Default] = [
    Default("standard_level", Decimal(360_000), START, f"{ND20} Điều 4 khoản 2"),
    Default(
        "standard_level", Decimal(500_000), datetime.date(2024, 7, 1), "NĐ 76/2024/NĐ-CP sửa Điều 4 khoản 2 NĐ 20/2021",
        verified=False, note="Chưa đối chiếu văn bản chính thức của NĐ 76/2024 (LEGAL_FACTS §2).",
    ),
    Default("social_pension", Decimal(500_000), datetime.date(2025, 7, 1), "NĐ 176/2025/NĐ-CP Điều 3"),
    Default("funeral.regular", Decimal(20), START, f"{ND20} Điều 11"),
    Default("funeral.disaster", Decimal(50), START, f"{ND20} Điều 14"),
    *(Default(f"coef.{band}", Decimal(value), START, f"{ND20} Điều 6 khoản 1 {point}")
      for band, (value, point) in _COEFFICIENTS.items()),
    *(Default(f"active.{cat}", Decimal(1), START, f"{ND20} Điều 5 khoản 5 điểm {cat[-1]}") for cat in ("5.5b", "5.5c")),
    *(
        Default(
            f"active.{cat}", Decimal(0), datetime.date(2025, 7, 1),
            "NĐ 176/2025/NĐ-CP (trợ cấp hưu trí xã hội) thay điểm b, c khoản 5 Điều 5 NĐ 20/2021", verified=False,
            note="Một nguồn thứ cấp; cần đối chiếu văn bản chính thức (LEGAL_FACTS §1.2).",
        )
        for cat in ("5.5b", "5.5c")
    ),
    *(Default(f"care.{case}", Decimal(value), START, f"{ND20} Điều 20 khoản {k}") for case, value, k in [
        ("take_in_child_under4", "2.5", "1"), ("take_in_child_from4_or_elderly", "1.5", "1"),
        ("disabled_parent_one", "1.5", "2"), ("disabled_parent_two", "2.0", "2"),
        ("household_especially_severe", "1.0", "3"), ("take_in_especially_severe", "1.5", "4"),
        ("take_in_child_especially_severe", "2.5", "4"),
    ]),
]


def defaults_at(month: datetime.date) -> tuple[dict[str, Decimal], dict[str, str]]:
    return resolve(DEFAULTS, month)


KEYS = [Key(name, label, provincial=name in PROVINCIAL_KEYS, switch=name.startswith("active."))
        for name, label in LABELS.items()]
