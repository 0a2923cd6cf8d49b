"""Vietnamese first, English through the navbar's language switch; dates stay dd/mm/yyyy in both."""

import ast
import datetime
import gettext
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from ansinh.registry.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

CATALOG = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"


def switch_to_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302 and response.url == "/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def page(client, name, *args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


def test_vietnamese_without_a_language_cookie(client, users, communes):
    PersonFactory(commune=communes["c1"], full_name="Trần Thị Bình", sex="F")
    client.force_login(users["xa1"])
    home = page(client, "core:home")
    assert '<html lang="vi">' in home
    assert "Tổng quan" in home and "Hộ gia đình" in home and "Công chức VH-XH cấp xã" in home
    assert "Overview" not in home and "Households" not in home
    people = page(client, "registry:person_list")
    assert "Sổ đăng ký đối tượng" in people and "Họ và tên" in people and "Tất cả xã/phường" in people
    assert "Beneficiary registry" not in people and "Trần Thị Bình" in people


def test_language_switch_shows_english(client, users, communes):
    PersonFactory(commune=communes["c1"], full_name="Trần Thị Bình", sex="F", disability_level="severe")
    client.force_login(users["xa1"])
    switch_to_english(client)
    home = page(client, "core:home")
    assert '<html lang="en">' in home
    assert "Overview" in home and "Households" in home and "Beneficiaries" in home and "Sign out" in home
    assert "Commune culture &amp; social affairs officer" in home  # the role, from a TextChoices label
    assert "Registered population by age group and sex" in home  # the chart, built in Python
    assert "Tổng quan" not in home and "Hộ gia đình" not in home and "Đăng xuất" not in home
    people = page(client, "registry:person_list")
    assert "Beneficiary registry" in people and "Full name" in people and "All communes/wards" in people
    assert "Female" in people and "Severe disability" in people and ">1 result</span>" in people
    assert "Sổ đăng ký đối tượng" not in people and "Nữ" not in people
    # People's names and places are data: never translated.
    assert "Trần Thị Bình" in people and communes["c1"].name in people


def test_switching_back_to_vietnamese(client, users):
    client.force_login(users["xa1"])
    switch_to_english(client)
    assert "Households" in page(client, "core:home")
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    home = page(client, "core:home")
    assert "Hộ gia đình" in home and "Households" not in home


def test_flash_messages_and_titles_are_translated(client, users, communes):
    client.force_login(users["xa1"])
    switch_to_english(client)
    assert "Add beneficiary" in page(client, "registry:person_create")
    data = {"full_name": "Huỳnh Văn Tài", "birth": "1962", "sex": "M", "citizen_id": "",
            "commune": communes["c1"].pk, "disability_level": "none", "pension_status": "none"}
    response = client.post(reverse("registry:person_create"), data, follow=True)
    body = response.content.decode()
    assert "Huỳnh Văn Tài has been added to the registry." in body
    assert "Personal ID number" in body and "Date of birth" in body and "years old" in body


@pytest.mark.parametrize("language", ["vi", "en"])
def test_dates_stay_dd_mm_yyyy_in_both_languages(client, users, communes, language):
    person = PersonFactory(commune=communes["c1"], full_name="Lê Văn Tám", sex="M", citizen_id=None,
                           date_of_death=datetime.date(2024, 3, 5))
    client.force_login(users["xa1"])
    if language == "en":
        switch_to_english(client)
    assert "17/05/1980" in page(client, "registry:person_list")
    detail = page(client, "registry:person_detail", person.pk)
    assert "17/05/1980" in detail and "05/03/2024" in detail
    # The edit form shows and reads dates in the locale's format: 04/02/2021 is 4 February, never 2 April.
    edit = client.get(reverse("registry:person_edit", args=[person.pk]))
    assert 'value="05/03/2024"' in edit.content.decode() and "2024-03-05" not in edit.content.decode()
    response = client.post(reverse("registry:person_edit", args=[person.pk]), {
        "full_name": "Lê Văn Tám", "birth": "17/05/1980", "sex": "M", "citizen_id": "", "commune": communes["c1"].pk,
        "disability_level": "mild", "disability_certificate_date": "04/02/2021", "date_of_death": "05/03/2024",
        "pension_status": "none", "version": edit.context["form"].initial["version"],
    })
    assert response.status_code == 302
    person = Person.objects.get(pk=person.pk)
    assert person.disability_certificate_date == datetime.date(2021, 2, 4)
    assert "04/02/2021" in page(client, "registry:person_detail", person.pk)


def _po_entries(path: Path) -> list[dict]:
    """A small .po reader: one dict per entry, each field's string joined from its quoted lines."""
    entries, entry, field = [], {}, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if entry:
                entries.append(entry)
            entry, field = {}, None
        elif line.startswith("#,"):
            entry["flags"] = line[2:].replace(" ", "").split(",")
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[field] += ast.literal_eval(line)
        else:
            field, value = line.split(" ", 1)
            entry[field] = ast.literal_eval(value)
    return entries


def test_english_catalog_is_complete_and_compiled():
    entries = [e for e in _po_entries(CATALOG / "django.po") if e.get("msgid")]
    assert len(entries) > 200
    compiled = gettext.GNUTranslations((CATALOG / "django.mo").open("rb"))
    for entry in entries:
        assert "fuzzy" not in entry.get("flags", []), entry["msgid"]
        context = entry["msgctxt"] + "\x04" if "msgctxt" in entry else ""
        if "msgid_plural" in entry:
            forms = [entry["msgstr[0]"], entry["msgstr[1]"]]
            assert all(forms), entry["msgid"]
            assert compiled.ngettext(context + entry["msgid"], entry["msgid_plural"], 1) == forms[0]
            assert compiled.ngettext(context + entry["msgid"], entry["msgid_plural"], 2) == forms[1]
        else:
            assert entry["msgstr"], entry["msgid"]
            # The checked-in .mo must be compiled from this .po.
            assert compiled.gettext(context + entry["msgid"]) == entry["msgstr"], entry["msgid"]


def test_nul_characters_are_refused_with_a_vietnamese_400(client, db):
    response = client.get(reverse("accounts:login"), {"next": "/\x00"})
    assert response.status_code == 400
    assert "ký tự không hợp lệ" in response.content.decode()


def test_date_pickers_get_the_iso_value_they_need_in_vietnamese():
    import datetime

    from django.utils import translation

    from ansinh.assistance.forms import ApplicationStepForm

    with translation.override("vi"):
        html = str(ApplicationStepForm(initial={"version": 1, "done_on": datetime.date(2026, 12, 2)})["done_on"])
    assert 'value="2026-12-02"' in html
