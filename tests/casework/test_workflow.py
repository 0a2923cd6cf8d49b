"""A case from report to closure through the services: each step, its deadlines on the calendar with public
holidays, who may take it, bad input refused by field with nothing written, a stale edit refused with the
differences, every step audited."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from ansinh.audit.models import AuditEvent
from ansinh.casework import rules, selectors, services
from ansinh.casework.models import Case, Deadline, Entry, Plan, Referral
from ansinh.core.exceptions import ConflictError, DomainError, PermissionDeniedError
from ansinh.core.models import Holiday
from ansinh.core.services import parameter_add
from tests.casework.conftest import at

pytestmark = pytest.mark.django_db

D = datetime.date
NEEDS = {"health": (3, "Vết bầm"), "psychology": (2, ""), "education": (0, "")}


def item(start, end=None, **kw):
    return {"service": "Tham vấn tâm lý", "start_date": start, "end_date": end or start, "responsible": "ctxh1",
            "provider": "Trung tâm CTXH tỉnh", "budget": Decimal(500_000), **kw}


def test_a_child_at_serious_risk_has_twelve_hours_across_midnight(team, open_case):
    case = open_case(risk="serious", received_at=at(D(2026, 4, 20), 18, 30))
    assert case.procedure == "child" and case.number == 1 and case.code == f"0001/2026/{team['committee'].code}"
    deadline = Deadline.objects.get(case=case)
    assert deadline.step == rules.EMERGENCY
    assert timezone.localtime(deadline.due_at).replace(tzinfo=None) == datetime.datetime(2026, 4, 21, 6, 30)
    services.case_emergency(user=team["worker"], case=case, at=at(D(2026, 4, 21), 2, 15), separation=True,
                            note="Đưa trẻ đến nơi an toàn", decision_number="12/QĐ-UBND")
    deadline.refresh_from_db()
    assert deadline.met_at is not None and deadline.met_at <= deadline.due_at
    separation = Deadline.objects.get(case=case, step=rules.SEPARATION_END)
    assert timezone.localtime(separation.due_at).date() == D(2026, 5, 5)  # 21/4 + 15 days, the first counted


def test_the_twelve_hours_open_when_the_initial_assessment_finds_serious_risk(team, open_case):
    case = open_case(risk="medium", received_at=at(D(2026, 4, 20), 22, 0))
    assert not Deadline.objects.filter(case=case).exists()
    services.case_initial(user=team["worker"], case=case, at=at(D(2026, 4, 20), 23, 0), risk="serious",
                          note="Trẻ bị đánh, người gây hại là cha dượng")
    due = Deadline.objects.get(case=case, step=rules.EMERGENCY).due_at
    assert timezone.localtime(due).replace(tzinfo=None) == datetime.datetime(2026, 4, 21, 10, 0)  # from the report


def test_an_adult_has_no_twelve_hours_and_no_working_day_deadlines(team, open_case):
    case = open_case(person=team["adult"], risk="serious", case_type="elderly")
    assert case.procedure == "adult"
    assert not Deadline.objects.filter(case=case).exists()


def test_plan_deadlines_skip_a_weekend_and_a_public_holiday(team, open_case):
    Holiday.objects.get_or_create(date=D(2026, 4, 30), defaults={"name": "Ngày Giải phóng miền Nam"})
    Holiday.objects.get_or_create(date=D(2026, 5, 1), defaults={"name": "Ngày Quốc tế Lao động"})
    case = open_case(received_at=at(D(2026, 4, 20)))
    w = team["worker"]
    services.case_initial(user=w, case=case, at=at(D(2026, 4, 21)), risk="high", note="Nguy cơ cao")
    services.case_assess(user=w, case=case, at=at(D(2026, 4, 23), 15), needs=NEEDS, note="Cần hỗ trợ tâm lý")
    draft = Deadline.objects.get(case=case, step=rules.PLAN_DRAFT)
    assert timezone.localtime(draft.due_at).date() == D(2026, 5, 4)
    services.case_plan(user=w, case=case, at=at(D(2026, 5, 4), 16), goals="Trẻ an toàn, ổn định tâm lý",
                       items=[item(D(2026, 5, 5), D(2026, 6, 30))])
    draft.refresh_from_db()
    assert draft.met_at is not None
    approval = Deadline.objects.get(case=case, step=rules.PLAN_APPROVAL)
    assert timezone.localtime(approval.due_at).date() == D(2026, 5, 6)
    assert timezone.localtime(approval.due_at).time() == datetime.time(23, 59, 59)


def test_a_change_of_law_changes_the_deadline_from_its_date(team, open_case, users):
    parameter_add(user=users["admin"], key="casework.plan_draft_days", value=Decimal(3), valid_from=D(2026, 4, 1),
                  legal_basis="Nghị định giả định (thử)")
    case = open_case(received_at=at(D(2026, 4, 20)))
    services.case_initial(user=team["worker"], case=case, at=at(D(2026, 4, 21)), risk="high", note="x")
    services.case_assess(user=team["worker"], case=case, at=at(D(2026, 4, 21)), needs=NEEDS, note="")
    assert timezone.localtime(Deadline.objects.get(case=case, step=rules.PLAN_DRAFT).due_at).date() == D(2026, 4, 24)


DAY = D(2026, 4, 21)


def run_to_plan(team, case, day=DAY):
    w = team["worker"]
    services.case_initial(user=w, case=case, at=at(day), risk="high", note="Nguy cơ cao")
    services.case_assess(user=w, case=case, at=at(day, 10), needs=NEEDS, note="")
    return services.case_plan(user=w, case=case, at=at(day, 11), goals="An toàn", items=[item(day)])


def test_from_report_to_closure(team, open_case):
    case = open_case(received_at=at(D(2026, 4, 20)))
    plan = run_to_plan(team, case)
    with pytest.raises(PermissionDeniedError, match="người giám sát"):
        services.case_approve(user=team["worker"], case=case, at=at(D(2026, 4, 22)))
    services.case_approve(user=team["supervisor"], case=case, at=at(D(2026, 4, 22)), decision_number="15/QĐ-UBND")
    plan.refresh_from_db()
    assert plan.status == Plan.Status.APPROVED and plan.decision_number == "15/QĐ-UBND"
    services.case_service(user=team["worker"], case=case, kind="psychosocial", given_on=D(2026, 4, 25),
                          provider="Trung tâm CTXH tỉnh")
    services.case_review(user=team["worker"], case=case, at=at(D(2026, 5, 25)), replan=False, note="Trẻ ổn định")
    services.case_returned(user=team["worker"], case=case, on=D(2026, 5, 26))
    with pytest.raises(DomainError) as refused:
        services.case_close(user=team["worker"], case=case, on=D(2026, 11, 25), reason="goals_met")
    assert refused.value.field == "closed_on" and "26/11/2026" in refused.value.message
    case = services.case_close(user=team["worker"], case=Case.objects.get(pk=case.pk), on=D(2026, 11, 26),
                               reason="goals_met", note="Hết nguy cơ")
    assert case.stage == rules.CLOSED and case.closed_on == D(2026, 11, 26)
    assert not Deadline.objects.filter(case=case, met_at__isnull=True).exists()
    kinds = list(Entry.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds[0] == "report" and kinds[-1] == "closure" and "approval" in kinds and "service" in kinds
    assert AuditEvent.objects.filter(object_type="casework.case", object_id=str(case.pk)).count() >= 8
    services.case_reopen(user=team["supervisor"], case=case, note="Tái diễn bạo lực")
    case.refresh_from_db()
    assert case.stage == rules.ASSESSED and case.close_reason == ""
    assert Deadline.objects.filter(case=case, step=rules.PLAN_DRAFT, met_at__isnull=True).exists()


def test_returned_plan_goes_back_to_planning_with_a_new_deadline(team, open_case):
    case = open_case(received_at=at(D(2026, 4, 20)))
    run_to_plan(team, case)
    with pytest.raises(DomainError, match="điều cần sửa"):
        services.case_return_plan(user=team["supervisor"], case=case, at=at(D(2026, 4, 22)), note=" ")
    services.case_return_plan(user=team["supervisor"], case=case, at=at(D(2026, 4, 22)), note="Thiếu kinh phí")
    case.refresh_from_db()
    assert case.stage == rules.ASSESSED
    plan = services.case_plan(user=team["worker"], case=case, at=at(D(2026, 4, 23)), goals="An toàn",
                              items=[item(D(2026, 4, 23))])
    assert plan.number == 2


def test_the_commune_chairman_approves_when_the_case_is_shared_with_him(team, open_case):
    case = open_case(received_at=at(D(2026, 4, 20)))
    run_to_plan(team, case)
    with pytest.raises(PermissionDeniedError, match="không có quan hệ"):
        services.case_approve(user=team["chairman"], case=case, at=at(D(2026, 4, 22)))
    services.case_share(user=team["worker"], case=case, with_user=team["chairman"], reason="Trình phê duyệt")
    services.case_approve(user=team["chairman"], case=case, at=at(D(2026, 4, 22)), decision_number="16/QĐ-UBND")
    assert Case.objects.get(pk=case.pk).stage == rules.IMPLEMENTING


@pytest.mark.parametrize("call, field", [
    (lambda t, c: services.case_plan(user=t["worker"], case=c, at=at(D(2026, 4, 21), 11), goals="An toàn",
                                     items=[item(D(2026, 4, 20))]), "items"),  # a plan date before the assessment
    (lambda t, c: services.case_plan(user=t["worker"], case=c, at=at(D(2026, 4, 21), 11), goals="An toàn",
                                     items=[item(D(2026, 4, 21), responsible=" ")]), "items"),
    (lambda t, c: services.case_plan(user=t["worker"], case=c, at=at(D(2026, 4, 21), 11), goals=" ",
                                     items=[item(D(2026, 4, 21))]), "goals"),
    (lambda t, c: services.case_close(user=t["worker"], case=c, on=D(2026, 4, 22), reason=""), "reason"),
    (lambda t, c: services.case_refer(user=t["worker"], case=c, to=t["centre"], reason="Tham vấn", consent_by="",
                                      consent_name="", consent_on=None, head_consent=True), "consent_name"),
    (lambda t, c: services.case_refer(user=t["worker"], case=c, to=t["centre"], reason="Tham vấn",
                                      consent_by="parent", consent_name="Lê Văn Cha", consent_on=D(2026, 4, 21),
                                      head_consent=False), "head_consent"),
])
def test_bad_input_is_refused_by_field_and_nothing_is_written(team, open_case, call, field):
    case = open_case(received_at=at(D(2026, 4, 20)))
    w = team["worker"]
    services.case_initial(user=w, case=case, at=at(D(2026, 4, 21)), risk="high", note="x")
    services.case_assess(user=w, case=case, at=at(D(2026, 4, 21), 10), needs=NEEDS, note="")
    before = (Entry.objects.count(), Plan.objects.count(), Referral.objects.count(), AuditEvent.objects.count())
    with pytest.raises(DomainError) as refused:
        call(team, Case.objects.get(pk=case.pk))
    assert refused.value.field == field and refused.value.message
    assert (Entry.objects.count(), Plan.objects.count(), Referral.objects.count(), AuditEvent.objects.count()) == before
    assert Case.objects.get(pk=case.pk).stage == rules.ASSESSED


def test_a_case_cannot_go_to_a_worker_outside_the_unit(team):
    with pytest.raises(DomainError) as refused:
        services.case_open(user=team["worker"], organisation=team["committee"], source="self",
                           received_at=timezone.now(), case_type="elderly", risk="low", summary="Cụ ở một mình",
                           worker=team["centre_worker"], supervisor=team["supervisor"], subjects=[team["adult"]])
    assert refused.value.field == "worker" and "UBND xã Một" in refused.value.message
    with pytest.raises(DomainError) as refused:
        services.case_open(user=team["worker"], organisation=team["committee"], source="self",
                           received_at=timezone.now(), case_type="elderly", risk="low", summary="Cụ ở một mình",
                           worker=team["worker"], supervisor=team["colleague"], subjects=[team["adult"]])
    assert refused.value.field == "supervisor"
    assert not Case.objects.exists()


def test_case_numbers_run_per_unit_and_year(team, open_case):
    first = open_case(received_at=at(D(2025, 12, 31), 23))
    second = open_case(received_at=at(D(2026, 1, 1), 1))
    third = open_case(received_at=at(D(2026, 1, 2)))
    assert (first.year, first.number) == (2025, 1)
    assert (second.year, second.number, third.number) == (2026, 1, 2)


def test_a_stale_edit_is_refused_with_the_differences(team, open_case):
    case = open_case()
    read_by_worker = Case.objects.get(pk=case.pk)
    services.case_update(user=team["supervisor"], case=Case.objects.get(pk=case.pk), expected_version=case.version,
                         risk="serious", summary="Trẻ bị đánh nhiều lần")
    with pytest.raises(ConflictError) as conflict:
        services.case_update(user=team["worker"], case=read_by_worker, expected_version=read_by_worker.version,
                             risk="medium", summary="Trẻ bị đánh nhiều lần")
    assert "giamsat1" in conflict.value.message
    labels = {label: (saved, yours) for label, saved, yours in conflict.value.differences}
    assert labels["mức độ nguy cơ"][1] == "Trung bình" and labels["mức độ nguy cơ"][0].startswith("Nghiêm trọng")
    assert "nội dung sự việc" not in labels  # the same on both sides
    assert Case.objects.get(pk=case.pk).risk == "serious"


def test_referral_needs_consent_then_the_receiving_worker_sees_this_case_only(team, open_case):
    case = open_case(received_at=at(D(2026, 4, 20)))
    other = open_case(received_at=at(D(2026, 4, 20), 10))
    referral = services.case_refer(user=team["worker"], case=case, to=team["centre"], reason="Tham vấn chuyên sâu",
                                   consent_by="parent", consent_name="Lê Văn Cha", consent_on=D(2026, 4, 21),
                                   head_consent=True)
    receiver = team["centre_worker"]
    assert not selectors.cases(user=receiver).exists()
    assert list(selectors.incoming_referrals(user=team["centre_head"])) == [referral]
    assert not selectors.incoming_referrals(user=receiver).exists()
    with pytest.raises(PermissionDeniedError):
        services.referral_respond(user=receiver, referral=referral, accept=True, receiving_worker=receiver)
    with pytest.raises(DomainError) as refused:
        services.referral_respond(user=team["centre_head"], referral=referral, accept=True,
                                  receiving_worker=team["worker"])
    assert refused.value.field == "receiving_worker"
    services.referral_respond(user=team["centre_head"], referral=referral, accept=True, receiving_worker=receiver)
    assert list(selectors.cases(user=receiver)) == [case]
    assert other not in selectors.cases(user=receiver)
    services.case_service(user=receiver, case=case, kind="counselling", given_on=timezone.localdate())
    with pytest.raises(PermissionDeniedError):
        services.case_close(user=receiver, case=case, on=timezone.localdate(), reason="goals_met")


def test_a_refusal_needs_a_reason(team, open_case):
    case = open_case()
    referral = services.case_refer(user=team["worker"], case=case, to=team["centre"], reason="Tham vấn",
                                   consent_by="self", consent_name="Lê Thị Bé", consent_on=timezone.localdate(),
                                   head_consent=True)
    with pytest.raises(DomainError) as refused:
        services.referral_respond(user=team["centre_head"], referral=referral, accept=False)
    assert refused.value.field == "note"
    services.referral_respond(user=team["centre_head"], referral=referral, accept=False, note="Hết chỗ")
    assert Referral.objects.get(pk=referral.pk).status == "refused"
    assert not selectors.cases(user=team["centre_head"]).exists()


def test_a_share_reaches_only_users_whose_jurisdiction_covers_the_unit(team, open_case):
    case = open_case()
    with pytest.raises(DomainError) as refused:
        services.case_share(user=team["worker"], case=case, with_user=team["far"], reason="Phối hợp")
    assert refused.value.field == "with_user"
    share = services.case_share(user=team["worker"], case=case, with_user=team["colleague"], reason="Trực thay")
    assert case in selectors.cases(user=team["colleague"])
    services.case_unshare(user=team["worker"], share=share)
    assert case not in selectors.cases(user=team["colleague"])


def test_caseload_is_counted_against_the_limit(team, open_case, users):
    for _ in range(3):
        open_case()
    parameter_add(user=users["admin"], key="casework.caseload_limit", value=Decimal(3), valid_from=D(2026, 1, 1),
                  legal_basis="thử")
    rows = {r["worker"].user.username: r for r in selectors.caseloads(user=team["supervisor"])}
    assert rows["ctxh1"]["open"] == 3 and rows["ctxh1"]["state"] == "full" and rows["ctxh1"]["limit"] == 3
    assert rows["ctxh1b"]["open"] == 0
    assert "trungtam1" not in rows  # another unit


def test_the_overdue_list_and_due_today(team, open_case):
    late = open_case(risk="serious", received_at=timezone.now() - datetime.timedelta(hours=13))
    soon = open_case(risk="serious", received_at=timezone.now() - datetime.timedelta(minutes=30))
    assert [d.case_id for d in selectors.overdue(user=team["worker"])] == [late.pk]
    assert not selectors.overdue(user=team["colleague"]).exists()
    due = timezone.localtime(Deadline.objects.get(case=soon).due_at)
    listed = [d.case_id for d in selectors.due_today(user=team["worker"])]
    assert (soon.pk in listed) == (due.date() == timezone.localdate())


def test_reading_a_case_file_is_audited(team, open_case, client):
    case = open_case()
    client.force_login(team["supervisor"])
    from django.urls import reverse
    assert client.get(reverse("casework:case_detail", args=[case.pk])).status_code == 200
    assert AuditEvent.objects.filter(action="view", object_type="casework.case", object_id=str(case.pk),
                                     actor=team["supervisor"]).count() == 1


def test_a_merge_of_two_records_of_one_child_keeps_one_subject_and_one_group(team, open_case, users):
    from ansinh.casework.models import Circumstance, Subject
    from ansinh.registry.services import person_merge
    from tests.factories import PersonFactory

    child = team["child"]
    twin = PersonFactory(full_name=child.full_name, sex="F", birth_year=child.birth_year, commune=child.commune,
                         citizen_id=None)
    case = services.case_open(user=team["worker"], organisation=team["committee"], source="school",
                              received_at=timezone.now(), case_type="child_protection", risk="low", summary="x",
                              worker=team["worker"], supervisor=team["supervisor"], subjects=[twin, child])
    services.circumstance_add(user=users["xa1"], person=child, group="a", since=D(2025, 6, 1))
    services.circumstance_add(user=users["xa1"], person=twin, group="a", since=D(2025, 1, 1))
    services.circumstance_add(user=users["xa1"], person=twin, group="d", since=D(2025, 1, 1))
    person_merge(user=users["xa1"], survivor=child, duplicate=twin)
    assert list(Subject.objects.filter(case=case).values_list("person_id", "main")) == [(child.pk, True)]
    groups = dict(Circumstance.objects.filter(person=child).values_list("group", "since"))
    assert groups == {"a": D(2025, 1, 1), "d": D(2025, 1, 1)}
    assert not Circumstance.objects.filter(person=twin).exists()


def test_caseloads_are_summed_per_unit(team, open_case):
    open_case()
    open_case()
    totals = {t["organisation"].name: t for t in selectors.unit_totals(selectors.caseloads(user=team["supervisor"]))}
    assert totals["UBND xã Một"]["workers"] == 3 and totals["UBND xã Một"]["open"] == 2
    assert totals["UBND xã Một"]["most"] == 2 and totals["UBND xã Một"]["at_limit"] == 0


def test_a_person_registered_on_the_spot_joins_the_case_and_a_refused_case_registers_no_one(team, users):
    from ansinh.registry.models import Person

    year = timezone.localdate().year - 6
    before = Person.objects.count()
    common = {"user": users["xa1"], "organisation": team["committee"], "source": "community",
              "received_at": timezone.now(), "case_type": "child_protection", "risk": "high", "summary": "Trẻ lang thang",
              "subjects": [], "new_person": {"full_name": "Trẻ Chưa Có Tên Trong Sổ", "birth_year": year,
                                              "birth_month": None, "birth_day": None, "sex": "M"}}
    with pytest.raises(DomainError):
        services.case_open(**common, worker=team["centre_worker"], supervisor=team["supervisor"])
    assert Person.objects.count() == before
    case = services.case_open(**common, worker=team["worker"], supervisor=team["supervisor"])
    subject = case.subjects.get()
    assert subject.main and subject.person.full_name == "Trẻ Chưa Có Tên Trong Sổ"
    assert subject.person.commune_id == team["committee"].commune_id and case.procedure == "child"
    with pytest.raises(DomainError) as refused:  # a social worker does not keep the registry
        services.case_open(**{**common, "user": team["worker"]}, worker=team["worker"], supervisor=team["supervisor"])
    assert refused.value.field == "new_name"
