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


@register.filter
def span(later, earlier) -> str:
    """The time from `earlier` to `later` as a deadline reads it: "2 ngày 3 giờ", "11 giờ 5 phút", "40 phút"
    (`{{ deadline|span:now }}` is the time left, `{{ now|span:deadline }}` how late it is)."""
    if not later or not earlier:
        return ""
    minutes = max(0, int((later - earlier).total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days} ngày {hours} giờ" if hours else f"{days} ngày"
    if hours:
        return f"{hours} giờ {minutes} phút" if minutes else f"{hours} giờ"
    return f"{minutes} phút"
