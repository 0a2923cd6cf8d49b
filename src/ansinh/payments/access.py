"""What payments let roles do: officers make the payroll of their jurisdiction, agents see their own files."""

from ansinh.core.access import Role

PAYROLL_RUN = "payroll.run"  # make a month's payroll in one's jurisdiction, issue payment files
PAYMENT_FILES = "payments.files"  # see payment files and send back results (agents: their own files only)

_WORK = {PAYROLL_RUN, PAYMENT_FILES}
GRANTS = {
    Role.COMMUNE_OFFICER: _WORK,
    Role.PROVINCE_OFFICER: _WORK,
    Role.ADMINISTRATOR: _WORK,
    Role.PAYMENT_AGENT: {PAYMENT_FILES},
}
