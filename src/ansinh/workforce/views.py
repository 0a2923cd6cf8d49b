"""Pages of the workforce: declarations on the generic scoped views, and the dashboard of its indicators."""

import datetime

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ansinh.audit.selectors import history_of
from ansinh.core import indicators
from ansinh.core.access import can
from ansinh.core.charts import bar_chart
from ansinh.core.exceptions import DomainError
from ansinh.core.generic import Export, ScopedDetailView, ScopedListView, ServiceFormView
from ansinh.core.web import posted, require
from ansinh.facilities.indicators import PROVIDING, STAFFING, STANDARDS
from ansinh.registry.selectors import person_by_citizen_id

from . import rules, selectors, services
from .access import WORKFORCE_CHANGE, WORKFORCE_VIEW
from .exports import COURSE_COLUMNS, POSITION_COLUMNS
from .filters import CourseFilterSet, PositionFilterSet
from .forms import (
    AllowanceForm,
    AttendanceForm,
    CertificateForm,
    CompleteForm,
    CourseForm,
    IndicatorForm,
    PositionEndForm,
    PositionForm,
    QualificationForm,
    TargetForm,
)
from .indicators import STAFFED, STAFFED_TWO, TRAINED_COUNT, TRAINED_SHARE, base_salary_on

DASHBOARD = (STAFFED, STAFFED_TWO, PROVIDING, STANDARDS, STAFFING, TRAINED_SHARE, TRAINED_COUNT)


# --- positions ----------------------------------------------------------------------------------------


class PositionList(ScopedListView):
    access = WORKFORCE_VIEW
    filterset_class = PositionFilterSet
    template_name = "workforce/position_list.html"
    table_template = "workforce/_position_table.html"
    table_id = "position-results"
    source = selectors.positions
    export = Export(columns=POSITION_COLUMNS, filename="nhan-luc-ctxh", what="workforce.position",
                    url_name="workforce:position_export", sheet="Nhân lực CTXH")

    def get_context_data(self, **context):
        day = context["filter"].form.cleaned_data.get("on") if context["filter"].is_bound and \
            context["filter"].is_valid() else None
        day = day or datetime.date.today()
        return {**context, "base_salary": base_salary_on(day), "base_day": day}


class PositionCreate(ServiceFormView):
    access = WORKFORCE_CHANGE
    form_class = PositionForm
    template_name = "workforce/position_form.html"

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_initial(self):
        return {"organisation": self.request.GET.get("organisation"), "start_date": datetime.date.today()}

    def perform(self, form):
        data = dict(form.cleaned_data)
        try:
            person = person_by_citizen_id(user=self.request.user, citizen_id=data.pop("citizen_id"))
            return services.position_create(user=self.request.user, person=person, **data)
        except DomainError as exc:
            if exc.field == "person":
                raise DomainError(exc.message, field="citizen_id") from None
            raise

    def success_text(self, position):
        return _("Đã ghi %(name)s làm công tác xã hội tại %(org)s.") % {
            "name": position.person.full_name, "org": position.organisation.name}

    def success(self, position):
        return redirect("workforce:position_detail", pk=position.pk)


class PositionDetail(ScopedDetailView):
    access = WORKFORCE_VIEW
    template_name = "workforce/position_detail.html"
    read = selectors.access_position
    context_object_name = "position"

    def get_context_data(self, **context):
        position = context["position"]
        today = datetime.date.today()
        base = base_salary_on(today)
        chain = list(selectors.positions(user=self.request.user).filter(
            person=position.person, organisation=position.organisation).order_by("start_date"))
        qualifications, certificates = selectors.person_qualifications(user=self.request.user, person=position.person)
        return {**context, "chain": chain, "base_salary": base, "qualifications": qualifications,
                "certificates": certificates, "qualification_form": QualificationForm(prefix="q"),
                "certificate_form": CertificateForm(prefix="c"),
                "can_add": can(self.request.user, WORKFORCE_CHANGE),
                "below": base is not None and not rules.meets_base_salary(position.monthly_allowance, base),
                "can_change": can(self.request.user, WORKFORCE_CHANGE) and position.end_date is None,
                "end_form": PositionEndForm(initial={"version": position.version, "end_date": today}),
                "allowance_form": AllowanceForm(initial={"version": position.version, "from_date": today,
                                                         "monthly_allowance": position.monthly_allowance}),
                "history": history_of(user=self.request.user, instance=position)[:50]}


def _position_form_post(request, pk: int, form_class, perform, done: str, prefix: str | None = None):
    """A form of the position's page: `perform(position, data)` gives the position to show next."""
    position = selectors.access_position(request.user, pk, "change")
    return posted(request, form_class(request.POST, prefix=prefix), lambda data: perform(position, data), done=done,
                  back=reverse("workforce:position_detail", args=[pk]),
                  after=lambda result: reverse("workforce:position_detail", args=[result.pk]))


@require_POST
@require(WORKFORCE_CHANGE)
def position_end(request, pk: int):
    return _position_form_post(request, pk, PositionEndForm, lambda position, data: services.position_end(
        user=request.user, position=position, end_date=data["end_date"], reason=data["end_reason"],
        expected_version=data["version"]), _("Đã ghi ngày kết thúc."))


@require_POST
@require(WORKFORCE_CHANGE)
def position_allowance(request, pk: int):
    return _position_form_post(request, pk, AllowanceForm, lambda position, data: services.position_change_allowance(
        user=request.user, position=position, monthly_allowance=data["monthly_allowance"],
        from_date=data["from_date"], basis=data["basis"], expected_version=data["version"]),
        _("Đã ghi phụ cấp mới."))


@require_POST
@require(WORKFORCE_CHANGE)
def qualification_add(request, pk: int):
    def perform(position, data):
        services.qualification_add(user=request.user, person=position.person, **data)
        return position
    return _position_form_post(request, pk, QualificationForm, perform, _("Đã ghi trình độ."), prefix="q")


@require_POST
@require(WORKFORCE_CHANGE)
def certificate_add(request, pk: int):
    def perform(position, data):
        services.certificate_add(user=request.user, person=position.person, **data)
        return position
    return _position_form_post(request, pk, CertificateForm, perform, _("Đã ghi chứng chỉ hành nghề."), prefix="c")


# --- training -----------------------------------------------------------------------------------------


class CourseList(ScopedListView):
    access = WORKFORCE_VIEW
    filterset_class = CourseFilterSet
    template_name = "workforce/course_list.html"
    source = selectors.courses
    export = Export(columns=COURSE_COLUMNS, filename="khoa-dao-tao", what="workforce.course",
                    url_name="workforce:course_export", sheet="Khóa đào tạo")


class CourseCreate(ServiceFormView):
    access = WORKFORCE_CHANGE
    form_class = CourseForm
    template_name = "workforce/course_form.html"

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form):
        return services.course_create(user=self.request.user, **form.cleaned_data)

    def success_text(self, course):
        return _("Đã thêm khóa %(title)s.") % {"title": course.title}

    def success(self, course):
        return redirect("workforce:course_detail", pk=course.pk)


class CourseDetail(ServiceFormView):
    """A course, its attendance in the user's jurisdiction, and the form adding a person to it."""

    access = WORKFORCE_VIEW
    write_access = WORKFORCE_CHANGE
    form_class = AttendanceForm
    template_name = "workforce/course_detail.html"

    def load(self):
        self.course = selectors.access_course(self.request.user, self.kwargs["pk"])

    def get_context_data(self, **context):
        return {**context, "course": self.course, "today": datetime.date.today(),
                "attendance": selectors.course_attendance(user=self.request.user, course=self.course),
                "can_change": can(self.request.user, WORKFORCE_CHANGE)}

    def perform(self, form):
        data = dict(form.cleaned_data)
        try:
            person = person_by_citizen_id(user=self.request.user, citizen_id=data.pop("citizen_id"))
            return services.attendance_record(user=self.request.user, course=self.course, person=person, **data)
        except DomainError as exc:
            if exc.field == "person":
                raise DomainError(exc.message, field="citizen_id") from None
            raise

    def success_text(self, attendance):
        return _("Đã thêm %(name)s vào khóa.") % {"name": attendance.person.full_name}

    def success(self, attendance):
        return redirect("workforce:course_detail", pk=self.course.pk)


@require_POST
@require(WORKFORCE_CHANGE)
def attendance_complete(request, pk: int):
    attendance = selectors.access_attendance(request.user, pk, "change")
    return posted(request, CompleteForm(request.POST), lambda data: services.attendance_complete(
        user=request.user, attendance=attendance, completed_on=data["completed_on"]), done=_("Đã ghi hoàn thành."),
        back=reverse("workforce:course_detail", args=[attendance.course_id]))


# --- the dashboard ------------------------------------------------------------------------------------


def _figures(request, day, start, commune):
    """Each indicator of the dashboard for the user: total, by commune, and a chart where one helps."""
    figures = []
    names = {}
    for code in DASHBOARD:
        indicator = indicators.get(code)
        if indicator is None or not can(request.user, indicator.capability):
            continue
        result = indicators.compute(indicator, user=request.user, day=day, start=start,
                                    commune_id=commune.pk if commune else None)
        figures.append(result)
        names.update({pk: name for pk, (_code, name) in indicators.commune_names(result.by_commune).items()})
    return figures, names


BANDS = (gettext_lazy("0%"), gettext_lazy("Dưới 60%"), gettext_lazy("60% – dưới 90%"),
         gettext_lazy("Từ 90% (mục tiêu 2030)"))


def _band(share: float) -> int:
    return 0 if share == 0 else 1 if share < 60 else 2 if share < 90 else 3


def band_counts(result) -> list[int]:
    """How many communes stand in each band of the share (communes with no denominator left out)."""
    counts = [0] * len(BANDS)
    for numerator, denominator in result.by_commune.values():
        if denominator:
            counts[_band(100 * numerator / denominator)] += 1
    return counts


def _bands_chart(result, title: str):
    """The communes by band of the share, the plans' 2030 target (90%) the last: where the province stands, and
    how many communes are far from it."""
    counts = band_counts(result)
    if sum(counts) < 2:
        return None
    return bar_chart(title=title, labels=[str(label) for label in BANDS], series={_("Số xã/phường"): counts},
                     horizontal=True, height=260, width=680)


@require(WORKFORCE_VIEW)
def dashboard(request):
    form = IndicatorForm(request.GET or None, user=request.user)
    day, start, commune = form.period()
    if not form.is_bound:  # the inputs show the day and the period computed
        form = IndicatorForm(user=request.user, initial={"day": day, "start": start})
    figures, names = _figures(request, day, start, commune)
    by_code = {result.indicator.code: result for result in figures}
    year_target = selectors.targets(user=request.user).filter(year=day.year).first()
    unit = getattr(request.user, "jurisdiction", None)
    chart = None
    if STAFFED in by_code and commune is None:
        chart = _bands_chart(by_code[STAFFED], _("Xã/phường theo tỷ lệ cơ quan, cơ sở có người làm CTXH"))
    trained = by_code.get(TRAINED_COUNT)
    target_chart = None
    if trained is not None and year_target is not None and commune is None:
        target_chart = bar_chart(title=_("Đào tạo, bồi dưỡng năm %(year)s") % {"year": day.year},
                                 labels=[_("Chỉ tiêu"), _("Đã hoàn thành")],
                                 series={_("Lượt người"): [year_target.places, trained.numerator]},
                                 horizontal=True, height=200, width=480)
    rows = [(names.get(c, "?"), c, [r.by_commune.get(c) for r in figures])
            for c in sorted({c for r in figures for c in r.by_commune}, key=lambda c: names.get(c, ""))]
    query = request.GET.urlencode()
    return render(request, "workforce/dashboard.html", {
        "form": form, "day": day, "start": start, "commune": commune, "figures": figures, "rows": rows,
        "chart": chart, "target_chart": target_chart, "year_target": year_target, "query": query,
        "base_salary": base_salary_on(day),
        "can_set_target": can(request.user, WORKFORCE_CHANGE) and (unit is None or unit.level == "province"),
        "target_form": TargetForm(initial={"year": day.year}),
    })


@require_POST
@require(WORKFORCE_CHANGE)
def target_set(request):
    return posted(request, TargetForm(request.POST), lambda data: services.target_set(
        user=request.user, province_code=request.POST.get("province_code", ""), **data),
        done=_("Đã ghi chỉ tiêu đào tạo."), back=reverse("workforce:dashboard"))
