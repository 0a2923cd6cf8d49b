"""MonthField: any day given is stored as the first of its month; lookups stay those of a date; forms take
"YYYY-MM" as the browser's month input sends it."""

import datetime

import pytest
from django import forms
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from ansinh.assistance.models import Enrolment
from ansinh.core.fields import MonthField
from ansinh.core.forms import MonthField as MonthFormField
from ansinh.payments.models import PaymentLine, PayrollRun

D = datetime.date


def _run(month) -> PayrollRun:
    return PayrollRun(month=month, programme="tcxh", province_code="96", standard_level=500000)


@pytest.mark.django_db
def test_saved_as_the_first_of_the_month_and_looked_up_as_a_date():
    run = _run(D(2026, 3, 15))
    run.save()
    assert run.month == D(2026, 3, 1)
    assert PayrollRun.objects.get(pk=run.pk).month == D(2026, 3, 1)
    assert PayrollRun.objects.filter(month=D(2026, 3, 1)).exists()
    assert not PayrollRun.objects.filter(month=D(2026, 3, 15)).exists()  # lookups are not rewritten
    assert PayrollRun.objects.filter(month__lte=D(2026, 3, 15), month__gt=D(2026, 2, 28)).get() == run
    PayrollRun.objects.bulk_create([_run(D(2026, 4, 30)), _run("2026-05-31")])
    assert list(PayrollRun.objects.order_by("month").values_list("month", flat=True)) == [
        D(2026, 3, 1), D(2026, 4, 1), D(2026, 5, 1)]


class TestAnyDay(TestCase):
    @given(st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)))
    def test_any_day_is_stored_as_its_month(self, day):
        run = PayrollRun.objects.create(month=day, programme="tcxh", province_code="96", standard_level=1)
        assert PayrollRun.objects.values_list("month", flat=True).get(pk=run.pk) == day.replace(day=1)


def test_the_models_months_are_month_fields():
    for model, name in ((Enrolment, "start_month"), (Enrolment, "end_month"), (PayrollRun, "month"),
                        (PaymentLine, "month")):
        field = model._meta.get_field(name)
        assert isinstance(field, MonthField) and field.get_internal_type() == "DateField"


@pytest.mark.parametrize("text, month", [
    ("2026-03", D(2026, 3, 1)), ("2026-03-15", D(2026, 3, 1)), ("03/2026", D(2026, 3, 1)),
    ("15/03/2026", D(2026, 3, 1)), ("", None),
])
def test_the_form_field_takes_a_month_or_a_date(text, month):
    field = PayrollRun._meta.get_field("month").formfield(required=False)
    assert isinstance(field, MonthFormField)
    assert field.clean(text) == month


def test_the_form_field_refuses_what_is_no_month_and_renders_a_month_input():
    field = MonthFormField()
    for text in ("2026-13", "tháng ba", "2026/03"):
        with pytest.raises(forms.ValidationError):
            field.clean(text)
    html = field.widget.render("month", D(2026, 3, 1))
    assert 'type="month"' in html and 'value="2026-03"' in html
