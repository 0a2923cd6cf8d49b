"""`ansinh allowance evaluate`, the API and the calculator page give the same answers."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from ansinh.cli import main
from ansinh.core import services

pytestmark = pytest.mark.django_db

CASES = [
    {"id": "tre-3-tuoi", "categories": ["5.1"], "birth_date": "2022-03-15", "reference_month": "2026-02"},
    {"id": "tre-4-tuoi", "categories": ["5.1"], "birth_date": "2022-03-15", "reference_month": "2026-03"},
    {"id": "don-than-khuyet-tat", "categories": ["5.4", "5.6"], "birth_year": 1985, "reference_month": "2025-01",
     "disability_level": "severe", "children_count": 2},
    {"id": "cao-tuoi", "categories": ["5.5a"], "birth_year": 1940, "reference_month": "2023-06"},
    {"id": "hoc-sinh", "categories": ["5.2"], "birth_date": "2008-01-10", "reference_month": "2026-01", "studying": True},
    {"id": "muc-rieng", "categories": ["5.8"], "birth_year": 1980, "reference_month": "2026-01", "standard_level": 650000},
]
BAD = [
    {"id": "ma-sai", "categories": ["5.9"], "birth_year": 1980, "reference_month": "2026-01"},
    {"id": "ngay-sai", "categories": ["5.1"], "birth_date": "2020-02-30", "reference_month": "2026-01"},
    {"id": "thieu", "categories": ["5.1"]},
    "không phải đối tượng",
]


def cli(tmp_path, capsys, cases):
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    assert main(["allowance", "evaluate", str(path)]) == 0
    return json.loads(capsys.readouterr().out)


def test_cli_amounts(tmp_path, capsys):
    out = {r["id"]: r for r in cli(tmp_path, capsys, CASES)}
    assert out["tre-3-tuoi"]["payable"] == [{"category": "5.1", "coefficient": "2.5", "amount": 1_250_000}]
    assert out["tre-4-tuoi"]["payable"] == [{"category": "5.1", "coefficient": "1.5", "amount": 750_000}]
    assert out["don-than-khuyet-tat"]["total"] == 1_750_000  # 2 × 1,0 + 1,5 at 500.000
    assert out["cao-tuoi"]["payable"][0]["coefficient"] == "2.0"
    assert out["hoc-sinh"]["total"] == 750_000
    assert out["muc-rieng"]["total"] == 975_000
    assert all(r["eligible"] for r in out.values())


def test_cli_bad_cases_get_their_own_messages(tmp_path, capsys):
    out = cli(tmp_path, capsys, CASES[:1] + BAD)
    assert out[0]["eligible"] is True
    assert [r["eligible"] for r in out[1:]] == [False] * 4
    assert "5.9" in out[1]["messages"][0]
    assert "birth_date" in out[2]["messages"][0]
    assert any("reference_month" in m for m in out[3]["messages"])
    assert out[4]["messages"] == ["Mỗi trường hợp phải là một đối tượng JSON."]


def test_cli_rejects_a_file_that_is_not_json(tmp_path, capsys):
    path = tmp_path / "x.json"
    path.write_text("[{", encoding="utf-8")
    assert main(["allowance", "evaluate", str(path)]) == 2
    assert "không phải JSON hợp lệ" in capsys.readouterr().err


def test_cli_uses_parameters_from_the_database(tmp_path, capsys, users):
    services.parameter_add(user=users["admin"], key="standard_level", value=540_000, valid_from=datetime.date(2026, 7, 1),
                           legal_basis="NĐ 335/2026/NĐ-CP Điều 4", verified=False)
    out = cli(tmp_path, capsys, [{"id": "a", "categories": ["5.8"], "birth_year": 1980, "reference_month": "2026-07"}])
    assert out[0]["total"] == 810_000


def test_api_and_page_agree_with_the_cli(tmp_path, capsys, users, client):
    expected = cli(tmp_path, capsys, CASES + BAD)
    api = APIClient()
    api.force_authenticate(users["xa1"])
    response = api.post(reverse("allowance-evaluate"), CASES + BAD, format="json")
    assert response.status_code == 200 and response.json() == expected

    client.force_login(users["xa1"])
    for case, result in zip(CASES, expected, strict=False):
        params = {k: v for k, v in case.items() if k != "id"}
        params["studying"] = "on" if case.get("studying") else ""
        page = client.get(reverse("assistance:calculator"), params).content.decode()
        total = re.search(r'data-testid="total">([\d.]+) đ<', page)
        assert total, page[:2000]
        assert int(total.group(1).replace(".", "")) == result["total"], case["id"]


def test_payment_agent_has_no_calculator(users, client):
    client.force_login(users["chitra"])
    assert client.get(reverse("assistance:calculator")).status_code == 404
    api = APIClient()
    api.force_authenticate(users["chitra"])
    assert api.post(reverse("allowance-evaluate"), CASES, format="json").status_code == 403
