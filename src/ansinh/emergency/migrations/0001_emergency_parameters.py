"""The amounts, multiples and deadline of emergency assistance (NĐ 20/2021 Điều 12–15) among the dated policy
parameters (emergency.policy)."""

from django.db import migrations


def load(apps, schema_editor):
    from ansinh.core.parameters import load_defaults
    from ansinh.emergency.policy import DEFAULTS

    load_defaults(apps.get_model("core", "PolicyParameter"), DEFAULTS)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_policy_parameter")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
