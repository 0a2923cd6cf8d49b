"""The social-work workforce: positions held by registry persons at organisations of the network (who,
where, as what, with what monthly allowance, from when to when), training courses and who completed them,
and the yearly training targets of the plans (QĐ 112/QĐ-TTg and the provinces' plans to 2030)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ansinh.core.access import Scope, ScopedQuerySet, can
from ansinh.facilities.models import Organisation
from ansinh.geo.models import AdministrativeUnit
from ansinh.registry.models import Person

from .access import WORKFORCE_CHANGE, WORKFORCE_VIEW


class Title(models.TextChoices):
    """Chức danh: how the person is employed."""

    CADRE = "can_bo", _("Cán bộ")
    CIVIL_SERVANT = "cong_chuc", _("Công chức")
    PUBLIC_EMPLOYEE = "vien_chuc", _("Viên chức")
    EMPLOYEE = "nhan_vien", _("Nhân viên (hợp đồng lao động)")
    COLLABORATOR = "cong_tac_vien", _("Cộng tác viên")


class Grade(models.TextChoices):
    """Chức danh nghề nghiệp viên chức công tác xã hội (TTLT 30/2015/TTLT-BLĐTBXH-BNV; hạng I: UNVERIFIED,
    LEGAL_FACTS §5)."""

    GRADE_1 = "V.09.04.04", _("V.09.04.04 — Công tác xã hội viên hạng I")
    GRADE_2 = "V.09.04.01", _("V.09.04.01 — Công tác xã hội viên chính (hạng II)")
    GRADE_3 = "V.09.04.02", _("V.09.04.02 — Công tác xã hội viên (hạng III)")
    GRADE_4 = "V.09.04.03", _("V.09.04.03 — Nhân viên công tác xã hội (hạng IV)")


class Engagement(models.TextChoices):
    FULL_TIME = "full_time", _("Chuyên trách")
    PART_TIME = "part_time", _("Kiêm nhiệm")
    COLLABORATOR = "collaborator", _("Cộng tác viên")


POSITION_OUTSIDE = "Vị trí này thuộc cơ quan, cơ sở nằm ngoài địa bàn bạn quản lý."


class Position(models.Model):
    """A registry person doing social work at an organisation from `start_date` to `end_date` (the last day;
    open when none), with one monthly allowance (phụ cấp hằng tháng). A new allowance ends the position the
    day before and opens the next one, so every past day keeps the allowance it had."""

    person = models.ForeignKey(Person, verbose_name=_("người"), on_delete=models.PROTECT, related_name="sw_positions")
    organisation = models.ForeignKey(Organisation, verbose_name=_("cơ quan, cơ sở"), on_delete=models.PROTECT,
                                     related_name="sw_positions")
    job = models.CharField(_("vị trí việc làm"), max_length=120, blank=True)
    title = models.CharField(_("chức danh"), max_length=16, choices=Title.choices)
    grade = models.CharField(_("mã chức danh nghề nghiệp"), max_length=10, choices=Grade.choices, blank=True)
    engagement = models.CharField(_("hình thức"), max_length=12, choices=Engagement.choices)
    monthly_allowance = models.DecimalField(_("phụ cấp hằng tháng (đồng)"), max_digits=12, decimal_places=0)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    end_reason = models.CharField(_("lý do kết thúc"), max_length=255, blank=True)
    previous = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="next",
                                    editable=False)  # the period before a change of allowance
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", editable=False, db_index=False)

    # seen by whoever sees the organisation (where it is today)
    scope = Scope(view=WORKFORCE_VIEW, actions={"change": WORKFORCE_CHANGE}, commune_field="organisation__commune",
                  province_field="organisation__province_code", outside=POSITION_OUTSIDE)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("vị trí công tác xã hội")
        verbose_name_plural = pgettext_lazy("plural", "vị trí công tác xã hội")
        ordering = ["organisation", "-start_date", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(monthly_allowance__gte=0), name="position_allowance_not_negative"),
            models.CheckConstraint(condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                                   name="position_ends_after_start"),
        ]
        indexes = [models.Index(fields=["organisation", "start_date"], name="position_org_start_idx"),
                   models.Index(fields=["person", "start_date"], name="position_person_start_idx")]

    def __str__(self) -> str:
        return f"{self.person} — {self.organisation} ({self.start_date:%d/%m/%Y})"


class CourseKind(models.TextChoices):
    DEGREE = "degree", _("Đào tạo có văn bằng (trung cấp đến tiến sĩ)")
    IN_DEPTH = "in_depth", _("Bồi dưỡng chuyên sâu")
    SHORT = "short", _("Tập huấn ngắn hạn")


class Funding(models.TextChoices):
    CENTRAL = "central", _("Ngân sách trung ương")
    LOCAL = "local", _("Ngân sách địa phương")
    PROGRAMME = "programme", _("Chương trình mục tiêu, dự án")
    DONOR = "donor", _("Tài trợ, xã hội hóa")
    OTHER = "other", _("Khác")


class CourseQuerySet(ScopedQuerySet):
    def visible_to(self, user, action: str = "view"):
        """A province's courses are seen in the whole province; a commune's own course in that commune."""
        if not can(user, Course.scope.capability(action)):
            return self.none()
        unit = getattr(user, "jurisdiction", None)
        if unit is None:
            return self.all()
        if unit.level == "commune":
            if action != "view":
                return self.filter(commune=unit)
            return self.filter(Q(commune=unit) | Q(commune__isnull=True, province_code=unit.province_code))
        return self.filter(province_code=unit.province_code)


class Course(models.Model):
    """A course or training event (khóa đào tạo, bồi dưỡng, tập huấn) in social work."""

    title = models.CharField(_("tên khóa"), max_length=255)
    kind = models.CharField(_("loại"), max_length=10, choices=CourseKind.choices)
    organiser = models.CharField(_("đơn vị tổ chức"), max_length=255)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"))
    funding = models.CharField(_("nguồn kinh phí"), max_length=10, choices=Funding.choices)
    amount = models.DecimalField(_("kinh phí (đồng)"), max_digits=15, decimal_places=0, default=0)
    province_code = models.CharField(_("mã tỉnh"), max_length=3)
    commune = models.ForeignKey(AdministrativeUnit, verbose_name=_("xã/phường (khóa của xã)"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", editable=False, db_index=False)

    scope = Scope(view=WORKFORCE_VIEW, actions={"change": WORKFORCE_CHANGE},
                  outside="Khóa đào tạo này nằm ngoài địa bàn bạn quản lý.")
    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = _("khóa đào tạo, tập huấn")
        verbose_name_plural = pgettext_lazy("plural", "khóa đào tạo, tập huấn")
        ordering = ["-start_date", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="course_amount_not_negative"),
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="course_ends_after_start"),
        ]
        indexes = [models.Index(fields=["province_code", "start_date"], name="course_prov_start_idx")]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    """A person on a course; `completed_on` the day they completed it (none while attending or when not)."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="attendance")
    person = models.ForeignKey(Person, verbose_name=_("người"), on_delete=models.PROTECT, related_name="trainings")
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    # a person's training is seen where the person is registered
    scope = Scope(view=WORKFORCE_VIEW, actions={"change": WORKFORCE_CHANGE}, commune_field="person__commune",
                  province_field="person__province_code", outside="Người này nằm ngoài địa bàn bạn quản lý.")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("người học")
        verbose_name_plural = pgettext_lazy("plural", "người học")
        ordering = ["course", "id"]
        constraints = [models.UniqueConstraint(fields=["course", "person"], name="attendance_once_per_course")]
        indexes = [models.Index(fields=["person", "completed_on"], name="attendance_person_done_idx"),
                   models.Index(fields=["completed_on"], name="attendance_done_idx")]

    def __str__(self) -> str:
        return f"{self.person} — {self.course}"


class TargetQuerySet(ScopedQuerySet):
    def visible_to(self, user, action: str = "view"):
        if not can(user, TrainingTarget.scope.capability(action)):
            return self.none()
        unit = getattr(user, "jurisdiction", None)
        if unit is None:
            return self.all()
        if action != "view" and unit.level == "commune":
            return self.none()  # a province sets its own targets
        return self.filter(province_code=unit.province_code)


class TrainingTarget(models.Model):
    """How many people a province's plan says to train in social work in a year (e.g. 62/KH-UBND Cà Mau)."""

    province_code = models.CharField(_("mã tỉnh"), max_length=3)
    year = models.PositiveSmallIntegerField(_("năm"))
    places = models.PositiveIntegerField(_("số lượt người"))
    basis = models.CharField(_("căn cứ"), max_length=255)

    scope = Scope(view=WORKFORCE_VIEW, actions={"change": WORKFORCE_CHANGE})
    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("chỉ tiêu đào tạo")
        verbose_name_plural = pgettext_lazy("plural", "chỉ tiêu đào tạo")
        ordering = ["province_code", "year"]
        constraints = [models.UniqueConstraint(fields=["province_code", "year"], name="training_target_once_a_year")]

    def __str__(self) -> str:
        return f"{self.province_code} {self.year}: {self.places}"


class Level(models.TextChoices):
    """Trình độ đào tạo."""

    INTERMEDIATE = "trung_cap", _("Trung cấp")
    COLLEGE = "cao_dang", _("Cao đẳng")
    BACHELOR = "dai_hoc", _("Đại học")
    MASTER = "thac_si", _("Thạc sĩ")
    DOCTORATE = "tien_si", _("Tiến sĩ")
    CERTIFICATE = "chung_chi", _("Chứng chỉ bồi dưỡng (người có bằng ngành khác)")


class Qualification(models.Model):
    """A person's qualification: in social work, or in another field with a social-work certificate."""

    person = models.ForeignKey(Person, verbose_name=_("người"), on_delete=models.PROTECT,
                               related_name="sw_qualifications")
    level = models.CharField(_("trình độ"), max_length=10, choices=Level.choices)
    social_work = models.BooleanField(_("ngành công tác xã hội"), default=True)
    field = models.CharField(_("ngành đào tạo"), max_length=120, blank=True)
    institution = models.CharField(_("cơ sở đào tạo"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("năm tốt nghiệp, cấp"))
    created_at = models.DateTimeField(auto_now_add=True)

    scope = Scope(view=WORKFORCE_VIEW, actions={"change": WORKFORCE_CHANGE}, commune_field="person__commune",
                  province_field="person__province_code", outside="Người này nằm ngoài địa bàn bạn quản lý.")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("trình độ")
        verbose_name_plural = pgettext_lazy("plural", "trình độ")
        ordering = ["person", "-year", "id"]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.field or 'công tác xã hội'} ({self.year})"


class PracticeCertificate(models.Model):
    """Giấy chứng nhận đăng ký hành nghề công tác xã hội (NĐ 110/2024/NĐ-CP), issued by the province's
    health department since 2025."""

    person = models.ForeignKey(Person, verbose_name=_("người"), on_delete=models.PROTECT,
                               related_name="sw_certificates")
    number = models.CharField(_("số"), max_length=40, unique=True)
    issued_on = models.DateField(_("ngày cấp"))
    issuer = models.CharField(_("nơi cấp"), max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    scope = Scope(view=WORKFORCE_VIEW, actions={"change": WORKFORCE_CHANGE}, commune_field="person__commune",
                  province_field="person__province_code", outside="Người này nằm ngoài địa bàn bạn quản lý.")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("chứng chỉ hành nghề công tác xã hội")
        verbose_name_plural = pgettext_lazy("plural", "chứng chỉ hành nghề công tác xã hội")
        ordering = ["person", "-issued_on"]

    def __str__(self) -> str:
        return f"{self.number} ({self.issued_on:%d/%m/%Y})"
