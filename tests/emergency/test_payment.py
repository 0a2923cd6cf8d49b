"""Emergency cash paid through the payment files of the monthly allowance: a decision's cash becomes one-off lines
handed to the province's agent at once; the agent's result file delivers the aid; nothing is paid twice — not by
hand while the file is out, not by a second file, not by the month's payroll sweeping the lines up."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from ansinh.core.exceptions import DomainError
from ansinh.core.files import csv_bytes
from ansinh.emergency import services
from ansinh.emergency.models import Affected, Aid, AidKind, Delivery
from ansinh.payments import exports
from ansinh.payments.models import EMERGENCY, PaymentAgent, PaymentFile, PaymentLine
from ansinh.payments.results import read_results
from ansinh.payments.services import payment_file_reconcile, payment_files_issue, payroll_generate
from tests.emergency.conftest import DAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent(users):
    post = PaymentAgent.objects.create(code="BD96", name="Bưu điện tỉnh Cà Mau", province_code="96")
    post.members.add(users["chitra"])
    return post


def result_file(file: PaymentFile, day: str) -> list[dict]:
    """The agent's answer: every line of the file paid on `day`."""
    rows = list(csv.reader(io.StringIO(csv_bytes(exports.lines_table(
        PaymentLine.objects.filter(file=file).order_by("id"))).decode("utf-8-sig"))))
    header = rows[0]
    for row in rows[1:]:
        row[header.index("Kết quả")], row[header.index("Ngày chi")] = "Đã chi", day
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return read_results("ket-qua.csv", buffer.getvalue().encode())


def test_a_decisions_cash_goes_to_the_agent_and_its_result_delivers_it(decided, agent, users, today):
    cash = list(Aid.objects.filter(decision=decided, kind=AidKind.CASH))
    made, files = services.decision_payment(user=users["xa1"], decision=decided, method="agent")
    assert made == len(cash) == 3 and [f.agent for f in files] == [agent]
    lines = PaymentLine.objects.filter(programme=EMERGENCY)
    assert sorted(lines.values_list("amount", flat=True)) == [5_000_000, 30_000_000, 40_000_000]
    assert set(lines.values_list("decision_number", flat=True)) == {decided.number}
    assert all(line.enrolment_id is None and line.file_id == files[0].pk for line in lines)
    assert "TGKC T" in exports.lines_table(lines).rows.__next__()[7]  # the transfer says what it pays

    with pytest.raises(DomainError, match="đã giao tổ chức chi trả"):  # not by hand while the file is out
        services.delivery_record(user=users["xa1"], aid=cash[0], delivered_on=today, quantity=1)
    with pytest.raises(DomainError, match="không còn khoản tiền mặt"):  # not in a second file
        services.decision_payment(user=users["xa1"], decision=decided, method="agent")
    services.deliver_decision(user=users["xa1"], decision=decided, delivered_on=today)  # the rice, by hand
    assert Delivery.objects.filter(aid__kind=AidKind.CASH).count() == 0

    paid_on = today - DAY
    assert payment_file_reconcile(user=users["chitra"], file=files[0],
                                  rows=result_file(files[0], f"{paid_on:%d/%m/%Y}")) == {"paid": 3, "failed": 0}
    for aid in Aid.objects.filter(decision=decided, kind=AidKind.CASH).select_related("affected"):
        assert aid.delivered == aid.quantity and aid.affected.delivered_on == paid_on
        assert aid.deliveries.get().delivered_on == paid_on
    assert not Affected.objects.filter(aids__kind=AidKind.CASH, delivered_on__isnull=True).exists()


def test_the_months_payroll_does_not_sweep_up_emergency_lines(decided, agent, users, today, communes):
    """A one-off run hands out its own lines; the month's run hands out the month's (and earlier failed) ones."""
    services.decision_payment(user=users["xa1"], decision=decided, method="cash")  # cash at the commune: a file
    run = payroll_generate(user=users["xa1"], month=today, province_code="96", commune=communes["c1"])
    payment_files_issue(user=users["xa1"], run=run)
    assert set(PaymentLine.objects.filter(programme=EMERGENCY).values_list("run__programme", flat=True)) == {EMERGENCY}
    assert not PaymentLine.objects.filter(programme=EMERGENCY, file__run=run).exists()


def test_a_person_paid_emergency_cash_this_month_is_told_to_be_paid_by_hand(proposed, flood, agent, users, storm,
                                                                             paste, communes, today):
    first = services.decision_make(user=users["xa1"], event=flood, commune=communes["c1"], decided_on=today,
                                   reviewed_on=today)
    services.decision_payment(user=users["xa1"], decision=first, method="agent")
    paste(("Nguyễn Văn An", "", 1970, "Nam", "Ấp 1", "di dời", 4, "x", ""), event=storm, detected_on=today)
    services.aids_propose_minimums(user=users["xa1"], event=storm, commune=communes["c1"])
    second = services.decision_make(user=users["xa1"], event=storm, commune=communes["c1"], decided_on=today,
                                    reviewed_on=today)
    with pytest.raises(DomainError, match="Nguyễn Văn An"):  # one one-off line a person a month
        services.decision_payment(user=users["xa1"], decision=second, method="agent")
    assert PaymentLine.objects.filter(programme=EMERGENCY).count() == 3
    services.deliver_decision(user=users["xa1"], decision=second, delivered_on=today)  # paid by hand instead
    assert Aid.objects.get(decision=second).delivered == 30_000_000


def test_the_page_hands_the_cash_to_the_agent(decided, agent, users, client):
    client.force_login(users["xa1"])
    answer = client.post(reverse("emergency:decision_payment", args=[decided.pk]), {"y-method": "agent"}, follow=True)
    assert "Đã giao tiền mặt của quyết định 01/QĐ-UBND cho tổ chức chi trả" in answer.content.decode()
    assert PaymentLine.objects.filter(programme=EMERGENCY, file__agent=agent).count() == 3
    page = client.get(reverse("emergency:event_detail", args=[decided.event_id])).content.decode()
    assert page.count("đã giao tổ chức chi trả, chờ kết quả") == 3


# --- from a social assistance fund -------------------------------------------------------------------------------


@pytest.fixture
def fund(users, today):
    from ansinh.fund.services import donation_record, fund_create
    made = fund_create(user=users["xa1"], name="Quỹ trợ giúp xã hội xã", established_on=today - 30 * DAY,
                       basis="QĐ 5/QĐ-UBND")
    donation_record(user=users["xa1"], fund=made, donor="Doanh nghiệp A", donor_kind="enterprise",
                    received_on=today - 20 * DAY, form="cash", value=Decimal(100_000_000))
    return made


def test_a_distribution_from_a_fund_is_written_in_its_ledger(decided, fund, users, today, client):
    from ansinh.fund.models import Use
    from ansinh.fund.selectors import balance_on
    assert services.deliver_decision(user=users["xa1"], decision=decided, delivered_on=today, fund=fund) == 4
    [use] = Use.objects.filter(fund=fund)  # the cash of the decision, one use under it; the rice is not money
    assert use.value == 75_000_000 and use.decision == decided.number and use.form == "cash"
    assert balance_on(fund, today).cash == 25_000_000
    assert Delivery.objects.filter(fund_use=use).count() == 3
    client.force_login(users["xa1"])
    page = client.get(reverse("emergency:event_detail", args=[decided.event_id])).content.decode()
    assert 'data-testid="fund-uses"' in page and "Quỹ trợ giúp xã hội xã" in page


def test_a_fund_never_gives_more_than_it_holds(decided, fund, users, today):
    from ansinh.fund.models import Use
    from ansinh.fund.services import use_record
    use_record(user=users["xa1"], fund=fund, used_on=today - DAY, form="cash", value=Decimal(90_000_000),
               decision="QĐ khác", programme="Tết")
    with pytest.raises(DomainError, match="Quỹ chỉ còn 10.000.000"):
        services.deliver_decision(user=users["xa1"], decision=decided, delivered_on=today, fund=fund)
    assert Delivery.objects.count() == 0 and Use.objects.filter(fund=fund).count() == 1  # nothing half-written
    rice = Aid.objects.get(decision=decided, kind=AidKind.RICE)
    with pytest.raises(DomainError, match="gạo ghi theo kg"):
        services.delivery_record(user=users["xa1"], aid=rice, delivered_on=today, quantity=45, fund=fund)
    injury = Aid.objects.get(decision=decided, affected__damage="injury")
    delivery = services.delivery_record(user=users["xa1"], aid=injury, delivered_on=today, quantity=5_000_000,
                                        fund=fund)
    assert delivery.fund_use.person == injury.affected.person and delivery.fund_use.value == 5_000_000
