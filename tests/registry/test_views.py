import pytest
from django.urls import reverse

from ansinh.registry.models import Household, Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def form_data(commune, **overrides):
    data = {"full_name": "Huỳnh Văn Tài", "birth": "1962", "sex": "M", "citizen_id": "096 062 123 456",
            "commune": commune.pk, "disability_level": "none", "pension_status": "none"}
    data.update(overrides)
    return data


def test_create_person_from_form(client, users, communes):
    client.force_login(users["xa1"])
    response = client.post(reverse("registry:person_create"), form_data(communes["c1"]))
    person = Person.objects.get()
    assert response.status_code == 302 and response.url == reverse("registry:person_detail", args=[person.pk])
    assert person.citizen_id == "096062123456" and person.birth_year == 1962 and person.birth_month is None


def test_form_errors_name_the_field_and_write_nothing(client, users, communes):
    client.force_login(users["xa1"])
    response = client.post(reverse("registry:person_create"), form_data(communes["c1"], citizen_id="96062123456", birth="31/04/1962"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "số 0 ở đầu" in errors["citizen_id"][0]
    assert "không tồn tại" in errors["birth"][0]
    assert not Person.objects.exists()
    bad_shape = client.post(reverse("registry:person_create"), form_data(communes["c1"], birth="năm 62"))
    assert "dd/mm/yyyy" in bad_shape.context["form"].errors["birth"][0]


def test_commune_officer_cannot_choose_another_commune(client, users, communes):
    client.force_login(users["xa1"])
    response = client.post(reverse("registry:person_create"), form_data(communes["c2"]))
    assert response.status_code == 200 and "commune" in response.context["form"].errors
    assert not Person.objects.exists()


def test_two_editors_second_one_is_told_not_overwritten(client, users, communes):
    person = PersonFactory(commune=communes["c1"], full_name="Võ Văn Kiệt", sex="M", citizen_id=None)
    url = reverse("registry:person_edit", args=[person.pk])
    client.force_login(users["xa1"])
    stale = client.get(url).context["form"].initial["version"]
    client.post(url, form_data(communes["c1"], full_name="Võ Văn Kiệt", citizen_id="", phone="111", version=stale))
    response = client.post(url, form_data(communes["c1"], full_name="Võ Văn Kiệt", citizen_id="", phone="222", version=stale))
    assert response.status_code == 200
    assert "người khác sửa" in " ".join(response.context["form"].non_field_errors())
    person.refresh_from_db()
    assert person.phone == "111"


def test_person_list_htmx_returns_table_only(client, users, communes):
    PersonFactory(commune=communes["c1"], full_name="Ngô Thị Thu", sex="F")
    client.force_login(users["xa1"])
    response = client.get(reverse("registry:person_list"), {"search": "ngo thi"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="person-results")
    body = response.content.decode()
    assert "Ngô Thị Thu" in body and "<nav class=\"navbar" not in body


def test_household_pages(client, users, communes):
    head = PersonFactory(commune=communes["c1"], full_name="Lý Văn Hộ", sex="M", citizen_id="096070123123", birth_year=1970)
    client.force_login(users["xa1"])
    response = client.post(reverse("registry:household_create"), {"commune": communes["c1"].pk, "hamlet": "Ấp 5"})
    household = Household.objects.get()
    assert response.url == reverse("registry:household_detail", args=[household.pk])
    client.post(reverse("registry:household_member_add", args=[household.pk]), {"person_ref": "096070123123", "relationship": "head"})
    client.post(reverse("registry:household_poverty_set", args=[household.pk]), {"year": 2026, "status": "near_poor", "decision_number": "5/QĐ-UBND"})
    page = client.get(reverse("registry:household_detail", args=[household.pk])).content.decode()
    assert "Lý Văn Hộ" in page and "Hộ cận nghèo" in page and "5/QĐ-UBND" in page
    household.refresh_from_db()
    assert household.head == head
    assert "Lý Văn Hộ" in client.get(reverse("registry:household_list"), {"search": "ly van"}).content.decode()


def test_duplicate_queue_merge_from_page(client, users, communes):
    from ansinh.registry.services import duplicates_scan

    a = PersonFactory(commune=communes["c1"], full_name="Tạ Văn Mừng", sex="M", citizen_id=None)
    b = PersonFactory(commune=communes["c1"], full_name="Tạ Văn Mừng", sex="M", citizen_id="096080444444")
    duplicates_scan()
    client.force_login(users["xa1"])
    page = client.get(reverse("registry:duplicate_list"))
    [candidate] = list(page.context["page"])
    client.post(reverse("registry:duplicate_action", args=[candidate.pk, "merge"]), {"merge-keep": "b"})
    a.refresh_from_db()
    assert a.merged_into == b


def test_home_dashboard_has_chart(client, users, communes):
    PersonFactory(commune=communes["c1"], full_name="Ngô Văn A", sex="M")
    client.force_login(users["xa1"])
    body = client.get("/").content.decode()
    assert "<svg" in body and "Nhóm tuổi".lower() in body.lower()
    assert "kozea.github.io" not in body
