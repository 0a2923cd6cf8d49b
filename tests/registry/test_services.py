import pytest

from ansinh.audit.models import AuditEvent
from ansinh.core.exceptions import ConflictError, DomainError, PermissionDeniedError
from ansinh.registry import services
from ansinh.registry.models import DuplicateCandidate, Household, HouseholdMember, Person
from tests.factories import PersonFactory, citizen_id

pytestmark = pytest.mark.django_db


def person_data(commune, **overrides):
    data = {"full_name": "nguyễn  văn an", "birth_year": 1980, "birth_month": 5, "birth_day": 17, "sex": "M",
            "commune": commune, "citizen_id": "096080123456"}
    data.update(overrides)
    return data


def test_create_normalises_and_audits(users, communes):
    person = services.person_create(user=users["xa1"], **person_data(communes["c1"]))
    assert person.full_name == "Nguyễn Văn An"
    assert person.name_folded == "nguyen van an"
    assert person.sort_name == "an nguyen van an"
    assert person.province_code == "96"
    event = AuditEvent.objects.get(object_type="registry.person", object_id=str(person.pk))
    assert event.action == "create" and event.actor == users["xa1"]
    assert event.changes["after"]["full_name"] == "Nguyễn Văn An"
    assert event.commune == communes["c1"]


def test_create_outside_jurisdiction_refused(users, communes):
    with pytest.raises(DomainError) as err:
        services.person_create(user=users["xa1"], **person_data(communes["c2"]))
    assert err.value.field == "commune"
    assert not Person.objects.exists()


def test_auditor_cannot_write(users, communes):
    with pytest.raises(PermissionDeniedError):
        services.person_create(user=users["kiemtra"], **person_data(communes["c1"]))


def test_existing_citizen_id_rejected_naming_the_record(users, communes):
    first = services.person_create(user=users["tinh"], **person_data(communes["c1"]))
    with pytest.raises(DomainError) as err:
        services.person_create(user=users["tinh"], **person_data(communes["c2"], full_name="Lê Văn Bảy"))
    message = err.value.errors["citizen_id"][0]
    assert "Nguyễn Văn An" in message and str(first.pk) in message
    assert Person.objects.count() == 1
    assert AuditEvent.objects.filter(action="create", object_type="registry.person").count() == 1


def test_invalid_citizen_id_and_birth_reported_per_field(users, communes):
    with pytest.raises(DomainError) as err:
        services.person_create(user=users["xa1"], **person_data(
            communes["c1"], citizen_id="96080123456", birth_month=2, birth_day=30, full_name=""))
    assert set(err.value.errors) == {"citizen_id", "birth_year", "full_name"}
    assert "số 0 ở đầu" in err.value.errors["citizen_id"][0]


def test_year_only_birth_and_no_citizen_id(users, communes):
    person = services.person_create(user=users["xa1"], **person_data(
        communes["c1"], citizen_id="", birth_month=None, birth_day=None, birth_year=1940))
    assert person.citizen_id is None and person.birth_display == "1940" and person.birth_is_partial


def test_update_uses_optimistic_locking(users, communes):
    person = services.person_create(user=users["xa1"], **person_data(communes["c1"]))
    services.person_update(user=users["xa1"], person=person, phone="0912345678", expected_version=1)
    with pytest.raises(ConflictError):
        services.person_update(user=users["tinh"], person=person, phone="0987654321", expected_version=1)
    person.refresh_from_db()
    assert person.phone == "0912345678" and person.version == 2
    event = AuditEvent.objects.filter(action="update", object_id=str(person.pk)).get()
    assert event.changes == {"phone": ["", "0912345678"]}


def test_other_commune_officer_cannot_update(users, communes):
    person = services.person_create(user=users["xa1"], **person_data(communes["c1"]))
    with pytest.raises(PermissionDeniedError):
        services.person_update(user=users["xa2"], person=person, phone="1", expected_version=1)


def test_duplicate_detected_on_create_and_merge_moves_links(users, communes):
    a = services.person_create(user=users["xa1"], **person_data(communes["c1"], citizen_id=""))
    b = services.person_create(user=users["xa1"], **person_data(communes["c1"], citizen_id="096080654321", birth_month=None, birth_day=None, phone="0909"))
    candidate = DuplicateCandidate.objects.get()
    assert (candidate.person_a, candidate.person_b) == (a, b)
    assert candidate.reason == DuplicateCandidate.Reason.SAME_NAME_YEAR_COMMUNE
    household = services.household_create(user=users["xa1"], commune=communes["c1"], head=b)
    survivor = services.person_merge(user=users["xa1"], survivor=a, duplicate=b).survivor
    b.refresh_from_db()
    assert b.merged_into == survivor and b.citizen_id is None
    assert survivor.citizen_id == "096080654321" and survivor.phone == "0909"
    household.refresh_from_db()
    assert household.head == survivor
    assert HouseholdMember.objects.get(household=household).person == survivor
    candidate.refresh_from_db()
    assert candidate.status == "merged"
    assert AuditEvent.objects.filter(action="merge").count() == 2
    assert list(Person.objects.active()) == [survivor]


def test_similar_name_same_birth_date_is_queued_but_different_ids_are_not(users, communes):
    services.person_create(user=users["xa1"], **person_data(communes["c1"], citizen_id=""))
    services.person_create(user=users["xa1"], **person_data(communes["c1"], full_name="Nguyễn Văn Anh", citizen_id=""))
    assert DuplicateCandidate.objects.get().reason == DuplicateCandidate.Reason.SIMILAR_NAME_SAME_DATE
    services.person_create(user=users["xa1"], **person_data(communes["c1"], full_name="Lê Văn Tám", citizen_id="096080999999"))
    services.person_create(user=users["xa1"], **person_data(communes["c1"], full_name="Lê Văn Tám", citizen_id="096080888888"))
    # Two different valid citizen IDs are two different people.
    assert DuplicateCandidate.objects.count() == 1


def test_duplicates_scan_is_set_based_and_idempotent(users, communes):
    PersonFactory(full_name="Võ Thị Hoa", sex="F", commune=communes["c1"], citizen_id=None)
    PersonFactory(full_name="Võ Thị Hoa", sex="F", commune=communes["c1"], citizen_id=None, birth_month=None, birth_day=None)
    PersonFactory(full_name="Võ Thị Hòa", sex="F", commune=communes["c1"], citizen_id=None, birth_year=1990, birth_month=1, birth_day=2)
    PersonFactory(full_name="Võ Thị Hoà", sex="F", commune=communes["c1"], citizen_id=None, birth_year=1990, birth_month=1, birth_day=2)
    PersonFactory(full_name="Võ Thị Hoa", sex="F", commune=communes["c2"], citizen_id=None)
    assert services.duplicates_scan() == {"same_name": 2, "similar_name": 0}
    assert services.duplicates_scan() == {"same_name": 0, "similar_name": 0}
    assert DuplicateCandidate.objects.count() == 2


def test_people_sharing_a_birth_date_are_paired_within_it_once(users, communes):
    c1, c2 = communes["c1"], communes["c2"]
    same_day = {"citizen_id": None, "birth_year": 1970, "birth_month": 4, "birth_day": 30}
    an = PersonFactory(full_name="Trần Văn An", commune=c1, **same_day)
    anh = PersonFactory(full_name="Trần Văn Anh", commune=c1, **same_day)
    ann = PersonFactory(full_name="Trần Văn Ân", commune=c1, **same_day)  # folds to An: same name, pass 1's
    PersonFactory(full_name="Trần Văn Anh", commune=c2, **same_day)  # another commune
    PersonFactory(full_name="Trần Văn Anh", commune=c1, citizen_id=None, birth_year=1970, birth_month=4,
                  birth_day=29)  # another day (and the same name and year as `anh`: pass 1's)
    PersonFactory(full_name="Phạm Thị Xuân", commune=c1, **same_day)  # the same day, not a similar name
    assert services.duplicates_scan() == {"same_name": 2, "similar_name": 2}
    pairs = set(DuplicateCandidate.objects.filter(reason=DuplicateCandidate.Reason.SIMILAR_NAME_SAME_DATE)
                .values_list("person_a", "person_b"))
    assert pairs == {(an.pk, anh.pk), (anh.pk, ann.pk)}
    DuplicateCandidate.objects.filter(person_a=an, person_b=anh).update(status=DuplicateCandidate.Status.DISMISSED)
    assert services.duplicates_scan() == {"same_name": 0, "similar_name": 0}  # a dismissed pair stays dismissed
    assert DuplicateCandidate.objects.filter(status=DuplicateCandidate.Status.DISMISSED).count() == 1


def test_dismiss_twice_conflicts(users, communes):
    services.person_create(user=users["xa1"], **person_data(communes["c1"], citizen_id=""))
    services.person_create(user=users["xa1"], **person_data(communes["c1"], citizen_id=""))
    candidate = DuplicateCandidate.objects.get()
    services.duplicate_dismiss(user=users["xa1"], candidate=candidate)
    with pytest.raises(ConflictError):
        services.duplicate_dismiss(user=users["xa1"], candidate=candidate)


def test_household_members_and_poverty(users, communes):
    head = PersonFactory(commune=communes["c1"])
    wife = PersonFactory(commune=communes["c1"], full_name="Trần Thị Bình", sex="F")
    household = services.household_create(user=users["xa1"], commune=communes["c1"], hamlet="Ấp 2", head=head)
    assert household.code == f"{communes['c1'].code}-000001"
    household.refresh_from_db()
    assert household.head == head
    services.household_member_add(user=users["xa1"], household=household, person=wife, relationship="spouse")
    other = services.household_create(user=users["xa1"], commune=communes["c1"])
    assert other.code.endswith("-000002")
    with pytest.raises(DomainError) as err:
        services.household_member_add(user=users["xa1"], household=other, person=wife, relationship="spouse")
    assert household.code in err.value.message
    with pytest.raises(DomainError):
        services.household_member_add(user=users["xa1"], household=household, person=wife, relationship="head")
    record = services.household_poverty_set(user=users["xa1"], household=household, year=2026, status="poor", decision_number="12/QĐ-UBND")
    services.household_poverty_set(user=users["xa1"], household=household, year=2026, status="near_poor")
    record.refresh_from_db()
    assert record.status == "near_poor"
    member = HouseholdMember.objects.get(person=head)
    services.household_member_remove(user=users["xa1"], member=member)
    household.refresh_from_db()
    assert household.head is None
    assert Household.objects.visible_to(users["xa2"]).count() == 0


def test_household_code_unique_and_scoped(users, communes):
    services.household_create(user=users["xa1"], commune=communes["c1"], code="hgd-1")
    with pytest.raises(DomainError) as err:
        services.household_create(user=users["tinh"], commune=communes["c2"], code="HGD-1")
    assert err.value.field == "code"
    with pytest.raises(DomainError):
        services.household_create(user=users["xa2"], commune=communes["c1"])


def test_citizen_id_helper_makes_valid_numbers():
    from ansinh.registry.rules import validate_citizen_id

    assert validate_citizen_id(citizen_id(sex="F", birth_year=2010), birth_year=2010, sex="F") == []
