"""Model fields shared by the apps."""

from django.db import models


class FoldedCharField(models.CharField):
    """Folded text (see `core.text.fold`: lower case, no diacritics), compared byte by byte.

    On PostgreSQL the column has collation "C", so one plain B-tree index answers both
    `LIKE 'nguyen%'` and `ORDER BY`, whatever the database's own collation is; SQLite compares
    bytes already. Both databases therefore sort these columns in the same order.
    """

    def db_parameters(self, connection):
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            params["collation"] = "C"
        return params
