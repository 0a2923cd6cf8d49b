"""The workforce's lists as files."""

from django.utils.translation import gettext_lazy as _

POSITION_COLUMNS = (
    (_("Họ và tên"), lambda p: p.person.full_name), (_("Số định danh"), lambda p: p.person.citizen_id or ""),
    (_("Cơ quan, cơ sở"), lambda p: p.organisation.name), (_("Xã/phường"), lambda p: p.organisation.commune.name),
    (_("Vị trí việc làm"), lambda p: p.job), (_("Chức danh"), lambda p: p.get_title_display()),
    (_("Mã chức danh nghề nghiệp"), lambda p: p.grade), (_("Hình thức"), lambda p: p.get_engagement_display()),
    (_("Phụ cấp hằng tháng"), lambda p: int(p.monthly_allowance)), (_("Từ ngày"), lambda p: p.start_date),
    (_("Đến ngày"), lambda p: p.end_date),
)
COURSE_COLUMNS = (
    (_("Tên khóa"), lambda c: c.title), (_("Loại"), lambda c: c.get_kind_display()),
    (_("Đơn vị tổ chức"), lambda c: c.organiser), (_("Từ ngày"), lambda c: c.start_date),
    (_("Đến ngày"), lambda c: c.end_date), (_("Nguồn kinh phí"), lambda c: c.get_funding_display()),
    (_("Kinh phí"), lambda c: int(c.amount)), (_("Mã tỉnh"), lambda c: c.province_code),
)
