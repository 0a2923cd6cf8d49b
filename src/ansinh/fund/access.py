"""What the social assistance fund lets roles do, in their jurisdiction."""

from ansinh.core.access import officers_and_readers

FUND_VIEW = "fund.view"  # funds, donations, uses, balances
FUND_MANAGE = "fund.manage"  # open a fund, record donations and their use

GRANTS = officers_and_readers(work={FUND_VIEW, FUND_MANAGE}, read={FUND_VIEW})
