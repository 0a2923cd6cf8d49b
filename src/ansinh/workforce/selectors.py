"""Every read of the workforce. Each starts from `visible_to(user)`."""

from django.db.models import QuerySet

from ansinh.core.access import access

from .models import Attendance, Course, Position, PracticeCertificate, Qualification, TrainingTarget


def positions(*, user) -> QuerySet[Position]:
    return Position.objects.visible_to(user).select_related("person", "organisation", "organisation__commune")


def access_position(user, position: Position | int, action: str = "view") -> Position:
    return access(Position.objects.select_related("person", "organisation", "organisation__commune"), user, position,
                  action)


def courses(*, user) -> QuerySet[Course]:
    return Course.objects.visible_to(user).select_related("commune")


def access_course(user, course: Course | int, action: str = "view") -> Course:
    return access(Course.objects.select_related("commune"), user, course, action)


def course_attendance(*, user, course: Course) -> QuerySet[Attendance]:
    """Who of the user's jurisdiction is on the course."""
    return (Attendance.objects.visible_to(user).filter(course=course).select_related("person", "person__commune")
            .order_by("person__sort_name", "id"))


def targets(*, user) -> QuerySet[TrainingTarget]:
    return TrainingTarget.objects.visible_to(user).order_by("province_code", "-year")


def access_attendance(user, attendance: Attendance | int, action: str = "view") -> Attendance:
    return access(Attendance.objects.select_related("course", "person", "person__commune"), user, attendance, action)


def person_trainings(*, user, person) -> QuerySet[Attendance]:
    return Attendance.objects.visible_to(user).filter(person=person).select_related("course").order_by(
        "-course__start_date")


def person_qualifications(*, user, person) -> tuple[list[Qualification], list[PracticeCertificate]]:
    """A person's qualifications and practice certificates, where the user may see the person."""
    return (list(Qualification.objects.visible_to(user).filter(person=person)),
            list(PracticeCertificate.objects.visible_to(user).filter(person=person)))
