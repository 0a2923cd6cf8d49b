"""Case management (quản lý ca): cases opened at a unit (a commune People's Committee, a social-work centre, a
facility), their subjects from the registry, the steps of the statutory procedure with their deadlines, plans,
services, referrals and shares; and the register of children in special circumstances (Luật Trẻ em Điều 10).

A case file is confidential (NĐ 56/2017 Điều 24, TT 02/2020 Điều 9): `Case.objects.visible_to(user)` gives the
cases the user is related to — assigned worker, supervisor, the receiving worker of an accepted referral, a
user it is shared with — and no others, whatever the user's jurisdiction."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ansinh.core.access import Scope, ScopedQuerySet, can
from ansinh.facilities.models import Organisation
from ansinh.geo.models import AdministrativeUnit
from ansinh.registry.models import Person

from . import rules
from .access import (
    CASEWORK_MANAGE,
    CASEWORK_OVERSEE,
    CASEWORK_VIEW,
    CASEWORK_WORK,
    CHILDREN_CHANGE,
    CHILDREN_VIEW,
)

_USER = settings.AUTH_USER_MODEL


class Worker(models.Model):
    """A user who works on cases at a unit (người quản lý ca, TT 02/2020 Điều 2), and whether they supervise."""

    user = models.ForeignKey(_USER, verbose_name=_("người dùng"), on_delete=models.PROTECT, related_name="case_units")
    organisation = models.ForeignKey(Organisation, verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                                     related_name="case_workers")
    supervisor = models.BooleanField(_("giám sát"), default=False)
    active = models.BooleanField(_("đang làm"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope = Scope(view=CASEWORK_OVERSEE, actions={"manage": CASEWORK_MANAGE}, commune_field="organisation__commune",
                  province_field="organisation__province_code", outside="Đơn vị này nằm ngoài địa bàn bạn quản lý.")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("người quản lý ca")
        verbose_name_plural = pgettext_lazy("plural", "người quản lý ca")
        ordering = ["organisation", "user__username"]
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="case_worker_once_per_unit")]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation}"


class Source(models.TextChoices):
    HOTLINE = "hotline", _("Tổng đài 111")
    COMMUNE = "commune", _("UBND cấp xã")
    SCHOOL = "school", _("Trường học")
    HOSPITAL = "hospital", _("Cơ sở y tế")
    POLICE = "police", _("Công an")
    SELF = "self", _("Tự tìm đến")
    FACILITY = "facility", _("Cơ sở khác chuyển đến")
    COMMUNITY = "community", _("Người dân, cộng đồng")
    ANONYMOUS = "anonymous", _("Ẩn danh")


class CaseType(models.TextChoices):
    CHILD_PROTECTION = "child_protection", _("Bảo vệ trẻ em")
    ELDERLY = "elderly", _("Người cao tuổi")
    DISABILITY = "disability", _("Người khuyết tật")
    DOMESTIC_VIOLENCE = "domestic_violence", _("Bạo lực gia đình")
    TRAFFICKING = "trafficking", _("Mua bán người")
    DRUG_USE = "drug_use", _("Sử dụng ma túy")
    MENTAL_HEALTH = "mental_health", _("Sức khỏe tâm thần")
    HOMELESSNESS = "homelessness", _("Lang thang, không nơi ở")
    OTHER = "other", _("Khác")


class Risk(models.TextChoices):
    LOW = "low", _("Thấp")
    MEDIUM = "medium", _("Trung bình")
    HIGH = "high", _("Cao")
    SERIOUS = "serious", _("Nghiêm trọng (nguy hiểm đến tính mạng, sức khỏe, nhân phẩm)")


class Stage(models.TextChoices):
    RECEIVED = rules.RECEIVED, _("Đã tiếp nhận")
    INITIAL = rules.INITIAL, _("Đã đánh giá ban đầu")
    ASSESSED = rules.ASSESSED, _("Đã đánh giá nhu cầu — xây dựng kế hoạch")
    PLAN_SUBMITTED = rules.PLAN_SUBMITTED, _("Kế hoạch chờ phê duyệt")
    IMPLEMENTING = rules.IMPLEMENTING, _("Đang thực hiện kế hoạch")
    CLOSED = rules.CLOSED, _("Đã đóng")


class Procedure(models.TextChoices):
    CHILD = "child", _("Trẻ em (NĐ 56/2017)")
    ADULT = "adult", _("Người lớn (TT 02/2020)")


class CloseReason(models.TextChoices):
    """Căn cứ kết thúc (TT 02/2020 Điều 8; NĐ 56/2017 Điều 30: hết nguy cơ, trẻ ổn định)."""

    GOALS_MET = "goals_met", _("Đạt mục tiêu, hết nguy cơ")
    ADOPTED = "adopted", _("Được nhận làm con nuôi")
    AGE = "age", _("Đủ 18 tuổi (22 nếu đang đi học)")
    NO_CONTACT = "no_contact", _("Không liên lạc được quá 1 tháng")
    DEATH = "death", _("Qua đời")
    MOVED = "moved", _("Chuyển đi nơi khác")
    CONTRACT_END = "contract_end", _("Hết hợp đồng dịch vụ")
    AGREEMENT = "agreement", _("Hai bên thỏa thuận")
    OTHER = "other", _("Lý do khác")


class CaseQuerySet(ScopedQuerySet):
    def visible_to(self, user, action: str = "view"):
        """The cases `user` is related to: nothing else, not for an officer of the same commune, nor an
        administrator. `action` "work" also needs the capability to act."""
        capability = CASEWORK_WORK if action == "work" else CASEWORK_VIEW
        if not getattr(user, "is_authenticated", False) or not can(user, capability):
            return self.none()
        return self.filter(related_to(user))

    def open(self):
        return self.exclude(stage=Stage.CLOSED)


def related_to(user, prefix: str = "") -> Q:
    """The condition "the case is related to `user`" on a case (or, with `prefix` "case__", on a row of one)."""
    # The few cases shared with or referred to the user are read first, as ids: an OR holding subqueries would
    # keep PostgreSQL from the indexes on worker and supervisor (benchmarks/casework.py: 95 ms → 5 ms).
    shared = set(CaseShare.objects.filter(user=user, revoked_at__isnull=True).values_list("case_id", flat=True))
    shared.update(Referral.objects.filter(receiving_worker=user, status=Referral.Status.ACCEPTED)
                  .values_list("case_id", flat=True))
    key = f"{prefix}id" if prefix else "pk"
    related = Q(**{f"{prefix}worker": user}) | Q(**{f"{prefix}supervisor": user})
    return related | Q(**{f"{key}__in": sorted(shared)}) if shared else related


class Case(models.Model):
    """One case (ca): opened at a unit from a report, numbered per unit and year."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("đơn vị quản lý"), on_delete=models.PROTECT,
                                     related_name="cases", db_index=False)  # led by the indexes below
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"))
    procedure = models.CharField(_("quy trình"), max_length=5, choices=Procedure.choices)
    source = models.CharField(_("nguồn tiếp nhận"), max_length=10, choices=Source.choices)
    reporter_name = models.CharField(_("người báo tin"), max_length=120, blank=True)
    reporter_phone = models.CharField(_("điện thoại người báo tin"), max_length=20, blank=True)
    received_at = models.DateTimeField(_("thời điểm tiếp nhận"))
    case_type = models.CharField(_("loại ca"), max_length=20, choices=CaseType.choices)
    risk = models.CharField(_("mức độ nguy cơ"), max_length=8, choices=Risk.choices)
    summary = models.TextField(_("nội dung sự việc"))  # confidential: never in a list, an export or a count
    worker = models.ForeignKey(_USER, verbose_name=_("người quản lý ca"), on_delete=models.PROTECT, related_name="+",
                               db_index=False)
    supervisor = models.ForeignKey(_USER, verbose_name=_("người giám sát"), on_delete=models.PROTECT, related_name="+",
                                   db_index=False)
    stage = models.CharField(_("bước"), max_length=16, choices=Stage.choices, default=Stage.RECEIVED)
    separated_on = models.DateField(_("tạm thời cách ly từ ngày"), null=True, blank=True)
    separation_ended_on = models.DateField(_("kết thúc cách ly ngày"), null=True, blank=True)
    returned_on = models.DateField(_("về gia đình, cộng đồng ngày"), null=True, blank=True)
    closed_on = models.DateField(_("ngày đóng ca"), null=True, blank=True)
    close_reason = models.CharField(_("lý do đóng ca"), max_length=14, choices=CloseReason.choices, blank=True)
    close_note = models.CharField(_("ghi chú đóng ca"), max_length=255, blank=True)
    commune = models.ForeignKey(AdministrativeUnit, verbose_name=_("xã/phường"), on_delete=models.PROTECT,
                                related_name="+")  # the unit's, for counts by commune
    province_code = models.CharField(_("mã tỉnh"), max_length=3)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(_USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                   editable=False, db_index=False)
    updated_by = models.ForeignKey(_USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                   editable=False, db_index=False)

    scope = Scope(view=CASEWORK_VIEW, actions={"work": CASEWORK_WORK},
                  outside="Bạn không có quan hệ với ca này (không được phân công, giám sát, tiếp nhận chuyển gửi "
                          "hay được chia sẻ).")
    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("ca")
        verbose_name_plural = pgettext_lazy("plural", "ca")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "number"], name="case_number_per_unit_year"),
            models.CheckConstraint(condition=~Q(stage=rules.CLOSED) | ~Q(close_reason=""), name="case_closed_has_reason"),
        ]
        indexes = [models.Index(fields=["worker", "stage"], name="case_worker_stage_idx"),
                   models.Index(fields=["supervisor", "stage"], name="case_supervisor_stage_idx"),
                   models.Index(fields=["organisation", "stage"], name="case_unit_stage_idx"),
                   models.Index(fields=["province_code", "received_at"], name="case_province_received_idx"),
                   models.Index(fields=["province_code", "closed_on"], name="case_province_closed_idx")]

    def __str__(self) -> str:
        return self.code

    @property
    def code(self) -> str:
        """Số hồ sơ: the unit's number of the year, then the unit's code ("0007/2026/UBND-31780")."""
        return f"{self.number:04d}/{self.year}/{self.organisation.code}" if self.organisation_id else ""

    @property
    def is_open(self) -> bool:
        return self.stage != Stage.CLOSED


class Subject(models.Model):
    """A person the case is about (đối tượng), from the registry; the first is the main one."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="subjects")
    person = models.ForeignKey(Person, verbose_name=_("người"), on_delete=models.PROTECT, related_name="case_subjects")
    main = models.BooleanField(_("đối tượng chính"), default=False)
    relation = models.CharField(_("quan hệ"), max_length=60, blank=True)

    class Meta:
        ordering = ["case", "-main", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "person"], name="case_subject_once"),
                       models.UniqueConstraint(fields=["case"], condition=Q(main=True), name="case_one_main_subject")]
        indexes = [models.Index(fields=["person"], name="case_subject_person_idx")]

    def __str__(self) -> str:
        return str(self.person)


class Deadline(models.Model):
    """A step whose time counts: due at `due_at`, met at `met_at` (None while outstanding). The overdue list and
    the workbench read this table alone, so they stay one indexed query for a province's 200,000 cases."""

    class Step(models.TextChoices):
        EMERGENCY = rules.EMERGENCY, _("Can thiệp khẩn cấp / tạm thời cách ly (12 giờ)")
        PLAN_DRAFT = rules.PLAN_DRAFT, _("Xây dựng kế hoạch (5 ngày làm việc)")
        PLAN_APPROVAL = rules.PLAN_APPROVAL, _("Phê duyệt kế hoạch (2 ngày làm việc)")
        SEPARATION_END = rules.SEPARATION_END, _("Kết thúc tạm thời cách ly (tối đa 15 ngày)")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="deadlines")
    step = models.CharField(_("việc"), max_length=16, choices=Step.choices)
    due_at = models.DateTimeField(_("hạn"))
    met_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    basis = models.CharField(_("căn cứ"), max_length=120)

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [models.Index(fields=["due_at"], condition=Q(met_at__isnull=True), name="case_deadline_open_idx"),
                   models.Index(fields=["case", "step"], name="case_deadline_case_idx")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.step} {self.due_at:%d/%m/%Y %H:%M}"


class Entry(models.Model):
    """One step recorded on the case (nhật ký ca): what was done, when and by whom, with its notes. Assessments,
    plans, services, referrals, closures each have their own rows too; the entries are the case's timeline."""

    class Kind(models.TextChoices):
        REPORT = "report", _("Tiếp nhận thông tin")
        INITIAL = "initial", _("Đánh giá ban đầu")
        EMERGENCY = "emergency", _("Can thiệp khẩn cấp")
        SEPARATION = "separation", _("Tạm thời cách ly")
        SEPARATION_END = "separation_end", _("Kết thúc cách ly")
        ASSESSMENT = "assessment", _("Đánh giá chi tiết, nhu cầu")
        PLAN = "plan", _("Xây dựng kế hoạch")
        APPROVAL = "approval", _("Phê duyệt kế hoạch")
        RETURN = "return", _("Trả lại kế hoạch")
        SERVICE = "service", _("Cung cấp dịch vụ")
        REFERRAL = "referral", _("Chuyển gửi")
        REVIEW = "review", _("Theo dõi, rà soát")
        RETURNED = "returned", _("Về gia đình, cộng đồng")
        CLOSURE = "closure", _("Đóng ca")
        REOPEN = "reopen", _("Mở lại ca")
        ASSIGN = "assign", _("Phân công")
        SHARE = "share", _("Chia sẻ")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(_("việc"), max_length=16, choices=Kind.choices)
    at = models.DateTimeField(_("thời điểm"))
    by = models.ForeignKey(_USER, verbose_name=_("người thực hiện"), null=True, on_delete=models.PROTECT,
                           related_name="+")
    note = models.TextField(_("nội dung"), blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=40, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["case", "at"], name="case_entry_case_at_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%d/%m/%Y %H:%M}"


class NeedArea(models.TextChoices):
    """Nhu cầu được đánh giá (TT 02/2020 Điều 5)."""

    HEALTH = "health", _("Sức khỏe")
    EDUCATION = "education", _("Giáo dục, việc làm")
    LIVELIHOOD = "livelihood", _("Sinh kế")
    FAMILY = "family", _("Quan hệ gia đình, xã hội")
    LIFE_SKILLS = "life_skills", _("Kỹ năng sống")
    COMMUNITY = "community", _("Tham gia cộng đồng")
    PSYCHOLOGY = "psychology", _("Tâm lý")
    OTHER = "other", _("Khác")


class Need(models.Model):
    """One area of a detailed assessment (NĐ 56 Mẫu 03; TT 02 Mẫu 02) and how pressing it is (0 none – 3 high)."""

    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="needs")
    area = models.CharField(_("lĩnh vực"), max_length=12, choices=NeedArea.choices)
    level = models.PositiveSmallIntegerField(_("mức độ nhu cầu"), choices=[(0, _("Không")), (1, _("Thấp")),
                                                                            (2, _("Trung bình")), (3, _("Cao"))])
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        ordering = ["entry", "id"]
        constraints = [models.UniqueConstraint(fields=["entry", "area"], name="case_need_once_per_area")]

    def __str__(self) -> str:
        return f"{self.get_area_display()}: {self.level}"


class Plan(models.Model):
    """A support or intervention plan (NĐ 56 Mẫu 04, approved on Mẫu 05; TT 02 Mẫu 03–04)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Chờ phê duyệt")
        APPROVED = "approved", _("Đã phê duyệt")
        RETURNED = "returned", _("Trả lại để sửa")
        SUPERSEDED = "superseded", _("Đã thay bằng kế hoạch mới")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="plans")
    number = models.PositiveSmallIntegerField(_("lần"))
    goals = models.TextField(pgettext_lazy("plan", "mục tiêu"))
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    drafted_at = models.DateTimeField(_("xây dựng lúc"))
    drafted_by = models.ForeignKey(_USER, null=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("phê duyệt lúc"), null=True, blank=True)
    decided_by = models.ForeignKey(_USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decision_number = models.CharField(_("số quyết định phê duyệt"), max_length=40, blank=True)

    class Meta:
        ordering = ["case", "number"]
        constraints = [models.UniqueConstraint(fields=["case", "number"], name="case_plan_number")]

    def __str__(self) -> str:
        return f"Kế hoạch lần {self.number}"


class PlanItem(models.Model):
    """One activity of a plan: the service, from when to when, who is responsible, who provides it, its budget."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="items")
    service = models.CharField(_("hoạt động, dịch vụ"), max_length=255)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"))
    responsible = models.CharField(_("người chịu trách nhiệm"), max_length=120)
    provider = models.CharField(_("đơn vị cung cấp"), max_length=255, blank=True)
    budget = models.DecimalField(_("kinh phí (đồng)"), max_digits=14, decimal_places=0, default=0)

    class Meta:
        ordering = ["plan", "start_date", "id"]
        constraints = [models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")),
                                              name="case_plan_item_ends_after_start"),
                       models.CheckConstraint(condition=Q(budget__gte=0), name="case_plan_item_budget_not_negative")]

    def __str__(self) -> str:
        return self.service


class ServiceKind(models.TextChoices):
    COUNSELLING = "counselling", _("Tư vấn, tham vấn")
    PSYCHOSOCIAL = "psychosocial", _("Hỗ trợ tâm lý")
    HEALTH = "health", _("Chăm sóc y tế")
    EDUCATION = "education", _("Hỗ trợ học tập")
    LEGAL = "legal", _("Trợ giúp pháp lý")
    SHELTER = "shelter", _("Chỗ ở tạm thời, nuôi dưỡng")
    MATERIAL = "material", _("Hỗ trợ vật chất, tiền mặt")
    FAMILY = "family", _("Hỗ trợ gia đình, chăm sóc thay thế")
    VOCATIONAL = "vocational", _("Học nghề, việc làm")
    OTHER = "other", _("Khác")


class Service(models.Model):
    """A service given under the case (biên bản cung cấp dịch vụ)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="services")
    kind = models.CharField(_("loại dịch vụ"), max_length=12, choices=ServiceKind.choices)
    given_on = models.DateField(_("ngày"))
    provider = models.CharField(_("đơn vị, người cung cấp"), max_length=255, blank=True)
    cost = models.DecimalField(_("chi phí (đồng)"), max_digits=14, decimal_places=0, default=0)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    created_by = models.ForeignKey(_USER, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["case", "given_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(cost__gte=0), name="case_service_cost_not_negative")]
        indexes = [models.Index(fields=["given_on"], name="case_service_given_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.given_on:%d/%m/%Y}"


class Referral(models.Model):
    """A referral (chuyển gửi) to another organisation, with the consent TT 02/2020 Điều 9 asks: the person's (or
    their family's or guardian's), and the head of the unit's or the commune chairman's. The receiving unit
    accepts — naming its worker, who then sees this case and no other — or refuses with a reason."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ tiếp nhận")
        ACCEPTED = "accepted", pgettext_lazy("referral", "Đã tiếp nhận")
        REFUSED = "refused", _("Từ chối")

    class Consenter(models.TextChoices):
        SELF = "self", _("Bản thân đối tượng")
        PARENT = "parent", _("Cha, mẹ")
        GUARDIAN = "guardian", _("Người giám hộ, người chăm sóc")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="referrals")
    to = models.ForeignKey(Organisation, verbose_name=_("chuyển đến"), on_delete=models.PROTECT,
                           related_name="referrals_in")
    reason = models.CharField(_("lý do, dịch vụ cần"), max_length=255)
    consent_by = models.CharField(_("người đồng ý"), max_length=8, choices=Consenter.choices)
    consent_name = models.CharField(_("họ tên người đồng ý"), max_length=120)
    consent_on = models.DateField(_("ngày đồng ý"))
    head_consent = models.BooleanField(_("thủ trưởng đơn vị / Chủ tịch UBND xã đồng ý"))
    status = models.CharField(_("trạng thái"), max_length=8, choices=Status.choices, default=Status.PENDING)
    receiving_worker = models.ForeignKey(_USER, verbose_name=_("người tiếp nhận"), null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="+")
    responded_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    response_note = models.CharField(_("ghi chú trả lời"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(_USER, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["to", "status"], name="case_referral_to_idx"),
                   models.Index(fields=["receiving_worker", "status"], name="case_referral_worker_idx")]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.to}"


class CaseShare(models.Model):
    """The case shared with one more user (a commune chairman who approves, a colleague who covers), until
    revoked."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="shares")
    user = models.ForeignKey(_USER, verbose_name=_("người được chia sẻ"), on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("lý do"), max_length=255)
    shared_by = models.ForeignKey(_USER, null=True, on_delete=models.PROTECT, related_name="+")
    shared_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["case", "shared_at"]
        constraints = [models.UniqueConstraint(fields=["case", "user"], condition=Q(revoked_at__isnull=True),
                                               name="case_share_once")]
        indexes = [models.Index(fields=["user"], condition=Q(revoked_at__isnull=True), name="case_share_user_idx")]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.user_id}"


# --- children in special circumstances ---------------------------------------------------------------


class ChildGroup(models.TextChoices):
    """Nhóm trẻ em có hoàn cảnh đặc biệt: Luật Trẻ em 2016 Điều 10 k.1 (a–o), and the groups the provinces' plans
    name that the law lists differently (x1–x3)."""

    ORPHAN = "a", _("a) Mồ côi cả cha và mẹ")
    ABANDONED = "b", _("b) Bị bỏ rơi")
    NO_SUPPORT = "c", _("c) Không nơi nương tựa")
    DISABLED = "d", _("d) Khuyết tật")
    HIV = "dd", _("đ) Nhiễm HIV/AIDS")
    OFFENDER = "e", _("e) Vi phạm pháp luật")
    DRUGS = "g", _("g) Nghiện ma túy")
    DROPOUT = "h", _("h) Bỏ học kiếm sống chưa hoàn thành phổ cập THCS")
    VIOLENCE = "i", _("i) Bị tổn hại nghiêm trọng về thể chất và tinh thần do bị bạo lực")
    EXPLOITED = "k", _("k) Bị bóc lột")
    SEXUAL_ABUSE = "l", _("l) Bị xâm hại tình dục")
    TRAFFICKED = "m", _("m) Bị mua bán")
    ILL = "n", _("n) Mắc bệnh hiểm nghèo, bệnh phải điều trị dài ngày thuộc hộ nghèo, cận nghèo")
    MIGRANT = "o", _("o) Di cư, lánh nạn, tị nạn chưa xác định được cha mẹ hoặc không có người chăm sóc")
    TOXIC = "x1", _("Nạn nhân chất độc hóa học (theo kế hoạch)")
    SEVERE_DISABILITY = "x2", _("Khuyết tật nặng, đặc biệt nặng (theo kế hoạch)")
    DISASTER = "x3", _("Bị ảnh hưởng bởi thiên tai, dịch bệnh (theo kế hoạch)")


# Never in a list, an export or a count by name (NĐ 356/2025 Điều 4: health, private life; NĐ 56/2017 Điều 33).
SENSITIVE_GROUPS = frozenset({ChildGroup.HIV, ChildGroup.OFFENDER, ChildGroup.DRUGS, ChildGroup.VIOLENCE,
                              ChildGroup.EXPLOITED, ChildGroup.SEXUAL_ABUSE, ChildGroup.TRAFFICKED})
# the groups of the plans' indicator "… được trợ giúp xã hội và dịch vụ công tác xã hội" (seeds: Cà Mau, Đồng Nai)
PRIORITY_GROUPS = (ChildGroup.ORPHAN, ChildGroup.NO_SUPPORT, ChildGroup.ABANDONED, ChildGroup.HIV, ChildGroup.TOXIC,
                   ChildGroup.SEVERE_DISABILITY, ChildGroup.DISASTER)


# a child's records are seen where the child is registered
CHILD_SCOPE = Scope(view=CHILDREN_VIEW, actions={"change": CHILDREN_CHANGE}, commune_field="person__commune",
                    province_field="person__province_code", outside="Trẻ em này nằm ngoài địa bàn bạn quản lý.")


class Circumstance(models.Model):
    """A child in one group of special circumstances from `since` until `until` (the last day; open when none)."""

    person = models.ForeignKey(Person, verbose_name=_("trẻ em"), on_delete=models.PROTECT, related_name="circumstances")
    group = models.CharField(_("nhóm"), max_length=2, choices=ChildGroup.choices)
    since = models.DateField(_("từ ngày"))
    until = models.DateField(_("đến ngày"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(_USER, null=True, on_delete=models.PROTECT, related_name="+", db_index=False)

    scope = CHILD_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("hoàn cảnh đặc biệt của trẻ em")
        verbose_name_plural = pgettext_lazy("plural", "hoàn cảnh đặc biệt của trẻ em")
        ordering = ["person", "group", "since"]
        constraints = [
            models.UniqueConstraint(fields=["person", "group"], condition=Q(until__isnull=True),
                                    name="circumstance_one_open_per_group"),
            models.CheckConstraint(condition=Q(until__isnull=True) | Q(until__gte=models.F("since")),
                                   name="circumstance_ends_after_start"),
        ]
        indexes = [models.Index(fields=["group", "since"], name="circumstance_group_idx")]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_group_display()}"


class Support(models.Model):
    """Assistance or a service a child received outside a case and outside the allowances already in the system
    (a gift, a scholarship, health insurance, counselling at school…)."""

    class Kind(models.TextChoices):
        ALLOWANCE = "allowance", _("Trợ cấp, trợ giúp bằng tiền")
        IN_KIND = "in_kind", _("Hiện vật, học bổng")
        HEALTH_INSURANCE = "health_insurance", _("Thẻ bảo hiểm y tế")
        SOCIAL_WORK = "social_work", _("Dịch vụ công tác xã hội")
        CARE = "care", _("Chăm sóc thay thế, nuôi dưỡng")
        OTHER = "other", _("Khác")

    person = models.ForeignKey(Person, verbose_name=_("trẻ em"), on_delete=models.PROTECT, related_name="supports")
    kind = models.CharField(_("loại hỗ trợ"), max_length=16, choices=Kind.choices)
    given_on = models.DateField(_("ngày"))
    provider = models.CharField(_("đơn vị hỗ trợ"), max_length=255)
    amount = models.DecimalField(_("giá trị (đồng)"), max_digits=14, decimal_places=0, default=0)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(_USER, null=True, on_delete=models.PROTECT, related_name="+", db_index=False)

    scope = CHILD_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("hỗ trợ trẻ em")
        verbose_name_plural = pgettext_lazy("plural", "hỗ trợ trẻ em")
        ordering = ["person", "-given_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="support_amount_not_negative")]
        indexes = [models.Index(fields=["person", "given_on"], name="support_person_given_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.given_on:%d/%m/%Y}"
