"""Official documents (văn bản hành chính) in the state format of NĐ 30/2020/NĐ-CP: their numbers."""

from .models import DocumentNumber


def next_document_number(*, issuer: str, year: int) -> int:
    """The next number in `issuer`'s sequence for `year`, from 1 on 1 January (NĐ 30/2020 Điều 15).

    Call it inside the transaction that issues the document: the counter row stays locked until it
    commits, so two documents never get the same number, and a rollback gives the number back."""
    counter, _created = DocumentNumber.objects.select_for_update().get_or_create(issuer=issuer, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last
