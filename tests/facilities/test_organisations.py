"""The network of organisations: every commune's People's Committee, organisations whose attributes change
from a day (back-dated too) so that any past date is answered, bad input named, scope and audit."""

import datetime

import pytest

from ansinh.audit.models import AuditEvent
from ansinh.core.exceptions import ConflictError, DomainError, PermissionDeniedError
from ansinh.facilities import services
from ansinh.facilities.models import Kind, Organisation, OrganisationPeriod, Ownership
from ansinh.facilities.selectors import access_organisation, organisations, periods_on
from ansinh.geo.models import AdministrativeUnit

pytestmark = pytest.mark.django_db

D = datetime.date


def school(user, commune, **fields):
    return services.organisation_create(user=user, valid_from=fields.pop("valid_from", D(2020, 9, 1)),
                                        **{"name": "Trường THCS Tân Thành", "kind": Kind.SCHOOL, "commune": commune,
                                           **fields})


def test_every_commune_of_the_province_gets_its_committee_once(users, communes):
    communes_96 = AdministrativeUnit.objects.filter(level="commune", province_code="96", valid_to__isnull=True)
    assert services.commune_committees_load(province_code="96") == communes_96.count() > 60
    assert services.commune_committees_load(province_code="96") == 0  # running it again changes nothing
    committee = Organisation.objects.get(code=f"UBND-{communes['c1'].code}")
    assert committee.name == f"UBND {communes['c1'].name}" and committee.kind == Kind.COMMUNE_COMMITTEE
    assert periods_on(user=users["tinh"], day=D(2025, 7, 1)).filter(in_plan_scope=True).count() == communes_96.count()
    assert not periods_on(user=users["tinh"], day=D(2025, 6, 30)).exists()  # today's communes began on 01/7/2025
    assert periods_on(user=users["xa1"], day=D(2026, 1, 1)).get().organisation == committee


def test_a_change_from_a_day_splits_the_history_and_any_past_date_is_answered(users, communes):
    xa1 = users["xa1"]
    organisation = school(xa1, communes["c1"])
    organisation = services.organisation_change(user=xa1, organisation=organisation, expected_version=1,
                                                valid_from=D(2024, 9, 1), provides_social_work=True,
                                                basis="QĐ 12/QĐ-UBND")
    # back-dated before the change above: from 2023 on it is in the plan's scope, the 2024 change kept
    organisation = services.organisation_change(user=xa1, organisation=organisation, expected_version=2,
                                                valid_from=D(2023, 1, 1), in_plan_scope=True, basis="KH 62/KH-UBND")
    chain = [(p.valid_from, p.valid_to, p.in_plan_scope, p.provides_social_work, p.basis)
             for p in organisation.periods.order_by("valid_from")]
    assert chain == [(D(2020, 9, 1), D(2023, 1, 1), False, False, ""),
                     (D(2023, 1, 1), D(2024, 9, 1), True, False, "KH 62/KH-UBND"),
                     (D(2024, 9, 1), None, True, True, "QĐ 12/QĐ-UBND")]  # each change keeps its own document
    on = {day: periods_on(user=xa1, day=day).get() for day in (D(2022, 12, 31), D(2023, 1, 1), D(2024, 8, 31),
                                                                 D(2024, 9, 1))}
    assert [(p.in_plan_scope, p.provides_social_work) for p in on.values()] == [
        (False, False), (True, False), (True, False), (True, True)]
    assert not periods_on(user=xa1, day=D(2020, 8, 31)).exists()  # not yet founded
    # a change on the first day of a period is that period's; the renamed school keeps its history
    organisation = services.organisation_change(user=xa1, organisation=organisation, expected_version=3,
                                                valid_from=D(2024, 9, 1), name="Trường TH-THCS Tân Thành")
    assert organisation.name == "Trường TH-THCS Tân Thành" and organisation.periods.count() == 3
    assert periods_on(user=xa1, day=D(2024, 8, 31)).get().name == "Trường THCS Tân Thành"
    events = AuditEvent.objects.filter(object_type="facilities.organisation", object_id=str(organisation.pk))
    assert events.filter(action="create").count() == 1 and events.filter(action="update").count() == 3


def test_closing_ends_the_last_period(users, communes):
    organisation = school(users["xa1"], communes["c1"])
    with pytest.raises(DomainError) as error:
        services.organisation_close(user=users["xa1"], organisation=organisation, expected_version=1,
                                    on=D(2020, 9, 1))
    assert error.value.field == "on"
    organisation = services.organisation_close(user=users["xa1"], organisation=organisation, expected_version=1,
                                               on=D(2026, 6, 1), basis="Sáp nhập")
    assert periods_on(user=users["xa1"], day=D(2026, 5, 31)).exists()
    assert not periods_on(user=users["xa1"], day=D(2026, 6, 1)).exists()
    with pytest.raises(DomainError) as error:
        services.organisation_change(user=users["xa1"], organisation=organisation, expected_version=2,
                                     valid_from=D(2026, 7, 1), in_plan_scope=True)
    assert error.value.field == "valid_from" and "giải thể" in error.value.message


@pytest.mark.parametrize(("fields", "field", "words"), [
    ({"name": "  "}, "name", "không được để trống"),
    ({"kind": "bakery"}, "kind", "loại"),
    ({"ownership": "private"}, "ownership", "công lập"),
])
def test_bad_input_names_the_field_and_writes_nothing(users, communes, fields, field, words):
    with pytest.raises(DomainError) as error:
        school(users["xa1"], communes["c1"], **fields)
    assert error.value.field == field and words in error.value.message
    assert not Organisation.objects.exists() and not OrganisationPeriod.objects.exists()


def test_parent_bodies_are_checked(users, communes):
    tinh = users["tinh"]
    department = services.organisation_create(user=tinh, valid_from=D(2025, 3, 1), name="Sở Y tế Cà Mau",
                                              kind=Kind.DEPARTMENT, commune=communes["c1"])
    centre = services.organisation_create(user=tinh, valid_from=D(2025, 3, 1), name="Trung tâm CTXH tỉnh",
                                          kind=Kind.SOCIAL_WORK_CENTRE, commune=communes["c2"], parent=department,
                                          ownership=Ownership.PUBLIC, provides_social_work=True)
    with pytest.raises(DomainError) as error:
        services.organisation_change(user=tinh, organisation=department, expected_version=1,
                                     valid_from=D(2025, 3, 1), parent=centre)
    assert error.value.field == "parent" and "trực thuộc" in error.value.message
    with pytest.raises(DomainError) as error:
        services.organisation_change(user=tinh, organisation=department, expected_version=1,
                                     valid_from=D(2025, 3, 1), parent=department)
    assert error.value.field == "parent"
    hanoi_school = services.organisation_create(user=users["admin"], valid_from=D(2025, 3, 1), name="Trường Hà Nội",
                                                kind=Kind.SCHOOL, commune=communes["other_province"])
    with pytest.raises(DomainError) as error:
        services.organisation_change(user=users["admin"], organisation=hanoi_school, expected_version=1,
                                     valid_from=D(2025, 3, 1), parent=department)
    assert "cùng tỉnh" in error.value.message


def test_scope_and_stale_edits(users, communes):
    theirs = school(users["xa2"], communes["c2"], name="Trường Xã Hai")
    with pytest.raises(DomainError) as error:
        school(users["xa1"], communes["c2"])
    assert error.value.field == "commune"
    assert not organisations(user=users["xa1"]).filter(pk=theirs.pk).exists()
    assert organisations(user=users["tinh"]).filter(pk=theirs.pk).exists()
    assert not periods_on(user=users["xa1"], day=D(2025, 1, 1)).exists()
    with pytest.raises(PermissionDeniedError):
        access_organisation(users["xa1"], theirs, "change")
    with pytest.raises(PermissionDeniedError):
        services.organisation_change(user=users["xa1"], organisation=theirs, expected_version=1,
                                     valid_from=D(2025, 1, 1), in_plan_scope=True)
    services.organisation_change(user=users["xa2"], organisation=theirs, expected_version=1,
                                 valid_from=D(2025, 1, 1), in_plan_scope=True)
    with pytest.raises(ConflictError):  # a second officer, from the page opened before
        services.organisation_change(user=users["tinh"], organisation=theirs, expected_version=1,
                                     valid_from=D(2025, 1, 1), provides_social_work=True)
