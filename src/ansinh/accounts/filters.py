"""What narrows the list of users: the role."""

import django_filters
from django.utils.translation import gettext_lazy as _

from ansinh.core.access import Role
from ansinh.core.filters import FilterSet

from .models import User


class UserFilterSet(FilterSet):
    role = django_filters.ChoiceFilter(label=_("Vai trò"), choices=Role.choices, empty_label=_("Mọi vai trò"))

    class Meta:
        model = User
        fields = ["role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["role"].widget.attrs["data-autosubmit"] = ""
