"""Households (linked to their people by household code), enrolments from older software, and communes named
as they were before 1 July 2025: each through the same pipeline, each bad row named, nothing outside the
officer's jurisdiction written."""

import datetime
from decimal import Decimal

import pytest

from ansinh.assistance.models import Enrolment, EnrolmentCategory
from ansinh.audit.models import AuditEvent
from ansinh.exchange.enrolments import category_code
from ansinh.exchange.services import import_commit
from ansinh.geo.models import AdministrativeUnit
from ansinh.registry.models import Household, HouseholdMember, HouseholdPoverty, Person
from tests.factories import HouseholdFactory, PersonFactory, citizen_id, enrolment_make

from .conftest import csv_bytes, upload
from .test_pipeline import errors_by_row

pytestmark = pytest.mark.django_db


def commit(user, job):
    return import_commit(user=user, job=job, expected_version=job.version, background=False)


def person(commune, name="Nguyễn Văn An", **fields):
    sex = "F" if " Thị " in name else "M"
    values = {"birth_year": 1950, "sex": sex, "full_name": name} | fields
    values.setdefault("citizen_id", citizen_id(sex=sex, birth_year=values["birth_year"]))
    return PersonFactory(commune=commune, **values)


# --- households ------------------------------------------------------------------------------------------

HOUSEHOLD_HEADER = ["Mã hộ", "Xã/phường", "Thôn/ấp", "Số định danh chủ hộ", "Phân loại hộ", "Năm rà soát",
                    "Số quyết định", "Ngày quyết định"]


def test_households_come_in_with_head_and_poverty_review_and_bad_rows_are_named(users, communes):
    c1, c2 = communes["c1"], communes["c2"]
    head = person(c1)
    elsewhere = person(c2, "Lê Văn Khác")
    in_a_household = person(c1, "Trần Văn Có Hộ")
    taken = HouseholdFactory(commune=c1, code="CM-OLD")
    HouseholdMember.objects.create(household=taken, person=in_a_household, relationship="head")
    rows = [HOUSEHOLD_HEADER,
            ["cm-0001", c1.code, "Ấp 3", head.citizen_id, "Hộ nghèo", "2025", "12/QĐ-UBND", "15/12/2025"],  # 2
            ["CM-0002", c1.code, "Ấp 4", "", "cận nghèo", "2025", "", ""],                                # 3
            [" CM-0001 ", c1.code, "Ấp 3", head.citizen_id, "Hộ nghèo", "2025", "12/QĐ-UBND", "15/12/2025"],  # 4 repeat
            ["CM-0003", c1.code, "", "096199999999", "", "", "", ""],                                     # 5 no head
            ["CM-0004", c1.code, "", elsewhere.citizen_id, "", "", "", ""],                               # 6 outside
            ["CM-0005", c1.code, "", in_a_household.citizen_id, "", "", "", ""],                          # 7 member
            ["", c1.code, "", "", "Giàu", "1999", "", "31/02/2025"],                                      # 8 cells
            ["CM-0006", c1.code, "", "", "Hộ nghèo", "", "", ""],                                         # 9 no year
            ["CM-0007", c1.code, "", "", "Giàu", "2025", "", ""],                                         # 10
            ["CM-0008", c1.code, "", head.citizen_id, "", "", "", ""]]                                    # 11
    job = upload(users["xa1"], csv_bytes(rows), kind="households")
    assert (job.counts["new"], job.counts["skip"], job.counts["errors"]) == (2, 1, 7)
    errors = errors_by_row(job)
    assert errors[5] == ["Số định danh chủ hộ: chưa có người này trong sổ: nhập danh sách người trước, hoặc để "
                         "trống rồi ghi Chủ hộ ở cột Quan hệ với chủ hộ của danh sách người."]
    assert errors[6] == ["Số định danh chủ hộ: người này ở ngoài địa bàn bạn quản lý."]
    assert errors[7] == ["Số định danh chủ hộ: người này đang là thành viên hộ khác."]
    assert {e.split(":")[0] for e in errors[8]} == {"Mã hộ", "Ngày quyết định", "Phân loại hộ", "Năm rà soát"}
    assert errors[9] == ["Năm rà soát: để trống: ghi năm rà soát của phân loại hộ."]
    assert errors[10] == ["Phân loại hộ: “Giàu” không rõ: ghi Hộ nghèo, Hộ cận nghèo hoặc Không nghèo."]
    assert errors[11] == ["Số định danh chủ hộ: dòng 2 đã ghi người này là chủ hộ."]
    job = commit(users["xa1"], job)
    assert job.result["created"] == 2 and job.result["heads"] == 1 and job.result["poverty_reviews"] == 2
    first = Household.objects.get(code="CM-0001")
    assert (first.head, first.commune, first.hamlet) == (head, c1, "Ấp 3")
    assert HouseholdMember.objects.get(person=head).relationship == "head"
    review = HouseholdPoverty.objects.get(household=first)
    assert (review.year, review.status, review.decision_number, review.decision_date) == (
        2025, "poor", "12/QĐ-UBND", datetime.date(2025, 12, 15))
    assert HouseholdPoverty.objects.get(household__code="CM-0002").status == "near_poor"
    assert AuditEvent.objects.filter(object_type="registry.household", action="create",
                                     changes__import=job.pk).count() == 2


def test_households_already_there_are_updated_with_the_year_review_replaced(users, communes):
    c1 = communes["c1"]
    household = HouseholdFactory(commune=c1, code="CM-0009", hamlet="Ấp 1", address="Số 5")
    HouseholdPoverty.objects.create(household=household, year=2025, status="poor")
    rows = [HOUSEHOLD_HEADER, ["CM-0009", c1.code, "Ấp 2", "", "Không nghèo", "2025", "", ""]]
    skip = commit(users["xa1"], upload(users["xa1"], csv_bytes(rows), kind="households"))
    assert skip.result["skipped"] == 1 and HouseholdPoverty.objects.get(household=household).status == "poor"
    update = commit(users["xa1"], upload(users["xa1"], csv_bytes(rows), kind="households", on_existing="update"))
    assert update.result["updated"] == 1
    household.refresh_from_db()
    assert (household.hamlet, household.address, household.version) == ("Ấp 2", "Số 5", 2)
    assert HouseholdPoverty.objects.get(household=household).status == "not_poor"


def test_a_household_of_another_commune_is_not_touched(users, communes):
    theirs = HouseholdFactory(commune=communes["c2"], code="CM-0010", hamlet="Ấp 7")
    rows = [HOUSEHOLD_HEADER, ["CM-0010", communes["c1"].code, "Ấp 1", "", "", "", "", ""]]
    job = upload(users["xa1"], csv_bytes(rows), kind="households", on_existing="update")
    assert errors_by_row(job) == {2: ["Mã hộ: mã hộ này đã có trong sổ, ở ngoài địa bàn bạn quản lý."]}
    theirs.refresh_from_db()
    assert theirs.hamlet == "Ấp 7" and theirs.commune == communes["c2"]


def test_people_join_their_households_by_code_and_the_head_heads_it(users, communes):
    c1, c2 = communes["c1"], communes["c2"]
    household = HouseholdFactory(commune=c1, code="CM-0100")
    headed = HouseholdFactory(commune=c1, code="CM-0101")
    headed.head = person(c1, "Chủ Hộ Cũ")
    headed.save()
    HouseholdFactory(commune=c2, code="CM-0102")
    rows = [["Họ và tên", "Giới tính", "Năm sinh", "Mã hộ", "Quan hệ với chủ hộ"],
            ["Nguyễn Văn Chủ", "Nam", "1960", "cm-0100", "Chủ hộ"],   # 2
            ["Nguyễn Thị Vợ", "Nữ", "1962", "CM-0100", "vợ"],         # 3
            ["Nguyễn Văn Con", "Nam", "1990", "CM-0100", "Con"],      # 4
            ["Nguyễn Văn Hai", "Nam", "1961", "CM-0100", "chủ hộ"],   # 5: a second head
            ["Trần Văn Ba", "Nam", "1970", "CM-0101", "Chủ hộ"],      # 6: the household has one
            ["Lê Văn Bốn", "Nam", "1970", "CM-9999", "Con"],          # 7: no such household
            ["Lê Văn Năm", "Nam", "1970", "CM-0102", "Con"],          # 8: another commune's
            ["Lê Văn Sáu", "Nam", "1970", "CM-0100", ""],             # 9: relationship missing
            ["Lê Văn Bảy", "Nam", "1970", "", "Con rể"],              # 10: household missing
            ["Lê Văn Tám", "Nam", "1970", "CM-0100", "Hàng xóm"]]     # 11: relationship unknown
    job = upload(users["xa1"], csv_bytes(rows))
    errors = errors_by_row(job)
    assert errors == {
        5: ["Quan hệ với chủ hộ: dòng 2 đã là chủ hộ của hộ này."],
        6: ["Quan hệ với chủ hộ: hộ này đã có chủ hộ khác trong sổ."],
        7: ["Mã hộ: chưa có hộ mã này trong sổ: nhập danh sách hộ trước (hoặc thêm hộ trên trang Hộ gia đình)."],
        8: ["Mã hộ: hộ này ở ngoài địa bàn bạn quản lý."],
        9: ["Quan hệ với chủ hộ: để trống: ghi quan hệ với chủ hộ (Chủ hộ nếu là chủ hộ)."],
        10: ["Mã hộ: để trống: ghi mã hộ của người này."],
        11: ["Quan hệ với chủ hộ: “Hàng xóm” không rõ: ghi Chủ hộ, Vợ/Chồng, Con, Cha/Mẹ, Ông/Bà, Cháu, "
             "Anh/Chị/Em, Con dâu/Con rể, Cha/Mẹ vợ/chồng hoặc Khác."],
    }
    job = commit(users["xa1"], job)
    assert job.result["created"] == 3 and job.result["household_members"] == 3
    household.refresh_from_db()
    members = dict(HouseholdMember.objects.filter(household=household).values_list("person__full_name", "relationship"))
    assert members == {"Nguyễn Văn Chủ": "head", "Nguyễn Thị Vợ": "spouse", "Nguyễn Văn Con": "child"}
    assert household.head.full_name == "Nguyễn Văn Chủ" and household.version == 2
    # the ids given ahead of the insert are the people's own: every new person has its audit event
    new = Person.objects.filter(full_name__startswith="Nguyễn")
    assert {e for e in AuditEvent.objects.filter(object_type="registry.person", action="create").values_list(
        "object_id", flat=True)} == {str(p.pk) for p in new}
    assert AuditEvent.objects.filter(object_type="registry.household", object_id=str(household.pk),
                                     changes__import=job.pk).count() == 1


def test_someone_registered_joins_a_household_by_an_update(users, communes):
    c1 = communes["c1"]
    household = HouseholdFactory(commune=c1, code="CM-0200")
    registered = person(c1, "Võ Văn Có")
    other = HouseholdFactory(commune=c1, code="CM-0201")
    in_other = person(c1, "Võ Văn Ở Hộ Khác")
    HouseholdMember.objects.create(household=other, person=in_other, relationship="child")
    rows = [["Họ và tên", "Giới tính", "Số định danh cá nhân", "Mã hộ", "Quan hệ với chủ hộ"],
            ["Võ Văn Có", "Nam", registered.citizen_id, "CM-0200", "Con"],
            ["Võ Văn Ở Hộ Khác", "Nam", in_other.citizen_id, "CM-0200", "Con"]]
    job = upload(users["xa1"], csv_bytes(rows), on_existing="update")
    assert errors_by_row(job) == {3: ["Mã hộ: người này đang là thành viên hộ khác: cho ra khỏi hộ đó trên trang hộ "
                                      "trước."]}
    commit(users["xa1"], job)
    assert HouseholdMember.objects.get(person=registered).household == household
    assert HouseholdMember.objects.get(person=in_other).household == other


# --- communes named as before 1 July 2025 ------------------------------------------------------------------


def test_old_commune_names_lead_to_todays_commune_when_unambiguous(users, communes):
    today = {name: AdministrativeUnit.objects.get(level="commune", valid_to__isnull=True, province_code="96",
                                                  name=name) for name in ("Xã Ninh Quới", "Phường Bạc Liêu")}
    rows = [["Họ và tên", "Giới tính", "Xã/phường", "Quận/huyện (cũ)", "Tỉnh/thành phố"],
            ["Một", "Nam", "Xã Ninh Quới A", "", "Bạc Liêu"],                     # 2: merged whole, old province
            ["Hai", "Nam", "ninh quoi a", "", ""],                                # 3: without diacritics
            ["Ba", "Nam", "Phường 2", "", ""],                                    # 4: two old Phường 2
            ["Bốn", "Nam", "Phường 2", "Thành phố Bạc Liêu", ""],                 # 5: narrowed by district
            ["Năm", "Nam", "Phường 6", "TP Cà Mau", ""],                          # 6: split in two
            ["Sáu", "Nam", "Phường Phúc Xá", "", ""]]                             # 7: Hà Nội's, not here
    job = upload(users["tinh"], csv_bytes(rows))
    errors = errors_by_row(job)
    assert set(errors) == {4, 6, 7}
    assert errors[4] == ["Xã/phường: “Phường 2” là tên cũ của 2 xã/phường trước 01/7/2025 (Thành phố Bạc Liêu, "
                         "Thành phố Cà Mau): thêm cột Quận/huyện (cũ), hoặc ghi tên hoặc mã xã/phường hiện nay."]
    assert errors[6] == ["Xã/phường: Phường 6, Thành phố Cà Mau, Tỉnh Cà Mau (trước 01/7/2025) nay chia cho 2 "
                         "xã/phường (Phường Hòa Thành, Phường Tân Thành): ghi tên xã/phường hiện nay."]
    assert "kể cả tên trước 01/7/2025" in errors[7][0]
    commit(users["tinh"], job)
    placed = {p.full_name: (p.commune, p.legacy_address) for p in Person.objects.all()}
    assert placed == {
        "Một": (today["Xã Ninh Quới"], "Xã Ninh Quới A, Huyện Hồng Dân, Tỉnh Bạc Liêu"),
        "Hai": (today["Xã Ninh Quới"], "Xã Ninh Quới A, Huyện Hồng Dân, Tỉnh Bạc Liêu"),
        "Bốn": (today["Phường Bạc Liêu"], "Phường 2, Thành phố Bạc Liêu, Tỉnh Bạc Liêu"),
    }


def test_a_commune_officer_cannot_reach_another_commune_by_its_old_name(users, communes):
    rows = [["Họ và tên", "Giới tính", "Xã/phường"], ["Một", "Nam", "Xã Ninh Quới A"]]
    job = upload(users["xa1"], csv_bytes(rows))
    if communes["c1"].name != "Xã Ninh Quới":
        assert errors_by_row(job) == {2: ["Xã/phường: Xã Ninh Quới A, Huyện Hồng Dân, Tỉnh Bạc Liêu nay là Xã Ninh "
                                          "Quới, nằm ngoài địa bàn bạn quản lý."]}


def test_every_former_commune_is_linked_to_todays(units):
    from ansinh.geo.models import FormerCommune

    assert FormerCommune.objects.count() == 10_035
    assert not FormerCommune.objects.filter(successors__isnull=True).exists()
    assert FormerCommune.objects.get(code="31849").successors.get().name == "Xã Ninh Quới"


# --- enrolments from older software ------------------------------------------------------------------------

ENROLMENT_HEADER = ["Số định danh cá nhân", "Họ và tên", "Diện hưởng", "Hệ số", "Số con đang nuôi", "Hưởng từ tháng",
                    "Số quyết định", "Ngày quyết định", "Hình thức chi trả"]


@pytest.mark.parametrize(("written", "code"), [
    ("5.3", "5.3"), ("5.5c", "5.5c"), ("5.5.C", "5.5c"), ("Khoản 6 Điều 5", "5.6"), ("khoản 5 điểm a", "5.5a"),
    ("Điểm d khoản 5 Điều 5", "5.5d"), ("k8", "5.8"), ("HTXH", "HTXH"), ("5.9", None), ("5.5e", None),
    ("5.5", None), ("abc", None),
])
def test_category_as_older_software_writes_it(written, code):
    assert category_code(written) == code


def test_enrolments_from_older_software_with_their_coefficient_checked(users, communes, policy):
    c1, c2 = communes["c1"], communes["c2"]
    severe = person(c1, "Mai Văn Nặng", birth_year=1985, disability_level="severe")
    parent = person(c1, "Lò Thị Mẹ", birth_year=1990)
    elderly = person(c1, "Cụ Văn Già", birth_year=1935)
    wrong = person(c1, "Sai Văn Hệ", birth_year=1985)
    receiving = person(c1, "Đang Văn Hưởng", birth_year=1985)
    enrolment_make(receiving, categories="5.6", coefficient="1.5")
    pension = person(c1, "Hưu Văn Trí", birth_year=1940)
    enrolment_make(pension, categories="HTXH", coefficient="1", programme="htxh")
    dead = person(c1, "Đã Văn Mất", birth_year=1940, date_of_death=datetime.date(2026, 1, 1))
    outside = person(c2, "Ngoài Văn Xã", birth_year=1940)
    rows = [ENROLMENT_HEADER,
            [severe.citizen_id, "Mai Văn Nặng", "5.6", "1,5", "", "03/2024", "45/QĐ-UBND", "10/03/2024", "Bưu điện"],
            [parent.citizen_id, "", "5.4+5.6", "3,5", "2", "01/2025", "46/QĐ-UBND", "05/01/2025", "Tài khoản"],
            [elderly.citizen_id, "", "Khoản 5 điểm c", "1", "", "1/2022", "47", "02/01/2022", ""],
            [wrong.citizen_id, "", "5.6", "1,2", "", "03/2024", "48", "10/03/2024", ""],        # 5: wrong coefficient
            [receiving.citizen_id, "", "5.6", "1,5", "", "03/2024", "49", "10/03/2024", ""],    # 6: receiving: skip
            [pension.citizen_id, "", "5.5c", "1", "", "03/2024", "50", "10/03/2024", ""],     # 7: other programme
            [dead.citizen_id, "", "5.5c", "1", "", "03/2024", "51", "10/03/2024", ""],        # 8: dead
            [outside.citizen_id, "", "5.5c", "1", "", "03/2024", "52", "10/03/2024", ""],     # 9: outside
            [citizen_id(sex="M", birth_year=1950), "", "5.5c", "1", "", "03/2024", "53", "10/03/2024", ""],  # 10
            [severe.citizen_id, "Người Khác", "5.6", "1,5", "", "04/2024", "54", "10/03/2024", ""],  # 11: same ID
            [severe.citizen_id, "Mai Văn Nặng", "5.6", "1,5", "", "03/2024", "45/QĐ-UBND", "10/03/2024", ""],  # 12
            ["", "", "5.9", "x", "", "13/2024", "", "", "Séc"]]                                   # 13: every cell
    job = upload(users["xa1"], csv_bytes(rows), kind="enrolments")
    errors = errors_by_row(job)
    assert set(errors) == {5, 7, 8, 9, 10, 11, 13}, errors
    assert errors[5] == ["Hệ số: 1,2 không phải hệ số luật cho diện 5.6 hiện nay (5.6: 1,5, 2,0, 2,5)."]
    assert errors[7][0].startswith("Chính sách: người này đang hưởng chính sách khác")
    assert errors[8] == ["Số định danh cá nhân: người này đã mất theo sổ đăng ký."]
    assert errors[9] == ["Số định danh cá nhân: người này ở ngoài địa bàn bạn quản lý."]
    assert errors[10][0].startswith("Số định danh cá nhân: chưa có người này trong sổ")
    assert errors[11] == ["Số định danh cá nhân: trùng với dòng 2 nhưng khác diện, hệ số hoặc quyết định."]
    assert {e.split(":")[0] for e in errors[13]} == {
        "Diện hưởng", "Hình thức chi trả", "Hưởng từ tháng", "Hệ số", "Ngày quyết định", "Số quyết định",
        "Số định danh cá nhân"}
    assert (job.counts["new"], job.counts["skip"]) == (3, 2)
    job = commit(users["xa1"], job)
    assert job.result["created"] == 3
    mine = Enrolment.objects.get(person=severe)
    assert (mine.programme, mine.coefficient, mine.start_month, mine.decision_number, mine.payment_method,
            mine.arrears_pending, mine.status) == ("tcxh", Decimal("1.5"), datetime.date(2024, 3, 1), "45/QĐ-UBND",
                                                   "agent", False, "active")
    split = dict(EnrolmentCategory.objects.filter(enrolment__person=parent).values_list("category", "coefficient"))
    assert split == {"5.4": Decimal("2.00"), "5.6": Decimal("1.50")}
    assert Enrolment.objects.get(person=parent).payment_method == "bank"
    assert AuditEvent.objects.filter(object_type="assistance.enrolment", action="create",
                                     changes__import=job.pk).count() == 3
    assert Enrolment.objects.filter(person=receiving).count() == 1
