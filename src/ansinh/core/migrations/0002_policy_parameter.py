# The dated policy parameters, shared by every app (they were assistance's until its 0012, which copies its rows here).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PolicyParameter',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=60, verbose_name='tham số')),
                ('province_code', models.CharField(blank=True, help_text='trống: toàn quốc', max_length=3, verbose_name='mã tỉnh')),
                ('value', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='giá trị')),
                ('valid_from', models.DateField(verbose_name='áp dụng từ')),
                ('legal_basis', models.CharField(max_length=255, verbose_name='căn cứ pháp lý')),
                ('verified', models.BooleanField(default=True, verbose_name='đã đối chiếu văn bản gốc')),
                ('note', models.TextField(blank=True, verbose_name='ghi chú')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('created_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'tham số chính sách',
                'verbose_name_plural': 'tham số chính sách',
                'ordering': ['key', 'province_code', 'valid_from'],
                'constraints': [models.UniqueConstraint(fields=('key', 'province_code', 'valid_from'), name='core_policy_parameter_unique_from'), models.CheckConstraint(condition=models.Q(('value__gte', 0)), name='core_policy_parameter_not_negative')],
            },
        ),
    ]
