"""Emergency assistance through its services, on the database (NĐ 20/2021/NĐ-CP Điều 11–17): an event in the
user's communes; the village list pasted all or nothing, each row found in the registry or registered on the spot;
the law's minimums proposed and enforced; the chairman's numbered decision; deliveries within it; the requests to
the province; the funeral support once at the highest rate; who may act where; every write audited."""

import datetime
from decimal import Decimal

import pytest
from django.http import Http404

from ansinh.assistance.models import FuneralSupport
from ansinh.audit.models import AuditEvent
from ansinh.core.exceptions import ConflictError, DomainError, PermissionDeniedError
from ansinh.core.services import parameter_add
from ansinh.emergency import policy as emergency
from ansinh.emergency import services
from ansinh.emergency.models import Affected, Aid, Decision, Delivery, Event, SupportRequest
from ansinh.registry.models import HouseholdPoverty, Person
from ansinh.registry.services import household_create
from tests.emergency.conftest import DAY, VILLAGE_LIST, fresh, table
from tests.factories import PersonFactory, citizen_id, enrolment_make, make_user

pytestmark = pytest.mark.django_db

D = datetime.date
MODELS = (Event, Person, Affected, Aid, Decision, Delivery, SupportRequest, FuneralSupport, AuditEvent)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def audits(instance, action: str | None = None) -> int:
    rows = AuditEvent.objects.filter(object_type=instance._meta.label_lower, object_id=str(instance.pk))
    return (rows if action is None else rows.filter(action=action)).count()


# --- event_create ---------------------------------------------------------------------------------------------


def test_an_officer_records_an_event_in_their_own_commune(users, communes, today):
    event = services.event_create(user=users["xa1"], kind="fire", name="  Cháy   chợ  ", started_on=today - DAY,
                                  communes=[communes["c1"]])
    assert event.name == "Cháy chợ" and event.province_code == "96" and event.created_by == users["xa1"]
    assert list(event.communes.all()) == [communes["c1"]]
    assert audits(event, AuditEvent.Action.CREATE) == 1
    assert list(Event.objects.visible_to(users["xa1"])) == [event]
    assert list(Event.objects.visible_to(users["tinh"])) == [event]
    assert not Event.objects.visible_to(users["xa2"]).exists()  # not one of its communes
    assert not Event.objects.visible_to(users["hanoi"]).exists()


def test_the_province_records_an_event_across_its_communes(storm, communes, users):
    assert set(storm.communes.all()) == {communes["c1"], communes["c2"]}
    assert Event.objects.visible_to(users["xa1"]).get() == Event.objects.visible_to(users["xa2"]).get() == storm


@pytest.mark.parametrize("who, chosen, kind, field, words, named", [
    ("xa1", ["c1", "c2"], DomainError, "communes", "Nằm ngoài địa bàn bạn quản lý", "c2"),  # a commune officer: own
    ("xa2", ["c1"], DomainError, "communes", "Nằm ngoài địa bàn bạn quản lý", "c1"),
    ("tinh", ["c1", "other_province"], DomainError, "communes", "Nằm ngoài địa bàn bạn quản lý", "other_province"),
    ("hanoi", ["c1"], DomainError, "communes", "Nằm ngoài địa bàn bạn quản lý", "c1"),
    ("admin", ["c1", "other_province"], DomainError, "communes", "cùng một tỉnh", None),  # national: one province
    ("tinh", [], DomainError, "communes", "ít nhất một xã", None),
    ("kiemtra", ["c1"], PermissionDeniedError, None, "không có quyền", None),
    ("chitra", ["c1"], PermissionDeniedError, None, "không có quyền", None),
])
def test_an_event_outside_the_jurisdiction_or_across_provinces_is_refused(users, communes, today, who, chosen, kind,
                                                                          field, words, named):
    before = counts()
    with pytest.raises(kind) as refused:
        services.event_create(user=users[who], kind="flood", name="Lũ", started_on=today - DAY,
                              communes=[communes[c] for c in chosen])
    assert words in refused.value.message and refused.value.field == field
    if named:
        assert communes[named].name in refused.value.message  # the commune refused is named
        assert all(communes[c].name not in refused.value.message for c in chosen if c != named)
    assert counts() == before


@pytest.mark.parametrize("change, field", [
    ({"kind": "volcano"}, "kind"),
    ({"name": "   "}, "name"),
    ({"started_on": 1}, "started_on"),  # tomorrow
    ({"ended_on": -2}, "ended_on"),  # before the start
])
def test_an_event_s_bad_input_is_refused_by_field(users, communes, today, change, field):
    values = {"kind": "flood", "name": "Lũ", "started_on": today - DAY, "communes": [communes["c1"]]}
    for key, value in change.items():
        values[key] = today + value * DAY if key in ("started_on", "ended_on") else value
    with pytest.raises(DomainError) as refused:
        services.event_create(user=users["xa1"], **values)
    assert refused.value.field == field
    assert not Event.objects.exists()


# --- affected_paste: the village list ------------------------------------------------------------------------


def test_a_pasted_list_registers_each_person_on_the_spot_and_lists_them(listed, flood, communes, users, today):
    assert len(listed) == len(VILLAGE_LIST) == Affected.objects.filter(event=flood).count()
    assert not Person.objects.filter(full_name__icontains="Họ và tên").exists()  # the header row was skipped
    an, be = listed["Nguyễn Văn An"], listed["Trần Thị Bé"]
    assert an.person.commune == communes["c1"] and an.person.birth_year == 1970 and an.person.sex == "M"
    assert be.person.sex == "F" and be.hamlet == "Ấp 2" and be.person.hamlet == "Ấp 2"
    assert (an.damage, an.people, an.vulnerable) == ("house_lost", 4, True)  # 'x' in the poverty column
    assert (listed["Hồ Văn Phúc"].damage, listed["Hồ Văn Phúc"].vulnerable) == ("house_lost", False)
    assert listed["Phạm Văn Dũng"].days_treated == 5 and listed["Lê Văn Cư"].damage == "death"
    assert listed["Đỗ Thị Em"].damage == "relocated" and be.damage == "hunger"
    for line in listed.values():
        assert line.detected_on == today - 3 * DAY
        assert line.due_on == line.detected_on + 2 * DAY  # NĐ 20/2021 Điều 12 k.3: within 2 days
        assert line.commune == communes["c1"] and line.province_code == "96" and line.created_by == users["xa1"]
        assert line.decided_on is None and line.delivered_on is None
        assert audits(line, AuditEvent.Action.CREATE) == 1
        assert audits(line.person, AuditEvent.Action.CREATE) == 1  # registered through the registry's service


def test_a_row_is_found_in_the_registry_by_citizen_id_whatever_its_name(paste, communes):
    number = citizen_id(sex="F", birth_year=1982)
    hoa = PersonFactory(full_name="Nguyễn Thị Hoa", sex="F", birth_year=1982, commune=communes["c1"],
                        citizen_id=number)
    people = Person.objects.count()
    (line,) = paste(("Nguyen Thi Hoa (vợ ông Tư)", f" {number[:6]} {number[6:]} ", 1982, "Nữ", "Ấp 4", "thiếu đói",
                     2, "", ""))
    assert line.person == hoa and Person.objects.count() == people
    assert line.hamlet == "Ấp 4"


def test_a_row_without_citizen_id_is_found_by_name_and_birth_year_in_the_commune(paste, communes):
    sau = PersonFactory(full_name="Trần Văn Sáu", sex="M", birth_year=1970, commune=communes["c1"], citizen_id=None)
    PersonFactory(full_name="Trần Văn Sáu", sex="M", birth_year=1990, commune=communes["c1"], citizen_id=None)
    PersonFactory(full_name="Trần Văn Sáu", sex="M", birth_year=1970, commune=communes["c2"], citizen_id=None)
    people = Person.objects.count()
    (line,) = paste(("trần văn  sáu", "", 1970, "Nam", "Ấp 1", "thiếu đói", 2, "", ""))
    assert line.person == sau and Person.objects.count() == people


def test_two_registry_people_of_the_same_name_and_year_need_the_citizen_id(paste, communes):
    for _ in range(2):
        PersonFactory(full_name="Lê Văn Tám", sex="M", birth_year=1960, commune=communes["c1"], citizen_id=None)
    before = counts()
    with pytest.raises(DomainError) as refused:
        paste(("Lê Văn Tám", "", 1960, "Nam", "Ấp 1", "thiếu đói", 2, "", ""))
    assert refused.value.message.startswith("Dòng 2: có nhiều người tên Lê Văn Tám")
    assert "số định danh" in refused.value.message and counts() == before


def test_a_new_person_is_registered_with_the_citizen_id_of_the_row(paste, communes):
    number = citizen_id(sex="M", birth_year=1955)
    (line,) = paste(("Võ Văn Mười", number, 1955, "nam", "Ấp 5", "di dời", 3, "", ""))
    person = Person.objects.get(citizen_id=number)
    assert line.person == person and person.commune == communes["c1"] and person.hamlet == "Ấp 5"


def test_typed_rows_separated_by_semicolons_without_a_header(paste):
    lines = paste(text="Nguyễn Văn An;;1970;Nam;Ấp 1;Nhà bị đổ, sập, trôi, cháy hoàn toàn;4;x\n\n"
                       "  Trần Thị Bé ; ; 1980 ; Nữ ; Ấp 2 ; Thiếu đói ; 3 \n"
                       "Phạm Văn Dũng;;1975;Nam;Ấp 3;injury;1;;4")
    assert [(a.person.full_name, a.damage, a.people, a.vulnerable, a.days_treated) for a in lines] == [
        ("Nguyễn Văn An", "house_lost", 4, True, None), ("Trần Thị Bé", "hunger", 3, False, None),
        ("Phạm Văn Dũng", "injury", 1, False, 4)]


def test_every_bad_row_is_named_in_one_message_and_nothing_is_written(paste):
    before = counts()
    with pytest.raises(DomainError) as refused:
        paste(("Nguyễn Văn An", "", 1970, "Nam", "Ấp 1", "sập nhà", 4, "x", ""),  # row 2: good
              ("Trần Thị Bé", "", 1980, "Nữ", "Ấp 2", "mưa to", 3, "", ""),
              ("", "", 1980, "Nữ", "Ấp 2", "thiếu đói", 3, "", ""),
              ("Lê Văn Cư", "", "năm 60", "Nam", "Ấp 2", "chết", 1, "", ""),
              ("Đỗ Thị Em", "", 1990, "Nữ", "Ấp 3", "di dời", 0, "", ""),
              ("Phạm Văn Dũng", "", 1975, "Nam", "Ấp 3", "bị thương", 1, "", "năm"))
    message = refused.value.message
    assert refused.value.field == "rows"
    assert "Dòng 2" not in message
    assert "Dòng 3: không rõ thiệt hại “mưa to”" in message
    assert "Dòng 4: thiếu họ và tên." in message
    assert "Dòng 5: năm sinh “năm 60” không phải là số." in message
    assert "Dòng 6: số người 0 phải từ 1 đến 50." in message
    assert "Dòng 7: số ngày điều trị “năm” không phải là số." in message
    assert counts() == before


def test_rows_refused_after_others_were_registered_leave_nothing_written(paste, communes, users):
    elsewhere = PersonFactory(full_name="Đinh Văn Xa", sex="M", birth_year=1970, commune=communes["c2"])
    before = counts()
    with pytest.raises(DomainError) as refused:
        paste(("Nguyễn Văn An", "", 1970, "Nam", "Ấp 1", "sập nhà", 4, "x", ""),  # registered, then undone
              ("Lê Văn Cư", "", 1960, "Nam", "Ấp 2", "chết", 1, "", ""),  # a funeral support proposed, then undone
              ("Đinh Văn Xa", elsewhere.citizen_id, 1970, "Nam", "Ấp 1", "thiếu đói", 2, "", ""),
              ("Nguyễn Văn An", "", 1970, "Nam", "Ấp 1", "thiếu đói", 4, "", ""),
              ("Hà Văn Không Rõ", "", 1970, "", "Ấp 1", "thiếu đói", 1, "", ""))  # no sex: cannot register
    message = refused.value.message
    assert "Dòng 2" not in message and "Dòng 3" not in message
    assert f"Dòng 4: số định danh {elsewhere.citizen_id} thuộc người ngoài địa bàn bạn quản lý." in message
    assert "Dòng 5: Nguyễn Văn An đã có ở dòng 2; mỗi người chỉ ghi một dòng." in message
    assert "Dòng 6: Hãy chọn giới tính." in message
    assert counts() == before


def test_an_empty_paste_is_refused(paste):
    with pytest.raises(DomainError, match="Chưa có dòng nào"):
        paste(text=table())


def test_a_person_listed_twice_in_one_event_is_refused_across_pastes(listed, paste, flood, users, today):
    before = counts()
    with pytest.raises(DomainError) as refused:
        paste(("Trần Văn Mới", "", 1999, "Nam", "Ấp 1", "thiếu đói", 1, "", ""),
              ("Nguyễn Văn An", "", 1970, "Nam", "Ấp 1", "thiếu đói", 4, "", ""), detected_on=today - DAY)
    assert refused.value.message == ("Dòng 3: Nguyễn Văn An đã có trong danh sách của sự kiện này; mỗi người chỉ "
                                     "ghi một dòng.")
    assert counts() == before
    with pytest.raises(DomainError, match="đã có trong danh sách"):
        services.affected_add(user=users["xa1"], event=flood, person=listed["Nguyễn Văn An"].person,
                              damage="hunger", detected_on=today - DAY)
    assert counts() == before


def test_the_same_person_may_be_on_the_list_of_another_event(listed, paste, storm, users, communes, today):
    (line,) = paste(("Nguyễn Văn An", "", 1970, "Nam", "Ấp 1", "thiếu đói", 4, "", ""), event=storm,
                    user=users["tinh"], detected_on=today - DAY)
    assert line.person == listed["Nguyễn Văn An"].person and line.event == storm


def test_the_same_citizen_id_twice_in_one_paste_is_refused(paste, communes):
    number = citizen_id(sex="F", birth_year=1982)
    PersonFactory(full_name="Nguyễn Thị Hoa", sex="F", birth_year=1982, commune=communes["c1"], citizen_id=number)
    before = counts()
    with pytest.raises(DomainError) as refused:
        paste(("Nguyễn Thị Hoa", number, 1982, "Nữ", "Ấp 1", "thiếu đói", 2, "", ""),
              ("Hoa", number, 1982, "Nữ", "Ấp 1", "sập nhà", 2, "x", ""))
    assert refused.value.message == "Dòng 3: Nguyễn Thị Hoa đã có ở dòng 2; mỗi người chỉ ghi một dòng."
    assert counts() == before


def test_a_person_living_outside_the_event_s_communes_is_refused(paste, flood, communes, users, today):
    far = PersonFactory(full_name="Đinh Văn Xa", sex="M", birth_year=1970, commune=communes["c2"])
    before = counts()
    with pytest.raises(DomainError) as refused:  # the province sees the person, the flood did not strike c2
        paste(("Đinh Văn Xa", far.citizen_id, 1970, "Nam", "Ấp 1", "thiếu đói", 2, "", ""), user=users["tinh"])
    assert refused.value.message == (f"Dòng 2: Đinh Văn Xa ở {communes['c2'].name}, không thuộc các xã/phường bị "
                                     "ảnh hưởng của sự kiện.")
    with pytest.raises(DomainError, match="không thuộc các xã/phường bị ảnh hưởng"):
        services.affected_add(user=users["tinh"], event=flood, person=far, damage="hunger", detected_on=today - DAY)
    with pytest.raises(DomainError, match="không thuộc các xã/phường bị ảnh hưởng"):  # nor pasted into c2
        paste(("Đinh Văn Xa", far.citizen_id, 1970, "Nam", "Ấp 1", "thiếu đói", 2, "", ""), user=users["tinh"],
              commune=communes["c2"])
    assert counts() == before


def test_a_household_outside_the_event_s_communes_is_refused(paste, flood, communes, users, today):
    head = PersonFactory(full_name="Tạ Văn Chủ", sex="M", birth_year=1970, commune=communes["c1"])
    household = household_create(user=users["tinh"], head=head, commune=communes["c2"], hamlet="Ấp 9")
    before = counts()
    with pytest.raises(DomainError) as refused:
        paste(("Tạ Văn Chủ", head.citizen_id, 1970, "Nam", "Ấp 1", "sập nhà", 4, "x", ""), user=users["tinh"])
    assert refused.value.message == (f"Dòng 2: Hộ {household.code} của Tạ Văn Chủ ở {communes['c2'].name}, không "
                                     "thuộc các xã/phường bị ảnh hưởng của sự kiện.")
    with pytest.raises(DomainError, match=f"Hộ {household.code} của Tạ Văn Chủ"):
        services.affected_add(user=users["tinh"], event=flood, person=head, damage="house_lost",
                              detected_on=today - DAY)
    assert counts() == before


def test_a_detection_before_the_event_or_after_today_is_refused(paste, flood, today):
    row = ("Nguyễn Văn An", "", 1970, "Nam", "Ấp 1", "sập nhà", 4, "x", "")
    before = counts()
    with pytest.raises(DomainError) as refused:
        paste(row, row[:1] + ("",) + (1971,) + row[3:], detected_on=flood.started_on - DAY)
    assert refused.value.message == (
        f"Dòng 2: Ngày phát hiện trước ngày bắt đầu sự kiện ({flood.started_on:%d/%m/%Y}). "
        f"Dòng 3: Ngày phát hiện trước ngày bắt đầu sự kiện ({flood.started_on:%d/%m/%Y}).")
    with pytest.raises(DomainError, match="không được sau hôm nay"):
        paste(row, detected_on=today + DAY)
    assert counts() == before
    (line,) = paste(row, detected_on=flood.started_on)  # the first day counts
    assert line.due_on == flood.started_on + 2 * DAY


def test_the_decision_deadline_follows_the_law_in_force_on_the_day_of_detection(paste, users, today):
    parameter_add(user=users["admin"], key=emergency.DECISION_DAYS, value=Decimal(3), valid_from=today - 5 * DAY,
                  legal_basis="Nghị định giả định (thử)")
    (before,) = paste(("Nguyễn Văn An", "", 1970, "Nam", "Ấp 1", "sập nhà", 4, "x", ""), detected_on=today - 6 * DAY)
    (after,) = paste(("Trần Thị Bé", "", 1980, "Nữ", "Ấp 2", "thiếu đói", 3, "", ""), detected_on=today - 5 * DAY)
    assert before.due_on == today - 4 * DAY  # 2 days, the law then
    assert after.due_on == today - 2 * DAY  # 3 days from the new text's date
    assert fresh(before).due_on == today - 4 * DAY  # a snapshot: the new text does not move an old deadline
    with pytest.raises(DomainError, match="Tỉnh chỉ đặt mức riêng"):  # the law's deadline, not a province's
        parameter_add(user=users["admin"], key=emergency.DECISION_DAYS, value=Decimal(5), valid_from=today,
                      legal_basis="x", province_code="96")


def test_a_poor_household_in_the_registry_is_vulnerable_without_the_column(paste, communes, users, today):
    head = PersonFactory(full_name="Lâm Văn Nghèo", sex="M", birth_year=1968, commune=communes["c1"])
    household = household_create(user=users["xa1"], head=head, commune=communes["c1"], hamlet="Ấp 1")
    HouseholdPoverty.objects.create(household=household, year=today.year - 1, status="near_poor")
    (line,) = paste(("Lâm Văn Nghèo", head.citizen_id, 1968, "Nam", "Ấp 1", "sập nhà", 5, "", ""))
    assert line.household == household and line.vulnerable
    assert services.aids_propose_minimums(user=users["xa1"], event=line.event, commune=communes["c1"]) == 1
    assert Aid.objects.get(affected=line).quantity == 40_000_000


def test_a_household_not_poor_in_the_registry_is_not_vulnerable(paste, communes, users, today):
    head = PersonFactory(full_name="Lâm Văn Khá", sex="M", birth_year=1968, commune=communes["c1"])
    household = household_create(user=users["xa1"], head=head, commune=communes["c1"], hamlet="Ấp 1")
    HouseholdPoverty.objects.create(household=household, year=today.year, status="not_poor")
    (line,) = paste(("Lâm Văn Khá", head.citizen_id, 1968, "Nam", "Ấp 1", "sập nhà", 5, "", ""))
    assert line.household == household and not line.vulnerable
    assert services.aids_propose_minimums(user=users["xa1"], event=line.event, commune=communes["c1"]) == 0


# --- aids at the law's minimums ------------------------------------------------------------------------------


def test_the_minimums_proposed_for_each_damage(proposed, listed, flood):
    got = {name: (aid.kind, aid.quantity, aid.months, aid.minimum, aid.basis, aid.decision_id)
           for name, aid in proposed.items()}
    assert got == {
        "Nguyễn Văn An": ("cash", 40_000_000, None, 40_000_000, "NĐ 20/2021/NĐ-CP Điều 15 khoản 1", None),
        "Trần Thị Bé": ("rice", 45, 1, 45, "NĐ 20/2021/NĐ-CP Điều 12 khoản 1", None),  # 3 people × 15 kg × 1
        "Phạm Văn Dũng": ("cash", 5_000_000, None, 5_000_000, "NĐ 20/2021/NĐ-CP Điều 13", None),  # 10 × 500.000
        "Đỗ Thị Em": ("cash", 30_000_000, None, 30_000_000, "NĐ 20/2021/NĐ-CP Điều 15 khoản 2", None),
    }  # not poor (Phúc), treated 2 days (Giang), dead (Cư: the funeral support): no minimum to propose
    assert AuditEvent.objects.filter(object_type="emergency.event", object_id=str(flood.pk),
                                     changes__proposed=4).count() == 1


def test_proposing_the_minimums_again_skips_the_lines_that_have_aid(proposed, users, flood, communes):
    before = counts()
    assert services.aids_propose_minimums(user=users["xa1"], event=flood, commune=communes["c1"]) == 0
    assert counts() == before  # nothing to propose, nothing audited


def test_a_province_s_raise_in_force_on_the_day_of_detection_is_the_minimum(listed, users, flood, communes, ca_mau,
                                                                            today):
    admin = make_user("qt96", "administrator", ca_mau)
    for key, value in ((emergency.HOUSE_LOST, 60_000_000), (emergency.RICE_KG, 20)):
        parameter_add(user=admin, key=key, value=Decimal(value), valid_from=today - 5 * DAY,
                      legal_basis="Nghị quyết HĐND tỉnh (thử)", province_code="96")
    services.aids_propose_minimums(user=users["xa1"], event=flood, commune=communes["c1"])
    assert Aid.objects.get(affected=listed["Nguyễn Văn An"]).quantity == 60_000_000
    assert Aid.objects.get(affected=listed["Trần Thị Bé"]).quantity == 60  # 3 × 20 kg
    assert Aid.objects.get(affected=listed["Đỗ Thị Em"]).quantity == 30_000_000  # not raised


def test_cash_below_the_minimum_is_refused_naming_it_more_is_allowed(listed, users):
    an = listed["Nguyễn Văn An"]
    with pytest.raises(DomainError) as refused:
        services.aid_propose(user=users["xa1"], affected=an, kind="cash", quantity=39_999_999)
    assert refused.value.field == "quantity"
    assert refused.value.message.startswith("Thấp hơn mức tối thiểu 40.000.000 đ")
    with pytest.raises(DomainError, match="Thấp hơn mức tối thiểu 5.000.000 đ"):
        services.aid_propose(user=users["xa1"], affected=listed["Phạm Văn Dũng"], kind="cash", quantity=4_000_000)
    with pytest.raises(DomainError, match="Thấp hơn mức tối thiểu 30.000.000 đ"):
        services.aid_propose(user=users["xa1"], affected=listed["Đỗ Thị Em"], kind="cash", quantity=1)
    assert not Aid.objects.exists()
    aid = services.aid_propose(user=users["xa1"], affected=an, kind="cash", quantity=45_000_000)
    assert (aid.quantity, aid.minimum) == (45_000_000, 40_000_000)
    assert audits(aid, AuditEvent.Action.CREATE) == 1
    with pytest.raises(DomainError, match="đã có khoản “Tiền mặt”"):
        services.aid_propose(user=users["xa1"], affected=an, kind="cash", quantity=50_000_000)


def test_cash_with_no_minimum_needs_an_amount_and_a_death_goes_to_the_funeral_support(listed, users):
    with pytest.raises(DomainError, match="Hãy ghi số tiền"):
        services.aid_propose(user=users["xa1"], affected=listed["Hồ Văn Phúc"], kind="cash")
    aid = services.aid_propose(user=users["xa1"], affected=listed["Vũ Văn Giang"], kind="cash", quantity=1_000_000)
    assert aid.minimum is None and aid.quantity == 1_000_000  # the province's own support, no legal minimum
    with pytest.raises(DomainError, match="mai táng") as refused:
        services.aid_propose(user=users["xa1"], affected=listed["Lê Văn Cư"], kind="cash", quantity=30_000_000)
    assert refused.value.field == "kind"


def test_rice_below_the_minimum_or_beyond_three_months_after_a_disaster_is_refused(listed, users):
    be = listed["Trần Thị Bé"]  # 3 people
    with pytest.raises(DomainError) as refused:
        services.aid_propose(user=users["xa1"], affected=be, kind="rice", quantity=44)
    assert refused.value.message == "Thấp hơn mức tối thiểu 45 kg (3 người × 1 tháng × 15 kg)."
    with pytest.raises(DomainError, match="từ 1 đến 3 tháng") as refused:
        services.aid_propose(user=users["xa1"], affected=be, kind="rice", months=4)
    assert refused.value.field == "months"
    with pytest.raises(DomainError, match="Thấp hơn mức tối thiểu 135 kg"):
        services.aid_propose(user=users["xa1"], affected=be, kind="rice", months=3, quantity=100)
    assert not Aid.objects.exists()
    aid = services.aid_propose(user=users["xa1"], affected=be, kind="rice", months=3)
    assert (aid.quantity, aid.months, aid.minimum) == (135, 3, 135)


def test_rice_at_tet_is_one_month(users, communes, paste, today):
    tet = services.event_create(user=users["xa1"], kind="tet", name="Tết Nguyên đán", started_on=today - 5 * DAY,
                                communes=[communes["c1"]])
    (line,) = paste(("Trần Thị Bé", "", 1980, "Nữ", "Ấp 2", "thiếu đói", 4, "", ""), event=tet)
    with pytest.raises(DomainError, match="dịp Tết từ 1 đến 1 tháng"):
        services.aid_propose(user=users["xa1"], affected=line, kind="rice", months=2)
    assert not Aid.objects.exists()
    assert services.aids_propose_minimums(user=users["xa1"], event=tet, commune=communes["c1"]) == 1
    assert Aid.objects.get(affected=line).quantity == 60  # 4 people × 15 kg × 1 month


def test_goods_need_what_and_their_value(listed, users):
    phuc = listed["Hồ Văn Phúc"]
    with pytest.raises(DomainError, match="Hãy ghi hiện vật"):
        services.aid_propose(user=users["xa1"], affected=phuc, kind="goods", quantity=500_000)
    with pytest.raises(DomainError, match="giá trị hiện vật"):
        services.aid_propose(user=users["xa1"], affected=phuc, kind="goods", goods="1 mùng, 2 chăn")
    aid = services.aid_propose(user=users["xa1"], affected=phuc, kind="goods", goods=" 1 mùng, 2 chăn ",
                               quantity=500_000)
    assert (aid.goods, aid.quantity, aid.unit) == ("1 mùng, 2 chăn", 500_000, "đồng")


def test_a_proposal_is_withdrawn_until_it_is_decided(proposed, decided, listed, users):
    with pytest.raises(DomainError, match=f"đã có quyết định số {decided.number}"):
        services.aid_withdraw(user=users["xa1"], aid=Aid.objects.get(pk=proposed["Nguyễn Văn An"].pk))
    extra = services.aid_propose(user=users["xa1"], affected=listed["Hồ Văn Phúc"], kind="cash", quantity=5_000_000)
    pk = extra.pk
    services.aid_withdraw(user=users["xa1"], aid=Aid.objects.get(pk=pk))
    assert not Aid.objects.filter(pk=pk).exists()
    assert AuditEvent.objects.filter(object_type="emergency.aid", object_id=str(pk), action="delete").count() == 1


def test_a_copy_read_before_the_decision_does_not_withdraw_a_decided_aid(proposed, decided, users):
    opened = proposed["Nguyễn Văn An"]  # read before the decision was made
    with pytest.raises(DomainError, match=f"đã có quyết định số {decided.number}"):
        services.aid_withdraw(user=users["xa1"], aid=opened)
    assert Aid.objects.filter(decision=decided).count() == 4


# --- decision_make ---------------------------------------------------------------------------------------------


def test_the_decision_takes_every_proposed_aid_of_the_commune(decided, proposed, listed, today, users):
    assert decided.number == "01/QĐ-UBND" and decided.decided_on == today - 2 * DAY
    assert decided.reviewed_on == today - 3 * DAY and not decided.urgent and decided.signer == "Nguyễn Văn Chủ Tịch"
    assert set(Aid.objects.filter(decision=decided)) == set(proposed.values())
    assert set(Aid.objects.values_list("version", flat=True)) == {2}
    for name, line in listed.items():
        assert fresh(line).decided_on == (today - 2 * DAY if name in proposed else None)
    assert audits(decided, AuditEvent.Action.CREATE) == 1


def test_decisions_are_numbered_in_the_commune_s_sequence(decided, listed, storm, paste, users, communes, flood,
                                                          today):
    services.aid_propose(user=users["xa1"], affected=listed["Hồ Văn Phúc"], kind="goods", goods="Mì, nước",
                         quantity=300_000)
    services.aid_propose(user=users["xa1"], affected=listed["Nguyễn Văn An"], kind="goods", goods="Chăn",
                         quantity=200_000)
    second = services.decision_make(user=users["xa1"], event=flood, commune=communes["c1"], decided_on=today,
                                    urgent=True)
    assert second.number == "02/QĐ-UBND" and second.urgent and second.reviewed_on is None
    assert fresh(listed["Hồ Văn Phúc"]).decided_on == today
    assert fresh(listed["Nguyễn Văn An"]).decided_on == today - 2 * DAY  # its first decision stays
    paste(("Lý Văn Hai", "", 1980, "Nam", "Ấp 1", "thiếu đói", 2, "", ""), event=storm, commune=communes["c2"],
          user=users["xa2"])
    services.aids_propose_minimums(user=users["xa2"], event=storm, commune=communes["c2"])
    other = services.decision_make(user=users["xa2"], event=storm, commune=communes["c2"], decided_on=today,
                                   urgent=True)
    assert other.number == "01/QĐ-UBND" and other.commune == communes["c2"]  # c2's own sequence
    paste(("Lý Văn Một", "", 1980, "Nam", "Ấp 1", "thiếu đói", 2, "", ""), event=storm)
    services.aids_propose_minimums(user=users["tinh"], event=storm, commune=communes["c1"])
    third = services.decision_make(user=users["tinh"], event=storm, commune=communes["c1"], decided_on=today,
                                   urgent=True)
    assert third.number == "03/QĐ-UBND"  # c1's sequence across its events


def test_a_decision_needs_the_village_review_unless_urgent(proposed, users, flood, communes, today):
    before = counts()
    with pytest.raises(DomainError) as refused:
        services.decision_make(user=users["xa1"], event=flood, commune=communes["c1"], decided_on=today - 2 * DAY)
    assert refused.value.field == "reviewed_on" and "Điều 17 khoản 2" in refused.value.message
    assert counts() == before
    urgent = services.decision_make(user=users["xa1"], event=flood, commune=communes["c1"],
                                    decided_on=today - 3 * DAY, urgent=True, reviewed_on=today - 3 * DAY)
    assert urgent.urgent and urgent.reviewed_on is None  # no review in an urgent case (Điều 17 k.2)


@pytest.mark.parametrize("decided_on, reviewed_on, field", [
    (-2, -4, "reviewed_on"),  # reviewed before the first detection (3 days ago)
    (-2, -1, "reviewed_on"),  # reviewed after the decision
    (-4, -4, "decided_on"),  # decided before the detection
    (1, 0, "decided_on"),  # decided tomorrow
])
def test_a_decision_s_dates_outside_the_list_s_are_refused(proposed, users, flood, communes, today, decided_on,
                                                           reviewed_on, field):
    before = counts()
    with pytest.raises(DomainError) as refused:
        services.decision_make(user=users["xa1"], event=flood, commune=communes["c1"],
                               decided_on=today + decided_on * DAY, reviewed_on=today + reviewed_on * DAY)
    assert refused.value.field == field
    if field == "reviewed_on":
        assert f"({today - 3 * DAY:%d/%m/%Y})" in refused.value.message  # the first detection named
    assert counts() == before


def test_the_review_may_fall_on_the_first_detection_or_the_decision_day(proposed, users, flood, communes, today):
    made = services.decision_make(user=users["xa1"], event=flood, commune=communes["c1"], decided_on=today,
                                  reviewed_on=today)
    assert made.reviewed_on == today


def test_a_decision_with_nothing_proposed_is_refused(decided, users, flood, communes, today):
    before = counts()
    with pytest.raises(DomainError, match="Không còn khoản trợ giúp nào chờ quyết định ở xã/phường này"):
        services.decision_make(user=users["xa1"], event=flood, commune=communes["c1"], decided_on=today,
                               reviewed_on=today)
    with pytest.raises(DomainError, match="Điều 17 khoản 2") as refused:
        services.decision_make(user=users["xa1"], event=flood, commune=communes["c1"], decided_on=today, urgent=True)
    assert refused.value.field == "urgent"
    assert counts() == before


def test_an_urgent_decision_takes_only_the_aid_of_articles_12_to_14(proposed, listed, users, flood, communes, today):
    """NĐ 20/2021 Điều 17 k.2: without the village review, rice, essentials and a serious injury's support; the house
    supports of Điều 15 wait for the reviewed decision."""
    goods = services.aid_propose(user=users["xa1"], affected=listed["Hồ Văn Phúc"], kind="goods", goods="Mì, nước",
                                 quantity=300_000)
    urgent = services.decision_make(user=users["xa1"], event=flood, commune=communes["c1"],
                                    decided_on=today - 3 * DAY, urgent=True)
    taken = {proposed["Trần Thị Bé"].pk, proposed["Phạm Văn Dũng"].pk, goods.pk}
    assert set(Aid.objects.filter(decision=urgent).values_list("pk", flat=True)) == taken
    assert set(Aid.objects.filter(decision__isnull=True).values_list("pk", flat=True)) == {
        proposed["Nguyễn Văn An"].pk, proposed["Đỗ Thị Em"].pk}
    assert fresh(listed["Nguyễn Văn An"]).decided_on is None
    with pytest.raises(DomainError, match="Điều 17 khoản 2"):
        services.decision_make(user=users["xa1"], event=flood, commune=communes["c1"], decided_on=today, urgent=True)
    reviewed = services.decision_make(user=users["xa1"], event=flood, commune=communes["c1"], decided_on=today - DAY,
                                      reviewed_on=today - 2 * DAY)
    assert (urgent.number, reviewed.number) == ("01/QĐ-UBND", "02/QĐ-UBND")
    assert Aid.objects.filter(decision=reviewed).count() == 2 and not Aid.objects.filter(decision=None).exists()
    assert fresh(listed["Nguyễn Văn An"]).decided_on == today - DAY


# --- deliveries ------------------------------------------------------------------------------------------------


def test_an_undecided_aid_is_not_delivered(proposed, users, today):
    with pytest.raises(DomainError, match="chưa có quyết định") as refused:
        services.delivery_record(user=users["xa1"], aid=proposed["Trần Thị Bé"], delivered_on=today, quantity=45)
    assert refused.value.field == "aid" and not Delivery.objects.exists()


def test_a_delivery_before_the_decision_or_beyond_it_is_refused(decided, proposed, users, today):
    cash = proposed["Phạm Văn Dũng"]  # 5.000.000 decided
    with pytest.raises(DomainError) as refused:
        services.delivery_record(user=users["xa1"], aid=cash, delivered_on=today - 3 * DAY, quantity=10)
    assert refused.value.message == (f"Phạm Văn Dũng: Ngày chi, phát {today - 3 * DAY:%d/%m/%Y} trước ngày quyết "
                                     f"định {today - 2 * DAY:%d/%m/%Y}.")
    with pytest.raises(DomainError, match="không được sau hôm nay"):
        services.delivery_record(user=users["xa1"], aid=cash, delivered_on=today + DAY, quantity=10)
    with pytest.raises(DomainError) as refused:
        services.delivery_record(user=users["xa1"], aid=cash, delivered_on=today, quantity=5_000_001)
    assert refused.value.message == "Phạm Văn Dũng: Vượt mức đã quyết định: còn được chi, phát 5.000.000 đ."
    assert refused.value.field == "quantity"
    with pytest.raises(DomainError, match="lớn hơn 0"):
        services.delivery_record(user=users["xa1"], aid=cash, delivered_on=today, quantity=0)
    assert not Delivery.objects.exists() and Aid.objects.get(pk=cash.pk).delivered == 0
    assert fresh(cash.affected).delivered_on is None


def test_a_rice_delivery_refused_says_so_in_words(decided, proposed, users, today):
    rice = proposed["Trần Thị Bé"]  # 45 kg decided
    with pytest.raises(DomainError) as refused:
        services.delivery_record(user=users["xa1"], aid=rice, delivered_on=today, quantity=46)
    assert refused.value.message == "Trần Thị Bé: Vượt mức đã quyết định: còn được chi, phát 45 kg."
    with pytest.raises(DomainError) as refused:
        services.delivery_record(user=users["xa1"], aid=rice, delivered_on=today - 3 * DAY, quantity=10)
    assert refused.value.message == (f"Trần Thị Bé: Ngày chi, phát {today - 3 * DAY:%d/%m/%Y} trước ngày quyết "
                                     f"định {today - 2 * DAY:%d/%m/%Y}.")
    assert not Delivery.objects.exists()


def test_part_then_the_rest_and_the_line_keeps_its_first_delivery(decided, proposed, users, today):
    cash = proposed["Nguyễn Văn An"]  # 40.000.000 decided
    first = services.delivery_record(user=users["xa1"], aid=cash, delivered_on=today, quantity=15_000_000,
                                     expected_version=2, receiver="  Nguyễn   Văn An ")
    assert first.receiver == "Nguyễn Văn An" and audits(first, AuditEvent.Action.CREATE) == 1
    assert fresh(cash.affected).delivered_on == today
    with pytest.raises(DomainError, match="Vượt mức đã quyết định: còn được chi, phát 25.000.000 đ"):
        services.delivery_record(user=users["xa1"], aid=cash, delivered_on=today, quantity=25_000_001)
    services.delivery_record(user=users["xa1"], aid=cash, delivered_on=today - DAY, quantity=25_000_000)
    saved = Aid.objects.get(pk=cash.pk)
    assert saved.delivered == 40_000_000 and saved.version == 4
    assert fresh(cash.affected).delivered_on == today - DAY  # the first day anything was handed out
    with pytest.raises(DomainError, match="còn được chi, phát 0 đ"):
        services.delivery_record(user=users["xa1"], aid=cash, delivered_on=today, quantity=1)
    assert Delivery.objects.filter(aid=cash).count() == 2


def test_a_stale_delivery_is_refused(decided, proposed, users, today):
    rice = proposed["Trần Thị Bé"]
    services.delivery_record(user=users["xa1"], aid=rice, delivered_on=today, quantity=20, expected_version=2)
    with pytest.raises(ConflictError):
        services.delivery_record(user=users["xa1"], aid=rice, delivered_on=today, quantity=5, expected_version=2)
    assert Aid.objects.get(pk=rice.pk).delivered == 20


def test_a_decision_is_delivered_at_once_all_of_what_it_still_owes(decided, proposed, users, today):
    services.delivery_record(user=users["xa1"], aid=proposed["Trần Thị Bé"], delivered_on=today - DAY, quantity=20)
    before = counts()
    with pytest.raises(DomainError, match=f"trước ngày quyết định {decided.number}"):
        services.deliver_decision(user=users["xa1"], decision=decided, delivered_on=today - 3 * DAY)
    with pytest.raises(DomainError, match="không được sau hôm nay"):
        services.deliver_decision(user=users["xa1"], decision=decided, delivered_on=today + DAY)
    assert counts() == before  # all or nothing: a refusal hands out nothing
    assert services.deliver_decision(user=users["xa1"], decision=decided, delivered_on=today) == 4
    for aid in Aid.objects.filter(decision=decided).select_related("affected"):
        assert aid.delivered == aid.quantity
        assert aid.affected.delivered_on == (today - DAY if aid.kind == "rice" else today)
    assert Delivery.objects.get(aid=proposed["Trần Thị Bé"], delivered_on=today).quantity == 25  # the rest
    assert Delivery.objects.count() == 5
    assert AuditEvent.objects.filter(object_type="emergency.decision", object_id=str(decided.pk),
                                     changes__aids=4).count() == 1
    before = counts()
    with pytest.raises(DomainError) as refused:  # nothing left to hand out
        services.deliver_decision(user=users["xa1"], decision=decided, delivered_on=today)
    assert refused.value.field == "delivered_on" and f"Quyết định {decided.number}" in refused.value.message
    assert counts() == before


# --- timeliness ------------------------------------------------------------------------------------------------


def test_a_line_decided_in_time_and_delivered_is_prompt_an_undecided_one_past_its_day_is_late(decided, proposed,
                                                                                            listed, users, today):
    an, cu = fresh(listed["Nguyễn Văn An"]), fresh(listed["Lê Văn Cư"])  # due yesterday; An decided 2 days ago
    assert an.timeliness(today) == "waiting"  # decided in time, nothing handed out yet
    assert cu.timeliness(today - DAY) == "waiting" and cu.timeliness(today) == "late"
    services.delivery_record(user=users["xa1"], aid=proposed["Nguyễn Văn An"], delivered_on=today, quantity=1)
    assert fresh(an).timeliness(today) == "prompt"


def test_a_decision_after_the_deadline_is_late_even_once_delivered(paste, users, flood, communes, today):
    (line,) = paste(("Trần Thị Bé", "", 1980, "Nữ", "Ấp 2", "thiếu đói", 3, "", ""), detected_on=today - 6 * DAY)
    services.aids_propose_minimums(user=users["xa1"], event=flood, commune=communes["c1"])
    decision = services.decision_make(user=users["xa1"], event=flood, commune=communes["c1"],
                                      decided_on=today - 3 * DAY, urgent=True)  # due 4 days ago
    services.deliver_decision(user=users["xa1"], decision=decision, delivered_on=today - 3 * DAY)
    assert fresh(line).timeliness(today) == "late"


# --- requests to the province -----------------------------------------------------------------------------------


def test_a_commune_asks_the_province_which_answers_once(flood, users, communes, today):
    request = services.request_send(user=users["xa1"], event=flood, commune=communes["c1"], rice_kg=2_000,
                                    amount=100_000_000, reason=" Thiếu gạo cứu đói ", sent_on=today - DAY)
    assert (request.status, request.reason, request.province_code) == ("sent", "Thiếu gạo cứu đói", "96")
    with pytest.raises(PermissionDeniedError, match="cấp tỉnh trả lời"):
        services.request_answer(user=users["xa1"], request=request, answered_on=today, answer="Cấp đủ",
                                granted_rice_kg=2_000)
    with pytest.raises(PermissionDeniedError):  # another province's officer
        services.request_answer(user=users["hanoi"], request=request, answered_on=today, answer="Cấp đủ")
    with pytest.raises(DomainError, match="Hãy ghi nội dung trả lời"):
        services.request_answer(user=users["tinh"], request=request, answered_on=today, answer=" ")
    with pytest.raises(DomainError, match="từ ngày gửi"):
        services.request_answer(user=users["tinh"], request=request, answered_on=today - 2 * DAY, answer="Cấp")
    answered = services.request_answer(user=users["tinh"], request=request, answered_on=today,
                                       answer="Xuất 1.500 kg gạo dự trữ", granted_rice_kg=1_500)
    assert (answered.status, answered.granted_rice_kg, answered.answered_on) == ("answered", 1_500, today)
    assert audits(request, AuditEvent.Action.CREATE) == 1 and audits(request, AuditEvent.Action.UPDATE) == 1
    with pytest.raises(DomainError, match=f"đã được trả lời ngày {today:%d/%m/%Y}"):
        services.request_answer(user=users["tinh"], request=request, answered_on=today, answer="Cấp thêm",
                                granted_amount=1)
    assert SupportRequest.objects.get().granted_amount == 0


@pytest.mark.parametrize("change, field", [
    ({"rice_kg": 0, "amount": 0}, "rice_kg"),
    ({"rice_kg": -5}, "rice_kg"),
    ({"reason": " "}, "reason"),
    ({"sent_on": -11}, "sent_on"),  # before the flood began
    ({"sent_on": 1}, "sent_on"),
])
def test_a_request_without_what_why_or_a_good_date_is_refused(flood, users, communes, today, change, field):
    values = {"rice_kg": 1_000, "amount": 0, "reason": "Thiếu gạo", "sent_on": today}
    values |= {k: today + v * DAY if k == "sent_on" else v for k, v in change.items()}
    with pytest.raises(DomainError) as refused:
        services.request_send(user=users["xa1"], event=flood, commune=communes["c1"], **values)
    assert refused.value.field == field and not SupportRequest.objects.exists()


# --- funeral support --------------------------------------------------------------------------------------------


@pytest.fixture
def beneficiary(communes, today):
    """An elderly man of c1 paid the monthly allowance since January last year."""
    person = PersonFactory(full_name="Mai Văn Hưởng", sex="M", birth_year=1940, commune=communes["c1"])
    enrolment_make(person, categories="5.5c", coefficient="1", start_month=D(today.year - 1, 1, 1))
    return person


def test_a_death_on_the_list_proposes_the_funeral_support_at_fifty_times(listed):
    cu = listed["Lê Văn Cư"].person
    support = FuneralSupport.objects.get(person=cu)
    assert (support.ground, support.multiple, support.standard_level, support.amount, support.status) == (
        "disaster", Decimal(50), 500_000, 25_000_000, "proposed")
    assert support.legal_basis == "NĐ 20/2021/NĐ-CP Điều 14" and support.date_of_death == listed["Lê Văn Cư"].detected_on
    assert support.commune == cu.commune and audits(support, AuditEvent.Action.CREATE) == 1
    assert FuneralSupport.objects.count() == 1  # nobody else died


def test_a_beneficiary_dying_in_a_disaster_gets_the_higher_rate_once(paste, beneficiary):
    paste(("Mai Văn Hưởng", beneficiary.citizen_id, 1940, "Nam", "Ấp 1", "chết", 1, "", ""))
    support = FuneralSupport.objects.get()
    assert support.person == beneficiary and (support.ground, support.amount) == ("disaster", 25_000_000)


def test_a_regular_claim_stays_twenty_times_and_a_disaster_raises_it_before_a_decision(paste, beneficiary, users,
                                                                                      today):
    support = services.funeral_claim(user=users["xa1"], person=beneficiary, ground="regular",
                                     date_of_death=today - 3 * DAY, recipient="Mai Thị Con")
    assert (support.ground, support.multiple, support.amount, support.legal_basis) == (
        "regular", Decimal(20), 10_000_000, "NĐ 20/2021/NĐ-CP Điều 11")
    again = services.funeral_claim(user=users["xa1"], person=beneficiary, ground="regular",
                                   date_of_death=today - 3 * DAY)
    assert again.pk == support.pk and again.amount == 10_000_000 and again.version == 1
    paste(("Mai Văn Hưởng", beneficiary.citizen_id, 1940, "Nam", "Ấp 1", "chết", 1, "", ""))
    raised = FuneralSupport.objects.get()
    assert (raised.pk, raised.ground, raised.multiple, raised.amount, raised.version) == (
        support.pk, "disaster", Decimal(50), 25_000_000, 2)
    assert audits(raised, AuditEvent.Action.UPDATE) == 1
    lower = services.funeral_claim(user=users["xa1"], person=beneficiary, ground="regular",
                                   date_of_death=today - 3 * DAY)
    assert lower.amount == 25_000_000 and FuneralSupport.objects.count() == 1  # only the highest, once


def test_a_death_decided_then_paid_once(listed, users, today):
    cu = listed["Lê Văn Cư"]
    support = FuneralSupport.objects.get(person=cu.person)
    with pytest.raises(DomainError, match="Chưa có quyết định"):
        services.funeral_pay(user=users["xa1"], support=support, expected_version=support.version, paid_on=today)
    with pytest.raises(DomainError, match="Thấp hơn mức tối thiểu 25.000.000 đ"):
        services.funeral_decide(user=users["xa1"], support=support, expected_version=1, decided_on=today - DAY,
                                recipient="Lê Thị Dung", amount=20_000_000)
    with pytest.raises(DomainError, match="trước ngày mất"):
        services.funeral_decide(user=users["xa1"], support=support, expected_version=1, decided_on=today - 4 * DAY,
                                recipient="Lê Thị Dung")
    with pytest.raises(DomainError, match="người nhận") as refused:
        services.funeral_decide(user=users["xa1"], support=support, expected_version=1, decided_on=today - DAY,
                                recipient=" ")
    assert refused.value.field == "recipient"
    decided = services.funeral_decide(user=users["xa1"], support=support, expected_version=1,
                                      decided_on=today - DAY, recipient="Lê  Thị Dung", amount=26_000_000)
    assert (decided.decision_number, decided.status, decided.amount, decided.recipient, decided.version) == (
        "01/QĐ-UBND", "decided", 26_000_000, "Lê Thị Dung", 2)
    assert fresh(cu).decided_on == today - DAY and fresh(cu).timeliness(today) == "waiting"
    with pytest.raises(DomainError, match="từ ngày quyết định"):
        services.funeral_pay(user=users["xa1"], support=decided, expected_version=2, paid_on=today - 2 * DAY)
    with pytest.raises(ConflictError):
        services.funeral_pay(user=users["xa1"], support=decided, expected_version=1, paid_on=today)
    paid = services.funeral_pay(user=users["xa1"], support=decided, expected_version=2, paid_on=today)
    assert (paid.status, paid.paid_on) == ("paid", today)
    assert fresh(cu).delivered_on == today and fresh(cu).timeliness(today) == "prompt"
    assert audits(paid, AuditEvent.Action.UPDATE) == 2
    with pytest.raises(DomainError, match="Đã chi trả ngày .* theo quyết định số 01/QĐ-UBND"):
        services.funeral_pay(user=users["xa1"], support=paid, expected_version=3, paid_on=today)


def test_a_funeral_decision_takes_the_next_number_of_the_commune(decided, listed, users, today):
    support = FuneralSupport.objects.get(person=listed["Lê Văn Cư"].person)
    done = services.funeral_decide(user=users["xa1"], support=support, expected_version=1, decided_on=today,
                                   recipient="Lê Thị Dung")
    assert decided.number == "01/QĐ-UBND" and done.decision_number == "02/QĐ-UBND"


def test_after_a_decision_another_claim_or_decision_is_refused_naming_it(listed, users, storm, paste, today):
    cu = listed["Lê Văn Cư"].person
    support = FuneralSupport.objects.get(person=cu)
    services.funeral_decide(user=users["xa1"], support=support, expected_version=1, decided_on=today,
                            recipient="Lê Thị Dung")
    first = f"theo quyết định số 01/QĐ-UBND ngày {today:%d/%m/%Y}"
    with pytest.raises(DomainError, match=first):
        services.funeral_claim(user=users["xa1"], person=cu, ground="facility", date_of_death=today)
    with pytest.raises(DomainError, match=first):  # whoever comes second learns the first decision
        services.funeral_decide(user=users["tinh"], support=support, expected_version=2, decided_on=today,
                                recipient="Lê Văn Khác")
    with pytest.raises(DomainError, match=first):  # stale too: still the first decision that is named
        services.funeral_decide(user=users["tinh"], support=support, expected_version=1, decided_on=today,
                                recipient="Lê Văn Khác")
    before = counts()
    with pytest.raises(DomainError) as refused:  # listed dead again in another event
        paste(("Lê Văn Cư", "", 1960, "Nam", "Ấp 2", "chết", 1, "", ""), event=storm)
    assert refused.value.message.startswith(f"Dòng 2: Lê Văn Cư đã được hỗ trợ mai táng {first}")
    assert counts() == before
    assert FuneralSupport.objects.get().decision_number == "01/QĐ-UBND"


def test_a_stale_funeral_decision_is_refused(paste, beneficiary, users, today):
    services.funeral_claim(user=users["xa1"], person=beneficiary, ground="regular", date_of_death=today - 3 * DAY)
    opened = FuneralSupport.objects.get()
    paste(("Mai Văn Hưởng", beneficiary.citizen_id, 1940, "Nam", "Ấp 1", "chết", 1, "", ""))  # raised meanwhile
    with pytest.raises(ConflictError):
        services.funeral_decide(user=users["xa1"], support=opened, expected_version=opened.version,
                                decided_on=today, recipient="Mai Thị Con", amount=10_000_000)
    assert FuneralSupport.objects.get().status == "proposed"


# --- who may act where ------------------------------------------------------------------------------------------


@pytest.fixture
def c1_records(decided, proposed, listed, users, flood, communes, today):
    """One of each of c1's records, for another commune's officer and an auditor to try."""
    request = services.request_send(user=users["xa1"], event=flood, commune=communes["c1"], rice_kg=100,
                                    reason="Thiếu gạo", sent_on=today)
    return {"event": flood, "line": listed["Hồ Văn Phúc"], "aid": proposed["Trần Thị Bé"], "decision": decided,
            "request": request, "support": FuneralSupport.objects.get(person=listed["Lê Văn Cư"].person)}


WRITES = {
    "paste": lambda u, r, c, t: services.affected_paste(user=u, event=r["event"], commune=c["c1"], detected_on=t,
                                                        text="Ngô Văn Lạ\t\t1980\tNam\tẤp 1\tthiếu đói\t2"),
    "add": lambda u, r, c, t: services.affected_add(user=u, event=r["event"], person=r["line"].person,
                                                    damage="hunger", detected_on=t),
    "minimums": lambda u, r, c, t: services.aids_propose_minimums(user=u, event=r["event"], commune=c["c1"]),
    "propose": lambda u, r, c, t: services.aid_propose(user=u, affected=r["line"], kind="goods", goods="Mì",
                                                       quantity=100_000),
    "withdraw": lambda u, r, c, t: services.aid_withdraw(user=u, aid=r["aid"]),
    "decide": lambda u, r, c, t: services.decision_make(user=u, event=r["event"], commune=c["c1"], decided_on=t,
                                                        urgent=True),
    "deliver": lambda u, r, c, t: services.delivery_record(user=u, aid=r["aid"], delivered_on=t, quantity=1),
    "deliver_all": lambda u, r, c, t: services.deliver_decision(user=u, decision=r["decision"], delivered_on=t),
    "request": lambda u, r, c, t: services.request_send(user=u, event=r["event"], commune=c["c1"], rice_kg=1,
                                                        reason="Thiếu", sent_on=t),
    "answer": lambda u, r, c, t: services.request_answer(user=u, request=r["request"], answered_on=t,
                                                         answer="Cấp"),
    "funeral_claim": lambda u, r, c, t: services.funeral_claim(user=u, person=r["line"].person, ground="disaster",
                                                               date_of_death=t),
    "funeral_decide": lambda u, r, c, t: services.funeral_decide(user=u, support=r["support"], expected_version=1,
                                                                 decided_on=t, recipient="Lê Thị Dung"),
    "funeral_pay": lambda u, r, c, t: services.funeral_pay(user=u, support=r["support"], expected_version=1,
                                                           paid_on=t),
}


@pytest.mark.parametrize("write", WRITES)
@pytest.mark.parametrize("who", ["xa2", "kiemtra", "hanoi", "chitra"])
def test_another_commune_another_province_or_a_reader_changes_nothing_of_c1(c1_records, users, communes, today,
                                                                             who, write):
    before = counts()
    with pytest.raises((PermissionDeniedError, DomainError)) as refused:
        WRITES[write](users[who], c1_records, communes, today)
    if who in ("kiemtra", "chitra"):
        assert isinstance(refused.value, PermissionDeniedError)  # a reader or a payment agent writes nothing
    assert counts() == before


@pytest.mark.parametrize("write", ["propose", "withdraw", "deliver", "deliver_all", "answer", "funeral_decide"])
def test_a_record_by_key_outside_the_jurisdiction_is_not_found_like_a_missing_one(c1_records, users, communes,
                                                                                  today, write):
    by_key = {name: getattr(record, "pk", record) for name, record in c1_records.items()}
    with pytest.raises(Http404) as outside:
        WRITES[write](users["xa2"], by_key, communes, today)
    missing = {name: 10**9 for name in by_key}
    with pytest.raises(Http404) as absent:
        WRITES[write](users["xa1"], missing, communes, today)
    assert str(outside.value) == str(absent.value)


def test_on_a_shared_event_each_commune_keeps_to_its_own_lines(storm, paste, users, communes, today):
    (c1_line,) = paste(("Lý Văn Một", "", 1980, "Nam", "Ấp 1", "thiếu đói", 2, "", ""), event=storm)
    (c2_line,) = paste(("Lý Văn Hai", "", 1980, "Nam", "Ấp 1", "thiếu đói", 2, "", ""), event=storm,
                       commune=communes["c2"], user=users["xa2"])
    before = counts()
    with pytest.raises(DomainError, match="nằm ngoài địa bàn bạn quản lý") as refused:
        paste(("Lý Văn Ba", "", 1980, "Nam", "Ấp 1", "thiếu đói", 2, "", ""), event=storm, user=users["xa2"])
    assert refused.value.field == "commune"
    with pytest.raises(DomainError, match="nằm ngoài địa bàn bạn quản lý"):
        services.aids_propose_minimums(user=users["xa2"], event=storm, commune=communes["c1"])
    with pytest.raises(DomainError, match="nằm ngoài địa bàn bạn quản lý"):
        services.decision_make(user=users["xa2"], event=storm, commune=communes["c1"], decided_on=today, urgent=True)
    with pytest.raises(DomainError, match="nằm ngoài địa bàn bạn quản lý"):
        services.affected_add(user=users["xa2"], event=storm, person=c1_line.person, damage="hunger",
                              detected_on=today)
    with pytest.raises(PermissionDeniedError):
        services.aid_propose(user=users["xa2"], affected=c1_line, kind="rice")
    assert counts() == before
    assert services.aids_propose_minimums(user=users["xa2"], event=storm, commune=communes["c2"]) == 1
    assert Aid.objects.get().affected == c2_line  # c1's line untouched


# --- every write audited ------------------------------------------------------------------------------------------


def test_every_write_leaves_its_audit_row_by_its_author(decided, proposed, listed, users, flood, communes, today):
    def new_rows(call):
        last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        call()
        return list(AuditEvent.objects.filter(id__gt=last).values_list("object_type", "action", "actor__username"))

    steps = [
        (lambda: services.aid_propose(user=users["xa1"], affected=listed["Hồ Văn Phúc"], kind="goods", goods="Mì",
                                      quantity=100_000), [("emergency.aid", "create", "xa1")]),
        (lambda: services.aid_withdraw(user=users["tinh"], aid=Aid.objects.get(goods="Mì")),
         [("emergency.aid", "delete", "tinh")]),
        (lambda: services.delivery_record(user=users["xa1"], aid=proposed["Trần Thị Bé"], delivered_on=today,
                                          quantity=5), [("emergency.delivery", "create", "xa1")]),
        (lambda: services.deliver_decision(user=users["tinh"], decision=decided, delivered_on=today),
         [("emergency.decision", "create", "tinh")]),
        (lambda: services.request_send(user=users["xa1"], event=flood, commune=communes["c1"], amount=1_000_000,
                                       reason="Thiếu", sent_on=today), [("emergency.supportrequest", "create", "xa1")]),
        (lambda: services.request_answer(user=users["tinh"], request=SupportRequest.objects.get(), answered_on=today,
                                         answer="Không cấp: đủ nguồn tại chỗ"),
         [("emergency.supportrequest", "update", "tinh")]),
        (lambda: services.funeral_decide(user=users["xa1"], support=FuneralSupport.objects.get(), expected_version=1,
                                         decided_on=today, recipient="Lê Thị Dung"),
         [("assistance.funeralsupport", "update", "xa1")]),
    ]
    for call, expected in steps:
        assert new_rows(call) == expected
    event_rows = AuditEvent.objects.filter(object_type="emergency.event", object_id=str(flood.pk))
    assert event_rows.count() == 2  # created, minimums proposed
    assert AuditEvent.objects.filter(object_type="emergency.affected").count() == len(listed)
    assert AuditEvent.objects.filter(object_type="emergency.decision", object_id=str(decided.pk)).count() == 2
    assert not AuditEvent.objects.filter(actor__isnull=True).exists()
