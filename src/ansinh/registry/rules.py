"""Pure registry rules: the personal identification number, partial birth dates, age."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from .reference import CCCD_PROVINCE_CODES

_CENTURIES = {19: 0, 20: 2, 21: 4, 22: 6, 23: 8}


def sex_century_digit(*, sex: str, birth_year: int) -> int:
    """Digit 4 of the number: gender and century of birth (TT 59/2021/TT-BCA) [V2, LEGAL_FACTS §8]."""
    return _CENTURIES[birth_year // 100] + (1 if sex == "F" else 0)


def validate_citizen_id(number: str, *, birth_year: int | None = None, sex: str | None = None) -> list[str]:
    """Check a số định danh cá nhân `PPP G YY NNNNNN`; an empty list means valid.

    Digits 1–3: birth-registration province; 4: sex and century; 5–6: year of birth (LEGAL_FACTS §8).
    """
    value = (number or "").strip()
    if not value.isdigit() or not value.isascii():
        return ["Số định danh cá nhân chỉ gồm chữ số (12 chữ số)."]
    if len(value) == 11:
        return [
            "Số định danh cá nhân có 11 chữ số, thiếu 1 chữ số: có thể số 0 ở đầu đã bị mất khi nhập "
            f"từ bảng tính (Excel). Hãy kiểm tra lại, ví dụ 0{value}."
        ]
    if len(value) != 12:
        return [f"Số định danh cá nhân phải gồm đúng 12 chữ số (đang có {len(value)})."]
    errors: list[str] = []
    province = value[:3]
    if province not in CCCD_PROVINCE_CODES:
        errors.append(f"Ba chữ số đầu “{province}” không phải mã tỉnh nơi đăng ký khai sinh hợp lệ.")
    digit = int(value[3])
    century = 1900 + 100 * (digit // 2)
    digit_sex = "F" if digit % 2 else "M"
    if sex in ("M", "F") and sex != digit_sex:
        errors.append(
            f"Chữ số thứ 4 (“{digit}”) dành cho {'nữ' if digit_sex == 'F' else 'nam'}, "
            f"không khớp với giới tính đã nhập ({'nữ' if sex == 'F' else 'nam'})."
        )
    encoded_year = century + int(value[4:6])
    if birth_year is not None and birth_year != encoded_year:
        errors.append(
            f"Năm sinh theo số định danh là {encoded_year} (chữ số 4–6 “{value[3:6]}”), "
            f"không khớp với năm sinh đã nhập ({birth_year})."
        )
    return errors


_ID_SEPARATORS = re.compile(r"[\s.\-_']")
_EXPONENT = re.compile(r"^\d+(?:[.,]\d+)?[eE][+]?\d+$")


def clean_citizen_id(value) -> str | None:
    """A personal identification number as a spreadsheet hands it over, made back into its 12 digits: a
    number cell (`12345678901.0`), spaces, dots or dashes between digits, and the leading zero Excel drops
    (11 digits: every birth-registration province code starts with 0, LEGAL_FACTS §8). A number Excel has
    shown in exponent form (`8.9e+10`) has lost its digits: a ValueError says so. None when blank."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"“{value}” không phải số định danh (có phần thập phân).")
        text = str(int(value))
    elif isinstance(value, int):
        text = str(value)
    else:
        text = str(value).strip()
        if not text:
            return None
        if _EXPONENT.match(text):
            try:
                number = Decimal(text.replace(",", "."))
            except InvalidOperation:
                number = None
            significant = len(text.split("e")[0].split("E")[0].replace(".", "").replace(",", "").lstrip("0"))
            if number is None or significant < 11:
                raise ValueError(f"“{text}” là số định danh đã bị Excel đổi sang dạng số mũ và mất chữ số: hãy "
                                 "định dạng cột là Văn bản (Text) rồi nhập lại số đầy đủ 12 chữ số.")
            text = str(int(number))
        elif text.endswith(".0") and text[:-2].isdigit():
            text = text[:-2]
        text = _ID_SEPARATORS.sub("", text)
    if len(text) == 11 and text.isdigit() and text.isascii():
        text = "0" + text
    return text


def validate_birth_parts(year: int | None, month: int | None, day: int | None, *, today: datetime.date) -> list[str]:
    """A birth date may be full, month+year or year only; it may not be in the future."""
    if year is None:
        return ["Cần có ít nhất năm sinh."] if (month or day) else []
    if not 1880 <= year <= today.year:
        return [f"Năm sinh {year} không hợp lệ."]
    if day and not month:
        return ["Có ngày sinh thì phải có tháng sinh."]
    if month and not 1 <= month <= 12:
        return [f"Tháng sinh {month} không hợp lệ."]
    if day and month:
        try:
            born = datetime.date(year, month, day)
        except ValueError:
            return [f"Ngày sinh {day:02d}/{month:02d}/{year} không tồn tại."]
        if born > today:
            return ["Ngày sinh không được sau ngày hôm nay."]
    elif month and (year, month) > (today.year, today.month):
        return ["Tháng sinh không được sau tháng hiện tại."]
    return []


def effective_birth_date(year: int, month: int | None = None, day: int | None = None) -> datetime.date:
    """With only the year (or month) known, the birthday is taken as the 1st of January (or of that month).

    This is the convention of the social insurance law for incomplete birth dates (LEGAL_FACTS, design notes).
    """
    return datetime.date(year, month or 1, day or 1)


def age_on(on: datetime.date, year: int, month: int | None = None, day: int | None = None) -> int:
    born = effective_birth_date(year, month, day)
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def format_birth(year: int | None, month: int | None, day: int | None) -> str:
    if year is None:
        return ""
    if day and month:
        return f"{day:02d}/{month:02d}/{year}"
    if month:
        return f"{month:02d}/{year}"
    return str(year)
