"""Categories from the old strings into rows. Each enrolment's `categories` ("5.4+5.6", the paid ones) and
`entitled_categories` (every category qualified under) become `EnrolmentCategory` rows. Each application's
`categories` become `ApplicationCategory` rows. Set-based: the values are read in batches and written with
`bulk_create`.

A row's coefficient is that category's own part of the enrolment's coefficient. The rules need the person's
age to compute it, and a migration does not have the age. So:
- one paid category: it carries the enrolment's coefficient (exact);
- two paid categories (5.4 beside 5.5, 5.6 or 5.8, NĐ 20/2021 Điều 6 k.2): 5.4 gets the k.4 per-child
  coefficient in force at the period's first month × the children recorded, and the other category gets the rest.
  This is exact, because a period's coefficient was computed at its first month from those same values.
  When it cannot be done (no children recorded, no per-child value, nothing left for the other category), the
  first paid category carries the whole coefficient and the other 0, so the paid rows still add up to what
  the payroll multiplies;
- a category qualified under but not paid: 0, meaning not known here. The next reassessment writes the value
  the rules give.
Reversible: the strings are rebuilt from the rows.
"""

from decimal import Decimal
from itertools import groupby

from django.db import migrations

BATCH = 5000
K4 = "5.4"
PER_CHILD = "coef.5.4.per_child"


def _codes(text: str) -> list[str]:
    return [code for code in (text or "").split("+") if code]


def paid_coefficients(paid: list[str], total: Decimal, children: int, per_child: Decimal | None) -> dict:
    """Each paid category's part of `total`, as exact as the stored facts allow (see the module docstring)."""
    paid = sorted(set(paid))
    if len(paid) == 1:
        return {paid[0]: total}
    if len(paid) == 2 and K4 in paid and children and per_child:
        k4 = per_child * children
        if 0 < k4 < total:
            other = next(code for code in paid if code != K4)
            return {K4: k4, other: total - k4}
    return {code: total if i == 0 else Decimal(0) for i, code in enumerate(paid)}


def fill(apps, schema_editor):
    Enrolment = apps.get_model("assistance", "Enrolment")
    EnrolmentCategory = apps.get_model("assistance", "EnrolmentCategory")
    Application = apps.get_model("assistance", "Application")
    ApplicationCategory = apps.get_model("assistance", "ApplicationCategory")
    PolicyParameter = apps.get_model("assistance", "PolicyParameter")
    # the k.4 coefficient is national (a province tops up only the standard level and the social pension)
    per_child = sorted(PolicyParameter.objects.filter(key=PER_CHILD, province_code="")
                       .values_list("valid_from", "value"))

    def per_child_at(month):
        in_force = [value for valid_from, value in per_child if valid_from <= month]
        return in_force[-1] if in_force else None

    rows = []
    enrolments = Enrolment.objects.order_by("pk").values_list(
        "pk", "categories", "entitled_categories", "coefficient", "children_count", "start_month")
    for pk, paid_text, entitled_text, coefficient, children, start in enrolments.iterator(chunk_size=BATCH):
        paid = paid_coefficients(_codes(paid_text), coefficient, children, per_child_at(start)) if paid_text else {}
        for code in sorted(set(paid) | set(_codes(entitled_text))):
            rows.append(EnrolmentCategory(enrolment_id=pk, category=code, coefficient=paid.get(code, Decimal(0)),
                                          paid=code in paid))
        if len(rows) >= BATCH:
            EnrolmentCategory.objects.bulk_create(rows)
            rows = []
    EnrolmentCategory.objects.bulk_create(rows)

    rows = []
    for pk, text in Application.objects.order_by("pk").values_list("pk", "categories").iterator(chunk_size=BATCH):
        rows += [ApplicationCategory(application_id=pk, category=code) for code in sorted(set(_codes(text)))]
        if len(rows) >= BATCH:
            ApplicationCategory.objects.bulk_create(rows)
            rows = []
    ApplicationCategory.objects.bulk_create(rows)


def unfill(apps, schema_editor):
    Enrolment = apps.get_model("assistance", "Enrolment")
    EnrolmentCategory = apps.get_model("assistance", "EnrolmentCategory")
    Application = apps.get_model("assistance", "Application")
    ApplicationCategory = apps.get_model("assistance", "ApplicationCategory")

    changed = []
    ordered = EnrolmentCategory.objects.order_by("enrolment_id", "category").values_list(
        "enrolment_id", "category", "paid")
    for pk, group in groupby(ordered.iterator(chunk_size=BATCH), key=lambda row: row[0]):
        group = list(group)
        changed.append(Enrolment(pk=pk, categories="+".join(c for _pk, c, paid in group if paid),
                                 entitled_categories="+".join(c for _pk, c, _paid in group)))
        if len(changed) >= BATCH:
            Enrolment.objects.bulk_update(changed, ["categories", "entitled_categories"])
            changed = []
    Enrolment.objects.bulk_update(changed, ["categories", "entitled_categories"])
    EnrolmentCategory.objects.all().delete()

    changed = []
    ordered = ApplicationCategory.objects.order_by("application_id", "category").values_list("application_id", "category")
    for pk, group in groupby(ordered.iterator(chunk_size=BATCH), key=lambda row: row[0]):
        changed.append(Application(pk=pk, categories="+".join(c for _pk, c in group)))
        if len(changed) >= BATCH:
            Application.objects.bulk_update(changed, ["categories"])
            changed = []
    Application.objects.bulk_update(changed, ["categories"])
    ApplicationCategory.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("assistance", "0009_enrolment_application_categories")]
    operations = [migrations.RunPython(fill, unfill)]
