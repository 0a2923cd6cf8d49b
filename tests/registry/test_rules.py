import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ansinh.registry.reference import CCCD_PROVINCE_CODES
from ansinh.registry.rules import (
    age_on,
    effective_birth_date,
    format_birth,
    sex_century_digit,
    validate_birth_parts,
    validate_citizen_id,
)


def test_valid_numbers():
    assert validate_citizen_id("096085001234", birth_year=1985, sex="M") == []
    assert validate_citizen_id("001305000001", birth_year=2005, sex="F") == []
    assert validate_citizen_id("096185001234") == []


@pytest.mark.parametrize(
    ("sex", "year", "digit"),
    [("M", 1900, 0), ("F", 1999, 1), ("M", 2000, 2), ("F", 2099, 3), ("M", 2100, 4), ("F", 2100, 5),
     ("M", 2200, 6), ("F", 2299, 7), ("M", 2300, 8), ("F", 2399, 9)],
)
def test_sex_century_table(sex, year, digit):
    assert sex_century_digit(sex=sex, birth_year=year) == digit


def test_eleven_digits_says_leading_zero_lost():
    [message] = validate_citizen_id("96085001234")
    assert "11 chữ số" in message and "số 0 ở đầu" in message


@pytest.mark.parametrize("number", ["", "12345", "0960850012345", "09608500123a", "０９６０８５００１２３４"])
def test_wrong_shape(number):
    assert validate_citizen_id(number)


def test_unknown_province_code():
    errors = validate_citizen_id("003085001234")
    assert len(errors) == 1 and "“003”" in errors[0]


def test_sex_mismatch_named():
    [message] = validate_citizen_id("096085001234", sex="F")
    assert "nam" in message and "nữ" in message


def test_birth_year_mismatch_named():
    [message] = validate_citizen_id("096085001234", birth_year=1986)
    assert "1985" in message and "1986" in message
    # Century comes from digit 4: "2" means 2000–2099.
    assert validate_citizen_id("096285001234", birth_year=1985)


@given(
    province=st.sampled_from(sorted(CCCD_PROVINCE_CODES)),
    sex=st.sampled_from(["M", "F"]),
    year=st.integers(min_value=1900, max_value=2399),
    tail=st.integers(min_value=0, max_value=999_999),
)
def test_every_well_formed_number_validates_against_its_own_facts(province, sex, year, tail):
    number = f"{province}{sex_century_digit(sex=sex, birth_year=year)}{year % 100:02d}{tail:06d}"
    assert validate_citizen_id(number, birth_year=year, sex=sex) == []
    other_sex = "F" if sex == "M" else "M"
    assert validate_citizen_id(number, birth_year=year, sex=other_sex) != []
    assert validate_citizen_id(number, birth_year=year + 1, sex=sex) != []


TODAY = datetime.date(2026, 11, 22)


def test_partial_birth_dates():
    assert validate_birth_parts(1950, None, None, today=TODAY) == []
    assert validate_birth_parts(1950, 3, None, today=TODAY) == []
    assert validate_birth_parts(1950, 2, 29, today=TODAY)  # not a leap year
    assert validate_birth_parts(1952, 2, 29, today=TODAY) == []
    assert validate_birth_parts(2027, None, None, today=TODAY)
    assert validate_birth_parts(2026, 12, None, today=TODAY)
    assert validate_birth_parts(1950, None, 3, today=TODAY)


def test_year_only_birthday_is_first_of_january():
    assert effective_birth_date(1946) == datetime.date(1946, 1, 1)
    assert age_on(datetime.date(2026, 1, 1), 1946) == 80
    assert age_on(datetime.date(2025, 12, 31), 1946) == 79
    assert age_on(datetime.date(2026, 3, 1), 2022, 3) == 4
    assert age_on(datetime.date(2026, 2, 28), 2022, 3) == 3
    assert format_birth(1946, None, None) == "1946"
    assert format_birth(1946, 3, None) == "03/1946"
    assert format_birth(1946, 3, 5) == "05/03/1946"
