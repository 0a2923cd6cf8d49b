"""An enrolment's months become `core.fields.MonthField`s: the same date column, so the database is left
alone (a plain AlterField would rebuild the table on SQLite for nothing)."""

from django.db import migrations

import ansinh.core.fields


class Migration(migrations.Migration):
    dependencies = [("assistance", "0007_holiday_documentnumber_to_core")]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name="enrolment",
                name="end_month",
                field=ansinh.core.fields.MonthField(blank=True, null=True, verbose_name="hưởng đến hết tháng"),
            ),
            migrations.AlterField(
                model_name="enrolment",
                name="start_month",
                field=ansinh.core.fields.MonthField(verbose_name="hưởng từ tháng"),
            ),
        ]),
    ]
