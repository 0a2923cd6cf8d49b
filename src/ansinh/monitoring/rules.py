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
    year's figure raised by the percentage (None while that figure is unknown)."""
    if target.baseline_year is None:
        return target.value
    if baseline is None:
        return None
    return baseline * (1 + target.value / 100)


def met(target: Target, actual: Decimal, baseline: Decimal | None = None) -> bool | None:
    """Whether the figure meets the target: at least its figure, or for a ceiling ("dưới 3%") below it; None when
    it cannot be told."""
    needed = required(target, baseline)
    if needed is None:
        return None
    return actual < needed if target.at_most else actual >= needed
