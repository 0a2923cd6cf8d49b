"""Importing people: messy real-world files read right, every bad row named, nothing half-written, and
nothing outside the officer's jurisdiction created or touched."""

import datetime
import json
import unicodedata

import pytest
from django.db import IntegrityError, connection
from django.http import Http404

from ansinh.audit.models import AuditEvent
from ansinh.exchange.models import ImportJob, StagedPerson
from ansinh.exchange.selectors import access_job, errors_flat
from ansinh.exchange.services import import_commit, import_resume, import_stage, import_write
from ansinh.geo.models import AdministrativeUnit
from ansinh.registry.models import DuplicateCandidate, Person
from tests.factories import PersonFactory, citizen_id

from .conftest import csv_bytes, upload, xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = ["Họ và tên", "Ngày sinh", "Giới tính", "Số định danh cá nhân", "Xã/phường", "Dân tộc"]


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # the marks Windows-1258 writes after the letter


def windows_1258(text: str) -> bytes:
    """Text as older Vietnamese software writes it: â, ê, ô, ơ, ư, ă, đ as one byte, the tone as a second."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        base, *marks = unicodedata.normalize("NFD", char)
        out.append(unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in TONES)))
        out.extend(m for m in marks if m in TONES)
    return "".join(out).encode("cp1258")


def errors_by_row(job):
    found: dict[int, list[str]] = {}
    for error in errors_flat(job):
        found.setdefault(error["row"], []).append(f"{error['column']}: {error['message']}")
    return found


def commit(user, job):
    return import_commit(user=user, job=job, expected_version=job.version, background=False)


def test_messy_csv_is_read_and_each_bad_row_named(users, communes):
    c1 = communes["c1"]
    rows = [
        ["DANH SÁCH ĐỐI TƯỢNG BẢO TRỢ XÃ HỘI"],                 # a title above the header
        ["(kèm theo Công văn số 12/UBND)"],
        ["ma xa", "GIOI TINH", "ho va ten", "  Ngày  sinh ", "so dinh danh", "dan toc"],  # header: any order/case
        [c1.code, "Nữ", "  nguyễn   THỊ   lan ", "05/03/1950", "096 150 000 123", "Kinh"],     # row 4
        [c1.name, "nam", "TRẦN VĂN BÌNH", "7/8/52", "96052000124", "khmer"],                  # row 5: 11 digits
        ["", "", "", "", "", ""],                                                             # row 6: blank
        [c1.code, "Nam", "Lê Văn Cường", "1960", "", "01"],                                   # row 7: year only
        [c1.code, "Nữ", "Phạm Thị Dung", "20000", "", ""],                                    # row 8: Excel serial
        [c1.code, "Nữ", "Đỗ Thị Em", "31/02/1970", "8.9e+10", "Kinh"],                        # row 9: two errors
        [c1.code, "?", "", "abc", "", "Người Sao Hỏa"],                                       # row 10: four errors
        [c1.code, "Nữ", "  nguyễn   THỊ   lan ", "05/03/1950", "096150000123", "Kinh"],       # row 11: repeat of 4
        [c1.code, "Nữ", "Nguyễn Thị Khác", "05/03/1950", "096150000123", "Kinh"],            # row 12: same ID
        [communes["other_province"].code, "Nam", "Hà Văn Xa", "1970", "", ""],                # row 13: outside
        ["Xã Không Có Thật", "Nam", "Vũ Văn Giả", "1970", "", ""],                            # row 14: no commune
    ]
    job = upload(users["tinh"], csv_bytes(rows))
    assert job.status == ImportJob.Status.READY and job.header_row == 3
    assert job.counts == {"rows": 10, "valid": 5, "new": 4, "update": 0, "skip": 1, "errors": 5,
                          "seconds_read": job.counts["seconds_read"], "seconds_checked": job.counts["seconds_checked"]}
    errors = errors_by_row(job)
    assert set(errors) == {9, 10, 12, 13, 14}
    assert any(e == "Ngày sinh: “31/02/1970”: ngày 31/02/1970 không có." for e in errors[9])
    assert any(e.startswith("Số định danh cá nhân: “8.9e+10” là số định danh đã bị Excel đổi sang dạng số mũ")
               for e in errors[9])
    assert sorted(e.split(":")[0] for e in errors[10]) == ["Dân tộc", "Giới tính", "Họ và tên", "Ngày sinh"]
    assert errors[12] == ["Số định danh cá nhân: trùng với dòng 4 nhưng khác họ tên, ngày sinh hoặc xã/phường."]
    assert "nằm ngoài địa bàn bạn quản lý" in errors[13][0]
    assert errors[14][0].startswith("Xã/phường: không có xã/phường “Xã Không Có Thật” (kể cả tên trước 01/7/2025)")
    assert Person.objects.count() == 0  # nothing written before the officer confirms

    job = commit(users["tinh"], job)
    assert job.status == ImportJob.Status.DONE
    assert job.result["created"] == 4 and job.result["updated"] == 0 and job.result["skipped"] == 1
    people = {p.full_name: p for p in Person.objects.all()}
    assert set(people) == {"Nguyễn Thị Lan", "Trần Văn Bình", "Lê Văn Cường", "Phạm Thị Dung"}
    lan, binh = people["Nguyễn Thị Lan"], people["Trần Văn Bình"]
    assert (lan.citizen_id, lan.birth_year, lan.birth_month, lan.birth_day, lan.sex) == ("096150000123", 1950, 3, 5, "F")
    assert (binh.citizen_id, binh.birth_year, binh.birth_month, binh.birth_day) == ("096052000124", 1952, 8, 7)
    assert binh.ethnicity == "05" and binh.commune == c1 and binh.province_code == c1.province_code
    assert (people["Lê Văn Cường"].birth_year, people["Lê Văn Cường"].birth_month) == (1960, None)
    dung = people["Phạm Thị Dung"]
    assert datetime.date(dung.birth_year, dung.birth_month, dung.birth_day) == datetime.date(1954, 10, 3)
    assert lan.name_folded == "nguyen thi lan" and lan.sort_name == "lan nguyen thi lan" and lan.version == 1
    created = AuditEvent.objects.filter(action="create", object_type="registry.person")
    assert created.count() == 4 and created.filter(actor=users["tinh"], object_id=str(lan.pk)).exists()
    assert json.loads(json.dumps(created.first().changes))["import"] == job.pk
    summary = AuditEvent.objects.get(action="import")
    assert summary.changes["sha256"] == job.file_sha256 and summary.changes["file"] == "ds.csv"
    assert summary.changes["result"]["created"] == 4


def test_windows_1258_csv_semicolons_and_a_year_written_as_two_digits(users, communes):
    rows = [["Họ và tên", "Giới tính", "Năm sinh", "Xã"], ["Nguyễn Thị Hoà Ộp", "Nữ", "3/1948", communes["c1"].code]]
    content = windows_1258(csv_bytes(rows, encoding="utf-8", delimiter=";").decode())
    job = upload(users["xa1"], content, name="cu.csv")
    assert job.counts["valid"] == 1, errors_flat(job)
    commit(users["xa1"], job)
    person = Person.objects.get()
    assert person.full_name == "Nguyễn Thị Hoà Ộp" and (person.birth_year, person.birth_month) == (1948, 3)


def test_xlsx_cells_as_excel_keeps_them(users, communes):
    c1 = communes["c1"]
    rows = [
        ["STT", "Họ tên", "Ngày tháng năm sinh", "Giới tính", "CCCD", "Xã/phường"],
        [1, "Nguyễn Văn A", datetime.datetime(1950, 3, 5), "Nam", 96050000125.0, c1.name],  # ID as a number cell
        [2, "Trần Văn B", 18000, "Nam", "", None],     # an Excel serial; commune merged from above
        [3, "Lê Thị C", 1951, "Nữ", "", None],          # a year as a number
        [None, None, None, None, None, None],            # blank
    ]
    job = upload(users["tinh"], xlsx_bytes(rows, merged=["F2:F4"]), name="ds.xlsx")
    assert job.counts["valid"] == 3, errors_flat(job)
    commit(users["tinh"], job)
    people = {p.full_name: p for p in Person.objects.all()}
    assert people["Nguyễn Văn A"].citizen_id == "096050000125"
    assert (people["Trần Văn B"].birth_year, people["Trần Văn B"].birth_month) == (1949, 4)
    assert people["Lê Thị C"].birth_year == 1951 and people["Lê Thị C"].commune == c1


@pytest.mark.parametrize("content, name, message", [
    (b"\x00\x01\x02\x03binary", "ds.csv", "Tệp không phải bảng tính"),
    (b"this is not a workbook", "ds.xlsx", "Không đọc được tệp Excel"),
    (b"Ten,Tuoi\nA,3\n", "ds.csv", "Thiếu cột: Họ và tên"),
])
def test_a_file_that_is_not_a_list_fails_whole(users, content, name, message):
    job = upload(users["tinh"], content, name=name)
    assert job.status == ImportJob.Status.FAILED and job.error.startswith(message)
    assert not StagedPerson.objects.filter(job=job).exists()


def test_ambiguous_commune_name_needs_a_code_or_province(users, communes):
    with connection.cursor() as cursor:
        cursor.execute("SELECT name_folded FROM geo_administrativeunit WHERE level = 'commune' "
                       "GROUP BY name_folded HAVING COUNT(DISTINCT province_code) > 1 ORDER BY name_folded LIMIT 1")
        folded = cursor.fetchone()[0]
    units = AdministrativeUnit.objects.filter(level="commune", name_folded=folded).order_by("province_code")
    first = units[0]
    province = AdministrativeUnit.objects.get(level="province", code=first.province_code)
    rows = [["Họ và tên", "Giới tính", "Xã/phường", "Tỉnh"], ["Người Một", "Nam", first.name, ""],
            ["Người Hai", "Nam", first.name, province.name]]
    job = upload(users["admin"], csv_bytes(rows))
    errors = errors_by_row(job)
    assert list(errors) == [2] and "ghi mã xã hoặc thêm cột Tỉnh/thành phố" in errors[2][0]


def test_existing_people_are_updated_or_skipped_as_chosen_and_outside_ones_refused(users, communes):
    c1, c2 = communes["c1"], communes["c2"]
    mine = PersonFactory(commune=c1, province_code=c1.province_code, full_name="Nguyễn Văn Cũ", sex="M",
                         birth_year=1950, citizen_id=citizen_id(sex="M", birth_year=1950), hamlet="Ấp 1", phone="0911")
    theirs = PersonFactory(commune=c2, province_code=c2.province_code, full_name="Bí Mật", sex="M", birth_year=1950,
                           citizen_id=citizen_id(sex="M", birth_year=1950))
    rows = [["Họ và tên", "Giới tính", "Số định danh cá nhân", "Thôn/ấp", "Điện thoại"],
            ["Nguyễn Văn Mới", "Nam", mine.citizen_id, "Ấp 2", ""],
            ["Ai Đó", "Nam", theirs.citizen_id, "", ""]]
    skip = upload(users["xa1"], csv_bytes(rows))
    assert (skip.counts["skip"], skip.counts["errors"]) == (1, 1)
    outside = errors_flat(skip)[0]
    assert outside["row"] == 3 and "ngoài địa bàn" in outside["message"] and "Bí Mật" not in outside["message"]
    commit(users["xa1"], skip)
    mine.refresh_from_db()
    assert mine.full_name == "Nguyễn Văn Cũ" and mine.version == 1

    update = upload(users["xa1"], csv_bytes(rows), on_existing="update")
    assert update.counts["update"] == 1
    update = commit(users["xa1"], update)
    assert update.result["updated"] == 1 and update.result["created"] == 0
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.full_name, mine.hamlet, mine.phone, mine.version) == ("Nguyễn Văn Mới", "Ấp 2", "0911", 2)
    assert theirs.full_name == "Bí Mật" and theirs.version == 1
    assert AuditEvent.objects.filter(action="update", object_id=str(mine.pk), changes__import=update.pk).exists()


def test_a_commune_officer_imports_into_their_commune_only(users, communes):
    c1, c2 = communes["c1"], communes["c2"]
    rows = [["Họ và tên", "Giới tính", "Xã/phường"], ["Không Ghi Xã", "Nam", ""], ["Xã Khác", "Nữ", c2.code]]
    job = upload(users["xa1"], csv_bytes(rows))
    assert job.commune == c1 and job.counts["new"] == 1
    assert "nằm ngoài địa bàn bạn quản lý" in errors_flat(job)[0]["message"]
    commit(users["xa1"], job)
    assert list(Person.objects.values_list("full_name", "commune")) == [("Không Ghi Xã", c1.pk)]
    with pytest.raises(Http404):
        access_job(users["xa2"], job.pk)


def test_new_people_alike_existing_ones_are_queued_as_likely_duplicates(users, communes):
    c1 = communes["c1"]
    PersonFactory(commune=c1, province_code=c1.province_code, full_name="Hồ Văn Trùng", sex="M", birth_year=1944,
                  birth_month=None, birth_day=None, citizen_id=None)
    job = upload(users["xa1"], csv_bytes([["Họ và tên", "Giới tính", "Năm sinh"], ["ho van trung", "Nam", "1944"]]))
    job = commit(users["xa1"], job)
    assert job.result["duplicates_queued"] == 1 and DuplicateCandidate.objects.count() == 1


def test_a_failure_in_the_middle_of_the_commit_writes_nothing(users, communes):
    c1 = communes["c1"]
    rows = [["Họ và tên", "Giới tính", "Năm sinh"]] + [[f"Người Số {n}", "Nam", "1950"] for n in range(100_000)]
    job = upload(users["xa1"], csv_bytes(rows))
    assert job.counts["new"] == 100_000
    # a row the checks passed that the database refuses at row 50,001 (as a row edited behind the pipeline's back)
    StagedPerson.objects.filter(job=job, number=50_001).update(birth_month=13)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.COMMITTING, committed_by=users["xa1"])
    with pytest.raises(IntegrityError):
        import_write(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and "không có dòng nào được ghi" in job.error
    assert Person.objects.count() == 0 and not AuditEvent.objects.filter(object_type="registry.person").exists()
    assert c1.pk  # the commune is untouched


def test_a_stopped_worker_leaves_nothing_half_done_and_is_taken_up_again(users, communes):
    rows = [["Họ và tên", "Giới tính", "Năm sinh"]] + [[f"Người Số {n}", "Nữ", "1960"] for n in range(500)]
    job = upload(users["xa1"], csv_bytes(rows))
    # the worker stopped while reading (rows half staged), and another job stopped while committing
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.STAGING, rows_read=200)
    StagedPerson.objects.filter(job=job, number__gt=200).delete()
    assert import_resume() == 1  # the test settings run the task at once: staging starts over
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY and job.counts["new"] == 500
    job = import_commit(user=users["xa1"], job=job, expected_version=job.version, background=True)
    assert job.status == ImportJob.Status.DONE and Person.objects.count() == 500
    # the job's status and its rows commit together: a task queued twice finds the job done and writes nothing
    import_write(job_id=job.pk)
    assert Person.objects.count() == 500


def test_a_stale_confirmation_is_refused(users, communes):
    from ansinh.core.exceptions import ConflictError

    job = upload(users["xa1"], csv_bytes([["Họ và tên", "Giới tính"], ["An", "Nam"]]))
    read_version = job.version
    commit(users["xa1"], job)  # another officer confirmed first
    with pytest.raises(ConflictError):
        import_commit(user=users["xa1"], job=job, expected_version=read_version, background=False)
    assert Person.objects.count() == 1


def test_restaging_starts_over(users, communes):
    job = upload(users["xa1"], csv_bytes([["Họ và tên", "Giới tính"], ["An", "Nam"]]))
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.STAGING)
    import_stage(job_id=job.pk)
    assert StagedPerson.objects.filter(job=job).count() == 1


def test_staged_rows_lost_with_the_database_are_read_again(users, communes):
    job = upload(users["xa1"], csv_bytes([["Họ và tên", "Giới tính"], ["An", "Nam"], ["Bình", "Nữ"]]))
    StagedPerson.objects.filter(job=job).delete()  # PostgreSQL empties an unlogged table after a crash
    assert import_resume() == 1
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY and job.counts["new"] == 2
    assert import_resume() == 0  # a job ready with its rows is the officer's to confirm


@pytest.mark.django_db(transaction=True)
def test_reading_shows_its_progress_and_a_file_failing_halfway_stages_nothing(users, communes, monkeypatch):
    """As the worker reads (outside any transaction): the progress another connection sees grows batch by
    batch, and an error at row 11,000 of 12,000 leaves the job failed with no row staged."""
    import dataclasses

    from django.db import DEFAULT_DB_ALIAS, connections

    from ansinh.core.exceptions import DomainError
    from ansinh.exchange import kinds, services

    persons = kinds.KINDS["persons"]
    seen: list[int] = []

    def cleaner(job):
        clean = persons.cleaner(job)
        count = 0

        def watched(cells):
            nonlocal count
            count += 1
            if count in (5_500, 11_000):  # what the progress bar's request reads, from its own connection
                other = connections.create_connection(DEFAULT_DB_ALIAS)
                try:
                    with other.cursor() as cursor:
                        cursor.execute("SELECT rows_read FROM exchange_importjob WHERE id = %s", [job.pk])
                        seen.append(cursor.fetchone()[0])
                finally:
                    other.close()
            if count == 11_000 and fail:
                raise DomainError("Dòng 11.001: tệp hỏng.")
            return clean(cells)

        return watched

    monkeypatch.setitem(kinds.KINDS, "persons", dataclasses.replace(persons, cleaner=cleaner))
    monkeypatch.setattr(services, "BATCH", 5_000)
    rows = [["Họ và tên", "Giới tính", "Năm sinh"]] + [[f"Người Số {n}", "Nữ", "1960"] for n in range(12_000)]
    content = csv_bytes(rows)

    def read():  # as the worker does, once the upload is committed
        return services.import_upload(user=users["xa1"], kind="persons", name="ds.csv", chunks=iter([content]),
                                      background=False)

    fail = False
    job = read()
    assert job.status == ImportJob.Status.READY and job.rows_read == 12_000 and job.counts["new"] == 12_000
    assert seen == [5_000, 10_000]
    fail = True
    job = read()
    assert job.status == ImportJob.Status.FAILED and job.error == "Dòng 11.001: tệp hỏng."
    assert not StagedPerson.objects.filter(job=job).exists()
