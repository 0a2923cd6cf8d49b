"""Organisations through the same pipeline: a province's list of schools, clinics and facilities with their
kinds, parent bodies by code (in the network or in the same file) and first period; each bad row named; an
organisation already there left as it is; nothing outside the officer's jurisdiction written."""

import datetime

import pytest

from ansinh.audit.models import AuditEvent
from ansinh.exchange.services import import_commit
from ansinh.facilities import services
from ansinh.facilities.models import Organisation

from .conftest import csv_bytes, upload
from .test_pipeline import errors_by_row

pytestmark = pytest.mark.django_db

HEADER = ["Mã", "Tên cơ quan, cơ sở", "loai", "Loại hình", "Xã/phường", "Mã cơ quan chủ quản", "Thuộc phạm vi kế hoạch",
          "Cung cấp dịch vụ CTXH", "Ngày thành lập", "Căn cứ"]


def test_a_list_of_organisations_with_parents_by_code_and_each_bad_row_named(users, communes):
    services.commune_committees_load(province_code="96")
    c1, c2 = communes["c1"], communes["c2"]
    committee = f"UBND-{c1.code}"
    rows = [HEADER,
            ["TH-01", "Trường Tiểu học Tân Thành", "Trường học", "", c1.code, committee, "Có", "Không", "05/09/2015", ""],
            ["", "Trạm y tế phường", "tram y te", "Công lập", c1.name, "", "có", "có", "2010", ""],
            ["DT-01", "Điểm trường Ấp 3", "Trường học", "", c1.code, "TH-01", "", "", "01/09/2020", "QĐ 7/QĐ-UBND"],
            ["TH-01", "Trường khác", "Trường học", "", c1.code, "", "", "", "01/09/2020", ""],
            ["X-1", "Cơ sở lạ", "tiệm bánh", "tư nhân", c1.code, "KHONG-CO", "có lẽ", "", "31/02/2020", ""],
            ["X-2", "Cơ sở Hà Nội", "Bệnh viện", "", communes["other_province"].code, "", "", "", "01/01/2020", ""],
            [committee, "UBND phường (đã có)", "UBND xã, phường, đặc khu", "", c1.code, "", "Có", "", "01/07/2025", ""]]
    job = upload(users["tinh"], csv_bytes(rows), kind="organisations")
    assert job.status == "ready", job.error
    errors = errors_by_row(job)
    assert errors[5] == ["Mã: trùng mã với dòng 2 nhưng khác tên hoặc xã/phường."]
    assert any(e.startswith("Loại: “tiệm bánh”") for e in errors[6])
    assert any(e.startswith("Thuộc phạm vi kế hoạch:") for e in errors[6])
    assert any(e.startswith("Từ ngày: “31/02/2020”") for e in errors[6])
    assert any(e.startswith("Xã/phường:") and "ngoài địa bàn" in e for e in errors[7])
    assert set(errors) == {3, 5, 6, 7}  # the clinic's date is a year alone: not a whole day
    assert job.counts["new"] == 2 and job.counts["skip"] == 1
    job = import_commit(user=users["tinh"], job=job, expected_version=job.version, background=False)
    assert job.result["created"] == 2 and job.result["skipped"] == 1
    school = Organisation.objects.get(code="TH-01")
    first = school.periods.get()
    assert (first.valid_from, first.kind, first.ownership, first.in_plan_scope, first.provides_social_work) == (
        datetime.date(2015, 9, 5), "school", "public", True, False)
    assert first.parent.code == committee
    branch = Organisation.objects.get(code="DT-01").periods.get()  # its parent is a row of the same file
    assert branch.parent == school and branch.basis == "QĐ 7/QĐ-UBND"
    assert Organisation.objects.get(code=committee).name == f"UBND {c1.name}"  # left as it was
    assert AuditEvent.objects.filter(object_type="facilities.organisation", action="create",
                                     changes__import=job.pk).count() == 2
    assert not Organisation.objects.filter(commune=c2).exclude(kind="commune_committee").exists()


def test_a_commune_officer_imports_into_their_commune_only(users, communes):
    rows = [HEADER, ["", "Trường Mầm non", "Trường học", "", "", "", "", "", "01/09/2019", ""],
            ["", "Trường ở xã khác", "Trường học", "", communes["c2"].code, "", "", "", "01/09/2019", ""]]
    job = upload(users["xa1"], csv_bytes(rows), kind="organisations")
    assert list(errors_by_row(job)) == [3]
    job = import_commit(user=users["xa1"], job=job, expected_version=job.version, background=False)
    created = Organisation.objects.get()
    assert created.commune == communes["c1"] and created.code == f"CS-{job.pk}-2"
