"""Model fields shared by the apps."""

from django.db import models

from .forms import MonthField as MonthFormField


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


class MonthField(models.DateField):
    """A month (tháng), stored as its first day in a plain date column.

    Whatever day a save or an insert is given (`save`, `create`, `bulk_create`), the first of its month is
    written, and the instance holds it afterwards. Lookups are left alone: `month__lte=date(2026, 3, 15)`
    compares dates as a DateField does. Forms take "YYYY-MM" (`<input type="month">`) or a date.
    """

    def pre_save(self, model_instance, add):
        value = self.to_python(super().pre_save(model_instance, add))
        if value is not None and value.day != 1:
            value = value.replace(day=1)
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": MonthFormField, **kwargs})
