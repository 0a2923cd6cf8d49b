"""Server-rendered SVG charts (pygal): no JavaScript, no CDN, and the same SVG can go into a report."""

import pygal
from django.utils.safestring import mark_safe
from pygal.style import Style

from .text import number_text

STYLE = Style(
    background="transparent", plot_background="transparent", foreground="#333", foreground_strong="#111",
    foreground_subtle="#999", colors=("#0b5d55", "#e07a5f", "#3d85c6", "#f2cc8f", "#81b29a", "#6d597a"),
    font_family="DejaVu Sans, Arial, sans-serif", label_font_size=12, major_label_font_size=12,
    legend_font_size=12, title_font_size=14, value_font_size=11,
)


def bar_chart(*, title: str, labels: list[str], series: dict[str, list], horizontal: bool = False,
              stacked: bool = False, height: int = 320, width: int = 800, percent: bool = False,
              print_values: bool = False) -> str:
    """`width` near the width the chart is shown at, so that its text keeps its size. `percent`: the values are
    shares (one decimal, "%"); `print_values`: each bar carries its value."""
    kind = {(False, False): pygal.Bar, (True, False): pygal.HorizontalBar,
            (False, True): pygal.StackedBar, (True, True): pygal.HorizontalStackedBar}[(horizontal, stacked)]
    chart = kind(
        title=title, style=STYLE, height=height, width=width, js=[], disable_xml_declaration=True,
        legend_at_bottom=True, print_values=print_values, show_y_guides=True, truncate_label=40,
        # a few value labels, not one per guide (pygal names the visual axes, swapped when horizontal)
        **({"x_labels_major_count": 6, "show_minor_x_labels": False} if horizontal
           else {"y_labels_major_count": 6, "show_minor_y_labels": False}),
        value_formatter=lambda v: number_text(v, percent=percent),
    )
    chart.x_labels = labels
    for name, values in series.items():
        chart.add(name, values)
    return mark_safe(chart.render(is_unicode=True))  # noqa: S308 - pygal output, labels escaped by pygal


def line_chart(*, title: str, labels: list[str], series: dict[str, list], height: int = 300, width: int = 640,
               percent: bool = False, level: tuple[str, float] | None = None) -> str:
    """A figure over time (years, months), each point carrying its value; `level` (name, value) a dashed flat line,
    such as the target to reach."""
    chart = pygal.Line(
        title=title, style=STYLE, height=height, width=width, js=[], disable_xml_declaration=True,
        legend_at_bottom=True, print_values=True, show_y_guides=True, dots_size=4, allow_interruptions=True,
        y_labels_major_count=6, show_minor_y_labels=False, include_x_axis=True, margin_right=48,
        value_formatter=lambda v: number_text(v, percent=percent),
    )
    chart.x_labels = labels
    for name, values in series.items():
        chart.add(name, values)
    if level is not None:
        chart.add(level[0], [level[1]] * len(labels), show_dots=False, print_values=False,
                  stroke_style={"dasharray": "8, 6", "width": 2})
    return mark_safe(chart.render(is_unicode=True))  # noqa: S308 - pygal output, labels escaped by pygal
