"""Categories as rows: `EnrolmentCategory` (each category an enrolment period was decided under, its coefficient,
paid or not) and `ApplicationCategory` (each category applied for). Filled by 0009; the strings go in 0010."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('assistance', '0008_enrolment_month_fields'),
    ]

    operations = [
        migrations.CreateModel(
            name='ApplicationCategory',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('category', models.CharField(max_length=8, verbose_name='diện đề nghị')),
                ('application', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='category_rows', to='assistance.application')),
            ],
            options={
                'verbose_name': 'diện đề nghị',
                'verbose_name_plural': 'diện đề nghị',
                'constraints': [models.UniqueConstraint(fields=('application', 'category'), name='application_category_once')],
            },
        ),
        migrations.CreateModel(
            name='EnrolmentCategory',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('category', models.CharField(max_length=8, verbose_name='diện')),
                ('coefficient', models.DecimalField(decimal_places=2, max_digits=5, verbose_name='hệ số của diện')),
                ('paid', models.BooleanField(verbose_name='được hưởng')),
                ('enrolment', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='category_rows', to='assistance.enrolment')),
            ],
            options={
                'verbose_name': 'diện hưởng',
                'verbose_name_plural': 'diện hưởng',
                'constraints': [models.UniqueConstraint(fields=('enrolment', 'category'), name='enrolment_category_once'), models.CheckConstraint(condition=models.Q(('coefficient__gte', 0)), name='enrolment_category_coefficient_not_negative')],
            },
        ),
    ]
