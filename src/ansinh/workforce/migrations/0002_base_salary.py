"""The base salary (lương cơ sở) as the decrees set it, among the dated policy parameters (workforce.policy)."""

from django.db import migrations


def load(apps, schema_editor):
    from ansinh.core.parameters import load_defaults
    from ansinh.workforce.policy import DEFAULTS

    load_defaults(apps.get_model("core", "PolicyParameter"), DEFAULTS)


class Migration(migrations.Migration):
    dependencies = [("workforce", "0001_positions_training"), ("core", "0002_policy_parameter")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
