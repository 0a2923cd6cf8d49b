"""The registry's part of the home page: people and households of the jurisdiction, with two charts."""

import datetime

from django.utils.translation import gettext, pgettext

from ansinh.core.access import can
from ansinh.core.charts import bar_chart

from . import selectors
from .access import REGISTRY_MERGE, REGISTRY_VIEW


def home(request, *, today: datetime.date) -> dict | None:
    user = request.user
    if not can(user, REGISTRY_VIEW):
        return None
    summary = selectors.registry_summary(user=user, today=today)
    bands = summary.pop("age_bands")
    chart = bar_chart(
        title=gettext("Dân số trong sổ theo nhóm tuổi và giới tính (năm %(year)s)") % {"year": today.year},
        labels=[label for label, _, _ in bands],
        series={gettext("Nam"): [m for _, m, _ in bands], gettext("Nữ"): [f for _, _, f in bands]},
    )
    poverty = selectors.poverty_by_commune(user=user, year=summary["poverty_year"], limit=15)
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
        summary["duplicates_pending"] = selectors.duplicate_queue(user=user).count()
    return {"figures": summary, "age_chart": chart, "poverty_chart": poverty_chart}
