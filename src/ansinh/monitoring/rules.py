"""Plan targets as pure functions: what a target asks for, and whether a figure meets it. A target is an absolute
number, a share (%), or a change relative to a baseline year ("tăng tối thiểu 35% so với năm 2025")."""

from dataclasses import dataclass
from decimal import Decimal

PERCENT = "%"


@dataclass(frozen=True)
class Target:
    value: Decimal
    unit: str
    period_start: int | None
    period_end: int | None
    baseline_year: int | None = None
    at_most: bool = False  # a ceiling ("tỷ lệ thất nghiệp dưới 3%"), not a floor


def problems(target: Target) -> list[tuple[str, str]]:
    """(field, message) for each thing wrong with a target as written; empty when it can be recorded."""
    found = []
    if target.period_start is None or target.period_end is None:
        found.append(("period_start", "Chỉ tiêu phải có giai đoạn (từ năm, đến năm)."))
    elif target.period_end < target.period_start:
        found.append(("period_end", "Năm kết thúc không được trước năm bắt đầu."))
    if target.value is None or target.value < 0:
        found.append(("value", "Giá trị chỉ tiêu phải là số không âm."))
    elif target.unit == PERCENT and target.baseline_year is None and target.value > 100:
        found.append(("value", "Tỷ lệ không được quá 100%."))
    if not (target.unit or "").strip():
        found.append(("unit", "Hãy ghi đơn vị của chỉ tiêu (%, người, cơ sở…)."))
    if target.baseline_year is not None and target.period_end is not None \
            and target.baseline_year >= target.period_end:
        found.append(("baseline_year", "Năm gốc phải trước năm kết thúc của giai đoạn."))
    return found


def required(target: Target, baseline: Decimal | None = None) -> Decimal | None:
    """The figure the target asks for at the end of its period: its value, or for a relative target the baseline
    year's figure raised by the percentage (None while that figure is unknown, or nought)."""
    if target.baseline_year is None:
        return target.value
    if baseline is None or baseline <= 0:  # a rise over nothing is not a percentage of anything
        return None
    return baseline * (1 + target.value / 100)


def met(target: Target, actual: Decimal, baseline: Decimal | None = None) -> bool | None:
    """Whether the figure meets the target: at least its figure, or for a ceiling ("dưới 3%") below it; None when
    it cannot be told."""
    needed = required(target, baseline)
    if needed is None:
        return None
    return actual < needed if target.at_most else actual >= needed


def figure(numerator: Decimal | None, denominator: Decimal | None, *, share: bool) -> Decimal | None:
    """A figure from its parts: the count, or the share in per cent to one decimal (None while either part is
    unknown, or of nothing)."""
    if numerator is None:
        return None
    if not share:
        return numerator
    if not denominator:
        return None
    return (100 * Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.1"))


# --- progress against a target (the dashboards) ------------------------------------------------------------

ON_TRACK, AT_RISK, OFF_TRACK, MET, NOT_MET = "on_track", "at_risk", "off_track", "met", "not_met"
AT_RISK_MARGIN = Decimal("0.10")  # behind the straight path by at most a tenth of the way: at risk, not off track
PROGRESS_RULE = ("Đúng tiến độ: số liệu hiện nay đạt mức lẽ ra phải có hôm nay trên đường thẳng từ số liệu đầu giai "
                 "đoạn (năm gốc, với chỉ tiêu tăng so với năm gốc) đến chỉ tiêu cuối giai đoạn. Có nguy cơ: chậm hơn "
                 "mức đó không quá 10% quãng đường phải đi. Chậm tiến độ: chậm hơn nữa. Hết giai đoạn: đạt hoặc "
                 "không đạt.")


def elapsed(period_start: int, period_end: int, day) -> Decimal:
    """How much of the period (1 January of its first year to 31 December of its last) lies behind `day`, 0 to 1."""
    import datetime
    first, last = datetime.date(period_start, 1, 1), datetime.date(period_end, 12, 31)
    return min(Decimal(1), max(Decimal(0), Decimal((day - first).days) / Decimal((last - first).days)))


def progress(target: Target, actual: Decimal, *, day, start: Decimal | None = None,
             baseline: Decimal | None = None) -> str | None:
    """On track, at risk or off track on `day` (see `PROGRESS_RULE`); met or not met once the period is over; None
    before the period, or when the figure needed is unknown. `start` is the figure at the start of the period (0
    when unknown); a rise over a baseline year starts from that year's figure."""
    needed = required(target, baseline)
    if needed is None or target.period_start is None or target.period_end is None \
            or day.year < target.period_start:
        return None
    done = elapsed(target.period_start, target.period_end, day)
    if done >= 1:
        return MET if met(target, actual, baseline) else NOT_MET
    # a rise starts from its baseline (known here: `needed` is); any other target from the period's first figure
    origin = (baseline if target.baseline_year is not None else start) or Decimal(0)
    expected = origin + (needed - origin) * done
    way = abs(needed - origin)
    behind = (actual - expected) if target.at_most else (expected - actual)  # how far the figure lags the path
    if behind <= 0:
        return ON_TRACK
    return AT_RISK if behind <= AT_RISK_MARGIN * way else OFF_TRACK


# --- when a task of a plan is due --------------------------------------------------------------------------

QUARTER_ENDS = {"I": (3, 31), "II": (6, 30), "III": (9, 30), "IV": (12, 31)}
_QUARTER = r"Quý\s+(IV|III|II|I)\b"


def task_dues(timeline: str, *, first_year: int, last_year: int) -> list:
    """The deadlines of a task in the years `first_year`–`last_year`, read from its timeline as the plans write it:
    "Hàng năm" (31/12 of each year), "Quý I hàng năm" (31/3 of each year), "Năm 2024 và các năm tiếp theo" (each
    year from 2024), "Năm 2024" (31/12/2024), "2024 - 2030" (31/12/2030, once), "Quý II/2025" (30/6/2025). A
    timeline that names no time ("thường xuyên", "theo yêu cầu") has none."""
    import datetime
    import re

    text = " ".join(timeline.split())
    quarter = re.search(_QUARTER, text, re.IGNORECASE)
    month, day = QUARTER_ENDS[quarter.group(1).upper()] if quarter else (12, 31)
    years = [int(y) for y in re.findall(r"\b(?:19|20)\d{2}\b", text)]
    yearly = re.search(r"\bh[àằ]ng năm\b|các năm tiếp theo", text, re.IGNORECASE) is not None
    if yearly:
        start = max(first_year, years[0]) if years else first_year
        wanted = range(start, last_year + 1)
    elif years:
        wanted = range(max(years), max(years) + 1)  # once, at the end of the span it names
    else:
        return []
    return [datetime.date(year, month, day) for year in wanted if first_year <= year <= last_year]
