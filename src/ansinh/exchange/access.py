"""What the exchange lets roles do: officers import lists into their own jurisdiction and see their imports."""

from ansinh.core.access import Role

IMPORT_RUN = "exchange.import"  # upload a list, read its preview and error report, commit it

GRANTS = {
    Role.COMMUNE_OFFICER: {IMPORT_RUN},
    Role.PROVINCE_OFFICER: {IMPORT_RUN},
    Role.ADMINISTRATOR: {IMPORT_RUN},
}
