"""Fixtures of the payment-file tests: a month's payroll with two agents and a cash commune."""

import datetime

import pytest

from ansinh.core.models import PolicyParameter
from ansinh.core.parameters import load_defaults
from ansinh.payments.models import PaymentAgent
from ansinh.payments.services import payroll_generate
from tests.factories import PersonFactory, enrolment_make

D = datetime.date


@pytest.fixture
def setup(communes, users):
    """Five beneficiaries in two communes; a post office for the province, a bank for commune c2."""
    load_defaults(PolicyParameter)
    c1, c2 = communes["c1"], communes["c2"]
    for i, (commune, method) in enumerate([(c1, "agent"), (c1, "agent"), (c1, "cash"), (c2, "bank"), (c2, "agent")]):
        person = PersonFactory(full_name=f"Người Số {i}", commune=commune, bank_account=f"00{i}123", bank_name="VBSP")
        enrolment_make(person, decision_number=f"{i}/QĐ", payment_method=method)
    post = PaymentAgent.objects.create(code="BD96", name="Bưu điện tỉnh Cà Mau", province_code="96")
    bank = PaymentAgent.objects.create(code="NH-C2", name="Ngân hàng CSXH xã 2", province_code="96")
    bank.communes.add(c2)
    post.members.add(users["chitra"])
    run = payroll_generate(user=users["tinh"], month=D(2026, 3, 1), province_code="96")
    return {"run": run, "post": post, "bank": bank}
