"""The changes of an enrolment and the steps of an application are declared once (assistance.actions): the
page's buttons, its POST and the API's endpoints agree on who may do what, when."""

import datetime

import pytest
from django.urls import reverse

from ansinh.assistance import services
from ansinh.assistance.actions import APPLICATION_ACTIONS, ENROLMENT_ACTIONS
from tests.factories import PersonFactory, api_client

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def enrolment(users, communes):
    person = PersonFactory(full_name="Mai Văn Động", birth_year=1985, commune=communes["c1"],
                           disability_level="severe", disability_certificate_date=D(2026, 1, 5))
    return services.enrolment_create(user=users["xa1"], person=person, categories=["5.6"], decision_number="3/QĐ",
                                     decision_date=D(2026, 2, 2))


def names(actions):
    return [a.name for a in actions]


def test_the_buttons_follow_the_state_of_the_period(enrolment, users):
    assert names(ENROLMENT_ACTIONS.available(users["xa1"], enrolment)) == ["reassess", "suspend", "move", "end", "death"]
    suspended = services.enrolment_suspend(user=users["xa1"], enrolment=enrolment, expected_version=enrolment.version,
                                           from_month=D(2026, 4, 1), reason="tạm giam")
    assert names(ENROLMENT_ACTIONS.available(users["xa1"], suspended)) == ["reassess", "resume", "move", "end", "death"]
    enrolment.refresh_from_db()  # the period before the suspension ended with March
    assert names(ENROLMENT_ACTIONS.available(users["xa1"], enrolment)) == []
    assert names(ENROLMENT_ACTIONS.available(users["kiemtra"], suspended)) == []  # inspectors change nothing


def test_the_page_shows_those_buttons(enrolment, users, client):
    client.force_login(users["xa1"])
    page = client.get(reverse("assistance:enrolment_detail", args=[enrolment.pk])).content.decode()
    for name in ("reassess", "suspend", "move", "end", "death"):
        assert reverse("assistance:enrolment_action", args=[enrolment.pk, name]) in page
    assert reverse("assistance:enrolment_action", args=[enrolment.pk, "resume"]) not in page
    client.force_login(users["kiemtra"])
    page = client.get(reverse("assistance:enrolment_detail", args=[enrolment.pk])).content.decode()
    assert reverse("assistance:enrolment_action", args=[enrolment.pk, "suspend"]) not in page


def test_the_api_refuses_with_the_same_reason(enrolment, users):
    body = {"version": enrolment.version, "from_month": "2026-04-01"}
    refused = api_client(users["xa1"]).post(f"/api/v1/enrolments/{enrolment.pk}/resume/", body, format="json")
    assert refused.status_code == 400 and refused.json()["detail"] == "Chỉ tiếp tục được giai đoạn đang tạm dừng."
    forbidden = api_client(users["kiemtra"]).post(f"/api/v1/enrolments/{enrolment.pk}/resume/", body, format="json")
    assert forbidden.status_code == 403
    moved = api_client(users["xa1"]).post(f"/api/v1/enrolments/{enrolment.pk}/move/",
                                          {**body, "to_commune": "00000"}, format="json")
    assert moved.status_code == 400 and "to_commune" in moved.json()
    death = api_client(users["xa1"]).post(f"/api/v1/enrolments/{enrolment.pk}/death/",
                                          {"date_of_death": "2026-05-03"}, format="json")
    assert death.status_code == 200 and death.json() == {"funeral_support_amount": 10_000_000}


def test_a_stale_form_is_refused_as_a_change_by_someone_else(enrolment, users):
    stale = {"version": enrolment.version - 1 or 99, "from_month": D(2026, 4, 1), "reason": "x"}
    with pytest.raises(Exception, match="người khác thay đổi"):
        ENROLMENT_ACTIONS["suspend"].run(user=users["xa1"], obj=enrolment, data=stale)


def test_application_steps_follow_the_procedure(users, communes):
    person = PersonFactory(full_name="Lò Thị Ba", birth_year=1990, commune=communes["c1"], disability_level="severe")
    application = services.application_receive(user=users["xa1"], person=person, form_type="1d", categories=["5.6"],
                                               received_on=D(2026, 10, 5))
    assert names(APPLICATION_ACTIONS.available(users["xa1"], application)) == ["advance", "reject"]  # no complaint
    response = api_client(users["xa1"]).post(f"/api/v1/applications/{application.pk}/complaint/",
                                             {"version": application.version, "done_on": "2026-10-06", "note": "x"},
                                             format="json")
    assert response.status_code == 400 and "khiếu nại" in response.json()["detail"]
    advanced = api_client(users["xa1"]).post(f"/api/v1/applications/{application.pk}/advance/",
                                             {"version": application.version, "done_on": "2026-10-06"}, format="json")
    assert advanced.status_code == 200 and advanced.json()["next_step"] == "decided"


def test_the_enrolment_list_refreshes_its_table_by_search(enrolment, users, client):
    client.force_login(users["xa1"])
    table = client.get(reverse("assistance:enrolment_list"), {"search": "mai van"},
                       HTTP_HX_REQUEST="true", HTTP_HX_TARGET="enrolment-results").content.decode()
    assert "Mai Văn Động" in table and "<html" not in table
    assert "Mai Văn Động" not in client.get(reverse("assistance:enrolment_list"), {"search": "tran"}).content.decode()
