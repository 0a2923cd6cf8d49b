"""The facilities' dated parameters as the legal texts set them: the monthly care allowance coefficients of
NĐ 20/2021 Điều 25 and the staffing ratios of TT 33/2017/TT-BLĐTBXH Điều 5 (residents per staff member)."""

import datetime
from decimal import Decimal

from ansinh.core.parameters import Default, Key

from .rules import FROM4, UNDER4

ND20 = datetime.date(2021, 7, 1)
TT33 = datetime.date(2018, 2, 12)

_RATIOS = {  # key → (residents per staff member, what TT 33 Điều 5 says)
    "staffing.carer.child_u18m": ("1", "chăm sóc trẻ em dưới 18 tháng: 1 người/1 trẻ"),
    "staffing.carer.child_18m_6": ("6", "chăm sóc trẻ em 18 tháng – dưới 6 tuổi: 1 người/6 trẻ"),
    "staffing.carer.child_6_16": ("10", "chăm sóc trẻ em 6 – dưới 16 tuổi: 1 người/10 trẻ"),
    "staffing.carer.child_sp_18m_6": ("4", "chăm sóc trẻ em khuyết tật, tâm thần, HIV 18 tháng – dưới 6 tuổi: 1/4"),
    "staffing.carer.child_sp_6_16": ("5", "chăm sóc trẻ em khuyết tật, tâm thần, HIV 6 – dưới 16 tuổi: 1/5"),
    "staffing.carer.self_care": ("10", "chăm sóc người cao tuổi, người khuyết tật tự phục vụ được: 1/10"),
    "staffing.carer.dependent": ("4", "chăm sóc người cao tuổi, người khuyết tật không tự phục vụ được: 1/4"),
    "staffing.carer.mental_es": ("2", "chăm sóc người tâm thần đặc biệt nặng: 1/2"),
    "staffing.carer.mental_s": ("4", "chăm sóc người tâm thần nặng: 1/4"),
    "staffing.carer.mental_stable": ("10", "chăm sóc người tâm thần đã ổn định: 1/10"),
    "staffing.carer.homeless": ("12", "chăm sóc người lang thang: 1/12"),
    "staffing.social_worker": ("100", "công tác xã hội: quản lý tối đa 100 đối tượng"),
    "staffing.medical": ("50", "y tế: 1 người/50 đối tượng"),
    "staffing.nutrition": ("20", "dinh dưỡng: 1 người/20 đối tượng"),
}

KEYS = [
    Key(UNDER4, "Trợ cấp nuôi dưỡng tại cơ sở, trẻ em dưới 4 tuổi (hệ số)"),
    Key(FROM4, "Trợ cấp nuôi dưỡng tại cơ sở, từ 4 tuổi trở lên (hệ số)"),
    *(Key(key, f"Định mức nhân sự — {text} (số đối tượng/1 người)") for key, (_v, text) in _RATIOS.items()),
]
DEFAULTS = [
    Default(UNDER4, Decimal("5.0"), ND20, "NĐ 20/2021/NĐ-CP Điều 25 khoản 1"),
    Default(FROM4, Decimal("4.0"), ND20, "NĐ 20/2021/NĐ-CP Điều 25 khoản 1"),
    *(Default(key, Decimal(value), TT33, "TT 33/2017/TT-BLĐTBXH Điều 5") for key, (value, _t) in _RATIOS.items()),
]
