"""The demo province's social-work workforce: collaborators at about two communes in three, school and
health-station staff where the plan reaches them, full-time public employees at the centres and the hospital —
allowances on both sides of the base salary (some at 2.400.000 đ, counted until 30/6/2026 and not after) —,
the province's courses since 2022 with who completed them, and 62/KH-UBND's yearly training target."""

import datetime
import random
from decimal import Decimal

from django.db.models import Q

from ansinh.facilities.models import Kind, OrganisationPeriod
from ansinh.registry.models import Person
from ansinh.workforce.models import (
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

TARGET_BASIS = "62/KH-UBND Cà Mau, mục II.4: 1.400 người giai đoạn 2021–2030 (bình quân 140 người/năm)"
ALLOWANCES = [1_500_000, 1_800_000, 2_000_000, 2_400_000, 2_530_000, 2_800_000, 3_200_000]
COURSES = [
    ("Tập huấn kỹ năng công tác xã hội cho cộng tác viên cấp xã", CourseKind.SHORT, "Sở Lao động - TB&XH",
     datetime.date(2022, 5, 9), 3, Funding.LOCAL, 120_000_000),
    ("Bồi dưỡng công tác xã hội trong trường học", CourseKind.IN_DEPTH, "Trường Đại học Cần Thơ",
     datetime.date(2023, 8, 14), 10, Funding.PROGRAMME, 250_000_000),
    ("Tập huấn quản lý trường hợp trẻ em có hoàn cảnh đặc biệt", CourseKind.SHORT, "Trung tâm Công tác xã hội tỉnh",
     datetime.date(2024, 10, 7), 4, Funding.DONOR, 80_000_000),
    ("Đào tạo trình độ đại học ngành công tác xã hội (vừa làm vừa học)", CourseKind.DEGREE,
     "Trường Đại học Lao động - Xã hội", datetime.date(2022, 9, 5), 1300, Funding.CENTRAL, 900_000_000),
    ("Tập huấn công tác xã hội trong bệnh viện", CourseKind.SHORT, "Sở Y tế", datetime.date(2025, 11, 17), 3,
     Funding.LOCAL, 60_000_000),
    ("Tập huấn kỹ năng hỗ trợ người dân sau thiên tai", CourseKind.SHORT, "Sở Y tế", datetime.date(2026, 4, 20), 3,
     Funding.LOCAL, 90_000_000),
]


def seed(*, rng: random.Random, province_code: str, today: datetime.date) -> dict[str, int]:
    """Bulk-written, as the rest of the demo; returns what was added."""
    day = min(today, datetime.date(2026, 6, 30))
    periods = (OrganisationPeriod.objects.on(day).filter(province_code=province_code, in_plan_scope=True)
               .select_related("organisation").order_by("organisation_id"))
    adults = Q(birth_year__gte=today.year - 58, birth_year__lte=today.year - 22, merged_into__isnull=True,
               date_of_death__isnull=True, province_code=province_code)
    pool: dict[int, list[int]] = {}
    for pk, commune_id in Person.objects.filter(adults).values_list("pk", "commune_id").order_by("pk"):
        pool.setdefault(commune_id, []).append(pk)
    taken: set[int] = set()

    def someone(commune_id: int) -> int | None:
        people = pool.get(commune_id, [])
        while people:
            pk = people.pop(rng.randrange(len(people)))
            if pk not in taken:
                taken.add(pk)
                return pk
        return None

    positions = []
    for period in periods:
        kind = period.kind
        if kind in (Kind.SOCIAL_WORK_CENTRE, Kind.SOCIAL_ASSISTANCE, Kind.HOSPITAL):
            count, engagement, title = rng.randint(3, 6), Engagement.FULL_TIME, Title.PUBLIC_EMPLOYEE
        elif kind == Kind.COMMUNE_COMMITTEE:
            count, engagement, title = (1 if rng.random() < 0.65 else 0) + (rng.random() < 0.2), \
                Engagement.COLLABORATOR, Title.COLLABORATOR
        elif kind in (Kind.SCHOOL, Kind.HEALTH_CENTRE):
            count, engagement, title = (1 if rng.random() < 0.45 else 0), Engagement.PART_TIME, Title.PUBLIC_EMPLOYEE
        else:
            continue
        for _ in range(count):
            person = someone(period.commune_id)
            if person is None:
                break
            full = engagement == Engagement.FULL_TIME
            positions.append(Position(
                person_id=person, organisation_id=period.organisation_id, title=title, engagement=engagement,
                grade=rng.choice([Grade.GRADE_2, Grade.GRADE_3, Grade.GRADE_3, Grade.GRADE_4]) if full else "",
                job="Công tác xã hội" if full else ("Cộng tác viên công tác xã hội" if title == Title.COLLABORATOR
                                                    else "Kiêm nhiệm công tác xã hội"),
                monthly_allowance=Decimal(rng.choice(ALLOWANCES[3:] if full else ALLOWANCES)),
                start_date=max(period.valid_from, datetime.date(rng.randint(2021, 2025), rng.randint(1, 12), 1))))
    Position.objects.bulk_create(positions, batch_size=2000)
    full_time = [p.person_id for p in positions if p.engagement == Engagement.FULL_TIME]
    Qualification.objects.bulk_create(
        [Qualification(person_id=pk, level=rng.choice([Level.BACHELOR, Level.BACHELOR, Level.MASTER, Level.COLLEGE]),
                       institution="Trường Đại học Cần Thơ", year=rng.randint(2008, 2022)) for pk in full_time]
        + [Qualification(person_id=p.person_id, level=Level.CERTIFICATE, social_work=False, field="Sư phạm tiểu học",
                         year=rng.randint(2019, 2025)) for p in positions if p.engagement == Engagement.PART_TIME])
    PracticeCertificate.objects.bulk_create(
        [PracticeCertificate(person_id=pk, number=f"{i + 1:04d}/2026/CTXH-CM", issued_on=datetime.date(2026, 3, 2),
                             issuer="Sở Y tế tỉnh Cà Mau") for i, pk in enumerate(full_time[::2])])

    courses = [Course(title=title, kind=kind, organiser=organiser, start_date=start,
                      end_date=start + datetime.timedelta(days=length), funding=funding, amount=Decimal(amount),
                      province_code=province_code)
               for title, kind, organiser, start, length, funding, amount in COURSES if start <= today]
    Course.objects.bulk_create(courses)
    staff = [p.person_id for p in positions]
    attendance = []
    for course in courses:
        for person in rng.sample(staff, min(len(staff), rng.randint(25, 60))):
            done = course.end_date <= today and rng.random() < 0.85
            attendance.append(Attendance(course=course, person_id=person, completed_on=course.end_date if done else None))
    Attendance.objects.bulk_create(attendance, batch_size=2000, ignore_conflicts=True)
    TrainingTarget.objects.bulk_create(
        [TrainingTarget(province_code=province_code, year=year, places=140, basis=TARGET_BASIS)
         for year in range(2021, 2031)], ignore_conflicts=True)
    return {"positions": len(positions), "courses": len(courses), "attendance": len(attendance)}
