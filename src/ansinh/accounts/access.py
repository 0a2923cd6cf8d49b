"""What the accounts app lets roles do: manage the users of their own jurisdiction."""

from ansinh.core.access import Role

USERS_MANAGE = "users.manage"

GRANTS = {Role.ADMINISTRATOR: {USERS_MANAGE}}
