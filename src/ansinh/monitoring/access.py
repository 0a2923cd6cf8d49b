"""What monitoring lets roles do. Plans and their targets are the province's: its officers record them; everyone
who works in the province reads them. A unit's periodic report is prepared by its officers (a commune's by the
commune officer, the province's consolidated one by the province officer) and reviewed by the level above."""

from ansinh.core.access import Role, officers_and_readers

PLANS_VIEW = "plans.view"  # plans, their targets and tasks
PLANS_MANAGE = "plans.manage"  # record a plan, its targets and tasks (province officers)
REPORTS_VIEW = "reports.view"  # a unit's periodic reports (its own; the province: all its units')
REPORTS_PREPARE = "reports.prepare"  # prepare and submit one's unit's report
REPORTS_REVIEW = "reports.review"  # return or approve the reports of the units below, reopen an approved one

GRANTS = officers_and_readers(work={PLANS_VIEW, REPORTS_VIEW, REPORTS_PREPARE}, read={PLANS_VIEW, REPORTS_VIEW})
GRANTS[Role.PROVINCE_OFFICER] = {PLANS_VIEW, PLANS_MANAGE, REPORTS_VIEW, REPORTS_PREPARE, REPORTS_REVIEW}
GRANTS[Role.PROVINCE_LEADER] = {PLANS_VIEW, REPORTS_VIEW, REPORTS_REVIEW}
GRANTS[Role.ADMINISTRATOR] = {PLANS_VIEW, PLANS_MANAGE, REPORTS_VIEW, REPORTS_REVIEW}
