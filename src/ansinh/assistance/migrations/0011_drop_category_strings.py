"""The category strings go: categories live in `EnrolmentCategory` and `ApplicationCategory` rows (0008, 0009)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('assistance', '0010_fill_categories'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='application',
            name='categories',
        ),
        migrations.RemoveField(
            model_name='enrolment',
            name='categories',
        ),
        migrations.RemoveField(
            model_name='enrolment',
            name='entitled_categories',
        ),
    ]
