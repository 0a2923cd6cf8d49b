"""Demo periodic reports on Cà Mau's plan 62/KH-UBND, written through the monitoring app's own services: for the
last half-year whose deadline has passed, xa1's commune report approved by the province, xa2's returned with the
province's comments, the province's own report being consolidated; for the current year, xa1's report started."""

import datetime

from django.utils import timezone

from ansinh.accounts.models import User
from ansinh.monitoring import selectors, services
from ansinh.monitoring.models import Plan, Report

NARRATIVE = ("Ủy ban nhân dân xã đã phổ biến Kế hoạch đến các ấp; rà soát, cập nhật đối tượng bảo trợ xã hội trên hệ "
             "thống An Sinh; phối hợp với Trung tâm Công tác xã hội tỉnh tư vấn, hỗ trợ người có hoàn cảnh khó khăn.\n"
             "Đã kiện toàn đội ngũ cộng tác viên công tác xã hội tại các ấp và tham gia tập huấn của tỉnh.")


def _figures(report, share=(7, 10), count=12) -> dict[int, dict]:
    """Plausible figures for the targets the system does not compute."""
    return {line.position: ({"numerator": share[0], "denominator": share[1]} if line.share else {"numerator": count})
            for line in report.lines.all() if not line.computed}


def seed(*, today: datetime.date) -> dict[str, int]:
    plan = Plan.objects.filter(province_code="96", number="62/KH-UBND").first()
    if plan is None:
        return {"reports": 0}
    users = {u.username: u for u in User.objects.filter(username__in=["tinh", "xa1", "xa2"])}
    half = f"{today.year}-H1" if today.month >= 7 else f"{today.year - 1}-H1"
    made = 0
    approved = services.report_prepare(user=users["xa1"], plan=plan, period=half, today=today)
    approved = services.report_save(user=users["xa1"], report=approved, version=approved.version, today=today,
                                    narrative=NARRATIVE, difficulties="Cộng tác viên ở ấp còn kiêm nhiệm nhiều việc.",
                                    proposals="Đề nghị tỉnh mở thêm lớp tập huấn quản lý ca.",
                                    figures=_figures(approved))
    approved = services.report_submit(user=users["xa1"], report=approved, version=approved.version, today=today)
    services.report_approve(user=users["tinh"], report=approved, version=approved.version)
    returned = services.report_prepare(user=users["xa2"], plan=plan, period=half, today=today)
    returned = services.report_save(user=users["xa2"], report=returned, version=returned.version, today=today,
                                    narrative="Đã triển khai Kế hoạch.", figures=_figures(returned, (3, 10), 4))
    returned = services.report_submit(user=users["xa2"], report=returned, version=returned.version, today=today)
    services.report_return(user=users["tinh"], report=returned, version=returned.version,
                           comment="Đề nghị bổ sung kết quả tư vấn, hỗ trợ và số cộng tác viên của từng ấp.")
    # as they were handed in: xa1 two days before the deadline, xa2 two days after it, returned a week later
    due = approved.due_on or today

    def at(day: datetime.date):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))
    Report.objects.filter(pk=approved.pk).update(submitted_at=at(due - datetime.timedelta(days=2)),
                                                 reviewed_at=at(due + datetime.timedelta(days=3)))
    Report.objects.filter(pk=returned.pk).update(submitted_at=at(due + datetime.timedelta(days=2)),
                                                 reviewed_at=at(due + datetime.timedelta(days=9)))
    services.report_prepare(user=users["tinh"], plan=plan, period=half, today=today)
    services.report_prepare(user=users["xa1"], plan=plan, period=str(today.year), today=today)
    made += 4
    _tasks(users["tinh"], today)
    return {"reports": made}


def _tasks(officer, today: datetime.date) -> None:
    """Where the tasks of 113/KH-UBND stand: most of last year's done, a few held up or late, this year's under way
    — so that the overdue list names a few agencies, not all."""
    plan = Plan.objects.filter(province_code="96", number="113/KH-UBND").first()
    if plan is None:
        return
    for task in plan.tasks.order_by("position"):
        dues = selectors.task_dues(task, today)
        past = [d for d in dues if d < today]
        if not dues:
            services.task_update_record(user=officer, task=task, due_on=None, status="in_progress", today=today,
                                        note="Đang triển khai thường xuyên.")
            continue
        for due in past:
            if task.position % 5 == 0 and due == past[-1]:
                continue  # left late: the overdue list has something to show
            status = "blocked" if task.position % 7 == 0 and due == past[-1] else "done"
            note = ("Chưa bố trí được kinh phí; đề nghị bổ sung dự toán năm sau." if status == "blocked" else
                    f"Đã thực hiện; có báo cáo kết quả gửi Sở Y tế ngày {due:%d/%m/%Y}.")
            services.task_update_record(user=officer, task=task, due_on=due, status=status, note=note, today=today)
