"""The social assistance fund: donations in cash and in kind, uses for a person or a programme, the balance on any
day, never spent below zero (nor by a back-dated use that would empty a later day), scoped and audited."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from ansinh.audit.models import AuditEvent
from ansinh.core.exceptions import DomainError
from ansinh.fund import services
from ansinh.fund.models import Use
from ansinh.fund.selectors import balance_on, funds
from tests.factories import PersonFactory, api_client

pytestmark = pytest.mark.django_db

D = datetime.date
M = Decimal(1_000_000)


@pytest.fixture
def fund(users, communes):
    return services.fund_create(user=users["xa1"], name="Quỹ trợ giúp xã hội xã", established_on=D(2026, 1, 1),
                                basis="QĐ 5/QĐ-UBND")


def give(user, fund, value, day, form="cash", goods=""):
    return services.donation_record(user=user, fund=fund, donor="Công ty Thủy sản Minh Phú", donor_kind="enterprise",
                                    received_on=day, form=form, value=value, goods=goods)


def test_balance_in_cash_and_in_kind(users, communes, fund):
    xa1 = users["xa1"]
    give(xa1, fund, 10 * M, D(2026, 2, 1))
    give(xa1, fund, 6 * M, D(2026, 2, 3), form="in_kind", goods="500 kg gạo")
    person = PersonFactory(commune=communes["c1"])
    services.use_record(user=xa1, fund=fund, used_on=D(2026, 2, 10), form="cash", value=3 * M, decision="QĐ 7",
                        person=person)
    services.use_record(user=xa1, fund=fund, used_on=D(2026, 2, 12), form="in_kind", value=6 * M, decision="QĐ 8",
                        programme="Tết Bính Ngọ 2026", goods="500 kg gạo")
    on = balance_on(fund, D(2026, 2, 11))
    assert (on.cash, on.goods) == (7 * M, 6 * M)
    on = balance_on(fund, D(2026, 2, 12))
    assert (on.cash, on.goods, on.cash_in, on.goods_out) == (7 * M, 0, 10 * M, 6 * M)
    assert AuditEvent.objects.filter(object_type__in=["fund.donation", "fund.use"]).count() == 4


def test_never_spent_below_zero_that_day_or_after(users, communes, fund):
    xa1 = users["xa1"]
    give(xa1, fund, 5 * M, D(2026, 3, 1))
    use = {"user": xa1, "fund": fund, "form": "cash", "decision": "QĐ", "programme": "Hỗ trợ sau lốc xoáy"}
    with pytest.raises(DomainError) as exc:
        services.use_record(**use, used_on=D(2026, 3, 2), value=5 * M + 1)
    assert exc.value.field == "value" and "còn 5.000.000 đ tiền vào ngày 02/03/2026" in exc.value.message
    services.use_record(**use, used_on=D(2026, 3, 20), value=5 * M)  # all of it, on the 20th
    with pytest.raises(DomainError) as exc:  # back-dated to the 10th: the 20th would go below zero
        services.use_record(**use, used_on=D(2026, 3, 10), value=1)
    assert "20/03/2026" in exc.value.message
    with pytest.raises(DomainError):  # before the money came in
        services.use_record(**use, used_on=D(2026, 2, 28), value=1)
    assert Use.objects.count() == 1


@pytest.mark.parametrize("fields, field", [
    ({"value": Decimal(0)}, "value"), ({"form": "gold"}, "form"), ({"day": D(2025, 12, 31)}, "received_on"),
    ({"form": "in_kind"}, "goods"), ({"donor": " "}, "donor"), ({"donor_kind": "x"}, "donor_kind"),
])
def test_bad_donations_are_named(users, fund, fields, field):
    data = {"donor": "Hội Chữ thập đỏ", "donor_kind": "organisation", "form": "cash", "value": M,
            "received_on": fields.pop("day", D(2026, 2, 1)), **fields}
    with pytest.raises(DomainError) as exc:
        services.donation_record(user=users["xa1"], fund=fund, **data)
    assert exc.value.field == field


def test_a_use_names_its_purpose_and_scope_holds(users, communes, fund):
    give(users["xa1"], fund, M, D(2026, 2, 1))
    with pytest.raises(DomainError) as exc:
        services.use_record(user=users["xa1"], fund=fund, used_on=D(2026, 2, 2), form="cash", value=1, decision="Q")
    assert exc.value.field == "programme"
    with pytest.raises(DomainError):  # another commune's officer cannot spend it
        services.use_record(user=users["xa2"], fund=fund, used_on=D(2026, 2, 2), form="cash", value=1, decision="Q",
                            programme="x")
    assert list(funds(user=users["xa1"])) == [fund] and not funds(user=users["xa2"]).exists()
    assert funds(user=users["tinh"]).count() == 1 and not funds(user=users["chitra"]).exists()


def test_the_fund_on_the_page_and_the_api(client, users, communes, fund):
    client.force_login(users["xa1"])
    url = reverse("fund:donation_record", args=[fund.pk])
    bad = client.post(url, {"d-donor": "Bà Năm", "d-donor_kind": "individual", "d-received_on": "2026-02-01",
                            "d-form": "in_kind", "d-value": "2000000"}, follow=True)
    assert "Hãy ghi hiện vật" in bad.content.decode()
    client.post(url, {"d-donor": "Bà Năm", "d-donor_kind": "individual", "d-received_on": "2026-02-01",
                      "d-form": "cash", "d-value": "2000000"})
    page = client.get(reverse("fund:fund_detail", args=[fund.pk])).content.decode()
    assert "Bà Năm" in page and "2.000.000" in page
    api = api_client(users["xa1"])
    over = api.post(f"/api/v1/funds/{fund.pk}/uses/", {"used_on": "2026-02-02", "form": "cash", "value": "2000001",
                                                       "programme": "Tết", "decision": "QĐ"}, format="json")
    assert over.status_code == 400 and "Quỹ chỉ còn 2.000.000 đ" in over.json()["value"][0]
    person = PersonFactory(commune=communes["c1"])
    ok = api.post(f"/api/v1/funds/{fund.pk}/uses/", {"used_on": "2026-02-02", "form": "cash", "value": "500000",
                                                     "citizen_id": person.citizen_id, "decision": "QĐ"}, format="json")
    assert ok.status_code == 201 and ok.json()["person"] == person.pk
    assert api.get(f"/api/v1/funds/{fund.pk}/").json()["cash_balance"] == 1_500_000
    assert api_client(users["xa2"]).get(f"/api/v1/funds/{fund.pk}/").status_code == 404


def test_boundaries_of_days_and_the_fund_of_a_commune(users, communes, fund):
    assert fund.commune == communes["c1"] and fund.province_code == "96"  # a commune officer's fund is the commune's
    province = services.fund_create(user=users["tinh"], name="Quỹ tỉnh", established_on=D(2026, 1, 1), basis="QĐ")
    assert province.commune is None and province.province_code == "96"
    today = datetime.date.today()
    assert give(users["xa1"], fund, M, D(2026, 1, 1)).received_on == D(2026, 1, 1)  # the founding day itself
    assert give(users["xa1"], fund, M, today).received_on == today
    for day in (D(2025, 12, 31), today + datetime.timedelta(days=1)):
        with pytest.raises(DomainError) as exc:
            give(users["xa1"], fund, M, day)
        assert exc.value.field == "received_on"
