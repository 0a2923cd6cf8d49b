"""The care allowance coefficients (NĐ 20/2021 Điều 25) and staffing ratios (TT 33/2017 Điều 5) among the dated
policy parameters (facilities.policy)."""

from django.db import migrations


def load(apps, schema_editor):
    from ansinh.core.parameters import load_defaults
    from ansinh.facilities.policy import DEFAULTS

    load_defaults(apps.get_model("core", "PolicyParameter"), DEFAULTS)


class Migration(migrations.Migration):
    dependencies = [("facilities", "0002_residents_capacity_staffing"), ("core", "0002_policy_parameter")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
