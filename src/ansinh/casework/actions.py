"""The steps of a case, declared once (core.actions): the case page's forms and the API's endpoints take the
same check and call the same service. An action is offered to the users its relation allows."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ansinh.core.access import NOT_ALLOWED, Role, can
from ansinh.core.actions import Action, ActionSet
from ansinh.core.exceptions import DomainError
from ansinh.facilities.models import Organisation

from . import forms, rules, selectors, services
from .access import CASEWORK_WORK
from .models import CloseReason, NeedArea, Referral, Risk, ServiceKind

_VERSION = serializers.IntegerField(required=False, help_text="`version` của ca như đã đọc (chống ghi đè)")
STEPS = ("worker", "supervisor")


class CaseAction(Action):
    scope_action = "work"
    relations: tuple[str, ...] = STEPS  # who may take it
    stage_action: str = ""  # the action's name in rules.ACTION_STAGES, when its stage matters

    def refusal(self, case):
        if self.stage_action:
            return rules.refusal(self.stage_action, case.stage)
        return None if case.is_open else "Ca đã đóng; hãy mở lại ca trước."

    def allowed(self, user, case) -> bool:
        return bool(selectors.relations(user, case) & set(self.relations))

    def check(self, user, case):
        if not can(user, CASEWORK_WORK) or not self.allowed(user, case):
            return NOT_ALLOWED
        return self.refusal(case)

    def initial(self, case):
        return {"version": case.version}


def _version(data) -> int | None:
    return data.get("version")


class Initial(CaseAction):
    name, stage_action = "initial_assessment", "initial"
    label = _("Đánh giá ban đầu")
    description = "Đánh giá ban đầu nguy cơ, tổn hại (NĐ 56/2017 Điều 26, Mẫu 02)."
    form_class = forms.InitialForm
    serializer_class = type("InitialSerializer", (serializers.Serializer,), {
        "at": serializers.DateTimeField(), "risk": serializers.ChoiceField(Risk.choices),
        "note": serializers.CharField(), "version": _VERSION})
    done = _("Đã ghi đánh giá ban đầu.")

    def initial(self, case):
        return {"version": case.version, "risk": case.risk}

    def execute(self, *, user, obj, data):
        return services.case_initial(user=user, case=obj, at=data["at"], risk=data["risk"], note=data["note"],
                                     expected_version=_version(data))


class Emergency(CaseAction):
    name = "emergency"
    label = _("Can thiệp khẩn cấp / tạm thời cách ly")
    description = "Can thiệp khẩn cấp hoặc tạm thời cách ly trẻ trong 12 giờ (NĐ 56/2017 Điều 31, 32; Mẫu 07)."
    form_class = forms.EmergencyForm
    serializer_class = type("EmergencySerializer", (serializers.Serializer,), {
        "at": serializers.DateTimeField(), "separation": serializers.BooleanField(default=False),
        "decision_number": serializers.CharField(required=False, allow_blank=True, default=""),
        "note": serializers.CharField(), "version": _VERSION})
    done = _("Đã ghi biện pháp khẩn cấp.")

    def refusal(self, case):
        if case.procedure != "child":
            return "Can thiệp khẩn cấp, tạm thời cách ly theo NĐ 56/2017 dành cho trẻ em."
        return super().refusal(case)

    def execute(self, *, user, obj, data):
        return services.case_emergency(user=user, case=obj, at=data["at"], separation=data["separation"],
                                       note=data["note"], decision_number=data.get("decision_number", ""),
                                       expected_version=_version(data))


class SeparationEnd(CaseAction):
    name = "separation_end"
    label = _("Kết thúc tạm thời cách ly")
    form_class = forms.SeparationEndForm
    serializer_class = type("SeparationEndSerializer", (serializers.Serializer,), {
        "on": serializers.DateField(), "note": serializers.CharField(required=False, allow_blank=True, default=""),
        "version": _VERSION})
    done = _("Đã ghi kết thúc cách ly.")

    def refusal(self, case):
        if not case.separated_on or case.separation_ended_on:
            return "Trẻ không đang được tạm thời cách ly."
        return super().refusal(case)

    def execute(self, *, user, obj, data):
        return services.case_separation_end(user=user, case=obj, on=data["on"], note=data.get("note", ""),
                                            expected_version=_version(data))


class NeedSerializer(serializers.Serializer):
    area = serializers.ChoiceField(NeedArea.choices)
    level = serializers.IntegerField(min_value=0, max_value=3)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class AssessSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    needs = NeedSerializer(many=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    version = _VERSION

    def validate(self, data):
        data["needs"] = {n["area"]: (n["level"], n.get("note", "")) for n in data["needs"]}
        return data


class Assess(CaseAction):
    name, stage_action = "assess", "assess"
    label = _("Đánh giá chi tiết, nhu cầu")
    description = "Đánh giá chi tiết và nhu cầu (NĐ 56/2017 Điều 27, Mẫu 03; TT 02/2020 Điều 5)."
    form_class = forms.AssessForm
    serializer_class = AssessSerializer
    done = _("Đã ghi đánh giá; kế hoạch cần xây dựng trong 5 ngày làm việc.")

    def execute(self, *, user, obj, data):
        return services.case_assess(user=user, case=obj, at=data["at"], needs=data["needs"], note=data.get("note", ""),
                                    expected_version=_version(data))


class PlanItemSerializer(serializers.Serializer):
    service = serializers.CharField(max_length=255)
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    responsible = serializers.CharField(max_length=120)
    provider = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    budget = serializers.DecimalField(max_digits=14, decimal_places=0, required=False, default=0)


class PlanSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    goals = serializers.CharField()
    items = PlanItemSerializer(many=True)
    version = _VERSION


class PlanResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    status = serializers.CharField()
    decision_number = serializers.CharField()


class MakePlan(CaseAction):
    name, stage_action = "plan", "plan"
    label = _("Xây dựng kế hoạch")
    description = "Kế hoạch hỗ trợ, can thiệp (NĐ 56/2017 Điều 28, Mẫu 04; TT 02/2020 Điều 6)."
    form_class = forms.PlanForm
    serializer_class = PlanSerializer
    result_serializer = PlanResultSerializer
    done = _("Đã gửi kế hoạch để phê duyệt.")

    def execute(self, *, user, obj, data):
        return services.case_plan(user=user, case=obj, at=data["at"], goals=data["goals"], items=data["items"],
                                  expected_version=_version(data))


class Approve(CaseAction):
    name, stage_action = "approve", "approve"
    label = _("Phê duyệt kế hoạch")
    description = "Phê duyệt kế hoạch (NĐ 56/2017 Điều 28, Mẫu 05): người giám sát, hoặc Chủ tịch UBND xã được chia sẻ."
    form_class = forms.ApproveForm
    serializer_class = type("ApproveSerializer", (serializers.Serializer,), {
        "at": serializers.DateTimeField(),
        "decision_number": serializers.CharField(required=False, allow_blank=True, default=""), "version": _VERSION})
    result_serializer = PlanResultSerializer
    done = _("Đã phê duyệt kế hoạch.")

    def allowed(self, user, case):
        mine = selectors.relations(user, case)
        return "supervisor" in mine or ("shared" in mine and user.role == Role.COMMUNE_LEADER)

    def execute(self, *, user, obj, data):
        return services.case_approve(user=user, case=obj, at=data["at"], decision_number=data.get("decision_number", ""),
                                     expected_version=_version(data))


class ReturnPlan(Approve):
    name, stage_action = "return_plan", "return_plan"
    label = _("Trả lại kế hoạch")
    description = "Trả lại kế hoạch để sửa: kế hoạch mới cần xây dựng trong 5 ngày làm việc."
    form_class = forms.ReturnPlanForm
    serializer_class = type("ReturnPlanSerializer", (serializers.Serializer,), {
        "at": serializers.DateTimeField(), "note": serializers.CharField(), "version": _VERSION})
    done = _("Đã trả lại kế hoạch.")

    def execute(self, *, user, obj, data):
        return services.case_return_plan(user=user, case=obj, at=data["at"], note=data["note"],
                                         expected_version=_version(data))


class ServiceResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    given_on = serializers.DateField()


class GiveService(CaseAction):
    name = "service"
    relations = (*STEPS, "receiver")
    label = _("Ghi dịch vụ đã cung cấp")
    form_class = forms.ServiceForm
    serializer_class = type("ServiceSerializer", (serializers.Serializer,), {
        "kind": serializers.ChoiceField(ServiceKind.choices), "given_on": serializers.DateField(),
        "provider": serializers.CharField(required=False, allow_blank=True, default=""),
        "cost": serializers.DecimalField(max_digits=14, decimal_places=0, required=False, default=0),
        "note": serializers.CharField(required=False, allow_blank=True, default="")})
    result_serializer = ServiceResultSerializer
    done = _("Đã ghi dịch vụ.")

    def initial(self, case):
        return {}

    def execute(self, *, user, obj, data):
        return services.case_service(user=user, case=obj, kind=data["kind"], given_on=data["given_on"],
                                     provider=data.get("provider", ""), cost=data.get("cost") or 0,
                                     note=data.get("note", ""))


class ReferralResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    to = serializers.PrimaryKeyRelatedField(read_only=True)
    status = serializers.CharField()


class Refer(CaseAction):
    name = "refer"
    label = _("Chuyển gửi")
    description = ("Chuyển gửi đến cơ quan, cơ sở khác, với sự đồng ý của đối tượng (hoặc gia đình, người giám hộ) "
                   "và của thủ trưởng đơn vị / Chủ tịch UBND xã (TT 02/2020 Điều 9).")
    form_class = forms.ReferForm
    serializer_class = type("ReferSerializer", (serializers.Serializer,), {
        "to": serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all()),
        "reason": serializers.CharField(max_length=255),
        "consent_by": serializers.ChoiceField(Referral.Consenter.choices, required=False, allow_blank=True,
                                              default=""),
        "consent_name": serializers.CharField(required=False, allow_blank=True, default=""),
        "consent_on": serializers.DateField(required=False, allow_null=True, default=None),
        "head_consent": serializers.BooleanField(default=False)})
    result_serializer = ReferralResultSerializer
    done = _("Đã chuyển gửi; chờ đơn vị nhận trả lời.")

    def initial(self, case):
        return {}

    def form_kwargs(self, case):
        return {"organisations": selectors.receiving_units(case)}

    def execute(self, *, user, obj, data):
        return services.case_refer(user=user, case=obj, to=data["to"], reason=data["reason"],
                                   consent_by=data.get("consent_by", ""), consent_name=data.get("consent_name", ""),
                                   consent_on=data.get("consent_on"), head_consent=data.get("head_consent", False))


class Review(CaseAction):
    name, stage_action = "review", "review"
    label = _("Theo dõi, rà soát")
    form_class = forms.ReviewForm
    serializer_class = type("ReviewSerializer", (serializers.Serializer,), {
        "at": serializers.DateTimeField(), "replan": serializers.BooleanField(default=False),
        "note": serializers.CharField(), "version": _VERSION})
    done = _("Đã ghi kết quả rà soát.")

    def execute(self, *, user, obj, data):
        return services.case_review(user=user, case=obj, at=data["at"], replan=data.get("replan", False),
                                    note=data["note"], expected_version=_version(data))


class Returned(CaseAction):
    name = "returned"
    label = _("Về gia đình, cộng đồng")
    form_class = forms.ReturnedForm
    serializer_class = type("ReturnedSerializer", (serializers.Serializer,), {
        "on": serializers.DateField(), "note": serializers.CharField(required=False, allow_blank=True, default=""),
        "version": _VERSION})
    done = _("Đã ghi; theo dõi ít nhất 6 tháng trước khi đóng ca.")

    def execute(self, *, user, obj, data):
        return services.case_returned(user=user, case=obj, on=data["on"], note=data.get("note", ""),
                                      expected_version=_version(data))


class Close(CaseAction):
    name, stage_action = "close", "close"
    label = _("Đóng ca")
    description = "Đóng ca với lý do (TT 02/2020 Điều 8, Mẫu 06)."
    form_class = forms.CloseForm
    serializer_class = type("CloseSerializer", (serializers.Serializer,), {
        "closed_on": serializers.DateField(),
        "reason": serializers.ChoiceField(CloseReason.choices, required=False, allow_blank=True, default=""),
        "note": serializers.CharField(required=False, allow_blank=True, default=""), "version": _VERSION})
    done = _("Đã đóng ca.")

    def execute(self, *, user, obj, data):
        return services.case_close(user=user, case=obj, on=data["closed_on"], reason=data.get("reason", ""),
                                   note=data.get("note", ""), expected_version=_version(data))


class Reopen(CaseAction):
    name, stage_action = "reopen", "reopen"
    label = _("Mở lại ca")
    form_class = forms.ReopenForm
    serializer_class = type("ReopenSerializer", (serializers.Serializer,), {
        "note": serializers.CharField(), "version": _VERSION})
    done = _("Đã mở lại ca; kế hoạch mới cần xây dựng trong 5 ngày làm việc.")

    def execute(self, *, user, obj, data):
        return services.case_reopen(user=user, case=obj, note=data["note"], expected_version=_version(data))


class Assign(CaseAction):
    name = "assign"
    relations = ("supervisor",)
    label = _("Phân công lại")
    form_class = forms.AssignForm
    serializer_class = type("AssignSerializer", (serializers.Serializer,), {
        "worker": serializers.PrimaryKeyRelatedField(queryset=get_user_model().objects.all()),
        "supervisor": serializers.PrimaryKeyRelatedField(queryset=get_user_model().objects.all()),
        "version": _VERSION})
    done = _("Đã phân công lại.")

    def form_kwargs(self, case):
        return {"people": selectors.unit_workers(case.organisation)}

    def execute(self, *, user, obj, data):
        return services.case_assign(user=user, case=obj, worker=data["worker"], supervisor=data["supervisor"],
                                    expected_version=_version(data))


class Share(CaseAction):
    name = "share"
    label = _("Chia sẻ ca")
    description = "Cho thêm một người dùng xem ca (ví dụ Chủ tịch UBND xã để phê duyệt)."
    form_class = forms.ShareForm
    serializer_class = type("ShareSerializer", (serializers.Serializer,), {
        "username": serializers.CharField(), "reason": serializers.CharField()})
    done = _("Đã chia sẻ ca.")

    def initial(self, case):
        return {}

    def refusal(self, case):
        return None

    def execute(self, *, user, obj, data):
        other = get_user_model().objects.filter(username=data["username"].strip()).first()
        if other is None:
            raise DomainError("Không có người dùng này.", field="username")
        services.case_share(user=user, case=obj, with_user=other, reason=data["reason"])
        return obj


CASE_ACTIONS = ActionSet([Initial(), Emergency(), SeparationEnd(), Assess(), MakePlan(), Approve(), ReturnPlan(),
                          GiveService(), Refer(), Review(), Returned(), Close(), Reopen(), Assign(), Share()])
