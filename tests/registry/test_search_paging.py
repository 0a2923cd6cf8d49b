"""Name search pages are merged from one index walk per condition: they must equal the plain query."""

import pytest
from django.urls import reverse

from ansinh.core.paging import OrderedUnion
from ansinh.registry import selectors
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

NAMES = [
    "Nguyễn Thị Lan", "Lan Anh Trần", "Lan Thị Lan", "Lâm Văn Lan", "Nguyễn Lan", "Lê Văn Lanh",
    "Trần Thị Bình", "Lạc Văn An", "Nguyễn Văn Lân", "Lan Hương", "Phạm Lan", "Đặng Thị Lan",
]


@pytest.fixture
def people(communes):
    return [PersonFactory(full_name=name, commune=communes["c1"]) for name in NAMES for _ in range(2)]


@pytest.mark.parametrize("search", ["lan", "la", "nguyen", "lan thi", "x", ""])
def test_every_page_equals_the_single_query(people, users, search):
    whole = list(selectors.person_list(user=users["admin"], search=search))
    results = selectors.person_results(user=users["admin"], search=search)
    assert results.count() == len(whole)
    for start in range(len(whole) + 1):
        for size in (1, 3, 25):
            assert results[start:start + size] == whole[start:start + size], (search, start, size)


def test_a_person_matching_both_conditions_appears_once(people, users):
    found = [p.full_name for p in selectors.person_results(user=users["admin"], search="lan")[:50]]
    assert found.count("Lan Thị Lan") == 2  # two people of that name, each once
    assert {"Lâm Văn Lan", "Lê Văn Lanh", "Nguyễn Văn Lân", "Lan Anh Trần"} <= set(found)
    assert "Trần Thị Bình" not in found


def test_scope_applies_to_pages_and_count(people, users, communes):
    PersonFactory(full_name="Nguyễn Thị Lan", commune=communes["c2"])
    results = selectors.person_results(user=users["xa1"], search="lan")
    assert {p.commune_id for p in results[0:100]} == {communes["c1"].pk}
    assert results.count() == len(list(selectors.person_list(user=users["xa1"], search="lan")))


def test_count_stops_above_the_cap(people, users):
    rows = selectors.person_list(user=users["admin"], search="")
    capped = OrderedUnion(rows, ordering=selectors.PERSON_ORDER, cap=5)
    assert capped.count() == 6 and capped.capped
    exact = OrderedUnion(rows, ordering=selectors.PERSON_ORDER, cap=len(NAMES) * 2)
    assert exact.count() == len(NAMES) * 2 and not exact.capped


def test_list_page_says_when_the_count_is_capped(people, client, users, monkeypatch):
    client.force_login(users["admin"])
    page = client.get(reverse("registry:person_list"), {"search": "lan"}).content.decode()
    assert "hãy tìm cụ thể hơn" not in page
    monkeypatch.setattr("ansinh.core.paging.COUNT_CAP", 5)
    page = client.get(reverse("registry:person_list"), {"search": "lan"}).content.decode()
    assert "hơn 5 kết quả — hãy tìm cụ thể hơn" in page
    api = client.get(reverse("person-list"), {"search": "lan"}).json()
    assert api["count"] == 6 and api["count_capped"] is True
