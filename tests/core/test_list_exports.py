"""Every list exports as it is filtered, within the user's jurisdiction, in Vietnamese whatever the interface
language, and the export is audited."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation

from ansinh.audit.models import AuditEvent
from ansinh.registry import services

pytestmark = pytest.mark.django_db


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


@pytest.fixture
def households(users, communes):
    for code, commune, user in (("HGD-A", communes["c1"], users["xa1"]), ("HGD-B", communes["c1"], users["xa1"]),
                                ("HGD-C", communes["c2"], users["xa2"])):
        services.household_create(user=user, commune=commune, code=code)


def test_an_export_is_the_list_as_filtered(client, users, communes, households):
    client.force_login(users["tinh"])
    everything = rows_of(client.get(reverse("registry:household_export", args=["csv"])))
    assert sorted(r[0] for r in everything[1:]) == ["HGD-A", "HGD-B", "HGD-C"]
    one_commune = rows_of(client.get(reverse("registry:household_export", args=["csv"]),
                                     {"commune": communes["c2"].code}))
    assert [r[0] for r in one_commune[1:]] == ["HGD-C"]
    event = AuditEvent.objects.filter(action="export").latest("at")
    assert event.changes["what"] == "registry.household" and event.changes["filters"] == {"commune": communes["c2"].pk}


def test_an_export_stays_in_the_jurisdiction_and_in_vietnamese(client, users, households):
    client.force_login(users["xa2"])
    with translation.override("en"):
        response = client.get(reverse("registry:household_export", args=["csv"]), HTTP_ACCEPT_LANGUAGE="en")
    rows = rows_of(response)
    assert rows[0][:2] == ["Mã hộ", "Chủ hộ"] and [r[0] for r in rows[1:]] == ["HGD-C"]


@pytest.mark.parametrize("name, user", [
    ("registry:duplicate_export", "xa1"), ("assistance:enrolment_export", "xa1"), ("assistance:application_export", "xa1"),
    ("assistance:parameter_export", "xa1"), ("payments:file_list_export", "xa1"), ("exchange:job_export", "xa1"),
    ("audit:event_export", "kiemtra"), ("accounts:user_export", "admin"),
])
def test_every_list_has_its_files(client, users, households, name, user):
    client.force_login(users[user])
    rows = rows_of(client.get(reverse(name, args=["csv"])))
    assert rows and all(rows[0])  # a header row, every column named
    xlsx = client.get(reverse(name, args=["xlsx"]))
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
