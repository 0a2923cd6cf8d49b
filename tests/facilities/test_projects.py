"""Investment projects and their sources: the Cà Mau project of 62/KH-UBND (250 billion đồng), whose foreign loan
of 220 billion is itself 110 granted by the centre and 110 re-lent to the province — never counted twice."""

from decimal import Decimal

import pytest
from django.urls import reverse

from ansinh.core.exceptions import DomainError
from ansinh.facilities import services
from ansinh.facilities.selectors import funding_tree, projects
from tests.factories import api_client

pytestmark = pytest.mark.django_db

B = Decimal(1_000_000_000)


def test_the_sources_of_the_250_billion_project(users):
    tinh = users["tinh"]
    project = services.project_create(
        user=tinh, name="Tăng cường cung cấp dịch vụ chăm sóc người cao tuổi và người yếu thế chất lượng cao",
        purpose="services", total=250 * B, start_year=2021, end_year=2025, basis="62/KH-UBND mục II.1")
    loan = services.funding_add(user=tinh, project=project, source="foreign_loan", amount=220 * B)
    services.funding_add(user=tinh, project=project, source="central_grant", amount=110 * B, part_of=loan)
    services.funding_add(user=tinh, project=project, source="province_loan", amount=110 * B, part_of=loan)
    with pytest.raises(DomainError) as exc:  # the loan is fully detailed
        services.funding_add(user=tinh, project=project, source="other", amount=1, part_of=loan)
    assert exc.value.field == "amount" and "Vượt nguồn Vốn vay ưu đãi nước ngoài" in exc.value.message
    with pytest.raises(DomainError) as exc:  # 220 + 31 > 250
        services.funding_add(user=tinh, project=project, source="local_budget", amount=31 * B)
    assert "còn 30.000.000.000 đ" in exc.value.message
    services.funding_add(user=tinh, project=project, source="local_budget", amount=30 * B)
    tree, unfunded = funding_tree(user=tinh, project=project)
    assert [(row.source, [p.source for p in parts]) for row, parts in tree] == [
        ("foreign_loan", ["central_grant", "province_loan"]), ("local_budget", [])]
    assert sum(row.amount for row, _parts in tree) == project.total and unfunded == 0  # 250, not 470
    assert projects(user=users["xa1"]).count() == 0 and projects(user=users["kiemtra"]).count() == 1


@pytest.mark.parametrize("fields, field", [
    ({"total": Decimal(0)}, "total"), ({"end_year": 2020}, "end_year"), ({"purpose": "x"}, "purpose"),
    ({"basis": " "}, "basis"), ({"name": " "}, "name"),
])
def test_bad_projects_are_named(users, fields, field):
    data = {"name": "Dự án", "purpose": "new", "total": B, "start_year": 2021, "end_year": 2025, "basis": "KH",
            **fields}
    with pytest.raises(DomainError) as exc:
        services.project_create(user=users["tinh"], **data)
    assert exc.value.field == field


def test_projects_on_the_page_and_the_api(client, users):
    client.force_login(users["tinh"])
    response = client.post(reverse("facilities:project_create"), {
        "name": "Xây mới Cơ sở trợ giúp xã hội", "purpose": "new", "total": "40000000000", "start_year": 2026,
        "end_year": 2028, "basis": "NQ HĐND"})
    assert response.status_code == 302
    page = client.get(response.url)
    assert "Chưa rõ nguồn" in page.content.decode()
    client.post(response.url, {"source": "local_budget", "amount": "40000000000"})
    assert "Chưa rõ nguồn" not in client.get(response.url).content.decode()
    api = api_client(users["tinh"])
    project_id = api.get("/api/v1/investment-projects/").json()["results"][0]["id"]
    over = api.post(f"/api/v1/investment-projects/{project_id}/funding/", {"source": "private", "amount": "1"},
                    format="json")
    assert over.status_code == 400 and "Vượt tổng mức đầu tư" in over.json()["amount"][0]
    assert api_client(users["hanoi"]).get(f"/api/v1/investment-projects/{project_id}/").status_code == 404
