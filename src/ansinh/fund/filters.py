"""The list of funds, for the page and the API alike."""

from ansinh.core.filters import FilterSet
from ansinh.geo.fields import CommuneFilter

from .models import Fund


class FundFilterSet(FilterSet):
    """Quỹ trợ giúp xã hội. `commune`: quỹ của một xã."""

    commune = CommuneFilter()

    class Meta:
        model = Fund
        fields = ["commune"]
