"""The months of payroll runs and payment lines become `core.fields.MonthField`s: the same date column, so
the database is left alone (a plain AlterField would rebuild the payment lines on SQLite for nothing)."""

from django.db import migrations

import ansinh.core.fields


class Migration(migrations.Migration):
    dependencies = [("payments", "0002_enrolment_periods_applications")]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name="paymentline",
                name="month",
                field=ansinh.core.fields.MonthField(verbose_name="tháng"),
            ),
            migrations.AlterField(
                model_name="payrollrun",
                name="month",
                field=ansinh.core.fields.MonthField(verbose_name="tháng"),
            ),
        ]),
    ]
