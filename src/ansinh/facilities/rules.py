"""The legal rules of facilities, pure: no database. Values (coefficients, ratios) are dated policy parameters
passed in; the functions say how they combine."""

import datetime
import math
from decimal import Decimal

from ansinh.core.dates import add_months, first_of_month

UNDER4, FROM4 = "care.facility.under4", "care.facility.from4"
STANDARD_LEVEL = "standard_level"  # mức chuẩn trợ giúp xã hội, social assistance's (NĐ 20/2021 Điều 4)


def care_coefficient(birth: datetime.date, month: datetime.date, values: dict[str, Decimal]) -> Decimal | None:
    """Hệ số trợ cấp nuôi dưỡng hằng tháng tại cơ sở (NĐ 20/2021 Điều 25 k.1): 5,0 under 4, 4,0 from 4; the
    new coefficient from the month the fourth birthday falls in (Điều 8 k.1)."""
    fourth = first_of_month(add_months(first_of_month(birth), 48))
    return values.get(UNDER4 if first_of_month(month) < fourth else FROM4)


def care_allowance(birth: datetime.date, month: datetime.date, values: dict[str, Decimal]) -> Decimal | None:
    """The month's care allowance: the standard level in force (the province's where higher) × the coefficient."""
    coefficient, level = care_coefficient(birth, month, values), values.get(STANDARD_LEVEL)
    if coefficient is None or level is None:
        return None
    return (coefficient * level).quantize(Decimal(1))


def required_staff(counts: dict[str, int], ratios: dict[str, Decimal]) -> dict[str, int]:
    """Staff a facility needs for its residents (TT 33/2017/TT-BLĐTBXH Điều 5): `counts` by care group,
    `ratios` the dated parameters "staffing.<function>[.<group>]" = residents per staff member. Carers are summed
    over the groups, each at its own ratio, then rounded up; a psychologist is needed once anyone lives there."""
    total = sum(counts.values())
    if not total:
        return {}
    carers = sum(Decimal(n) / ratios[f"staffing.carer.{group}"] for group, n in counts.items()
                 if f"staffing.carer.{group}" in ratios)  # a group the law sets no ratio for needs no carer
    needed = {"carer": math.ceil(carers)}
    for function in ("social_worker", "medical", "nutrition"):
        ratio = ratios.get(f"staffing.{function}")
        if ratio:
            needed[function] = math.ceil(Decimal(total) / ratio)
    needed["psychologist"] = 1
    return needed
