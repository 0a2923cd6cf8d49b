"""Categories as rows: counted per category, read without a query per row, filled from the old strings."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ansinh.assistance import rules, selectors, services
from tests.factories import PersonFactory, enrolment_make

D = datetime.date


@pytest.mark.django_db
def test_summary_counts_a_person_in_each_category_paid(users, communes):
    c1, c2 = communes["c1"], communes["c2"]
    enrolment_make(PersonFactory(commune=c1), categories={"5.4": "1", "5.6": "1.5"}, children_count=1)
    enrolment_make(PersonFactory(commune=c1), categories="5.6", unpaid={"5.8": "1.5"})  # 5.8 not paid
    enrolment_make(PersonFactory(commune=c1), categories="5.5a")
    enrolment_make(PersonFactory(commune=c1), categories="5.6", status="suspended")  # not receiving now
    enrolment_make(PersonFactory(commune=c1), categories="5.6", end_month=D(2026, 2, 1), status="ended")
    enrolment_make(PersonFactory(commune=c2), categories="5.6")  # another commune
    summary = selectors.enrolment_summary(user=users["xa1"])
    assert {row["category"]: row["n"] for row in summary["by_category"]} == {"5.6": 2, "5.4": 1, "5.5a": 1}
    assert summary["by_status"] == {"active": 3, "suspended": 1}
    assert {r["category"]: r["n"] for r in selectors.enrolment_summary(user=users["tinh"])["by_category"]}["5.6"] == 3


def queries(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.django_db
def test_lists_read_categories_without_a_query_per_row(users, communes, client):
    """The enrolment list, the health-insurance list, the changes page and the application list cost the same
    number of queries for 2 people as for 6 (prefetched rows), and show the categories."""
    today = datetime.date.today()
    upcoming = rules.add_months(rules.first_of_month(today), 1)
    client.force_login(users["xa1"])
    pages = [(reverse("assistance:enrolment_list"), {}),
             (reverse("assistance:health_insurance"), {"month": today.strftime("%Y-%m")}),
             (reverse("assistance:enrolment_changes"), {}), (reverse("assistance:application_list"), {})]

    def add(n):
        for _ in range(n):
            elder = PersonFactory(birth_year=1950, commune=communes["c1"], disability_level="severe")
            services.enrolment_create(user=users["xa1"], person=elder, categories=["5.5a", "5.6"],
                                      decision_number="1", decision_date=today)
            # turns 4 next month: on the changes page
            child = PersonFactory(birth_year=upcoming.year - 4, birth_month=upcoming.month, birth_day=1,
                                  commune=communes["c1"])
            services.enrolment_create(user=users["xa1"], person=child, categories=["5.1"], decision_number="2",
                                      decision_date=today)
            services.application_receive(user=users["xa1"], person=PersonFactory(commune=communes["c1"]),
                                         form_type="1d", categories=["5.6"], received_on=today)

    add(1)
    few = [queries(client, url, **params) for url, params in pages]
    add(3)
    assert [queries(client, url, **params) for url, params in pages] == few
    listed = client.get(reverse("assistance:enrolment_list")).content.decode()
    assert "<td>5.6</td>" in listed  # 5.6 (2,0 for the elderly) paid, not 5.5a (1,5)
    changes = client.get(reverse("assistance:enrolment_changes")).content.decode()
    assert changes.count("5.1 × 2,5") == 4 and changes.count("5.1 × 1,5") == 4


MIGRATE_FROM = [("assistance", "0009_enrolment_application_categories")]
MIGRATE_TO = [("assistance", "0010_fill_categories")]


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_turns_the_strings_into_rows(communes):
    executor = MigrationExecutor(connection)
    executor.migrate(MIGRATE_FROM)
    old = executor.loader.project_state(MIGRATE_FROM).apps
    Enrolment, Application = old.get_model("assistance", "Enrolment"), old.get_model("assistance", "Application")
    PolicyParameter = old.get_model("assistance", "PolicyParameter")
    PolicyParameter.objects.get_or_create(key="coef.5.4.per_child", province_code="", valid_from=D(2021, 7, 1),
                                          defaults={"value": Decimal(1), "legal_basis": "NĐ 20/2021 Điều 6"})
    person = PersonFactory(commune=communes["c1"])
    common = {"person_id": person.pk, "decision_number": "1", "decision_date": D(2026, 1, 5),
              "start_month": D(2026, 1, 1), "commune_id": person.commune_id, "province_code": "96"}
    e = {
        "one": Enrolment.objects.create(programme="tcxh", categories="5.6", entitled_categories="5.1+5.6",
                                        coefficient=Decimal("2.5"), end_month=D(2026, 1, 1), status="ended", **common),
        "older": Enrolment.objects.create(programme="tcxh", categories="5.5a", entitled_categories="",
                                          coefficient=Decimal("1.5"), end_month=D(2026, 1, 1), status="ended",
                                          **common),
        "k4": Enrolment.objects.create(programme="tcxh", categories="5.4+5.6", entitled_categories="5.4+5.6",
                                       coefficient=Decimal("4.0"), children_count=2, end_month=D(2026, 1, 1),
                                       status="ended", **common),
        "unknown": Enrolment.objects.create(programme="tcxh", categories="5.4+5.6", entitled_categories="5.4+5.6",
                                            coefficient=Decimal("3.5"), children_count=0, **common),
        "pension": Enrolment.objects.create(programme="htxh", categories="HTXH", coefficient=Decimal(1), **common),
    }
    application = Application.objects.create(person_id=person.pk, form_type="1d", categories="5.6+5.8",
                                             received_on=D(2026, 1, 2), procedure="commune",
                                             commune_id=person.commune_id, province_code="96")

    executor = MigrationExecutor(connection)
    executor.migrate(MIGRATE_TO)
    new = executor.loader.project_state(MIGRATE_TO).apps
    EnrolmentCategory = new.get_model("assistance", "EnrolmentCategory")
    rows = {name: sorted(EnrolmentCategory.objects.filter(enrolment_id=x.pk).values_list(
        "category", "coefficient", "paid")) for name, x in e.items()}
    assert rows == {
        "one": [("5.1", Decimal(0), False), ("5.6", Decimal("2.5"), True)],  # the unpaid one: coefficient unknown
        "older": [("5.5a", Decimal("1.5"), True)],  # before 0006 only the paid categories were kept
        "k4": [("5.4", Decimal(2), True), ("5.6", Decimal(2), True)],  # 1,0 per child × 2, and the rest: exact
        "unknown": [("5.4", Decimal("3.5"), True), ("5.6", Decimal(0), True)],  # no children recorded: not split
        "pension": [("HTXH", Decimal(1), True)],
    }
    assert sorted(new.get_model("assistance", "ApplicationCategory").objects.filter(application_id=application.pk)
                  .values_list("category", flat=True)) == ["5.6", "5.8"]

    executor = MigrationExecutor(connection)  # and back: the strings are rebuilt from the rows
    executor.migrate(MIGRATE_FROM)
    assert set(Enrolment.objects.values_list("categories", "entitled_categories")) == {
        ("5.6", "5.1+5.6"), ("5.5a", "5.5a"), ("5.4+5.6", "5.4+5.6"), ("HTXH", "HTXH")}
    assert Application.objects.get(pk=application.pk).categories == "5.6+5.8"

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
