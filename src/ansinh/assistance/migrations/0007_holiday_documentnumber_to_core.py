"""Public holidays and document numbers move to core, where every app finds them: the rows are copied into
core's tables (a date or an issuer's year already there keeps core's row, the higher number wins), then
assistance's tables are dropped. Backwards, the rows are copied back before core's tables go."""

from django.db import migrations


def _copy(apps, source: str, target: str) -> None:
    old_holiday, new_holiday = apps.get_model(source, "Holiday"), apps.get_model(target, "Holiday")
    known = set(new_holiday.objects.values_list("date", flat=True))
    new_holiday.objects.bulk_create(
        [new_holiday(date=h.date, name=h.name) for h in old_holiday.objects.all() if h.date not in known])
    old_number, new_number = apps.get_model(source, "DocumentNumber"), apps.get_model(target, "DocumentNumber")
    for row in old_number.objects.all():
        counter, created = new_number.objects.get_or_create(issuer=row.issuer, year=row.year,
                                                            defaults={"last": row.last})
        if not created and counter.last < row.last:
            counter.last = row.last
            counter.save(update_fields=["last"])


def to_core(apps, schema_editor):
    _copy(apps, "assistance", "core")


def back_to_assistance(apps, schema_editor):
    _copy(apps, "core", "assistance")


class Migration(migrations.Migration):
    dependencies = [
        ("assistance", "0006_enrolment_entitled_categories"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(to_core, back_to_assistance),
        migrations.DeleteModel(name="Holiday"),
        migrations.DeleteModel(name="DocumentNumber"),
    ]
