"""The dated policy parameters move to core, where every app reads them (the base salary of the workforce
beside the standard level of social assistance): the rows are copied into core's table with their dates, legal
basis, author and time (a key, province and date already there keeps core's row), then assistance's table is
dropped. Backwards, the rows are copied back before core's table goes."""

from django.db import migrations

FIELDS = ["key", "province_code", "value", "valid_from", "legal_basis", "verified", "note", "created_at",
          "created_by_id"]


def _copy(apps, source: str, target: str) -> None:
    old, new = apps.get_model(source, "PolicyParameter"), apps.get_model(target, "PolicyParameter")
    known = set(new.objects.values_list("key", "province_code", "valid_from"))
    rows = [new(**{name: getattr(row, name) for name in FIELDS}) for row in old.objects.order_by("pk")
            if (row.key, row.province_code, row.valid_from) not in known]
    new.objects.bulk_create(rows)
    # auto_now_add wrote "now" over the copied times: put them back
    for row in old.objects.all():
        new.objects.filter(key=row.key, province_code=row.province_code, valid_from=row.valid_from).update(
            created_at=row.created_at)


def to_core(apps, schema_editor):
    _copy(apps, "assistance", "core")


def back_to_assistance(apps, schema_editor):
    _copy(apps, "core", "assistance")


class Migration(migrations.Migration):
    dependencies = [
        ("assistance", "0011_drop_category_strings"),
        ("core", "0002_policy_parameter"),
    ]

    operations = [
        migrations.RunPython(to_core, back_to_assistance),
        migrations.DeleteModel(name="PolicyParameter"),
    ]
