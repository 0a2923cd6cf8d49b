"""The numbers of the case procedures as dated parameters: a change of law is a new row from a date."""

import datetime
from decimal import Decimal

from ansinh.core.parameters import Default, Key

EMERGENCY_HOURS = "casework.emergency_hours"
PLAN_DRAFT_DAYS = "casework.plan_draft_days"
PLAN_APPROVE_DAYS = "casework.plan_approve_days"
SEPARATION_DAYS = "casework.separation_days"
FOLLOW_UP_MONTHS = "casework.follow_up_months"
CASELOAD_LIMIT = "casework.caseload_limit"

KEYS = [
    Key(EMERGENCY_HOURS, "Quản lý ca trẻ em: thời hạn can thiệp khẩn cấp, tạm thời cách ly (giờ)"),
    Key(PLAN_DRAFT_DAYS, "Quản lý ca trẻ em: thời hạn xây dựng kế hoạch hỗ trợ, can thiệp (ngày làm việc)"),
    Key(PLAN_APPROVE_DAYS, "Quản lý ca trẻ em: thời hạn phê duyệt kế hoạch (ngày làm việc)"),
    Key(SEPARATION_DAYS, "Thời hạn tối đa tạm thời cách ly trẻ em (ngày)"),
    Key(FOLLOW_UP_MONTHS, "Theo dõi sau hòa nhập gia đình, cộng đồng, tối thiểu (tháng)"),
    Key(CASELOAD_LIMIT, "Số đối tượng tối đa một nhân viên công tác xã hội quản lý"),
]

_ND56 = datetime.date(2017, 7, 1)
DEFAULTS = [
    Default(EMERGENCY_HOURS, Decimal(12), _ND56, "NĐ 56/2017/NĐ-CP Điều 26, 31, 32"),
    Default(PLAN_DRAFT_DAYS, Decimal(5), _ND56, "NĐ 56/2017/NĐ-CP Điều 28 khoản 1"),
    Default(PLAN_APPROVE_DAYS, Decimal(2), _ND56, "NĐ 56/2017/NĐ-CP Điều 28 khoản 1"),
    Default(SEPARATION_DAYS, Decimal(15), _ND56, "NĐ 56/2017/NĐ-CP Điều 32"),
    Default(FOLLOW_UP_MONTHS, Decimal(6), datetime.date(2020, 3, 30), "TT 02/2020/TT-BLĐTBXH Điều 10"),
    Default(CASELOAD_LIMIT, Decimal(100), datetime.date(2018, 2, 12), "TT 33/2017/TT-BLĐTBXH Điều 5"),
]
