"""Factories for tests: real rows through the real services where it matters."""

import datetime
import random
from decimal import Decimal

import factory

from ansinh.accounts.models import User
from ansinh.assistance.models import Enrolment, EnrolmentCategory
from ansinh.core.text import fold, sort_key
from ansinh.registry.models import Household, Person
from ansinh.registry.rules import sex_century_digit

PASSWORD = "AnSinh@2025"


def make_user(username, role, jurisdiction):
    user = User(username=username, role=role, jurisdiction=jurisdiction)
    user.set_password(PASSWORD)
    user.save()
    return user


def citizen_id(*, sex: str, birth_year: int, province: str = "096", rng=random) -> str:
    return f"{province}{sex_century_digit(sex=sex, birth_year=birth_year)}{birth_year % 100:02d}{rng.randrange(10**6):06d}"


class PersonFactory(factory.django.DjangoModelFactory):
    """A registry row written directly (for fixtures); services are tested on their own."""

    class Meta:
        model = Person

    full_name = factory.Iterator(["Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Thị Dung", "Đặng Văn Em"])
    sex = factory.LazyAttribute(lambda o: "F" if " Thị " in o.full_name else "M")
    birth_year = 1980
    birth_month = 5
    birth_day = 17
    citizen_id = factory.LazyAttribute(lambda o: citizen_id(sex=o.sex, birth_year=o.birth_year))
    name_folded = factory.LazyAttribute(lambda o: fold(o.full_name))
    sort_name = factory.LazyAttribute(lambda o: sort_key(o.full_name))
    province_code = factory.LazyAttribute(lambda o: o.commune.province_code)
    hamlet = "Ấp 1"


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    code = factory.Sequence(lambda n: f"HO-{n:06d}")
    province_code = factory.LazyAttribute(lambda o: o.commune.province_code)


def api_client(user):
    """A REST client signed in as `user` (token authentication is tested on its own)."""
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(user)
    return client


def enrolment_make(person, *, categories: str | dict = "5.6", coefficient: str | None = None, unpaid: dict | None = None,
                   **fields):
    """An enrolment period written directly (for fixtures), with its category rows. `categories`: the paid one
    ("5.6", at `coefficient`, 1.5 by default) or several, each with its own part ({"5.4": "1", "5.6": "2.5"});
    `unpaid`: categories qualified under but not paid, with the coefficient they would have had."""
    paid = categories if isinstance(categories, dict) else {categories: coefficient or "1.5"}
    total = sum((Decimal(v) for v in paid.values()), Decimal(0))
    start = fields.pop("start_month", datetime.date(2026, 1, 1))
    values = {"programme": "tcxh", "decision_number": "1", "decision_date": start, "commune": person.commune,
              "province_code": person.province_code} | fields
    enrolment = Enrolment.objects.create(person=person, coefficient=total, start_month=start, **values)
    EnrolmentCategory.objects.bulk_create(
        [EnrolmentCategory(enrolment=enrolment, category=c, coefficient=Decimal(k), paid=True) for c, k in paid.items()]
        + [EnrolmentCategory(enrolment=enrolment, category=c, coefficient=Decimal(k), paid=False)
           for c, k in (unpaid or {}).items()])
    return enrolment


def race(*calls):
    """Run `calls` at the same moment, each in its own thread and database connection (PostgreSQL: SQLite
    serialises writers by design). Returns (results, errors), in no particular order."""
    import threading

    from django.db import connections

    barrier = threading.Barrier(len(calls))
    results, errors = [], []

    def run(call):
        try:
            barrier.wait()
            results.append(call())
        except Exception as exc:  # noqa: BLE001 - the test reads what each caller met
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors
