"""The changes an enrolment period and an application can go through, declared once for the page's buttons
and forms and for the API's endpoints (core.actions)."""

import datetime
from collections.abc import Callable

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ansinh.core.actions import Action, ActionSet

from . import services, workflow
from .forms import (
    ApplicationRejectForm,
    ApplicationStepForm,
    DeathForm,
    EnrolmentChangeForm,
    MoveForm,
    ReasonForm,
    ReassessForm,
)
from .models import Application, Enrolment
from .serializers import (
    ApplicationAdvanceSerializer,
    ApplicationComplaintSerializer,
    ApplicationRejectSerializer,
    DeathSerializer,
    EnrolmentChangeSerializer,
    FuneralProposalSerializer,
    MoveSerializer,
    ReasonSerializer,
    ReassessSerializer,
)

# --- enrolment periods -------------------------------------------------------------------------------------


class EnrolmentChange(Action):
    """A change of an open period from a month, by `service`: it closes the period and opens the next (or, from
    its first month, changes it in place) and returns the period now open, or None when none is. `extra`
    names what the service takes besides the month; `when(enrolment)` refuses it in some states."""

    def __init__(self, name: str, label, description: str, service: Callable[..., Enrolment | None], *,
                 extra: tuple[str, ...] = (), form_class: type = EnrolmentChangeForm,
                 serializer_class: type = EnrolmentChangeSerializer,
                 when: Callable[[Enrolment], str | None] = lambda enrolment: None):
        self.name, self.label, self.description, self.service = name, label, description, service
        self.extra, self.form_class, self.serializer_class, self.when = extra, form_class, serializer_class, when

    def refusal(self, enrolment: Enrolment) -> str | None:
        if enrolment.end_month is not None:
            return "Giai đoạn hưởng này đã kết thúc."
        return self.when(enrolment)

    def form_kwargs(self, enrolment):
        return {"enrolment": enrolment}

    def done_message(self, result) -> str:
        return gettext("Đã lưu: %(action)s.") % {"action": self.label}

    def execute(self, *, user, obj, data):
        return self.service(user=user, enrolment=obj, expected_version=data["version"], from_month=data["from_month"],
                            **{key: data.get(key) for key in self.extra})


def _not_suspended(enrolment: Enrolment) -> str | None:
    return "Đang tạm dừng rồi." if enrolment.status == Enrolment.Status.SUSPENDED else None


def _suspended(enrolment: Enrolment) -> str | None:
    return None if enrolment.status == Enrolment.Status.SUSPENDED else "Chỉ tiếp tục được giai đoạn đang tạm dừng."


class Death(Action):
    name = "death"
    label = _("Báo tử")
    description = "Báo tử: dừng chi trả từ tháng sau tháng mất, đề xuất hỗ trợ mai táng."
    form_class = DeathForm
    serializer_class = DeathSerializer
    result_serializer = FuneralProposalSerializer
    scope_action = "manage"
    done = _("Đã ghi nhận người mất; đã dừng chi trả và đề xuất hỗ trợ mai táng.")

    def refusal(self, enrolment):
        if enrolment.end_month is not None:
            return "Giai đoạn hưởng này đã kết thúc."
        if enrolment.person.date_of_death:
            return "Đã ghi nhận người này đã mất."
        return None

    def initial(self, enrolment):
        return {}

    def execute(self, *, user, obj, data):
        support = services.person_death_record(user=user, person=obj.person, date_of_death=data["date_of_death"],
                                               recipient=data.get("recipient", ""))
        return {"amount": support.amount if support else None}


ENROLMENT_ACTIONS = ActionSet([
    EnrolmentChange("reassess", _("Điều chỉnh (tính lại theo quy định)"),
                    "Điều chỉnh: tính lại diện, hệ số theo quy định từ `from_month`.", services.enrolment_reassess,
                    extra=("children_count",), form_class=ReassessForm, serializer_class=ReassessSerializer),
    EnrolmentChange("suspend", _("Tạm dừng chi trả"), "Tạm dừng chi trả từ `from_month` (cần `reason`).",
                    services.enrolment_suspend, extra=("reason",), form_class=ReasonForm,
                    serializer_class=ReasonSerializer, when=_not_suspended),
    EnrolmentChange("resume", _("Tiếp tục chi trả"), "Tiếp tục chi trả từ `from_month`.", services.enrolment_resume,
                    when=_suspended),
    EnrolmentChange("move", _("Chuyển nơi ở"),
                    "Chuyển nơi ở sang xã `to_commune` từ `from_month` (không gián đoạn, không trùng tháng).",
                    services.enrolment_move, extra=("to_commune",), form_class=MoveForm, serializer_class=MoveSerializer),
    EnrolmentChange("end", _("Thôi hưởng"), "Thôi hưởng từ `from_month` (cần `reason`).", services.enrolment_end,
                    extra=("reason",), form_class=ReasonForm, serializer_class=ReasonSerializer),
    Death(),
])


# --- applications ------------------------------------------------------------------------------------------


class ApplicationStep(Action):
    """A step of the procedure the application follows; `execute` returns the application."""

    done = _("Đã ghi nhận.")

    def refusal(self, application: Application) -> str | None:
        if application.status != Application.Status.OPEN:
            return "Hồ sơ này đã giải quyết xong."
        return None

    def initial(self, application):
        return {"version": application.version, "done_on": datetime.date.today()}


def _next_step(application: Application) -> workflow.Step | None:
    return workflow.next_step(application.procedure, [s.code for s in application.steps.all()])


class Advance(ApplicationStep):
    name = "advance"
    label = _("Ghi nhận bước tiếp theo")
    description = "Ghi nhận bước tiếp theo; bước quyết định tạo đối tượng hưởng và số quyết định."
    form_class = ApplicationStepForm
    serializer_class = ApplicationAdvanceSerializer

    def refusal(self, application):
        if _next_step(application) is None:
            return "Hồ sơ đã qua mọi bước."
        return super().refusal(application)

    def form_kwargs(self, application):
        step = _next_step(application)
        return {"deciding": step is not None and step.code == "decided"}

    def execute(self, *, user, obj, data):
        return services.application_advance(
            user=user, application=obj, expected_version=data["version"], done_on=data["done_on"],
            note=data.get("note", ""), payment_method=data.get("payment_method") or "agent")


class Complaint(ApplicationStep):
    name = "complaint"
    label = _("Có khiếu nại về kết quả niêm yết")
    description = ("Khiếu nại về kết quả niêm yết (quy trình ba cấp): `note` là nội dung; bước gửi hồ sơ chờ giải "
                   "quyết.")
    form_class = ApplicationStepForm
    serializer_class = ApplicationComplaintSerializer

    def refusal(self, application):
        done = [s.code for s in application.steps.all()]
        if not workflow.complaint_allowed(application.procedure, done):
            return "Chỉ ghi nhận khiếu nại sau khi niêm yết và trước khi gửi hồ sơ lên cấp huyện."
        return super().refusal(application)

    def execute(self, *, user, obj, data):
        return services.application_complaint(user=user, application=obj, expected_version=data["version"],
                                              done_on=data["done_on"], note=data.get("note", ""))


class Reject(ApplicationStep):
    name = "reject"
    label = _("Không đủ điều kiện — trả lời bằng văn bản")
    description = "Không đủ điều kiện: trả lời bằng văn bản, nêu rõ lý do."
    form_class = ApplicationRejectForm
    serializer_class = ApplicationRejectSerializer

    def execute(self, *, user, obj, data):
        return services.application_reject(user=user, application=obj, expected_version=data["version"],
                                           done_on=data["done_on"], reply=data["reply"])


APPLICATION_ACTIONS = ActionSet([Advance(), Complaint(), Reject()])
