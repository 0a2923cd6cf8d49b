"""Every write of social assistance, by subject: enrolments, applications, the social
pension. Each is one transaction with its audit event; callers use them from here."""

from .applications import (
    application_advance,
    application_complaint,
    application_receive,
    application_reject,
)
from .enrolments import (
    assess,
    category_terms,
    enrolment_create,
    enrolment_end,
    enrolment_move,
    enrolment_reassess,
    enrolment_resume,
    enrolment_suspend,
    person_death_record,
    start_month_for,
)
from .pension import pension_enrol

__all__ = [
    "application_advance", "application_complaint", "application_receive", "application_reject", "assess",
    "category_terms",
    "enrolment_create", "enrolment_end", "enrolment_move", "enrolment_reassess", "enrolment_resume",
    "enrolment_suspend", "pension_enrol",
    "person_death_record", "start_month_for",
]
