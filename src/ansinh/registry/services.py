"""Every write to the registry: one transaction each, with its audit row, checked against jurisdiction."""

import datetime
import difflib
from dataclasses import dataclass, field
from itertools import combinations, groupby
from operator import itemgetter
from typing import Any, Unpack

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from ansinh.audit.models import AuditEvent
from ansinh.audit.services import audit_record, diff, snapshot
from ansinh.core.access import covers, require_capability
from ansinh.core.exceptions import ConflictError, DomainError
from ansinh.core.text import fold, normalize_name, sort_key
from ansinh.geo.models import AdministrativeUnit

from . import rules
from .access import REGISTRY_CHANGE
from .extensions import MERGE_PARTS
from .models import (
    PERSON_FIELDS,
    DisabilityLevel,
    DuplicateCandidate,
    Household,
    HouseholdFields,
    HouseholdMember,
    HouseholdPoverty,
    Person,
    PersonFields,
    PovertyStatus,
    Relationship,
)
from .selectors import access_duplicate, access_household, access_person

HOUSEHOLD_FIELDS = ("code", "commune", "hamlet", "address")
SIMILAR_NAME_THRESHOLD = 0.85


def _require_commune(user, commune: AdministrativeUnit | None) -> AdministrativeUnit:
    if commune is None or commune.level != AdministrativeUnit.Level.COMMUNE:
        raise DomainError("Hãy chọn xã/phường/đặc khu.", field="commune")
    if not covers(user, commune):
        raise DomainError("Xã/phường này nằm ngoài địa bàn bạn quản lý.", field="commune")
    return commune


def _clean_person(data: dict[str, Any], *, exclude_pk: int | None = None) -> dict[str, Any]:
    """Normalise and validate person fields; raise one DomainError carrying every field's messages."""
    errors: dict[str, list[str]] = {}
    data = dict(data)
    data["full_name"] = normalize_name(data.get("full_name") or "")
    if not data["full_name"]:
        errors.setdefault("full_name", []).append("Họ và tên không được để trống.")
    citizen_id = (data.get("citizen_id") or "").strip() or None
    data["citizen_id"] = citizen_id
    today = timezone.localdate()
    birth_errors = rules.validate_birth_parts(data.get("birth_year"), data.get("birth_month"), data.get("birth_day"), today=today)
    if birth_errors:
        errors["birth_year"] = birth_errors
    if data.get("sex") not in ("M", "F"):
        errors.setdefault("sex", []).append("Hãy chọn giới tính.")
    if citizen_id:
        id_errors = rules.validate_citizen_id(citizen_id, birth_year=data.get("birth_year"), sex=data.get("sex"))
        if id_errors:
            errors["citizen_id"] = id_errors
        else:
            holders = Person.objects.filter(citizen_id=citizen_id)
            existing = (holders.exclude(pk=exclude_pk) if exclude_pk is not None else holders).first()
            if existing is not None:
                errors["citizen_id"] = [
                    f"Số định danh {citizen_id} đã có trong sổ: {existing.full_name}, sinh {existing.birth_display}, "
                    f"{existing.commune} (mã hồ sơ {existing.pk})."
                ]
    death = data.get("date_of_death")
    if death and death > today:
        errors["date_of_death"] = ["Ngày mất không được sau ngày hôm nay."]
    if death and data.get("birth_year") and death.year < data["birth_year"]:
        errors["date_of_death"] = ["Ngày mất không được trước năm sinh."]
    level = data.get("disability_level") or DisabilityLevel.NONE
    data["disability_level"] = level
    if level == DisabilityLevel.NONE:
        data["disability_certificate_date"] = None
    if errors:
        first = next(iter(errors.values()))[0]
        raise DomainError(first, errors=errors)
    return data


def _apply_person(person: Person, data: dict[str, Any]) -> None:
    for name in PERSON_FIELDS:
        if name in data:
            setattr(person, name, data[name])
    person.name_folded = fold(person.full_name)
    person.sort_name = sort_key(person.full_name)
    person.province_code = person.commune.province_code


def person_create(*, user, **fields: Unpack[PersonFields]) -> Person:
    """Register a person. A known citizen ID is refused; a likely duplicate is queued for review."""
    require_capability(user, REGISTRY_CHANGE)
    _require_commune(user, fields.get("commune"))
    data = _clean_person(dict(fields))
    with transaction.atomic():
        person = Person(created_by=user if getattr(user, "pk", None) else None)
        _apply_person(person, data)
        try:
            person.save()
        except IntegrityError as exc:
            raise DomainError("Số định danh cá nhân này vừa được người khác đăng ký.", field="citizen_id") from exc
        audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=person, changes={"after": snapshot(person, _audit_fields())})
        duplicates_detect_for(person=person)
    return person


def _audit_fields() -> list[str]:
    """The column names of PERSON_FIELDS (`commune_id` for `commune`)."""
    return [f.attname for f in Person._meta.concrete_fields if f.name in PERSON_FIELDS]


def person_update(*, user, person: Person, expected_version: int, **changes: Unpack[PersonFields]) -> Person:
    """Change a person; refused if someone saved it since `expected_version` was read."""
    access_person(user, person, "change")
    if "commune" in changes:
        _require_commune(user, changes["commune"])
    merged = {name: getattr(person, name) for name in PERSON_FIELDS}
    merged.update(changes)
    clean = _clean_person(merged, exclude_pk=person.pk)
    with transaction.atomic():
        current = Person.objects.select_for_update().get(pk=person.pk)
        if current.version != expected_version or current.merged_into_id:
            raise ConflictError(
                "Hồ sơ đã được người khác sửa sau khi bạn mở. Hãy tải lại trang để xem bản mới nhất rồi sửa lại."
            )
        before = snapshot(current, _audit_fields())
        _apply_person(current, clean)
        current.version = F("version") + 1
        try:
            current.save()
        except IntegrityError as exc:
            raise DomainError("Số định danh cá nhân này đã được đăng ký cho người khác.", field="citizen_id") from exc
        current.refresh_from_db()
        changed = diff(before, snapshot(current, _audit_fields()))
        audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=current, changes=changed)
        if {"full_name", "birth_year", "birth_month", "birth_day", "commune_id"} & set(changed):
            duplicates_detect_for(person=current)
    return current


def person_record_view(*, user, person: Person) -> None:
    """Reading a person's file is logged too (NĐ 13/2023 on sensitive personal data)."""
    audit_record(actor=user, action=AuditEvent.Action.VIEW, instance=person)


# --- duplicates -----------------------------------------------------------------------------------


def _pair(a: Person, b: Person) -> tuple[Person, Person]:
    return (a, b) if a.pk < b.pk else (b, a)


def _name_similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def duplicates_detect_for(*, person: Person) -> list[DuplicateCandidate]:
    """Queue likely duplicates of one person: same folded name + birth year + commune, or a close name
    (similarity ≥ 0.85) with the same full birth date in the same commune."""
    found: list[DuplicateCandidate] = []
    if person.birth_year is None:
        return found
    same = Person.objects.active().filter(
        name_folded=person.name_folded, birth_year=person.birth_year, commune_id=person.commune_id
    ).exclude(pk=person.pk)
    for other in same:
        if (candidate := _candidate(person, other, DuplicateCandidate.Reason.SAME_NAME_YEAR_COMMUNE, 1.0)):
            found.append(candidate)
    if person.birth_month and person.birth_day:
        near = Person.objects.active().filter(
            commune_id=person.commune_id,
            birth_year=person.birth_year,
            birth_month=person.birth_month,
            birth_day=person.birth_day,
        ).exclude(pk=person.pk).exclude(name_folded=person.name_folded, commune_id=person.commune_id)
        for other in near:
            score = _name_similarity(person.name_folded, other.name_folded)
            reason = DuplicateCandidate.Reason.SIMILAR_NAME_SAME_DATE
            if score >= SIMILAR_NAME_THRESHOLD and (candidate := _candidate(person, other, reason, round(score, 3))):
                found.append(candidate)
    return found


def _candidate(p: Person, q: Person, reason: str, score: float) -> DuplicateCandidate | None:
    a, b = _pair(p, q)
    if (p.citizen_id and q.citizen_id) and p.citizen_id != q.citizen_id:
        # Two different valid citizen IDs are two different people.
        return None
    candidate, _ = DuplicateCandidate.objects.get_or_create(
        person_a=a,
        person_b=b,
        defaults={"reason": reason, "score": score, "commune_id": a.commune_id, "province_code": a.province_code},
    )
    return candidate


def duplicate_dismiss(*, user, candidate: DuplicateCandidate) -> DuplicateCandidate:
    access_duplicate(user, candidate, "merge")
    with transaction.atomic():
        updated = DuplicateCandidate.objects.filter(pk=candidate.pk, status=DuplicateCandidate.Status.PENDING).update(
            status=DuplicateCandidate.Status.DISMISSED, resolved_by=user, resolved_at=timezone.now()
        )
        if not updated:
            raise ConflictError("Cặp nghi trùng này đã được người khác xử lý.")
        candidate.refresh_from_db()
        audit_record(actor=user, action=AuditEvent.Action.DISMISS, instance=candidate, commune=candidate.commune)
    return candidate


@dataclass
class Merged:
    """What a merge did: the person kept, the one merged into it, and what the apps' parts found that an
    officer must act on (say, months paid to both people: a double payment to recover)."""

    survivor: Person
    duplicate: Person
    notes: list[str] = field(default_factory=list)


def person_merge(*, user, survivor: Person, duplicate: Person) -> Merged:
    """Gộp hồ sơ trùng: every link to `duplicate` moves to `survivor`; the duplicate stays, marked merged.

    Blank fields of the survivor are filled from the duplicate. The apps built on the registry move their
    own records where a rule of theirs is at stake (`extensions.MERGE_PARTS`): a refusal from one of them
    leaves both records as they were. Every other link is found from the model graph and moved.
    """
    for p in (survivor, duplicate):
        access_person(user, p, "merge")
    if survivor.pk == duplicate.pk:
        raise DomainError("Không thể gộp một hồ sơ với chính nó.")
    with transaction.atomic():
        survivor, duplicate = (
            Person.objects.select_for_update().get(pk=survivor.pk),
            Person.objects.select_for_update().get(pk=duplicate.pk),
        )
        if survivor.merged_into_id or duplicate.merged_into_id:
            raise ConflictError("Một trong hai hồ sơ đã được gộp trước đó.")
        before = snapshot(survivor, _audit_fields())
        filled = {}
        for attname in _audit_fields():
            mine, theirs = getattr(survivor, attname), getattr(duplicate, attname)
            if mine in (None, "", DisabilityLevel.NONE, "none") and theirs not in (None, "", "none"):
                filled[attname] = theirs
        moved_citizen_id = filled.get("citizen_id")
        if moved_citizen_id:
            Person.objects.filter(pk=duplicate.pk).update(citizen_id=None)
        # A person belongs to one household at a time: the duplicate's current membership ends
        # when the survivor already has one.
        today = timezone.localdate()
        if HouseholdMember.objects.filter(person=survivor, left_on__isnull=True).exists():
            HouseholdMember.objects.filter(person=duplicate, left_on__isnull=True).update(left_on=today)
        parts: dict[str, dict] = {}
        handled: set[type] = set()
        for part in MERGE_PARTS:
            outcome = part.move(user=user, survivor=survivor, duplicate=duplicate)
            handled.update(part.models)
            if outcome:
                parts[part.models[0]._meta.app_label] = outcome
        moved = _move_links(duplicate, survivor, skip=handled)
        for attname, value in filled.items():
            setattr(survivor, attname, value)
        survivor.name_folded = fold(survivor.full_name)
        survivor.sort_name = sort_key(survivor.full_name)
        survivor.version += 1
        survivor.save()
        Person.objects.filter(pk=duplicate.pk).update(merged_into=survivor, version=F("version") + 1)
        DuplicateCandidate.objects.filter(
            person_a__in=[survivor.pk, duplicate.pk], person_b__in=[survivor.pk, duplicate.pk]
        ).update(status=DuplicateCandidate.Status.MERGED, resolved_by=user, resolved_at=timezone.now())
        notes = [outcome["note"] for outcome in parts.values() if outcome.get("note")]
        changes = {"merged_from": duplicate.pk, "moved_links": moved, "parts": parts,
                   **diff(before, snapshot(survivor, _audit_fields()))}
        audit_record(actor=user, action=AuditEvent.Action.MERGE, instance=survivor, changes=changes)
        audit_record(actor=user, action=AuditEvent.Action.MERGE, instance=duplicate, changes={"merged_into": survivor.pk})
    return Merged(survivor=survivor, duplicate=duplicate, notes=notes)


def _move_links(source: Person, target: Person, *, skip: set[type]) -> dict[str, int]:
    moved: dict[str, int] = {}
    for rel in Person._meta.related_objects:
        if not (rel.one_to_many or rel.one_to_one) or rel.related_model is Person:
            continue
        if rel.related_model is DuplicateCandidate or rel.related_model in skip:
            continue
        count = rel.related_model._base_manager.filter(**{rel.field.name: source}).update(**{rel.field.name: target})
        if count:
            moved[rel.related_model._meta.label_lower + "." + rel.field.name] = count
    return moved


# --- households ------------------------------------------------------------------------------------


def _next_household_code(commune: AdministrativeUnit) -> str:
    prefix = f"{commune.code}-"
    last = (
        Household.objects.filter(code__startswith=prefix).order_by("-code").values_list("code", flat=True).first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last and last.rsplit("-", 1)[1].isdigit() else 1
    return f"{prefix}{number:06d}"


def household_create(*, user, head: Person | None = None, **fields: Unpack[HouseholdFields]) -> Household:
    require_capability(user, REGISTRY_CHANGE)
    commune = _require_commune(user, fields.get("commune"))
    with transaction.atomic():
        code = (fields.get("code") or "").strip().upper() or _next_household_code(commune)
        if Household.objects.filter(code=code).exists():
            raise DomainError(f"Mã hộ {code} đã tồn tại.", field="code")
        household = Household(
            code=code, commune=commune, province_code=commune.province_code,
            hamlet=fields.get("hamlet", ""), address=fields.get("address", ""),
        )
        household.save()
        audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=household, changes={"after": snapshot(household)})
        if head is not None:
            household_member_add(user=user, household=household, person=head, relationship=Relationship.HEAD)
    return household


def household_update(*, user, household: Household, expected_version: int,
                     **changes: Unpack[HouseholdFields]) -> Household:
    access_household(user, household, "change")
    if "commune" in changes:
        _require_commune(user, changes["commune"])
    with transaction.atomic():
        current = Household.objects.select_for_update().get(pk=household.pk)
        if current.version != expected_version:
            raise ConflictError("Hộ đã được người khác sửa sau khi bạn mở. Hãy tải lại trang rồi sửa lại.")
        before = snapshot(current)
        code = (changes.get("code") or current.code).strip().upper()
        if code != current.code and Household.objects.filter(code=code).exists():
            raise DomainError(f"Mã hộ {code} đã tồn tại.", field="code")
        current.code = code
        for name in ("commune", "hamlet", "address"):
            if name in changes:
                setattr(current, name, changes[name])
        current.province_code = current.commune.province_code
        current.version += 1
        current.save()
        audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=current, changes=diff(before, snapshot(current)))
    return current


def household_member_add(
    *, user, household: Household, person: Person, relationship: str, joined_on: datetime.date | None = None
) -> HouseholdMember:
    """Add a person to a household; as head (chủ hộ) they also become the household's head."""
    access_household(user, household, "change")
    access_person(user, person, "change")
    if relationship not in Relationship.values:
        raise DomainError("Quan hệ với chủ hộ không hợp lệ.", field="relationship")
    if person.merged_into_id:
        raise DomainError("Hồ sơ này đã được gộp vào hồ sơ khác.", field="person")
    with transaction.atomic():
        current = HouseholdMember.objects.filter(person=person, left_on__isnull=True).select_related("household").first()
        if current is not None:
            raise DomainError(
                f"{person.full_name} đang là thành viên hộ {current.household.code}. Hãy cho ra khỏi hộ đó trước.",
                field="person",
            )
        if relationship == Relationship.HEAD:
            if household.head_id and HouseholdMember.objects.filter(
                household=household, person_id=household.head_id, left_on__isnull=True
            ).exists():
                raise DomainError(f"Hộ {household.code} đã có chủ hộ.", field="relationship")
            Household.objects.filter(pk=household.pk).update(head=person, version=F("version") + 1)
        member = HouseholdMember.objects.create(
            household=household, person=person, relationship=relationship, joined_on=joined_on or timezone.localdate()
        )
        audit_record(
            actor=user, action=AuditEvent.Action.UPDATE, instance=household,
            changes={"member_added": [person.pk, person.full_name, relationship]},
        )
    return member


def household_member_remove(*, user, member: HouseholdMember, left_on: datetime.date | None = None) -> HouseholdMember:
    household = access_household(user, member.household, "change")
    with transaction.atomic():
        updated = HouseholdMember.objects.filter(pk=member.pk, left_on__isnull=True).update(left_on=left_on or timezone.localdate())
        if not updated:
            raise ConflictError("Người này đã ra khỏi hộ.")
        if household.head_id == member.person_id:
            Household.objects.filter(pk=household.pk).update(head=None, version=F("version") + 1)
        member.refresh_from_db()
        audit_record(
            actor=user, action=AuditEvent.Action.UPDATE, instance=household,
            changes={"member_removed": [member.person_id, str(member.person), str(member.left_on)]},
        )
    return member


def household_poverty_set(
    *, user, household: Household, year: int, status: str, decision_number: str = "",
    decision_date: datetime.date | None = None,
) -> HouseholdPoverty:
    """Record the poverty review result (rà soát hộ nghèo) for one year; replaces that year's record."""
    access_household(user, household, "change")
    this_year = timezone.localdate().year
    if not 2000 <= year <= this_year + 1:
        raise DomainError(f"Năm {year} không hợp lệ.", field="year")
    if status not in PovertyStatus.values:
        raise DomainError("Phân loại hộ không hợp lệ.", field="status")
    with transaction.atomic():
        record, created = HouseholdPoverty.objects.update_or_create(
            household=household, year=year,
            defaults={"status": status, "decision_number": decision_number, "decision_date": decision_date},
        )
        audit_record(
            actor=user, action=AuditEvent.Action.UPDATE, instance=household,
            changes={"poverty": [year, status, decision_number, str(decision_date or "")]},
        )
    return record


def duplicates_scan(*, province_code: str | None = None) -> dict[str, int]:
    """Find likely duplicates across the registry in two set-based passes; idempotent.

    Pass 1 is one INSERT…SELECT (same folded name, birth year, commune). Pass 2 lets the database
    pair people born on the same full date in the same commune, and scores only those names here.
    """
    person = Person._meta.db_table
    dup = DuplicateCandidate._meta.db_table
    where_province = "AND a.province_code = %s" if province_code else ""
    params: list[Any] = [province_code] if province_code else []
    distinct_ids = "(a.citizen_id IS NULL OR b.citizen_id IS NULL OR a.citizen_id = b.citizen_id)"
    now = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {dup} (person_a_id, person_b_id, reason, score, status, commune_id, province_code, created_at)
            SELECT a.id, b.id, %s, 1.0, %s, a.commune_id, a.province_code, %s
            FROM {person} a JOIN {person} b
              ON a.name_folded = b.name_folded AND a.birth_year = b.birth_year
             AND a.commune_id = b.commune_id AND a.id < b.id
            WHERE a.merged_into_id IS NULL AND b.merged_into_id IS NULL AND {distinct_ids} {where_province}
              AND NOT EXISTS (SELECT 1 FROM {dup} d WHERE d.person_a_id = a.id AND d.person_b_id = b.id)
            """,
            [DuplicateCandidate.Reason.SAME_NAME_YEAR_COMMUNE, DuplicateCandidate.Status.PENDING, now, *params],
        )
        same_name = cursor.rowcount
        # People born on the same full date in the same commune: the dates shared at all (one grouping pass),
        # then the people on them, in date order; the pairs within each date are formed here. (A self-join of
        # those people in SQL is what the planner misjudges: estimating one row, it chose a nested loop that
        # compared 200,000 people's 22,000 date-sharers pairwise — 130 s instead of 1.) CROSS JOIN tells SQLite
        # to read the people in the outer loop and look the dates up (it indexes them itself); left to choose, it
        # read every person of a commune once per shared date. PostgreSQL takes it as a plain join.
        cursor.execute(
            f"""
            WITH shared AS MATERIALIZED (
                SELECT commune_id, birth_year, birth_month, birth_day FROM {person} a
                WHERE merged_into_id IS NULL AND birth_day IS NOT NULL {where_province}
                GROUP BY commune_id, birth_year, birth_month, birth_day HAVING COUNT(*) > 1)
            SELECT p.id, p.name_folded, p.citizen_id, p.commune_id, p.province_code, p.birth_year, p.birth_month,
                   p.birth_day
            FROM {person} p CROSS JOIN shared s
            WHERE p.commune_id = s.commune_id AND p.birth_year = s.birth_year AND p.birth_month = s.birth_month
              AND p.birth_day = s.birth_day AND p.merged_into_id IS NULL AND p.birth_day IS NOT NULL
              {where_province.replace("a.", "p.")}
            ORDER BY p.commune_id, p.birth_year, p.birth_month, p.birth_day, p.id
            """,
            params * 2,
        )
        similar = [
            DuplicateCandidate(
                person_a_id=a[0], person_b_id=b[0], reason=DuplicateCandidate.Reason.SIMILAR_NAME_SAME_DATE,
                score=round(score, 3), commune_id=a[3], province_code=a[4],
            )
            for _date, born in groupby(cursor.fetchall(), key=itemgetter(3, 5, 6, 7))
            for a, b in combinations(list(born), 2)
            if a[1] != b[1] and (a[2] is None or b[2] is None or a[2] == b[2])
            and (score := _name_similarity(a[1], b[1])) >= SIMILAR_NAME_THRESHOLD
        ]
        before = DuplicateCandidate.objects.count()
        # a pair found before (pending, merged or dismissed) stays as it is
        DuplicateCandidate.objects.bulk_create(similar, batch_size=2000, ignore_conflicts=True)
        added = DuplicateCandidate.objects.count() - before
    return {"same_name": same_name, "similar_name": added}
