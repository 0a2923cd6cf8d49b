"""What can be done to an import waiting for the officer: write it into the registry, or drop it."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ansinh.core.actions import Action, ActionSet
from ansinh.core.forms import StyledForm

from . import services
from .models import ImportJob


class VersionForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="`version` của lần nhập như đã đọc (chống hai người cùng xác nhận)")


class Commit(Action):
    name = "commit"
    label = _("Xác nhận nhập các dòng hợp lệ")
    description = "Xác nhận: ghi các dòng hợp lệ vào sổ (chạy nền, một giao dịch: ghi hết hoặc không ghi gì)."
    scope_action = "commit"
    form_class = VersionForm
    serializer_class = VersionSerializer
    done = _("Đã xác nhận; đang ghi vào sổ.")

    def refusal(self, job: ImportJob):
        if job.status != ImportJob.Status.READY:
            return "Lần nhập không ở trạng thái chờ xác nhận."
        if not job.counts.get("valid"):
            return "Không có dòng hợp lệ nào để nhập."
        return None

    def execute(self, *, user, obj, data):
        return services.import_commit(user=user, job=obj, expected_version=data["version"])

    def done_message(self, job) -> str:
        if job.status == ImportJob.Status.DONE:  # the job's page says what was written
            return gettext("Đã ghi vào sổ.")
        return str(self.done)


class Cancel(Action):
    name = "cancel"
    label = _("Hủy lần nhập")
    description = "Hủy lần nhập chưa ghi: bỏ các dòng đã đọc, sổ không thay đổi."
    scope_action = "cancel"
    form_class = VersionForm
    serializer_class = VersionSerializer
    done = _("Đã hủy lần nhập; sổ không thay đổi.")

    def refusal(self, job: ImportJob):
        if job.status in (ImportJob.Status.COMMITTING, ImportJob.Status.DONE, ImportJob.Status.CANCELLED):
            return "Lần nhập đã xác nhận hoặc đã hủy."
        return None

    def execute(self, *, user, obj, data):
        return services.import_cancel(user=user, job=obj, expected_version=data["version"])


JOB_ACTIONS = ActionSet([Commit(), Cancel()])
