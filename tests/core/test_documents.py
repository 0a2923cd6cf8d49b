"""Official documents: the yearly number sequences of NĐ 30/2020 Điều 15."""

import pytest
from django.db import transaction

from ansinh.core.documents import next_document_number

pytestmark = pytest.mark.django_db


def test_numbers_run_per_issuer_and_restart_each_year():
    with transaction.atomic():
        assert [next_document_number(issuer="31001", year=2026) for _ in range(3)] == [1, 2, 3]
        assert next_document_number(issuer="31002", year=2026) == 1  # another commune: its own sequence
        assert next_document_number(issuer="31001", year=2027) == 1  # from 01 on 1 January
        assert next_document_number(issuer="31001", year=2026) == 4
        assert next_document_number(issuer="31002", year=2026) == 2


def test_a_rolled_back_document_gives_its_number_back():
    with transaction.atomic():
        assert next_document_number(issuer="31001", year=2026) == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        assert next_document_number(issuer="31001", year=2026) == 2
        raise RuntimeError("the decision failed")
    with transaction.atomic():
        assert next_document_number(issuer="31001", year=2026) == 2
