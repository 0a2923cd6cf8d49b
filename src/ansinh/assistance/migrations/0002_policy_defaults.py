"""The policy parameters of the legal texts (assistance.policy.DEFAULTS) as the first rows."""

from django.db import migrations


def load(apps, schema_editor):
    from ansinh.assistance.policy import DEFAULTS
    from ansinh.core.parameters import load_defaults

    load_defaults(apps.get_model("assistance", "PolicyParameter"), DEFAULTS)


class Migration(migrations.Migration):
    dependencies = [("assistance", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
