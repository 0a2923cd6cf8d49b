"""Home page figures: a few counts and charts of the registry in the user's jurisdiction."""

import datetime

from django.utils.translation import gettext, pgettext

from ansinh.accounts.permissions import REGISTRY_MERGE, REGISTRY_VIEW, can
from ansinh.registry import selectors as registry

from .charts import bar_chart


def home_figures(*, user, today: datetime.date) -> dict:
    if not can(user, REGISTRY_VIEW):
        return {"figures": None}
    summary = registry.registry_summary(user=user, today=today)
    bands = summary.pop("age_bands")
    chart = bar_chart(
        title=gettext("Dân số trong sổ theo nhóm tuổi và giới tính (năm %(year)s)") % {"year": today.year},
        labels=[label for label, _, _ in bands],
        series={gettext("Nam"): [m for _, m, _ in bands], gettext("Nữ"): [f for _, _, f in bands]},
    )
    poverty = registry.poverty_by_commune(user=user, year=summary["poverty_year"], limit=15)
    poverty_chart = None
    if len(poverty) > 1:
        poverty_chart = bar_chart(
            title=gettext("Hộ nghèo, cận nghèo theo xã/phường (năm %(year)s, 15 xã nhiều nhất)") % {"year": summary["poverty_year"]},
            labels=[row["commune"] for row in poverty],
            series={pgettext("number of households", "Hộ nghèo"): [row["poor"] for row in poverty],
                    pgettext("number of households", "Hộ cận nghèo"): [row["near_poor"] for row in poverty]},
            horizontal=True, stacked=True, height=420,
        )
    if can(user, REGISTRY_MERGE):
        summary["duplicates_pending"] = registry.duplicate_queue(user=user).count()
    return {"figures": summary, "age_chart": chart, "poverty_chart": poverty_chart}
