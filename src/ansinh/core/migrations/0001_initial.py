"""Public holidays and document numbers, shared by every app (they were assistance's until 0007 of
assistance, which copies its rows here). Loads the fixed-date public holidays 2025–2027 (Bộ luật Lao động
2019, Điều 112): 1/1, 30/4, 1/5, 2/9. Tết, Giỗ Tổ and the second National Day holiday move each year and are
entered by an administrator."""

import datetime

from django.db import migrations, models

FIXED = [((1, 1), "Tết Dương lịch"), ((4, 30), "Ngày Chiến thắng"), ((5, 1), "Ngày Quốc tế lao động"),
         ((9, 2), "Quốc khánh")]


def load(apps, schema_editor):
    Holiday = apps.get_model("core", "Holiday")
    for year in (2025, 2026, 2027):
        for (month, day), name in FIXED:
            Holiday.objects.get_or_create(date=datetime.date(year, month, day), defaults={"name": name})


class Migration(migrations.Migration):

    initial = True

    dependencies = []  # core depends on no app

    operations = [
        migrations.CreateModel(
            name='Holiday',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('date', models.DateField(unique=True, verbose_name='ngày')),
                ('name', models.CharField(max_length=100, verbose_name='tên')),
            ],
            options={
                'verbose_name': 'ngày nghỉ lễ',
                'ordering': ['date'],
            },
        ),
        migrations.CreateModel(
            name='DocumentNumber',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('issuer', models.CharField(max_length=20)),
                ('year', models.PositiveSmallIntegerField()),
                ('last', models.PositiveIntegerField(default=0)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('issuer', 'year'), name='core_document_number_issuer_year')],
            },
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
