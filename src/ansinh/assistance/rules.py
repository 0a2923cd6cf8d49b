"""The monthly social allowance (trợ cấp xã hội hằng tháng) as pure functions: who is entitled under
which category of NĐ 20/2021/NĐ-CP Điều 5, at which coefficient of Điều 6, and how much.

No database here. The amounts and switches that decrees change (standard level, coefficients, which
categories are still in force) come in as a `Parameters` mapping, resolved by `assistance.selectors`
from effective-dated rows; `policy.DEFAULTS` holds the values of the legal texts.
"""

import datetime
import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ansinh.core.dates import add_months, first_of_month

# Điều 5 NĐ 20/2021: khoản.điểm → short label and citation.
CATEGORIES: dict[str, tuple[str, str]] = {
    "5.1": ("Trẻ em dưới 16 tuổi không có nguồn nuôi dưỡng", "NĐ 20/2021/NĐ-CP Điều 5 khoản 1"),
    "5.2": ("Người từ 16 đến 22 tuổi thuộc khoản 1 đang đi học", "NĐ 20/2021/NĐ-CP Điều 5 khoản 2"),
    "5.3": ("Trẻ em nhiễm HIV/AIDS thuộc hộ nghèo", "NĐ 20/2021/NĐ-CP Điều 5 khoản 3"),
    "5.4": ("Người đơn thân nghèo đang nuôi con", "NĐ 20/2021/NĐ-CP Điều 5 khoản 4"),
    "5.5a": ("Người cao tuổi hộ nghèo không có người phụng dưỡng", "NĐ 20/2021/NĐ-CP Điều 5 khoản 5 điểm a"),
    "5.5b": ("Người từ 75 đến 80 tuổi hộ nghèo, cận nghèo ở vùng DTTS và miền núi ĐBKK",
             "NĐ 20/2021/NĐ-CP Điều 5 khoản 5 điểm b"),
    "5.5c": ("Người từ 80 tuổi trở lên không có lương hưu, trợ cấp BHXH hằng tháng",
             "NĐ 20/2021/NĐ-CP Điều 5 khoản 5 điểm c"),
    "5.5d": ("Người cao tuổi hộ nghèo được nhận chăm sóc tại cộng đồng", "NĐ 20/2021/NĐ-CP Điều 5 khoản 5 điểm d"),
    "5.6": ("Người khuyết tật nặng, khuyết tật đặc biệt nặng", "NĐ 20/2021/NĐ-CP Điều 5 khoản 6"),
    "5.7": ("Trẻ em dưới 3 tuổi hộ nghèo, cận nghèo ở vùng DTTS và miền núi ĐBKK",
            "NĐ 20/2021/NĐ-CP Điều 5 khoản 7"),
    "5.8": ("Người nhiễm HIV/AIDS thuộc hộ nghèo không có thu nhập ổn định", "NĐ 20/2021/NĐ-CP Điều 5 khoản 8"),
}

# Coefficient bands of Điều 6 khoản 1: band → (category, label). The values are parameters
# (`coef.<band>`), the bands themselves are the structure of the article.
BANDS: dict[str, tuple[str, str]] = {
    "5.1.under4": ("5.1", "dưới 4 tuổi"),
    "5.1.from4": ("5.1", "từ đủ 4 tuổi đến dưới 16 tuổi"),
    "5.2": ("5.2", "từ đủ 16 đến 22 tuổi, đang học"),
    "5.3.under4": ("5.3", "dưới 4 tuổi"),
    "5.3.from4": ("5.3", "từ đủ 4 tuổi đến dưới 16 tuổi"),
    "5.4.per_child": ("5.4", "mỗi con đang nuôi"),
    "5.5a.60to80": ("5.5a", "từ đủ 60 đến dưới 80 tuổi"),
    "5.5a.80plus": ("5.5a", "từ đủ 80 tuổi"),
    "5.5b": ("5.5b", ""),
    "5.5c": ("5.5c", ""),
    "5.5d": ("5.5d", ""),
    "5.6.especially_severe": ("5.6", "khuyết tật đặc biệt nặng"),
    "5.6.especially_severe.child_elderly": ("5.6", "trẻ em, người cao tuổi khuyết tật đặc biệt nặng"),
    "5.6.severe": ("5.6", "khuyết tật nặng"),
    "5.6.severe.child_elderly": ("5.6", "trẻ em, người cao tuổi khuyết tật nặng"),
    "5.7": ("5.7", ""),
    "5.8": ("5.8", ""),
}

# Both parents of a single poor parent's allowance (k.4) and these may be paid together: Điều 6 k.2.
PAYABLE_WITH_K4 = {"5.5a", "5.5b", "5.5c", "5.5d", "5.6", "5.8"}

CHILD_AGE = 16  # Luật Trẻ em 2016 Điều 1: trẻ em là người dưới 16 tuổi
ELDERLY_AGE = 60  # Luật Người cao tuổi 2009 Điều 2: từ đủ 60 tuổi trở lên
STUDY_AGE_LIMIT = 22  # NĐ 20/2021 Điều 5 k.2: "nhưng tối đa không quá 22 tuổi"

DISABILITY_LEVELS = ("severe", "especially_severe")

Parameters = Mapping[str, Decimal]


@dataclass(frozen=True)
class Facts:
    """What the rules need to know about a person for one month."""

    categories: tuple[str, ...]
    birth_date: datetime.date  # a year-only birth date is 1 January of that year
    month: datetime.date  # any day of the month being paid; only year and month count
    disability_level: str | None = None
    studying: bool = False
    children_count: int = 0


@dataclass(frozen=True)
class Entitlement:
    category: str
    band: str
    coefficient: Decimal  # for k.4: per child × number of children
    amount: int


@dataclass
class Evaluation:
    entitled: list[Entitlement] = field(default_factory=list)  # every category the person qualifies for
    payable: list[Entitlement] = field(default_factory=list)  # what is paid after Điều 6 k.2
    messages: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(e.amount for e in self.payable)

    @property
    def coefficient(self) -> Decimal:
        return sum((e.coefficient for e in self.payable), Decimal(0))


def age_in_month(birth_date: datetime.date, month: datetime.date) -> int:
    """Age in whole years during `month`, counting a birthday in that month as reached.

    A new rate applies from the month the person becomes eligible for it (NĐ 20/2021 Điều 8 k.1):
    a child born in March 2022 is "from 4" for all of March 2026.
    """
    return month.year - birth_date.year - (1 if birth_date.month > month.month else 0)


def amount_for(coefficient: Decimal, standard_level: Decimal | int) -> int:
    """Mức trợ cấp = mức chuẩn × hệ số (NĐ 20/2021 Điều 6 k.1), in whole đồng."""
    return int((Decimal(standard_level) * coefficient).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def category_band(category: str, facts: Facts, age: int, prior_age: int | None = None) -> tuple[str | None, str | None]:
    """The coefficient band of Điều 6 that `category` puts the person in this month, or the
    Vietnamese reason why it does not apply.

    `age` is the age in the month (a band is reached from the month of the birthday, Điều 8 k.1);
    `prior_age` the age in the month before. An upper age limit is tested on `prior_age`: eligibility
    lost in the month of the 16th (22nd, 3rd) birthday ends payment only from the month after
    (NĐ 20/2021 Điều 8 k.2: "thôi hưởng từ tháng tiếp theo").
    """
    prior_age = age if prior_age is None else prior_age
    if category == "5.1":
        if age < 4:
            return "5.1.under4", None
        if prior_age < CHILD_AGE:
            return "5.1.from4", None
        return None, f"{category}: đã đủ 16 tuổi, không còn là trẻ em theo khoản 1 (nếu đang đi học, xét theo 5.2)."
    if category == "5.2":
        if age < CHILD_AGE:
            return None, f"{category}: chưa đủ 16 tuổi (xét theo 5.1)."
        if prior_age >= STUDY_AGE_LIMIT:
            return None, f"{category}: đã đủ 22 tuổi, hết thời gian hưởng theo khoản 2."
        if not facts.studying:
            return None, f"{category}: không đang đi học (khoản 2 chỉ áp dụng khi đang học)."
        return "5.2", None
    if category == "5.3":
        if age < 4:
            return "5.3.under4", None
        if prior_age < CHILD_AGE:
            return "5.3.from4", None
        return None, f"{category}: đã đủ 16 tuổi, không còn là trẻ em."
    if category == "5.4":
        if facts.children_count < 1:
            return None, f"{category}: cần số con đang nuôi (children_count) từ 1 trở lên."
        return "5.4.per_child", None
    if category == "5.5a":
        if age < ELDERLY_AGE:
            return None, f"{category}: chưa đủ 60 tuổi."
        return ("5.5a.80plus" if age >= 80 else "5.5a.60to80"), None
    if category == "5.5b":
        if not (age >= 75 and prior_age < 80):
            return None, f"{category}: chỉ áp dụng từ đủ 75 đến dưới 80 tuổi (tuổi trong tháng: {age})."
        return "5.5b", None
    if category == "5.5c":
        if age < 80:
            return None, f"{category}: chưa đủ 80 tuổi."
        return "5.5c", None
    if category == "5.5d":
        if age < ELDERLY_AGE:
            return None, f"{category}: chưa đủ 60 tuổi."
        return "5.5d", None
    if category == "5.6":
        if facts.disability_level not in DISABILITY_LEVELS:
            return None, f"{category}: cần mức độ khuyết tật nặng hoặc đặc biệt nặng (disability_level)."
        child_or_elderly = age < CHILD_AGE or age >= ELDERLY_AGE
        band = f"5.6.{facts.disability_level}" + (".child_elderly" if child_or_elderly else "")
        return band, None
    if category == "5.7":
        if prior_age >= 3:
            return None, f"{category}: chỉ áp dụng cho trẻ em dưới 3 tuổi."
        return "5.7", None
    if category == "5.8":
        return "5.8", None
    return None, f"Mã diện “{category}” không có trong Điều 5 NĐ 20/2021."


def evaluate(facts: Facts, parameters: Parameters, notes: Mapping[str, str] | None = None) -> Evaluation:
    """Every category the person qualifies for this month, and what is paid.

    A person qualifying under several coefficients receives only the highest amount, except that a
    single poor parent (k.4) also under k.5, k.6 or k.8 receives both (NĐ 20/2021 Điều 6 k.2).
    `notes` gives the legal basis of parameters (why a category is no longer in force).
    """
    notes = notes or {}
    result = Evaluation()
    level = parameters.get("standard_level")
    if not level:
        result.messages.append(f"Chưa có mức chuẩn trợ giúp xã hội cho tháng {facts.month:%m/%Y}.")
        return result
    if facts.birth_date > add_months(first_of_month(facts.month), 1) - datetime.timedelta(days=1):
        result.messages.append(f"Ngày sinh sau tháng {facts.month:%m/%Y}.")
        return result
    age = age_in_month(facts.birth_date, facts.month)
    prior_age = age_in_month(facts.birth_date, add_months(first_of_month(facts.month), -1))
    for category in dict.fromkeys(facts.categories):
        if category in CATEGORIES and parameters.get(f"active.{category}", Decimal(1)) == 0:
            basis = notes.get(f"active.{category}")
            result.messages.append(
                f"{category}: không còn áp dụng trong tháng {facts.month:%m/%Y}" + (f" ({basis})." if basis else ".")
            )
            continue
        band, reason = category_band(category, facts, age, prior_age)
        if band is None:
            result.messages.append(str(reason))
            continue
        coefficient = parameters[f"coef.{band}"]
        if category == "5.4":
            coefficient *= facts.children_count
        result.entitled.append(Entitlement(category, band, coefficient, amount_for(coefficient, level)))
    result.payable = highest(result.entitled)
    for entitlement in result.entitled:
        if entitlement not in result.payable:
            result.messages.append(
                f"{entitlement.category}: đủ điều kiện nhưng chỉ hưởng mức cao nhất (NĐ 20/2021/NĐ-CP Điều 6 k.2)."
            )
    return result


def highest(entitled: list[Entitlement]) -> list[Entitlement]:
    """Điều 6 k.2: the single highest amount; or k.4 together with the best of k.5/6/8 when that is more."""
    if not entitled:
        return []
    best = max(entitled, key=lambda e: e.amount)  # max keeps the first of equals: Điều 5 order
    k4 = next((e for e in entitled if e.category == "5.4"), None)
    others = [e for e in entitled if e.category in PAYABLE_WITH_K4]
    if k4 and others:
        partner = max(others, key=lambda e: e.amount)
        if k4.amount + partner.amount >= best.amount:
            return [k4, partner]
    return [best]


CHILDREN_READ = 10  # k.4 per child: a coefficient read without the number of children is tried up to this many


def category_coefficients(category: str, parameters: Parameters, children: int = 0) -> list[Decimal]:
    """The coefficients Điều 6 k.1 gives `category` (one per band of `BANDS`; k.4: per child × `children`, or
    × 1 … `CHILDREN_READ` when the number is not known); the social pension's one category: 1."""
    if category == SOCIAL_PENSION_CATEGORY:
        return [Decimal(1)]
    bands = [parameters[f"coef.{band}"] for band, (of, _label) in BANDS.items()
             if of == category and f"coef.{band}" in parameters]
    if category == "5.4":
        return [band * n for band in bands for n in ([children] if children else range(1, CHILDREN_READ + 1))]
    return sorted(set(bands))


def coefficient_split(categories: list[str], total: Decimal, parameters: Parameters,
                      children: int = 0) -> list[Decimal] | None:
    """Each category's part of a decided `total` (categories paid together, Điều 6 k.2): one coefficient of
    each that add up to it, or None when no coefficients of the law do."""
    for parts in itertools.product(*(category_coefficients(c, parameters, children) for c in categories)):
        if sum(parts, Decimal(0)) == total:
            return list(parts)
    return None


def categories_label(codes) -> str:
    """"5.4+5.6": category codes joined in code order, which is the order of Điều 5 (and of `ORDER BY category`
    in the payroll's SQL, so a line's frozen text and the pages agree)."""
    return "+".join(sorted(codes))


def format_coefficient(value: Decimal) -> str:
    """'2.5', '1.0', '3.0': at least one decimal, no trailing zeros beyond it."""
    text = format(value.normalize(), "f")
    return text if "." in text else text + ".0"


# --- care-giver support (hỗ trợ kinh phí chăm sóc, nuôi dưỡng): NĐ 20/2021 Điều 20 ---------------------

CARE_CASES = {
    "take_in_child": "Nhận nuôi trẻ em thuộc khoản 1 Điều 5 (Điều 20 k.1)",
    "take_in_elderly": "Nhận chăm sóc người cao tuổi thuộc điểm d khoản 5 Điều 5 (Điều 20 k.1)",
    "disabled_parent": "Người khuyết tật nặng, đặc biệt nặng mang thai hoặc nuôi con dưới 36 tháng (Điều 20 k.2)",
    "household_care": "Hộ gia đình trực tiếp chăm sóc người khuyết tật đặc biệt nặng (Điều 20 k.3)",
    "take_in_disabled": "Nhận chăm sóc người khuyết tật đặc biệt nặng (Điều 20 k.4)",
}


@dataclass(frozen=True)
class CareFacts:
    case: str
    month: datetime.date
    cared_birth_date: datetime.date | None = None  # the child or person cared for
    cared_disability: str | None = None  # "severe" | "especially_severe", of the person cared for
    parent_disability: str | None = None  # for `disabled_parent`: the parent's own level
    pregnant: bool = False
    children_under_36_months: int = 0


def care_band(facts: CareFacts) -> tuple[str | None, str | None]:
    """The Điều 20 coefficient parameter (`care.*`) that applies this month, or why none does. Where several
    could apply the caller keeps the highest (Điều 20: chỉ hưởng một mức cao nhất)."""
    age = age_in_month(facts.cared_birth_date, facts.month) if facts.cared_birth_date else None
    if facts.case == "take_in_child":
        if age is None:
            return None, "Cần ngày sinh của trẻ được nhận nuôi."
        if age < 4:
            return "care.take_in_child_under4", None
        if age < CHILD_AGE:
            return "care.take_in_child_from4_or_elderly", None
        return None, "Trẻ đã đủ 16 tuổi."
    if facts.case == "take_in_elderly":
        if age is None or age < ELDERLY_AGE:
            return None, "Người được nhận chăm sóc phải từ đủ 60 tuổi (diện 5.5d)."
        return "care.take_in_child_from4_or_elderly", None
    if facts.case == "disabled_parent":
        if facts.parent_disability not in DISABILITY_LEVELS:
            return None, "Người mẹ/cha phải là người khuyết tật nặng hoặc đặc biệt nặng."
        small = facts.children_under_36_months
        if (facts.pregnant and small >= 1) or small >= 2:
            return "care.disabled_parent_two", None
        if facts.pregnant or small == 1:
            return "care.disabled_parent_one", None
        return None, "Không mang thai và không nuôi con dưới 36 tháng tuổi."
    if facts.case == "household_care":
        if facts.cared_disability != "especially_severe":
            return None, "Chỉ áp dụng khi chăm sóc người khuyết tật đặc biệt nặng."
        return "care.household_especially_severe", None
    if facts.case == "take_in_disabled":
        if facts.cared_disability != "especially_severe":
            return None, "Chỉ áp dụng khi nhận chăm sóc người khuyết tật đặc biệt nặng."
        if age is not None and age < CHILD_AGE:
            return "care.take_in_child_especially_severe", None
        return "care.take_in_especially_severe", None
    return None, f"Trường hợp “{facts.case}” không có trong Điều 20."


def care_support(facts: CareFacts, parameters: Parameters) -> tuple[Decimal | None, int, str | None]:
    """(coefficient, monthly amount in đồng, reason when none): mức tối thiểu = mức chuẩn × hệ số."""
    band, reason = care_band(facts)
    if band is None:
        return None, 0, reason
    level = parameters.get("standard_level")
    if not level:
        return None, 0, f"Chưa có mức chuẩn trợ giúp xã hội cho tháng {facts.month:%m/%Y}."
    coefficient = parameters[band]
    return coefficient, amount_for(coefficient, level), None


# --- social pension (trợ cấp hưu trí xã hội): Luật BHXH 41/2024 Điều 21–22, NĐ 176/2025 ----------------

SOCIAL_PENSION_CATEGORY = "HTXH"  # the category code of a social pension enrolment (one row, coefficient 1)
SOCIAL_PENSION_AGE = 75
SOCIAL_PENSION_POOR_AGE = 70  # in a poor or near-poor household


def social_pension_eligibility(*, birth_date: datetime.date, month: datetime.date, has_pension: bool,
                               pension_below_level: bool = False, poor_or_near_poor: bool = False) -> str | None:
    """None when the person qualifies in `month`, else the Vietnamese reason. A pension or monthly social
    insurance allowance bars it unless lower than the social pension (NĐ 176/2025 Điều 2)."""
    age = age_in_month(birth_date, month)
    if has_pension and not pension_below_level:
        return "Đang hưởng lương hưu/trợ cấp BHXH hằng tháng (trừ khi thấp hơn mức trợ cấp hưu trí xã hội)."
    if age >= SOCIAL_PENSION_AGE:
        return None
    if age >= SOCIAL_PENSION_POOR_AGE:
        return None if poor_or_near_poor else "Từ 70 đến dưới 75 tuổi chỉ hưởng khi thuộc hộ nghèo, hộ cận nghèo."
    return f"Chưa đủ 75 tuổi (hoặc 70 tuổi nếu thuộc hộ nghèo, cận nghèo); tuổi trong tháng: {age}."
