"""What emergency assistance lets roles do, in their jurisdiction. Commune officers record the events, the village
lists, the chairman's decisions and what was handed out; province officers do so for any commune of the province
and answer the communes' requests for more; leaders, social workers and inspectors read."""

from ansinh.core.access import officers_and_readers

EMERGENCY_VIEW = "emergency.view"  # events, affected people, aid, who is still waiting
EMERGENCY_MANAGE = "emergency.manage"  # record events, lists, decisions, deliveries, requests and answers

GRANTS = officers_and_readers(work={EMERGENCY_VIEW, EMERGENCY_MANAGE}, read={EMERGENCY_VIEW})
