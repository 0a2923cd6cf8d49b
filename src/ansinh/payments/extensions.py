"""Where the apps that pay through payment files learn what was paid: an app that hands one-off lines to the
agents (emergency cash) registers here what to do when a result file says they were paid."""

from collections.abc import Callable

from ansinh.core.extensions import Slot

# called inside `payment_file_reconcile`'s transaction with `user=` and `paid=` ({line id: day paid}); a
# `DomainError` refuses the whole result file
LINES_PAID: Slot[Callable[..., None]] = Slot("payments.lines.paid")
