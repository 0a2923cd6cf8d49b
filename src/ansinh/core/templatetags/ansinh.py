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


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def normalize(value) -> str:
    """Decimal('2.50') → 2,5 (Vietnamese decimal comma); whole numbers without decimals."""
    if value in (None, ""):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = format(value.normalize(), "f") if hasattr(value, "normalize") else str(value)
    return text.replace(".", ",")
