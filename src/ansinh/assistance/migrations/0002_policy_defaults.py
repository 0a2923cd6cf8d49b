"""The policy parameters of the legal texts (assistance.policy.DEFAULTS) as the first rows."""

from django.db import migrations


def load(apps, schema_editor):
    from ansinh.assistance.policy import DEFAULTS

    PolicyParameter = apps.get_model("assistance", "PolicyParameter")
    for row in DEFAULTS:
        PolicyParameter.objects.get_or_create(
            key=row.key, province_code=row.province_code, valid_from=row.valid_from,
            defaults={"value": row.value, "legal_basis": row.legal_basis, "verified": row.verified, "note": row.note},
        )


class Migration(migrations.Migration):
    dependencies = [("assistance", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
