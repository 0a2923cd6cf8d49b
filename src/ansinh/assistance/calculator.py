"""The allowance calculator: JSON cases in, JSON results out (`ansinh allowance evaluate`, the
calculator page and the API share it). A bad case gets its own Vietnamese message; the batch goes on."""

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from . import rules

ParameterSource = Callable[[datetime.date], tuple[dict[str, Decimal], dict[str, str]]]

DISABILITY_INPUT = {None: None, "severe": "severe", "especially_severe": "especially_severe"}


def parse_case(case: Any) -> tuple[rules.Facts | None, int | None, list[str]]:
    """A case dict → facts, the standard-level override, and the messages for what is wrong with it."""
    if not isinstance(case, dict):
        return None, None, ["Mỗi trường hợp phải là một đối tượng JSON."]
    errors: list[str] = []
    categories = case.get("categories")
    if not isinstance(categories, list) or not categories or not all(isinstance(c, str) for c in categories):
        errors.append("Thiếu “categories”: danh sách mã diện, ví dụ [\"5.6\"].")
        categories = []
    unknown = [c for c in categories if c not in rules.CATEGORIES]
    if unknown:
        errors.append(f"Mã diện không có trong Điều 5 NĐ 20/2021: {', '.join(unknown)}.")

    month = None
    raw_month = case.get("reference_month")
    if not isinstance(raw_month, str):
        errors.append("Thiếu “reference_month” (tháng tham chiếu, dạng YYYY-MM).")
    else:
        try:
            month = datetime.datetime.strptime(raw_month, "%Y-%m").date()
        except ValueError:
            errors.append(f"“reference_month” không hợp lệ: “{raw_month}” (cần dạng YYYY-MM).")

    birth = None
    if case.get("birth_date") is not None:
        raw = case["birth_date"]
        try:
            birth = datetime.date.fromisoformat(raw) if isinstance(raw, str) and len(raw) == 10 else None
        except ValueError:
            birth = None
        if birth is None:
            errors.append(f"“birth_date” không hợp lệ: “{raw}” (cần ngày có thật, dạng YYYY-MM-DD).")
    elif case.get("birth_year") is not None:
        year = case["birth_year"]
        if isinstance(year, bool) or not isinstance(year, int) or not 1880 <= year <= 2200:
            errors.append(f"“birth_year” không hợp lệ: “{year}”.")
        else:
            birth = datetime.date(year, 1, 1)  # năm sinh không rõ ngày, tháng: tính từ 01/01
    else:
        errors.append("Thiếu ngày sinh: “birth_date” (YYYY-MM-DD) hoặc “birth_year”.")

    disability = case.get("disability_level")
    if disability not in DISABILITY_INPUT:
        errors.append(f"“disability_level” không hợp lệ: “{disability}” (null, \"severe\" hoặc \"especially_severe\").")
    studying = case.get("studying", False)
    if not isinstance(studying, bool):
        errors.append("“studying” phải là true hoặc false.")
    children = case.get("children_count", 0)
    if isinstance(children, bool) or not isinstance(children, int) or children < 0:
        errors.append("“children_count” phải là số nguyên không âm.")
    level = case.get("standard_level")
    if level is not None and (isinstance(level, bool) or not isinstance(level, int) or level <= 0):
        errors.append("“standard_level” phải là số đồng nguyên dương.")
    if errors:
        return None, None, errors
    facts = rules.Facts(
        categories=tuple(categories), birth_date=birth, month=month, disability_level=disability,
        studying=studying, children_count=children,
    )
    return facts, level, []


def evaluate_case(case: Any, parameters_at: ParameterSource) -> dict[str, Any]:
    case_id = case.get("id") if isinstance(case, dict) else None
    if case_id is not None and not isinstance(case_id, str):
        case_id = str(case_id)  # ids are text; a number is echoed as its digits
    facts, level, errors = parse_case(case)
    if errors:
        return {"id": case_id, "eligible": False, "payable": [], "total": 0, "messages": errors}
    values, notes = parameters_at(facts.month)
    if level is not None:
        values = {**values, "standard_level": Decimal(level)}
    result = rules.evaluate(facts, values, notes)
    return {
        "id": case_id,
        "eligible": bool(result.payable),
        "payable": [
            {"category": e.category, "coefficient": rules.format_coefficient(e.coefficient), "amount": e.amount}
            for e in result.payable
        ],
        "total": result.total,
        "standard_level": int(values["standard_level"]) if values.get("standard_level") else None,
        "messages": result.messages,
    }


def evaluate_cases(cases: Any, parameters_at: ParameterSource) -> list[dict[str, Any]]:
    if not isinstance(cases, list):
        cases = [cases]
    cache: dict[datetime.date, tuple] = {}

    def cached(month: datetime.date):
        if month not in cache:
            cache[month] = parameters_at(month)
        return cache[month]

    return [evaluate_case(case, cached) for case in cases]


