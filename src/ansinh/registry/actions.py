"""What can be done to a pair of likely duplicates: merge it (keeping one of the two) or dismiss it."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ansinh.core.actions import Action, ActionSet
from ansinh.core.forms import StyledForm

from . import services
from .models import DuplicateCandidate
from .serializers import MergedSerializer, MergeSerializer


class MergeForm(StyledForm):
    keep = forms.ChoiceField(label=_("Hồ sơ giữ lại"), choices=[("a", _("bên trái")), ("b", _("bên phải"))])


class NoInputForm(StyledForm):
    pass


def _pending(candidate: DuplicateCandidate) -> str | None:
    if candidate.status != DuplicateCandidate.Status.PENDING:
        return "Cặp nghi trùng này đã được xử lý."
    return None


class Merge(Action):
    name = "merge"
    label = _("Gộp hồ sơ")
    description = "Gộp cặp nghi trùng, giữ hồ sơ `keep` (\"a\" hoặc \"b\"); `merge_notes`: những tháng cả hai hồ sơ " \
                  "cùng được chi trả (cần thu hồi)."
    scope_action = "merge"
    form_class = MergeForm
    serializer_class = MergeSerializer
    result_serializer = MergedSerializer

    def refusal(self, obj):
        return _pending(obj)

    def initial(self, obj):
        return {}

    def execute(self, *, user, obj, data):
        a, b = obj.person_a, obj.person_b
        survivor, duplicate = (a, b) if data["keep"] == "a" else (b, a)
        return services.person_merge(user=user, survivor=survivor, duplicate=duplicate)

    def done_message(self, result) -> str:
        return gettext("Đã gộp hồ sơ %(duplicate)s vào %(name)s (mã %(survivor)s).") % {
            "duplicate": result.duplicate.pk, "name": result.survivor.full_name, "survivor": result.survivor.pk}


class Dismiss(Action):
    name = "dismiss"
    label = _("Không trùng")
    description = "Đánh dấu hai hồ sơ là hai người khác nhau."
    scope_action = "merge"
    form_class = NoInputForm
    done = _("Đã đánh dấu hai hồ sơ là khác người.")

    def refusal(self, obj):
        return _pending(obj)

    def initial(self, obj):
        return {}

    def execute(self, *, user, obj, data):
        return services.duplicate_dismiss(user=user, candidate=obj)


DUPLICATE_ACTIONS = ActionSet([Merge(), Dismiss()])
