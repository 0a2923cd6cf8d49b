"""What monitoring lets roles do. Plans and their targets are the province's: its officers record them; everyone
who works in the province reads them."""

from ansinh.core.access import Role, officers_and_readers

PLANS_VIEW = "plans.view"  # plans, their targets and tasks
PLANS_MANAGE = "plans.manage"  # record a plan, its targets and tasks (province officers)

GRANTS = officers_and_readers(work={PLANS_VIEW}, read={PLANS_VIEW})
GRANTS[Role.PROVINCE_OFFICER] = {PLANS_VIEW, PLANS_MANAGE}
GRANTS[Role.ADMINISTRATOR] = {PLANS_VIEW, PLANS_MANAGE}
