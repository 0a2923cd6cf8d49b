"""Every write of the workforce: one transaction each, audited.

A position's allowance changes from a day: the position in force ends the day before and the next one opens
with the new amount, so the indicators of any past day read the allowance of that day. A person holds at most
one full-time (chuyên trách) post on any day; the person's row is locked while that is checked, so two
officers recording at once cannot both succeed."""

import datetime
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction

from ansinh.audit.models import AuditEvent
from ansinh.audit.services import audit_record, snapshot
from ansinh.core.access import covers, place_for, require_capability
from ansinh.core.exceptions import ConflictError, DomainError
from ansinh.facilities.models import Organisation, OrganisationPeriod
from ansinh.geo.models import AdministrativeUnit
from ansinh.registry.models import Person
from ansinh.registry.selectors import access_person

from . import rules
from .access import WORKFORCE_CHANGE
from .models import (
    Attendance,
    Course,
    CourseKind,
    Engagement,
    Funding,
    Grade,
    Level,
    Position,
    PracticeCertificate,
    Qualification,
    Title,
    TrainingTarget,
)
from .selectors import access_attendance, access_course, access_position

STALE = "Bản ghi này đã được người khác sửa sau khi bạn mở. Hãy tải lại trang."


def _check_position(*, organisation: Organisation, person: Person, title: str, grade: str, engagement: str,
                    monthly_allowance: Decimal, start_date: datetime.date,
                    end_date: datetime.date | None) -> None:
    if title not in Title.values:
        raise DomainError("Hãy chọn chức danh.", field="title")
    if grade and grade not in Grade.values:
        raise DomainError("Mã chức danh nghề nghiệp phải là V.09.04.01 đến V.09.04.04.", field="grade")
    if engagement not in Engagement.values:
        raise DomainError("Hãy chọn hình thức: chuyên trách, kiêm nhiệm hoặc cộng tác viên.", field="engagement")
    if monthly_allowance is None or monthly_allowance < 0:
        raise DomainError("Phụ cấp hằng tháng không được âm.", field="monthly_allowance")
    if end_date is not None and end_date < start_date:
        raise DomainError("Ngày kết thúc không được trước ngày bắt đầu.", field="end_date")
    if person.date_of_death is not None and person.date_of_death < start_date:
        raise DomainError(f"Người này đã mất ngày {person.date_of_death:%d/%m/%Y}.", field="person")
    if not OrganisationPeriod.objects.filter(organisation=organisation).on(start_date).exists():
        raise DomainError(f"{organisation.name} chưa thành lập hoặc đã giải thể vào ngày {start_date:%d/%m/%Y}.",
                          field="start_date")


def _no_second_full_time(*, person: Person, engagement: str, start_date: datetime.date,
                         end_date: datetime.date | None, besides: Position | None = None) -> None:
    """At most one full-time post a day. Called with the person's row locked."""
    if engagement != Engagement.FULL_TIME:
        return
    others = Position.objects.filter(person=person, engagement=Engagement.FULL_TIME).select_related("organisation")
    if besides is not None:
        others = others.exclude(pk=besides.pk)
    for other in others:
        if rules.overlaps(start_date, end_date, other.start_date, other.end_date):
            until = f"{other.end_date:%d/%m/%Y}" if other.end_date else "nay"
            raise DomainError(
                f"{person.full_name} đang giữ vị trí chuyên trách tại {other.organisation.name} "
                f"(từ {other.start_date:%d/%m/%Y} đến {until}): một người chỉ giữ một vị trí chuyên trách.",
                field="engagement")


def _view(position: Position) -> dict[str, Any]:
    return {**snapshot(position), "person": position.person.full_name, "organisation": position.organisation.name,
            "title": str(Title(position.title).label), "engagement": str(Engagement(position.engagement).label)}


def position_create(*, user, person: Person, organisation: Organisation, title: str, engagement: str,
                    monthly_allowance: Decimal, start_date: datetime.date, end_date: datetime.date | None = None,
                    grade: str = "", job: str = "") -> Position:
    """A person takes up social work at an organisation of the user's jurisdiction."""
    require_capability(user, WORKFORCE_CHANGE)
    if not covers(user, organisation.commune):
        raise DomainError("Cơ quan, cơ sở này nằm ngoài địa bàn bạn quản lý.", field="organisation")
    access_person(user, person)
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        _check_position(organisation=organisation, person=person, title=title, grade=grade, engagement=engagement,
                        monthly_allowance=monthly_allowance, start_date=start_date, end_date=end_date)
        _no_second_full_time(person=person, engagement=engagement, start_date=start_date, end_date=end_date)
        position = Position.objects.create(
            person=person, organisation=organisation, title=title, grade=grade, engagement=engagement,
            job=" ".join(job.split())[:120], monthly_allowance=monthly_allowance, start_date=start_date,
            end_date=end_date, created_by=user)
        audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=position, changes={"after": _view(position)},
                     commune=organisation.commune, province_code=organisation.province_code)
    return position


def _locked(position: Position, expected_version: int) -> Position:
    current = Position.objects.select_for_update().select_related("person", "organisation").get(pk=position.pk)
    if current.version != expected_version:
        raise ConflictError(STALE)
    return current


def position_end(*, user, position: Position, end_date: datetime.date, reason: str,
                 expected_version: int) -> Position:
    """The person stops doing social work there: the last day and why."""
    access_position(user, position, "change")
    with transaction.atomic():
        current = _locked(position, expected_version)
        if current.end_date is not None and current.end_date < end_date:
            raise DomainError(f"Vị trí này đã kết thúc ngày {current.end_date:%d/%m/%Y}.", field="end_date")
        if end_date < current.start_date:
            raise DomainError("Ngày kết thúc không được trước ngày bắt đầu.", field="end_date")
        if not reason.strip():
            raise DomainError("Hãy ghi lý do kết thúc.", field="end_reason")
        before = snapshot(current, ["end_date", "end_reason"])
        current.end_date, current.end_reason = end_date, reason.strip()[:255]
        current.version += 1
        current.save(update_fields=["end_date", "end_reason", "version"])
        audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=current,
                     changes={"before": before, "after": snapshot(current, ["end_date", "end_reason"])},
                     commune=current.organisation.commune, province_code=current.organisation.province_code)
    return current


def position_change_allowance(*, user, position: Position, monthly_allowance: Decimal, from_date: datetime.date,
                              expected_version: int, basis: str = "") -> Position:
    """A new monthly allowance from a day: the position ends the day before and the next one opens; from its
    first day, the amount itself is corrected."""
    access_position(user, position, "change")
    if monthly_allowance is None or monthly_allowance < 0:
        raise DomainError("Phụ cấp hằng tháng không được âm.", field="monthly_allowance")
    with transaction.atomic():
        current = _locked(position, expected_version)
        if from_date < current.start_date or (current.end_date is not None and from_date > current.end_date):
            until = f"{current.end_date:%d/%m/%Y}" if current.end_date else "nay"
            raise DomainError(f"Ngày áp dụng phải trong thời gian giữ vị trí (từ {current.start_date:%d/%m/%Y} "
                              f"đến {until}).", field="from_date")
        before = {"monthly_allowance": str(current.monthly_allowance)}
        if from_date == current.start_date:
            current.monthly_allowance = monthly_allowance
            current.version += 1
            current.save(update_fields=["monthly_allowance", "version"])
            result = current
        else:
            ending = current.end_date
            current.end_date, current.end_reason = from_date - datetime.timedelta(days=1), "Thay đổi phụ cấp"
            current.version += 1
            current.save(update_fields=["end_date", "end_reason", "version"])
            result = Position.objects.create(
                person=current.person, organisation=current.organisation, title=current.title, grade=current.grade,
                engagement=current.engagement, job=current.job, monthly_allowance=monthly_allowance,
                start_date=from_date, end_date=ending, previous=current, created_by=user)
        audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=current,
                     changes={"before": before, "after": {"monthly_allowance": str(monthly_allowance),
                                                          "from": f"{from_date:%d/%m/%Y}", "basis": basis.strip()}},
                     commune=current.organisation.commune, province_code=current.organisation.province_code)
    return result


def course_create(*, user, title: str, kind: str, organiser: str, start_date: datetime.date,
                  end_date: datetime.date, funding: str, amount: Decimal = Decimal(0),
                  commune: AdministrativeUnit | None = None, province_code: str = "") -> Course:
    """A course of the user's province (or, with `commune`, of one commune)."""
    require_capability(user, WORKFORCE_CHANGE)
    title = " ".join(title.split())
    if not title:
        raise DomainError("Hãy ghi tên khóa đào tạo, tập huấn.", field="title")
    if kind not in CourseKind.values:
        raise DomainError("Hãy chọn loại khóa.", field="kind")
    if not organiser.strip():
        raise DomainError("Hãy ghi đơn vị tổ chức.", field="organiser")
    if end_date < start_date:
        raise DomainError("Ngày kết thúc không được trước ngày bắt đầu.", field="end_date")
    if funding not in Funding.values:
        raise DomainError("Hãy chọn nguồn kinh phí.", field="funding")
    if amount is None or amount < 0:
        raise DomainError("Kinh phí không được âm.", field="amount")
    commune, province_code = place_for(user, commune, province_code, what="khóa")
    with transaction.atomic():
        course = Course.objects.create(title=title[:255], kind=kind, organiser=organiser.strip()[:255],
                                       start_date=start_date, end_date=end_date, funding=funding, amount=amount,
                                       commune=commune, province_code=province_code, created_by=user)
        audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=course, changes={"after": snapshot(course)},
                     commune=commune, province_code=province_code)
    return course


def attendance_record(*, user, course: Course, person: Person, completed_on: datetime.date | None = None,
                      note: str = "") -> Attendance:
    """A person on a course, and the day they completed it when they have."""
    access_course(user, course)
    require_capability(user, WORKFORCE_CHANGE)
    access_person(user, person)
    if completed_on is not None:
        if completed_on < course.start_date:
            raise DomainError(f"Ngày hoàn thành không được trước ngày khai giảng ({course.start_date:%d/%m/%Y}).",
                              field="completed_on")
        if completed_on > datetime.date.today():
            raise DomainError("Ngày hoàn thành không được sau hôm nay.", field="completed_on")
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(course=course, person=person, completed_on=completed_on,
                                                   note=note.strip()[:255])
            audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=attendance,
                         changes={"after": {"course": course.title, "person": person.full_name,
                                            "completed_on": str(completed_on or "")}},
                         commune=person.commune, province_code=person.province_code)
    except IntegrityError:
        raise DomainError(f"{person.full_name} đã có trong danh sách học viên của khóa này.", field="person") from None
    return attendance


def attendance_complete(*, user, attendance: Attendance, completed_on: datetime.date) -> Attendance:
    """A person on the course completed it on that day."""
    access_attendance(user, attendance, "change")
    course = attendance.course
    if completed_on < course.start_date:
        raise DomainError(f"Ngày hoàn thành không được trước ngày khai giảng ({course.start_date:%d/%m/%Y}).",
                          field="completed_on")
    if completed_on > datetime.date.today():
        raise DomainError("Ngày hoàn thành không được sau hôm nay.", field="completed_on")
    with transaction.atomic():
        before = str(attendance.completed_on or "")
        Attendance.objects.filter(pk=attendance.pk).update(completed_on=completed_on)
        attendance.completed_on = completed_on
        audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=attendance,
                     changes={"before": {"completed_on": before}, "after": {"completed_on": str(completed_on)}},
                     commune=attendance.person.commune, province_code=attendance.person.province_code)
    return attendance


def target_set(*, user, year: int, places: int, basis: str, province_code: str = "") -> TrainingTarget:
    """The number of people the province's plan says to train in `year` (set again: replaced, audited)."""
    require_capability(user, WORKFORCE_CHANGE)
    unit = getattr(user, "jurisdiction", None)
    if unit is not None:
        if unit.level == "commune":
            raise DomainError("Chỉ tiêu đào tạo do cấp tỉnh đặt.", field="year")
        province_code = unit.province_code
    if not province_code:
        raise DomainError("Hãy chọn tỉnh.", field="province_code")
    if not 2000 <= year <= 2100:
        raise DomainError("Năm không hợp lệ.", field="year")
    if places is None or places < 0:
        raise DomainError("Số người không được âm.", field="places")
    if not basis.strip():
        raise DomainError("Hãy ghi căn cứ (số kế hoạch, mục).", field="basis")
    with transaction.atomic():
        target, created = TrainingTarget.objects.select_for_update().get_or_create(
            province_code=province_code, year=year, defaults={"places": places, "basis": basis.strip()[:255]})
        before = None if created else {"places": target.places, "basis": target.basis}
        if not created:
            target.places, target.basis = places, basis.strip()[:255]
            target.save(update_fields=["places", "basis"])
        audit_record(actor=user, action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
                     instance=target, changes={"before": before, "after": {"places": places, "basis": target.basis}},
                     commune=None, province_code=province_code)
    return target


def qualification_add(*, user, person: Person, level: str, year: int, social_work: bool = True, field: str = "",
                      institution: str = "") -> Qualification:
    """A degree in social work (trung cấp to tiến sĩ), or another field's degree with a social-work certificate."""
    require_capability(user, WORKFORCE_CHANGE)
    access_person(user, person)
    if level not in Level.values:
        raise DomainError("Hãy chọn trình độ.", field="level")
    if year is None or not 1950 <= year <= datetime.date.today().year:
        raise DomainError(f"Năm phải từ 1950 đến {datetime.date.today().year}.", field="year")
    field = " ".join(field.split())[:120]
    if not social_work and not field:
        raise DomainError("Hãy ghi ngành đào tạo (khác công tác xã hội).", field="field")
    with transaction.atomic():
        qualification = Qualification.objects.create(person=person, level=level, social_work=social_work,
                                                     field=field, institution=institution.strip()[:255], year=year)
        audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=qualification,
                     changes={"after": {**snapshot(qualification), "person": person.full_name}},
                     commune=person.commune, province_code=person.province_code)
    return qualification


def certificate_add(*, user, person: Person, number: str, issued_on: datetime.date, issuer: str) -> PracticeCertificate:
    """Giấy chứng nhận đăng ký hành nghề công tác xã hội (NĐ 110/2024): its number, date and issuer."""
    require_capability(user, WORKFORCE_CHANGE)
    access_person(user, person)
    number = "".join(number.split()).upper()
    if not number:
        raise DomainError("Hãy ghi số giấy chứng nhận.", field="number")
    if issued_on > datetime.date.today():
        raise DomainError("Ngày cấp không được sau hôm nay.", field="issued_on")
    if not issuer.strip():
        raise DomainError("Hãy ghi nơi cấp.", field="issuer")
    try:
        with transaction.atomic():
            certificate = PracticeCertificate.objects.create(person=person, number=number[:40], issued_on=issued_on,
                                                             issuer=issuer.strip()[:255])
            audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=certificate,
                         changes={"after": {**snapshot(certificate), "person": person.full_name}},
                         commune=person.commune, province_code=person.province_code)
    except IntegrityError:
        raise DomainError(f"Số giấy chứng nhận {number} đã có.", field="number") from None
    return certificate
