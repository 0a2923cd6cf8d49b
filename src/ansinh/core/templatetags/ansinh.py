"""Template filters: Vietnamese money and the querystring kept across pages."""

from django import template

register = template.Library()


@register.filter
def vnd(value) -> str:
    """1234567 → `1.234.567 đ`."""
    if value in (None, ""):
        return ""
    return f"{int(value):,} đ".replace(",", ".")


@register.filter
def number(value) -> str:
    if value in (None, ""):
        return ""
    return f"{int(value):,}".replace(",", ".")


@register.simple_tag(takes_context=True)
def page_query(context, page) -> str:
    params = context["request"].GET.copy()
    params["page"] = page
    return params.urlencode()
