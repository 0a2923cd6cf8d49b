"""The working days of every step of the allowance procedure, each pinned by its article: the three-tier procedure
of NĐ 20/2021 Điều 8 k.1 before 01/7/2025 (7, 2, 3, 7, 3; a complaint settled in 10), the commune chairman's within
10 after (NĐ 147/2025 Điều 5). Counted from a Monday with no holiday, the deadline is that many working days on."""

import datetime

from ansinh.assistance import workflow

MONDAY = datetime.date(2025, 3, 3)


def due_of(procedure: str, done_on: dict, code: str) -> datetime.date:
    return next(due for step, due, _done in workflow.deadlines(procedure, done_on) if step.code == code)


def test_dieu_8_k1_b_the_commune_reviews_within_7_working_days():
    assert due_of("three_tier", {"received": MONDAY}, "reviewed") == datetime.date(2025, 3, 12)  # Mon + 7 = Wed


def test_dieu_8_k1_b_the_result_is_posted_for_2_working_days():
    assert due_of("three_tier", {"received": MONDAY, "reviewed": MONDAY}, "posted") == datetime.date(2025, 3, 5)


def test_dieu_8_k1_c_the_commune_forwards_within_3_working_days():
    done = {"received": MONDAY, "reviewed": MONDAY, "posted": MONDAY}
    assert due_of("three_tier", done, "forwarded") == datetime.date(2025, 3, 6)


def test_dieu_8_k1_d_the_district_office_appraises_within_7_working_days():
    done = {"received": MONDAY, "reviewed": MONDAY, "posted": MONDAY, "forwarded": MONDAY}
    assert due_of("three_tier", done, "appraised") == datetime.date(2025, 3, 12)


def test_dieu_8_k1_d_the_district_chairman_decides_within_3_working_days():
    done = {"received": MONDAY, "reviewed": MONDAY, "posted": MONDAY, "forwarded": MONDAY, "appraised": MONDAY}
    assert due_of("three_tier", done, "decided") == datetime.date(2025, 3, 6)


def test_dieu_8_k1_b_a_complaint_is_settled_within_10_working_days_before_forwarding():
    done = {"received": MONDAY, "reviewed": MONDAY, "posted": MONDAY, "complaint": MONDAY}
    assert due_of("three_tier", done, "complaint_settled") == datetime.date(2025, 3, 17)
    assert due_of("three_tier", done | {"complaint_settled": datetime.date(2025, 3, 10)}, "forwarded") == \
        datetime.date(2025, 3, 13)


def test_nd_147_2025_dieu_5_the_commune_chairman_decides_within_10_working_days():
    monday = datetime.date(2025, 7, 7)
    assert due_of("commune", {"received": monday}, "verified") == datetime.date(2025, 7, 21)
    assert due_of("commune", {"received": monday}, "decided") == datetime.date(2025, 7, 21)
    assert workflow.procedure_for(datetime.date(2025, 6, 30)) == "three_tier"
    assert workflow.procedure_for(datetime.date(2025, 7, 1)) == "commune"
