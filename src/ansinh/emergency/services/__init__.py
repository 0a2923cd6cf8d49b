"""Every write of emergency assistance: one transaction each, audited."""

from .aid import (
    aid_propose,
    aid_withdraw,
    aids_propose_minimums,
    decision_make,
    deliver_decision,
    delivery_record,
    request_answer,
    request_send,
)
from .events import affected_add, affected_close, affected_paste, event_create, parse_list
from .funeral import funeral_claim, funeral_decide, funeral_pay
from .payment import cash_paid, decision_payment

__all__ = ["affected_add", "affected_close", "affected_paste", "aid_propose", "aid_withdraw", "aids_propose_minimums",
           "cash_paid", "decision_make", "decision_payment", "deliver_decision", "delivery_record", "event_create", "funeral_claim", "funeral_decide",
           "funeral_pay", "parse_list", "request_answer", "request_send"]
