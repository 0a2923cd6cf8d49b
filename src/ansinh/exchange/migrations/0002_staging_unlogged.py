"""PostgreSQL keeps the staging table out of its write-ahead log (UNLOGGED): staged rows are a copy of a file
kept on disk, read again if the database restarts (`import_resume`), so logging them would only slow every
import down. SQLite has no such thing and is left alone."""

from django.db import migrations


def unlogged(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE exchange_stagedperson SET UNLOGGED")


def logged(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE exchange_stagedperson SET LOGGED")


class Migration(migrations.Migration):
    dependencies = [("exchange", "0001_initial")]
    operations = [migrations.RunPython(unlogged, logged)]
