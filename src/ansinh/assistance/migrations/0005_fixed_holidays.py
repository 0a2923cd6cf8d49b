"""Fixed-date public holidays 2025–2027 (Bộ luật Lao động 2019, Điều 112): 1/1, 30/4, 1/5, 2/9. Tết, Giỗ Tổ
and the second National Day holiday move each year and are entered by an administrator."""

import datetime

from django.db import migrations

FIXED = [((1, 1), "Tết Dương lịch"), ((4, 30), "Ngày Chiến thắng"), ((5, 1), "Ngày Quốc tế lao động"),
         ((9, 2), "Quốc khánh")]


def load(apps, schema_editor):
    Holiday = apps.get_model("assistance", "Holiday")
    for year in (2025, 2026, 2027):
        for (month, day), name in FIXED:
            Holiday.objects.get_or_create(date=datetime.date(year, month, day), defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("assistance", "0004_enrolment_periods_applications")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
