"""The numbers of the case procedures (12 hours, 5 + 2 working days, 15 days, 6 months, 100 cases) among the
dated policy parameters (casework.policy)."""

from django.db import migrations


def load(apps, schema_editor):
    from ansinh.core.parameters import load_defaults
    from ansinh.casework.policy import DEFAULTS

    load_defaults(apps.get_model("core", "PolicyParameter"), DEFAULTS)


class Migration(migrations.Migration):
    dependencies = [("casework", "0001_initial"), ("core", "0002_policy_parameter")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
