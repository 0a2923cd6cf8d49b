"""The social-work workforce through the same pipeline: a list of staff and collaborators by citizen ID and
organisation code; each bad row named; one full-time post a day, against the workforce and within the file;
a position already there skipped; nothing outside the officer's jurisdiction written."""

import datetime
from decimal import Decimal

import pytest

from ansinh.audit.models import AuditEvent
from ansinh.exchange.services import import_commit
from ansinh.facilities import services as facilities
from ansinh.workforce import services as workforce
from ansinh.workforce.models import Position
from tests.factories import PersonFactory

from .conftest import csv_bytes, upload
from .test_pipeline import errors_by_row

pytestmark = pytest.mark.django_db

HEADER = ["Số định danh", "Mã cơ quan, cơ sở", "Vị trí việc làm", "Chức danh", "Mã chức danh nghề nghiệp",
          "Hình thức", "Phụ cấp hằng tháng", "Từ ngày", "Đến ngày"]


def test_a_list_of_staff_with_each_bad_row_named(users, communes):
    c1, c2 = communes["c1"], communes["c2"]
    xa1 = users["xa1"]
    school = facilities.organisation_create(user=xa1, valid_from=datetime.date(2020, 9, 1), code="TH-1",
                                            name="Trường Tiểu học", kind="school", commune=c1)
    station = facilities.organisation_create(user=xa1, valid_from=datetime.date(2024, 1, 1), code="TYT-1",
                                             name="Trạm Y tế", kind="health_centre", commune=c1)
    facilities.organisation_create(user=users["xa2"], valid_from=datetime.date(2020, 1, 1), code="TH-2",
                                   name="Trường xã hai", kind="school", commune=c2)
    a, b, c, d = (PersonFactory(commune=c1) for _ in range(4))
    stranger = PersonFactory(commune=c2)
    workforce.position_create(user=xa1, person=d, organisation=station, title="vien_chuc", engagement="full_time",
                              monthly_allowance=Decimal(3_000_000), start_date=datetime.date(2025, 1, 1))
    rows = [HEADER,
            [a.citizen_id, "th-1", "CTXH trường học", "Cộng tác viên", "", "Cộng tác viên", "2.530.000", "01/09/2025", ""],
            [b.citizen_id, "TH-1", "", "Viên chức", "V.09.04.02", "Chuyên trách", "3200000", "01/01/2025", ""],
            [b.citizen_id, "TYT-1", "", "Viên chức", "", "Chuyên trách", "3000000", "01/06/2025", ""],
            [c.citizen_id, "TH-1", "", "Giám đốc", "", "Cộng tác viên", "-5", "31/02/2025", ""],
            ["096000000000", "TH-1", "", "Cộng tác viên", "", "Cộng tác viên", "0", "01/01/2025", ""],
            [stranger.citizen_id, "TH-2", "", "Cộng tác viên", "", "Cộng tác viên", "0", "01/01/2025", ""],
            [c.citizen_id, "KHONG-CO", "", "Cộng tác viên", "", "Cộng tác viên", "0", "01/01/2025", ""],
            [c.citizen_id, "TYT-1", "", "Cộng tác viên", "", "Cộng tác viên", "0", "01/01/2023", ""],
            [d.citizen_id, "TH-1", "", "Viên chức", "", "Chuyên trách", "3000000", "01/03/2026", ""],
            [a.citizen_id, "TH-1", "CTXH trường học", "Cộng tác viên", "", "Cộng tác viên", "2530000", "01/09/2025", ""],
            [c.citizen_id, "TH-1", "", "Cộng tác viên", "", "Cộng tác viên", "1.000.000 đ", "01/01/2025",
             "31/12/2024"]]
    job = upload(xa1, csv_bytes(rows), kind="staff")
    assert job.status == "ready", job.error
    errors = errors_by_row(job)
    assert errors[4] == ["Hình thức: người này đã có vị trí chuyên trách trùng thời gian ở dòng 3."]
    assert any(e.startswith("Chức danh: “Giám đốc”") for e in errors[5])
    assert any(e.startswith("Phụ cấp hằng tháng: không được âm") for e in errors[5])
    assert any(e.startswith("Từ ngày: “31/02/2025”") for e in errors[5])
    assert errors[6] == ["Số định danh: không có người này trong sổ đối tượng: hãy đăng ký trước."]
    assert errors[7] == ["Số định danh: người hoặc cơ quan, cơ sở nằm ngoài địa bàn bạn quản lý."]
    assert stranger.full_name not in " ".join(errors[7])
    assert errors[8] == ["Mã cơ quan, cơ sở: không có cơ quan, cơ sở mã này."]
    assert errors[9] == ["Từ ngày: cơ quan, cơ sở chưa thành lập hoặc đã giải thể vào ngày này."]
    assert errors[10] == ["Hình thức: người này đang giữ một vị trí chuyên trách khác trong thời gian này."]
    assert errors[12] == ["Đến ngày: trước ngày bắt đầu."]
    assert set(errors) == {4, 5, 6, 7, 8, 9, 10, 12}
    assert job.counts["new"] == 2 and job.counts["skip"] == 1  # row 11 repeats row 2
    job = import_commit(user=xa1, job=job, expected_version=job.version, background=False)
    assert job.result["created"] == 2
    mine = Position.objects.filter(organisation=school).order_by("start_date")
    assert [(p.person, p.engagement, p.grade, p.monthly_allowance) for p in mine] == [
        (b, "full_time", "V.09.04.02", 3_200_000), (a, "collaborator", "", 2_530_000)]
    assert AuditEvent.objects.filter(object_type="workforce.position", changes__import=job.pk).count() == 2
    again = upload(xa1, csv_bytes(rows[:3]), kind="staff")
    assert again.counts["skip"] == 2 and again.counts["new"] == 0  # already there
