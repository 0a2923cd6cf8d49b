"""Server-rendered SVG charts (pygal): no JavaScript, no CDN, and the same SVG can go into a report."""

import pygal
from django.utils.safestring import mark_safe
from pygal.style import Style

STYLE = Style(
    background="transparent", plot_background="transparent", foreground="#333", foreground_strong="#111",
    foreground_subtle="#999", colors=("#0b5d55", "#e07a5f", "#3d85c6", "#f2cc8f", "#81b29a", "#6d597a"),
    font_family="DejaVu Sans, Arial, sans-serif", label_font_size=12, major_label_font_size=12,
    legend_font_size=12, title_font_size=14, value_font_size=11,
)


def bar_chart(*, title: str, labels: list[str], series: dict[str, list[int]], horizontal: bool = False,
              stacked: bool = False, height: int = 320, width: int = 800) -> str:
    """`width` near the width the chart is shown at, so that its text keeps its size."""
    kind = {(False, False): pygal.Bar, (True, False): pygal.HorizontalBar,
            (False, True): pygal.StackedBar, (True, True): pygal.HorizontalStackedBar}[(horizontal, stacked)]
    chart = kind(
        title=title, style=STYLE, height=height, width=width, js=[], disable_xml_declaration=True,
        legend_at_bottom=True, print_values=False, show_y_guides=True, truncate_label=40,
        # a few value labels, not one per guide (pygal names the visual axes, swapped when horizontal)
        **({"x_labels_major_count": 6, "show_minor_x_labels": False} if horizontal
           else {"y_labels_major_count": 6, "show_minor_y_labels": False}),
        value_formatter=lambda v: f"{int(v or 0):,}".replace(",", "."),
    )
    chart.x_labels = labels
    for name, values in series.items():
        chart.add(name, values)
    return mark_safe(chart.render(is_unicode=True))  # noqa: S308 - pygal output, labels escaped by pygal
