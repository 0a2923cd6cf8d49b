"""Emergency assistance as pure functions (NĐ 20/2021/NĐ-CP Điều 12–17): what a person or household is owed for
the damage suffered, the minimum of each cash support, rice by people and months, the funeral support at the
highest applicable rate, and whether the aid came in time. The numbers are the dated parameters of `policy`,
handed in as `Terms`; the standard level (mức chuẩn) is the assistance app's parameter of the same day."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from ansinh.core.templatetags.ansinh import number as thousands


@dataclass(frozen=True)
class Terms:
    """The numbers in force on a day (national, raised by the province where it has)."""

    standard_level: Decimal = Decimal(500_000)
    rice_kg: int = 15
    rice_months_tet: int = 1
    rice_months_disaster: int = 3
    injury_multiple: Decimal = Decimal(10)
    injury_days: int = 3
    house_lost: Decimal = Decimal(40_000_000)
    relocation: Decimal = Decimal(30_000_000)
    house_repair: Decimal = Decimal(20_000_000)
    funeral_regular: Decimal = Decimal(20)
    funeral_disaster: Decimal = Decimal(50)
    decision_days: int = 2


# --- what the damage gives (Điều 12–15) --------------------------------------------------------------------

# damage → the support it opens; the house supports need a poor, near-poor or disadvantaged household (Điều 15
# k.1, k.3), the relocation any household ordered to move (k.2)
HOUSE_LOST, BADLY_DAMAGED, RELOCATED = "house_lost", "badly_damaged", "relocated"
DEATH, INJURY, HUNGER, HOMELESS, LIVELIHOOD = "death", "injury", "hunger", "homeless", "livelihood"
NEEDS_VULNERABLE = frozenset({HOUSE_LOST, BADLY_DAMAGED})


def cash_minimum(damage: str, terms: Terms, *, vulnerable: bool = True, days_treated: int | None = None
                 ) -> Decimal | None:
    """The least cash the law gives for `damage` (None: no cash support for it).

    A lost house (collapsed, swept away or burned down) 40.000.000 đ and a badly damaged one 20.000.000 đ per
    household, for poor, near-poor or disadvantaged households (Điều 15 k.1, k.3); an urgent relocation 30.000.000
    đ per household (k.2); a serious injury — treated 3 days or more in a health facility (Điều 2 k.2) — 10 × the
    standard level (Điều 13); a death or disappearance 50 × (Điều 14, the funeral)."""
    if damage in NEEDS_VULNERABLE and not vulnerable:
        return None
    if damage == HOUSE_LOST:
        return terms.house_lost
    if damage == BADLY_DAMAGED:
        return terms.house_repair
    if damage == RELOCATED:
        return terms.relocation
    if damage == INJURY:
        if days_treated is None or days_treated < terms.injury_days:
            return None
        return terms.injury_multiple * terms.standard_level
    if damage == DEATH:
        return terms.funeral_disaster * terms.standard_level
    return None


def below_minimum(amount: Decimal | int, minimum: Decimal | int | None) -> bool:
    """An amount decided under the law's minimum (a province may give more, never less)."""
    return minimum is not None and amount < minimum


TET, DISASTER = "tet", "disaster"


def rice_months_allowed(reason: str, terms: Terms) -> int:
    """Rice for hunger: one month a round at Tết; at most three a round after a disaster, fire, crop failure or in
    the lean season (Điều 12 k.1)."""
    return terms.rice_months_tet if reason == TET else terms.rice_months_disaster


def rice_kg(people: int, months: int, reason: str, terms: Terms) -> int:
    """15 kg per person per month (Điều 12 k.1), for the months a round may give."""
    if people < 1:
        raise ValueError("Trợ giúp gạo cần ít nhất một người.")
    allowed = rice_months_allowed(reason, terms)
    if not 1 <= months <= allowed:
        raise ValueError(f"Mỗi đợt trợ giúp gạo {'dịp Tết' if reason == TET else 'sau thiên tai'} từ 1 đến "
                         f"{allowed} tháng (Nghị định 20/2021 Điều 12 khoản 1).")
    return people * months * terms.rice_kg


# --- funeral support: once, at the highest rate that applies (Điều 11, 14, 25) -------------------------------


REGULAR, DISASTER_DEATH, IN_FACILITY = "regular", "disaster", "facility"


def funeral_amount(grounds: set[str], terms: Terms) -> tuple[str, Decimal] | None:
    """The funeral support for a death on these grounds: a beneficiary of the monthly allowance (20 ×, Điều 11), a
    death or disappearance in a disaster, fire, epidemic or accident (50 ×, Điều 14), a death in a social
    assistance facility (50 ×, Điều 25 k.3). Only one, the highest (Điều 11 k.3). None when none applies."""
    rates = {REGULAR: terms.funeral_regular, DISASTER_DEATH: terms.funeral_disaster,
             IN_FACILITY: terms.funeral_disaster}
    applicable = [(rates[g], g) for g in grounds if g in rates]
    if not applicable:
        return None
    multiple, ground = max(applicable, key=lambda pair: (pair[0], pair[1] != REGULAR))
    return ground, multiple * terms.standard_level


# --- timeliness (Điều 12 k.3) ---------------------------------------------------------------------------------


def decision_due(detected_on: datetime.date, terms: Terms) -> datetime.date:
    """The commune chairman decides within 2 days of the list (Điều 12 k.3): by the second day after detection."""
    return detected_on + datetime.timedelta(days=terms.decision_days)


def timeliness(*, detected_on: datetime.date, decided_on: datetime.date | None, delivered_on: datetime.date | None,
               today: datetime.date, terms: Terms) -> str:
    """The state of a line found on `detected_on`, its deadline counted with `terms` (see `status`)."""
    return status(due_on=decision_due(detected_on, terms), decided_on=decided_on, delivered_on=delivered_on,
                  today=today)


def status(*, due_on: datetime.date, decided_on: datetime.date | None, delivered_on: datetime.date | None,
           today: datetime.date) -> str:
    """"prompt": decided by `due_on` and delivered; "late": decided after it (or still undecided past it);
    "waiting": not yet delivered, the deadline not passed."""
    if decided_on is not None and decided_on > due_on:
        return "late"
    if decided_on is None and today > due_on:
        return "late"
    if decided_on is not None and delivered_on is not None:
        return "prompt"
    return "waiting"


def delivery_refusal(*, decided_on: datetime.date, delivered_on: datetime.date, decided: Decimal | int,
                     delivered_before: Decimal | int, amount: Decimal | int, unit: str = "đ") -> str | None:
    """Why a delivery cannot be recorded: before its decision, or beyond the amount decided (in `unit`: đ, kg)."""
    if delivered_on < decided_on:
        return f"Ngày chi, phát {delivered_on:%d/%m/%Y} trước ngày quyết định {decided_on:%d/%m/%Y}."
    if amount <= 0:
        return "Số chi, phát phải lớn hơn 0."
    if delivered_before + amount > decided:
        left = decided - delivered_before
        return f"Vượt mức đã quyết định: còn được chi, phát {thousands(left)} {unit}."
    return None
