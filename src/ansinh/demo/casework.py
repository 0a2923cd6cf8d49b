"""Demo case management for Cà Mau, written through casework's own services so that numbers, deadlines (on the
calendar with its public holidays) and the audit trail are what a user's steps would leave: the case teams of
xa1's and xa2's communes and of the provincial social-work centre; about fifty cases at every step of the
procedure — some late, some due today, one child at serious risk still inside its first 12 hours —, referrals to
the centre, a case shared with the commune chairman who approved its plan; and the register of children in
special circumstances, about two in three of them helped this year."""

import datetime
import math
import random
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from ansinh.accounts.models import User
from ansinh.assistance.models import Enrolment, EnrolmentCategory
from ansinh.casework import services
from ansinh.casework.models import (
    PRIORITY_GROUPS,
    Case,
    ChildGroup,
    Deadline,
    Referral,
    Subject,
    Support,
)
from ansinh.core.dates import add_working_days
from ansinh.core.exceptions import DomainError
from ansinh.core.selectors import holidays
from ansinh.facilities.models import Kind, Organisation, Resident
from ansinh.facilities.services import organisation_create
from ansinh.registry.models import Person

CENTRE = "Trung tâm Công tác xã hội tỉnh Cà Mau"
REGISTER = {"home1": 60, "home2": 20}  # children in special circumstances, at most (the commune may have fewer)
HELPED = 0.7  # of the priority groups' children, helped this year (the plan's target is 90–100 %)

# --- the stories ---------------------------------------------------------------------------------------
# A time is (days before today, hour) — the days a number, or a mark computed from the calendar ("late_assess":
# the plan it opens is overdue; "today_assess": due today; "late_plan": its approval overdue) with an offset, as
# "late_assess+2" — or ("h", n): n hours before now. A date (a service, a return, a closure) is days before today.


@dataclass(frozen=True)
class Story:
    case_type: str
    who: str  # child, young (0–5), teen (11–15), adult, woman, man, elder — on the day of the report
    risk: str  # after the initial assessment
    source: str
    summary: str
    received: tuple
    steps: tuple = ()
    reported_risk: str = ""  # what the report said, when the initial assessment changes it
    reporter: str = ""
    pool: str = ""  # "residents": a child living at the centre (its emergency places)


HOME1 = [
    # received only; the first a child at serious risk, three hours ago: the 12 hours run
    Story("child_protection", "child", "serious", "hotline",
          "Tổng đài 111 chuyển tin: trẻ bị cha dượng đánh bằng roi tre, chảy máu ở tay; mẹ đi làm xa, trẻ đang ở "
          "nhà với người gây hại.", ("h", 3), reporter="Tổng đài 111"),
    Story("elderly", "elder", "medium", "community",
          "Hàng xóm báo cụ sống một mình, mấy ngày nay không thấy ra khỏi nhà, con cái làm ăn ở Bình Dương.",
          ("h", 20), reporter="Người dân trong ấp"),
    Story("homelessness", "man", "medium", "police",
          "Công an xã đưa đến UBND xã một người lang thang ở chợ, không giấy tờ tùy thân, nói không rõ quê quán.",
          ("h", 29), reporter="Công an xã"),
    # initial assessment done
    Story("domestic_violence", "woman", "high", "self",
          "Người phụ nữ đến UBND xã trình báo bị chồng đánh sau khi uống rượu, xin được tạm lánh cùng hai con.",
          (2, 9), (("initial", (2, 15)),)),
    Story("disability", "adult", "medium", "commune",
          "Người khuyết tật vận động nặng, mẹ già yếu không còn sức chăm sóc; nhà dột, thiếu dụng cụ sinh hoạt.",
          (4, 8), (("initial", (3, 10)),), reporter="Trưởng ấp"),
    Story("child_protection", "child", "serious", "school",
          "Giáo viên chủ nhiệm báo trẻ đến lớp có nhiều vết bầm, nói bị người cha say rượu đánh và đuổi ra khỏi nhà.",
          (3, 8), (("initial", (3, 10)), ("emergency", (3, 14))), reported_risk="high",
          reporter="Giáo viên chủ nhiệm"),
    # assessed: the plan due — overdue, due today, due in a few days; an adult's has no statutory deadline
    Story("child_protection", "child", "high", "hotline",
          "Tổng đài 111 nhận tin trẻ thường xuyên bị bỏ mặc ở nhà một mình ban đêm, cha mẹ đi làm thuê xa.",
          ("late_assess+3", 9), (("initial", ("late_assess+2", 10)), ("assess", ("late_assess", 14)))),
    Story("child_protection", "teen", "high", "school",
          "Trẻ bỏ học hơn hai tuần, đi làm thuê ở cơ sở chế biến thủy sản, làm việc quá sức vào ban đêm.",
          ("today_assess+4", 10), (("initial", ("today_assess+3", 9)), ("assess", ("today_assess", 15))),
          reporter="Nhà trường"),
    Story("child_protection", "child", "medium", "community",
          "Trẻ bị nhóm bạn lớn tuổi hơn bắt nạt, lấy tiền kéo dài nhiều tuần, không muốn đến trường.",
          (5, 9), (("initial", (4, 10)), ("assess", (1, 15)))),
    Story("drug_use", "man", "high", "commune",
          "Gia đình đề nghị tư vấn cho con trai sử dụng ma túy tổng hợp, có lúc kích động, đập phá đồ đạc.",
          (6, 14), (("initial", (5, 9)), ("assess", (3, 10))), reporter="Mẹ của đối tượng"),
    # plan waiting for approval: overdue; due in the coming days; an adult's
    Story("child_protection", "child", "high", "hospital",
          "Trạm y tế báo trẻ suy dinh dưỡng nặng, nhiều lần nhập viện; gia đình bỏ mặc việc chăm sóc, điều trị.",
          ("late_plan+4", 9), (("initial", ("late_plan+4", 15)), ("assess", ("late_plan+2", 10)),
                               ("plan", ("late_plan", 16))), reporter="Trạm Y tế xã"),
    Story("disability", "child", "high", "commune",
          "Trẻ khuyết tật trí tuệ chưa được đi học, ở nhà một mình khi cha mẹ đi làm; gia đình đề nghị hỗ trợ.",
          (8, 10), (("initial", (7, 9)), ("assess", (4, 14)), ("plan", (1, 10)))),
    Story("elderly", "elder", "high", "community",
          "Cụ bà bị tai biến, nằm một chỗ; người con duy nhất bị bệnh, không đủ sức chăm sóc.",
          (9, 8), (("initial", (8, 9)), ("assess", (6, 10)), ("plan", (2, 15)))),
    # carrying out the plan
    Story("child_protection", "child", "high", "hotline",
          "Trẻ bị người mẹ kế đánh, bỏ đói; trình Chủ tịch UBND xã phê duyệt kế hoạch can thiệp.",
          (10, 9), (("initial", (10, 14)), ("assess", (8, 10)), ("plan", (2, 9)), ("share_approve",))),
    Story("child_protection", "child", "serious", "hotline",
          "Trẻ bị xâm hại, người gây hại là người thân sống cùng nhà; cần đưa trẻ đến nơi an toàn ngay.",
          (14, 8), (("initial", (14, 9)), ("separate", (14, 13)), ("assess", (13, 10)), ("plan", (12, 15)),
                    ("approve", (11, 9)), ("service", 13, "shelter", CENTRE), ("service", 6, "psychosocial", CENTRE))),
    Story("domestic_violence", "woman", "high", "self",
          "Bị chồng đánh nhiều lần trong năm, lần gần nhất phải nhập viện; muốn được tư vấn pháp lý và tạm lánh.",
          (40, 10), (("initial", (40, 15)), ("assess", (38, 9)), ("plan", (36, 10)), ("approve", (35, 14)),
                     ("service", 34, "counselling", "UBND xã"), ("service", 30, "legal", "Trợ giúp pháp lý tỉnh"),
                     ("refer", "accepted", 20))),
    Story("child_protection", "teen", "high", "school",
          "Trẻ có dấu hiệu bị xâm hại qua mạng, bị đe dọa tung ảnh; gia đình được nhà trường giới thiệu đến xã.",
          (60, 9), (("initial", (60, 14)), ("assess", (58, 10)), ("plan", (55, 10)), ("approve", (54, 9)),
                    ("service", 52, "counselling", "UBND xã"), ("refer", "accepted", 45),
                    ("review", (20, 10), False))),
    Story("mental_health", "adult", "high", "hospital",
          "Người bệnh tâm thần phân liệt bỏ điều trị, có lúc đi lang thang; người nhà xin hỗ trợ chăm sóc.",
          (25, 9), (("initial", (25, 14)), ("assess", (23, 9)), ("plan", (20, 10)), ("approve", (18, 9)),
                    ("service", 15, "health", "Trạm Y tế xã"), ("refer", "pending", 3)),
          reporter="Bệnh viện Đa khoa tỉnh"),
    Story("elderly", "elder", "medium", "commune",
          "Cụ ông neo đơn, nhà xuống cấp sau mùa mưa, không có thu nhập ổn định.",
          (120, 9), (("initial", (119, 10)), ("assess", (117, 9)), ("plan", (113, 14)), ("approve", (112, 9)),
                     ("service", 110, "material", "UBND xã"), ("service", 60, "health", "Trạm Y tế xã"),
                     ("review", (30, 9), False))),
    Story("disability", "adult", "medium", "self",
          "Thanh niên khuyết tật vận động sau tai nạn lao động, muốn học nghề sửa chữa điện thoại.",
          (200, 10), (("initial", (199, 9)), ("assess", (196, 14)), ("plan", (192, 9)), ("approve", (191, 10)),
                      ("service", 180, "vocational", "Trung tâm Giáo dục nghề nghiệp huyện"),
                      ("review", (90, 9), False), ("service", 60, "material", "Hội Chữ thập đỏ xã"),
                      ("review", (20, 10), False))),
    Story("trafficking", "woman", "serious", "facility",
          "Phụ nữ được trao trả qua cửa khẩu, trước đó bị lừa sang nước ngoài làm việc; cần hỗ trợ tâm lý, học nghề.",
          (150, 9), (("initial", (150, 14)), ("assess", (148, 9)), ("plan", (145, 10)), ("approve", (144, 9)),
                     ("service", 143, "psychosocial", CENTRE), ("service", 120, "vocational", "Hội Phụ nữ xã"),
                     ("returned", 100)), reporter="Đồn Biên phòng"),
    Story("child_protection", "child", "serious", "hotline",
          "Trẻ bị cha đánh gãy tay khi say rượu; tạm thời cách ly, sau đó về với bà ngoại trong xã.",
          (95, 8), (("initial", (95, 9)), ("separate", (95, 11)), ("assess", (94, 10)), ("plan", (92, 9)),
                    ("approve", (91, 10)), ("service", 90, "shelter", CENTRE), ("separation_end", 86),
                    ("returned", 86), ("service", 40, "education", "Trường Tiểu học trong xã"))),
    Story("homelessness", "man", "high", "police",
          "Người lang thang được Công an xã đưa về, có nhà nhưng bị gia đình từ chối; cần chỗ ở và việc làm.",
          (45, 10), (("initial", (45, 14)), ("assess", (43, 9)), ("plan", (40, 9)), ("approve", (39, 14)),
                     ("service", 39, "shelter", "Trung tâm Bảo trợ xã hội tỉnh Cà Mau"),
                     ("service", 20, "vocational", "Hợp tác xã nuôi tôm trong xã"))),
    Story("drug_use", "man", "high", "commune",
          "Người sử dụng ma túy muốn cai nghiện tự nguyện tại cộng đồng; gia đình đồng ý phối hợp.",
          (70, 9), (("initial", (70, 14)), ("assess", (68, 10)), ("plan", (65, 9)), ("approve", (64, 10)),
                    ("service", 60, "counselling", "UBND xã"), ("refer", "refused", 30))),
    # reviewed and planning again
    Story("child_protection", "child", "medium", "community",
          "Trẻ sống với ông bà già yếu, bị bạn bè lôi kéo bỏ học chơi game; ông bà không quản lý được.",
          (80, 9), (("initial", (79, 10)), ("assess", (77, 9)), ("plan", (74, 10)), ("approve", (73, 9)),
                    ("service", 70, "education", "Trường Tiểu học trong xã"), ("review", (3, 10), True))),
    # closed, for various reasons
    Story("child_protection", "young", "serious", "hospital",
          "Trẻ sơ sinh bị bỏ rơi trước cổng trạm y tế, được người dân phát hiện và báo chính quyền.",
          (540, 6), (("initial", (540, 8)), ("emergency", (540, 9)), ("assess", (539, 10)), ("plan", (536, 9)),
                     ("approve", (535, 10)), ("service", 534, "family", "Gia đình nhận chăm sóc thay thế"),
                     ("close", 330, "adopted", "Quyết định cho nhận con nuôi của UBND xã")),
          reporter="Trạm Y tế xã"),
    Story("child_protection", "child", "high", "school",
          "Trẻ bị bạo lực học đường, bỏ học; gia đình khó khăn, cha bị bệnh nặng.",
          (480, 9), (("initial", (480, 14)), ("assess", (478, 9)), ("plan", (475, 10)), ("approve", (474, 9)),
                     ("service", 470, "psychosocial", CENTRE),
                     ("service", 430, "education", "Trường Tiểu học trong xã"),
                     ("returned", 400), ("close", 200, "goals_met", "Trẻ đi học đều, hết nguy cơ"))),
    Story("domestic_violence", "woman", "high", "self",
          "Bị chồng bạo hành tinh thần, kiểm soát tiền bạc, cấm liên lạc với người thân.",
          (300, 10), (("initial", (300, 15)), ("assess", (298, 9)), ("plan", (295, 10)), ("approve", (294, 9)),
                      ("service", 290, "counselling", "UBND xã"),
                      ("close", 240, "moved", "Chuyển về sống với gia đình ruột ở tỉnh An Giang"))),
    Story("homelessness", "man", "medium", "police",
          "Người lang thang xin ăn ở bến xe, được đưa về xã nơi từng đăng ký thường trú.",
          (420, 9), (("initial", (420, 14)), ("assess", (418, 9)), ("plan", (415, 10)), ("approve", (414, 9)),
                     ("service", 410, "material", "UBND xã"), ("close", 350, "no_contact", "Đã rời địa phương"))),
    Story("elderly", "elder", "high", "community",
          "Cụ bà neo đơn bị bệnh tim, không có người chăm sóc khi trở bệnh.",
          (360, 8), (("initial", (360, 10)), ("assess", (358, 9)), ("plan", (355, 14)), ("approve", (354, 9)),
                     ("service", 350, "health", "Trạm Y tế xã"), ("close", 270, "death", "Cụ mất tại nhà"))),
    Story("mental_health", "adult", "medium", "self",
          "Người bị trầm cảm sau khi mất việc, có ý nghĩ tiêu cực; tự tìm đến xin được tư vấn.",
          (250, 10), (("initial", (250, 14)), ("assess", (248, 9)), ("plan", (245, 10)), ("approve", (244, 9)),
                      ("service", 240, "counselling", CENTRE),
                      ("close", 150, "agreement", "Đã ổn định, có việc làm, hai bên thống nhất kết thúc"))),
    Story("elderly", "elder", "low", "anonymous",
          "Tin báo cụ ông bị con bỏ mặc; xác minh cho thấy cụ đang được con gái chăm sóc chu đáo.",
          (200, 9), (("close", 195, "other", "Thông tin không chính xác qua xác minh"),)),
    Story("disability", "adult", "medium", "commune",
          "Người khuyết tật nghe nói cần hỗ trợ làm hồ sơ hưởng trợ cấp và tìm việc làm.",
          (180, 9), (("initial", (180, 14)), ("assess", (178, 9)), ("plan", (175, 10)), ("approve", (174, 9)),
                     ("service", 170, "vocational", "Trung tâm Giáo dục nghề nghiệp huyện"),
                     ("close", 60, "goals_met", "Đã hưởng trợ cấp hằng tháng, có việc làm"))),
    Story("child_protection", "child", "medium", "community",
          "Trẻ bị cha mẹ mắng chửi, đuổi ra khỏi nhà nhiều lần khi cha mẹ mâu thuẫn.",
          (45, 10), (("initial", (44, 9)), ("assess", (42, 10)), ("plan", (40, 9)), ("approve", (39, 14)),
                     ("service", 38, "counselling", "UBND xã"),
                     ("close", 10, "goals_met", "Gia đình hòa giải, trẻ ổn định"))),
    Story("domestic_violence", "woman", "high", "community",
          "Hội Phụ nữ ấp báo một phụ nữ bị chồng đe dọa, kiểm soát tiền bạc, cấm liên lạc với người thân.",
          (135, 9), (("initial", (135, 15)), ("assess", (133, 9)), ("plan", (130, 10)), ("approve", (129, 9)),
                     ("service", 128, "legal", "Trợ giúp pháp lý tỉnh"),
                     ("close", 50, "moved", "Chuyển đến sống cùng con gái ở Thành phố Hồ Chí Minh")),
          reporter="Chi hội Phụ nữ ấp"),
    Story("disability", "adult", "medium", "community",
          "Người khuyết tật thần kinh đi lang thang nhiều ngày, gia đình không quản lý được.",
          (165, 9), (("initial", (164, 10)), ("close", 130, "no_contact", "Gia đình chuyển đi, không liên lạc được"))),
    Story("child_protection", "teen", "high", "school",
          "Trẻ bị lôi kéo bỏ học đi làm ở quán karaoke ngoài tỉnh, gia đình nhờ tìm đưa về.",
          (270, 9), (("initial", (270, 14)), ("assess", (268, 9)), ("plan", (265, 10)), ("approve", (264, 9)),
                     ("service", 262, "psychosocial", CENTRE), ("service", 240, "education", "Trường học trong xã"),
                     ("close", 120, "goals_met", "Trẻ đi học trở lại, hết nguy cơ"))),
    # closed, then reopened: planning again
    Story("child_protection", "child", "high", "hotline",
          "Trẻ bị cha đánh khi say rượu; sau can thiệp gia đình cam kết, nay hàng xóm báo bạo lực tái diễn.",
          (230, 9), (("initial", (230, 14)), ("assess", (228, 9)), ("plan", (225, 10)), ("approve", (224, 9)),
                     ("service", 220, "family", "UBND xã"), ("close", 40, "goals_met", "Gia đình cam kết, trẻ ổn định"),
                     ("reopen",))),
]

HOME2 = [
    Story("child_protection", "child", "high", "community",
          "Người dân báo trẻ bị cha mẹ để ở nhà một mình nhiều ngày, thiếu ăn.", ("h", 30)),
    Story("elderly", "elder", "medium", "commune",
          "Cụ ông khiếm thị sống một mình, không tự đi khám bệnh được.", (5, 9), (("initial", (4, 10)),)),
    Story("child_protection", "child", "high", "school",
          "Trẻ thường xuyên bị cha đánh vì học kém; giáo viên phát hiện vết thương ở lưng.",
          ("late_assess+2", 9), (("initial", ("late_assess+1", 10)), ("assess", ("late_assess", 10)))),
    Story("disability", "adult", "medium", "self",
          "Người khuyết tật cần xe lăn và hỗ trợ cải tạo lối đi trong nhà.",
          (12, 9), (("initial", (11, 9)), ("assess", (8, 14)), ("plan", (2, 10)))),
    Story("domestic_violence", "woman", "high", "self",
          "Người phụ nữ bị chồng đe dọa, đánh khi say; xin tạm lánh và tư vấn ly hôn.",
          (30, 10), (("initial", (30, 15)), ("assess", (28, 9)), ("plan", (25, 10)), ("approve", (24, 9)),
                     ("service", 23, "counselling", "UBND xã"), ("refer", "pending", 2))),
    Story("child_protection", "child", "medium", "hotline",
          "Trẻ bị bỏ lại cho bà nội già yếu chăm sóc, cha mẹ đi làm ăn xa không gửi tiền về.",
          (110, 9), (("initial", (110, 14)), ("assess", (108, 9)), ("plan", (105, 10)), ("approve", (104, 9)),
                     ("service", 100, "material", "Quỹ Bảo trợ trẻ em tỉnh Cà Mau"), ("review", (15, 10), False))),
    Story("drug_use", "man", "high", "police",
          "Thanh niên sử dụng ma túy, Công an xã đề nghị quản lý tại cộng đồng.",
          (330, 9), (("initial", (330, 14)), ("assess", (328, 9)), ("plan", (325, 10)), ("approve", (324, 9)),
                     ("service", 320, "counselling", "UBND xã"),
                     ("close", 150, "goals_met", "Hoàn thành điều trị, có việc làm ổn định"))),
    Story("homelessness", "man", "medium", "community",
          "Người không nơi ở ngủ tại nhà văn hóa ấp, sức khỏe yếu.",
          (260, 9), (("initial", (260, 14)), ("close", 200, "no_contact", "Đã rời đi, không liên lạc được"))),
]

CENTRE_STORIES = [
    Story("child_protection", "child", "serious", "police",
          "Trẻ được Công an đưa đến Trung tâm tiếp nhận khẩn cấp sau khi bị người thân bạo hành.",
          (40, 21), (("initial", (40, 22)), ("emergency", (40, 23)), ("assess", (38, 9)), ("plan", (35, 10)),
                     ("approve", (34, 9)), ("service", 40, "shelter", CENTRE), ("service", 30, "psychosocial", CENTRE)),
          reporter="Công an tỉnh", pool="residents"),
    Story("trafficking", "woman", "serious", "facility",
          "Nạn nhân bị mua bán được tiếp nhận, hỗ trợ ban đầu; cần trợ giúp pháp lý và học nghề.",
          (70, 10), (("initial", (70, 14)), ("assess", (68, 9)), ("plan", (65, 10)), ("approve", (64, 9)),
                     ("service", 69, "shelter", CENTRE), ("service", 50, "legal", "Trợ giúp pháp lý tỉnh"),
                     ("service", 20, "vocational", "Trường Cao đẳng Cộng đồng Cà Mau"))),
    Story("child_protection", "child", "high", "facility",
          "Trẻ chuyển đến từ bệnh viện sau điều trị, gia đình không đủ điều kiện chăm sóc.",
          (20, 9), (("initial", (20, 14)), ("assess", (17, 10)), ("plan", (1, 9))), pool="residents"),
    Story("homelessness", "elder", "high", "police",
          "Cụ bà lang thang ở thành phố, không nhớ địa chỉ người thân.", (6, 16), (("initial", (5, 9)),)),
    Story("mental_health", "adult", "medium", "hospital",
          "Người bệnh sau điều trị tâm thần cần hỗ trợ tái hòa nhập, gia đình ở xa.",
          (260, 9), (("initial", (260, 14)), ("assess", (258, 9)), ("plan", (255, 10)), ("approve", (254, 9)),
                     ("service", 250, "psychosocial", CENTRE),
                     ("close", 200, "agreement", "Về gia đình, chuyển theo dõi cho cấp xã"))),
    Story("child_protection", "child", "high", "hotline",
          "Trẻ bị bỏ rơi tại bến xe, được tiếp nhận nuôi dưỡng tạm thời và tìm gia đình.",
          (380, 9), (("initial", (380, 14)), ("assess", (378, 9)), ("plan", (375, 10)), ("approve", (374, 9)),
                     ("service", 370, "shelter", CENTRE), ("returned", 300),
                     ("close", 100, "goals_met", "Đoàn tụ gia đình, ổn định sau 6 tháng theo dõi"))),
]

# --- what the steps record -----------------------------------------------------------------------------

INITIAL = {
    "child_protection": "Đã gặp trẻ và người chăm sóc; xác định mức độ nguy cơ, tổn hại theo Mẫu số 02.",
    "domestic_violence": "Đã gặp đối tượng, ghi nhận thương tích, đánh giá nguy cơ bạo lực tái diễn.",
    "elderly": "Đã đến nhà, kiểm tra sức khỏe, điều kiện sống và người chăm sóc.",
    "disability": "Đã gặp đối tượng và gia đình, xác định khả năng tự phục vụ và nhu cầu trợ giúp.",
    "trafficking": "Đã tiếp nhận, kiểm tra sức khỏe, bảo đảm an toàn và giữ bí mật thông tin.",
    "drug_use": "Đã gặp đối tượng và gia đình, đánh giá tình trạng sử dụng và mong muốn điều trị.",
    "mental_health": "Đã gặp đối tượng và người nhà, ghi nhận tình trạng điều trị, nguy cơ tự hại.",
    "homelessness": "Đã bố trí ăn ở tạm, xác minh nhân thân và nơi cư trú.",
}
NEEDS = {
    "child_protection": {"health": (2, "Vết thương phần mềm, cần theo dõi"), "psychology": (3, "Sợ hãi, mất ngủ"),
                         "education": (2, "Nghỉ học nhiều buổi"), "family": (3, "Người chăm sóc chưa bảo đảm an toàn"),
                         "life_skills": (1, "")},
    "domestic_violence": {"psychology": (3, "Lo âu, sợ bị trả thù"), "family": (3, "Bạo lực kéo dài"),
                          "livelihood": (2, "Phụ thuộc kinh tế vào chồng"), "health": (1, "")},
    "elderly": {"health": (3, "Bệnh mãn tính, cần khám định kỳ"), "livelihood": (2, "Không có thu nhập ổn định"),
                "community": (1, "Ít giao tiếp")},
    "disability": {"health": (2, "Cần phục hồi chức năng"), "education": (2, "Muốn học nghề"),
                   "livelihood": (2, ""), "community": (2, "Lối đi chưa tiếp cận được")},
    "trafficking": {"psychology": (3, "Sang chấn"), "livelihood": (3, "Chưa có việc làm"), "health": (2, ""),
                    "family": (2, "Ngại trở về địa phương")},
    "drug_use": {"health": (3, "Cần điều trị"), "family": (2, "Gia đình mâu thuẫn"), "livelihood": (2, ""),
                 "community": (1, "")},
    "mental_health": {"health": (3, "Bỏ thuốc"), "psychology": (3, ""),
                      "family": (2, "Người nhà thiếu kỹ năng chăm sóc")},
    "homelessness": {"livelihood": (3, "Không chỗ ở, không việc làm"), "health": (2, ""),
                     "family": (2, "Mất liên lạc với người thân"), "community": (1, "Chưa có giấy tờ tùy thân")},
}
ASSESSED = "Đã đánh giá chi tiết các nhu cầu cùng đối tượng và gia đình."
PLANS = {  # goals; activities (what, how long in days, provider, budget)
    "child_protection": ("Trẻ được an toàn, ổn định tâm lý và đi học trở lại.", [
        ("Tham vấn tâm lý cho trẻ, 2 buổi mỗi tuần", 60, CENTRE, 2_000_000),
        ("Làm việc với gia đình, cam kết không bạo lực", 30, "UBND xã", 0),
        ("Hỗ trợ học tập, theo dõi chuyên cần", 90, "Trường học trong xã", 500_000)]),
    "domestic_violence": ("Chấm dứt bạo lực; người bị bạo lực được an toàn và có sinh kế.", [
        ("Tư vấn pháp lý, hướng dẫn quyền được bảo vệ", 30, "Trợ giúp pháp lý tỉnh", 0),
        ("Bố trí nơi tạm lánh khi cần", 15, "Địa chỉ tin cậy của ấp", 300_000),
        ("Giới thiệu vay vốn sinh kế", 90, "Ngân hàng Chính sách xã hội", 0)]),
    "elderly": ("Cụ được chăm sóc sức khỏe, có người hỗ trợ sinh hoạt hằng ngày.", [
        ("Khám bệnh, cấp thuốc định kỳ", 90, "Trạm Y tế xã", 600_000),
        ("Sửa chữa nhà ở", 30, "UBND xã, Mặt trận Tổ quốc xã", 5_000_000),
        ("Tình nguyện viên thăm hỏi hằng tuần", 180, "Hội Người cao tuổi xã", 0)]),
    "disability": ("Đối tượng có dụng cụ trợ giúp, học nghề và được hưởng chính sách.", [
        ("Cấp dụng cụ trợ giúp", 30, "Hội Bảo trợ người khuyết tật và trẻ mồ côi tỉnh", 3_000_000),
        ("Học nghề ngắn hạn", 90, "Trung tâm Giáo dục nghề nghiệp huyện", 2_500_000)]),
    "trafficking": ("Nạn nhân ổn định tâm lý, có nghề và tái hòa nhập cộng đồng.", [
        ("Hỗ trợ tâm lý chuyên sâu", 60, CENTRE, 3_000_000),
        ("Học nghề may công nghiệp", 120, "Hội Phụ nữ xã", 4_000_000)]),
    "drug_use": ("Điều trị tự nguyện tại cộng đồng, không tái sử dụng, có việc làm.", [
        ("Tư vấn, điều trị nghiện tại cộng đồng", 180, "Trạm Y tế xã", 1_500_000),
        ("Tư vấn cho gia đình", 60, "UBND xã", 0)]),
    "mental_health": ("Điều trị đều đặn; gia đình biết cách chăm sóc, phòng tái phát.", [
        ("Khám, cấp thuốc định kỳ", 180, "Bệnh viện Đa khoa tỉnh Cà Mau", 1_200_000),
        ("Tập huấn kỹ năng chăm sóc cho người nhà", 30, CENTRE, 0)]),
    "homelessness": ("Có chỗ ở ổn định, giấy tờ tùy thân và việc làm.", [
        ("Bố trí chỗ ở tạm", 30, "Trung tâm Bảo trợ xã hội tỉnh Cà Mau", 1_000_000),
        ("Làm lại giấy tờ tùy thân", 30, "Công an xã", 0),
        ("Giới thiệu việc làm", 90, "UBND xã", 0)]),
}
SERVICE_NOTES = {
    "counselling": "Buổi tư vấn tại trụ sở", "psychosocial": "Tham vấn tâm lý cá nhân", "health": "Khám, cấp thuốc",
    "education": "Hỗ trợ sách vở, học phụ đạo", "legal": "Tư vấn pháp lý miễn phí",
    "shelter": "Chỗ ở, nuôi dưỡng tạm thời",
    "material": "Gạo, nhu yếu phẩm và tiền mặt", "family": "Hỗ trợ gia đình chăm sóc thay thế",
    "vocational": "Học nghề ngắn hạn", "other": "",
}
COSTS = {"counselling": 0, "psychosocial": 300_000, "health": 450_000, "education": 500_000, "legal": 0,
         "shelter": 1_500_000, "material": 1_000_000, "family": 800_000, "vocational": 2_000_000}
REFERRAL = {
    "accepted": "Tham vấn tâm lý chuyên sâu",
    "pending": "Chăm sóc, phục hồi chức năng tâm lý chuyên sâu",
    "refused": "Cai nghiện, phục hồi dài hạn",
}
REFUSED = "Trung tâm không cung cấp dịch vụ cai nghiện; đề nghị chuyển cơ sở cai nghiện ma túy của tỉnh."
SHARED = "Trình Chủ tịch UBND xã phê duyệt kế hoạch can thiệp"


# --- seeding -------------------------------------------------------------------------------------------


def seed(*, rng: random.Random, province_code: str, home1, home2, today: datetime.date) -> dict[str, int]:
    """Returns what was added: cases, open cases, outstanding deadlines overdue now, children registered."""
    users = {u.username: u for u in User.objects.filter(username__in=[
        "tinh", "xa1", "xa2", "xa1ld", "ctxh", "ttgs", "ctxh1", "giamsat1", "ctxh2", "giamsat2"])}
    tinh = users["tinh"]
    committee1, committee2 = _committee(home1, tinh), _committee(home2, tinh)
    centre = (Organisation.objects.filter(kind=Kind.SOCIAL_WORK_CENTRE, province_code=province_code).order_by("pk")
              .first() or organisation_create(user=tinh, valid_from=datetime.date(2018, 1, 1), name=CENTRE,
                                              kind=Kind.SOCIAL_WORK_CENTRE, commune=home1, provides_social_work=True))
    for unit, worker, supervisor in ((committee1, "ctxh1", "giamsat1"), (committee2, "ctxh2", "giamsat2"),
                                     (centre, "ctxh", "ttgs")):
        services.worker_add(user=tinh, organisation=unit, worker=users[worker])
        services.worker_add(user=tinh, organisation=unit, worker=users[supervisor], supervisor=True)

    now = timezone.now()
    days = holidays()
    marks = _marks(today, days)
    residents = list(Person.objects.filter(pk__in=Resident.objects.filter(organisation=centre).values("person_id"))
                     .order_by("pk"))
    people1, people2 = _people(commune=home1), _people(commune=home2)
    teams = [
        _Team(committee1, users["ctxh1"], users["giamsat1"], _Pool(rng, people1), HOME1, "QĐ-UBND"),
        _Team(committee2, users["ctxh2"], users["giamsat2"], _Pool(rng, people2), HOME2, "QĐ-UBND"),
        # the centre serves the whole province; its children in care live there
        _Team(centre, users["ctxh"], users["ttgs"], _Pool(rng, _people(600, province_code=province_code)),
              CENTRE_STORIES, "QĐ-TTCTXH", residents=_Pool(rng, residents)),
    ]
    play = _Play(rng=rng, today=today, now=now, marks=marks, centre=centre, chairman=users["xa1ld"],
                 centre_worker=users["ctxh"], centre_head=users["ttgs"])
    stories = sorted(((team, story, play.time(story.received)) for team in teams for story in team.stories),
                     key=lambda row: row[2])  # opened in the order received, so the numbers run with the dates
    cases = [play.run(team, story, received) for team, story, received in stories]

    children = _register(rng, officer=users["xa1"], people=people1, size=REGISTER["home1"], today=today)
    children += _register(rng, officer=users["xa2"], people=people2, size=REGISTER["home2"], today=today)
    ids = [c.pk for c in cases]
    return {
        "cases": len(cases),
        "cases_open": Case.objects.filter(pk__in=ids).open().count(),
        "cases_overdue": Deadline.objects.filter(case_id__in=ids, met_at__isnull=True, due_at__lt=now).count(),
        "children": children,
    }


def _committee(commune, officer) -> Organisation:
    """The commune's People's Committee (the demo's facilities load them), made if missing."""
    found = Organisation.objects.filter(kind=Kind.COMMUNE_COMMITTEE, commune=commune).order_by("pk").first()
    return found or organisation_create(user=officer, valid_from=datetime.date(2025, 7, 1), code=f"UBND-{commune.code}",
                                        name=f"UBND {commune.name}", kind=Kind.COMMUNE_COMMITTEE, commune=commune)


def _marks(today: datetime.date, days: list[datetime.date]) -> dict[str, int]:
    """Days before today to assess or plan on so that a deadline falls where the demo wants it."""
    def back(check, start: int) -> int:
        return next(n for n in range(start, start + 60) if check(today - datetime.timedelta(days=n)))

    late_assess = back(lambda d: add_working_days(d, 5, days) <= today - datetime.timedelta(days=2), 8)
    late_plan = back(lambda d: add_working_days(d, 2, days) <= today - datetime.timedelta(days=2), 4)
    # due today when today is a working day; otherwise (a weekend, a holiday) due on the next one
    due_today = [n for n in range(1, 20) if add_working_days(today - datetime.timedelta(days=n), 5, days) == today]
    return {"late_assess": late_assess, "late_plan": late_plan, "today_assess": due_today[-1] if due_today else 1}


def _people(limit: int | None = None, **where) -> list[Person]:
    """The living members of households (of a commune, a province), with a birth year."""
    return list(Person.objects.filter(merged_into__isnull=True, date_of_death__isnull=True, birth_year__isnull=False,
                                      memberships__left_on__isnull=True, **where)
                .select_related("commune").distinct().order_by("pk")[:limit])


AGES = {"baby": (0, 0), "young": (0, 5), "child": (3, 15), "teen": (11, 15), "adult": (18, 59),
        "woman": (18, 55), "man": (18, 59), "elder": (65, 120), "anyone": (0, 120)}
# a small demo registry may lack someone: the next best
FALLBACK = {"baby": "young", "young": "child", "teen": "child", "child": "anyone", "woman": "adult", "man": "adult",
            "elder": "adult", "adult": "anyone"}


class _Pool:
    """People to take subjects from, each once while there are enough."""

    def __init__(self, rng: random.Random, people: list[Person]):
        self.people = list(people)
        rng.shuffle(self.people)
        self.used: set[int] = set()

    def take(self, who: str, on: datetime.date) -> Person:
        kind = who
        while kind:
            low, high = AGES[kind]
            fits = [p for p in self.people if low <= p.age_on(on) <= high  # the pools have birth years
                    and (kind not in ("woman", "man") or p.sex == ("F" if kind == "woman" else "M"))]
            fresh = [p for p in fits if p.pk not in self.used]
            if fresh or fits:
                person = (fresh or fits)[0]
                self.used.add(person.pk)
                return person
            kind = FALLBACK.get(kind, "")
        raise DomainError(f"Sổ đối tượng mẫu không có người phù hợp ({who}).")


@dataclass
class _Team:
    unit: Organisation
    worker: User
    supervisor: User
    pool: _Pool
    stories: list[Story]
    decisions: str  # the approving body's code in a decision number
    residents: _Pool | None = None


@dataclass
class _Play:
    rng: random.Random
    today: datetime.date
    now: datetime.datetime
    marks: dict[str, int]
    centre: Organisation
    chairman: User
    centre_worker: User
    centre_head: User

    def day(self, days) -> datetime.date:
        if isinstance(days, str):
            name, _sep, offset = days.partition("+")
            days = self.marks[name] + int(offset or 0)
        return self.today - datetime.timedelta(days=days)

    def time(self, when) -> datetime.datetime:
        if when[0] == "h":
            return self.now - datetime.timedelta(hours=when[1], minutes=self.rng.randint(0, 20))
        day, hour = when
        at = timezone.make_aware(datetime.datetime.combine(self.day(day), datetime.time(hour, self.rng.randint(0, 50))))
        return min(at, self.now - datetime.timedelta(minutes=5))

    def decision(self, team: _Team, day: datetime.date) -> str:
        number = self.rng.randint(12, 480)
        return f"{number}/QĐ-UBND" if team.decisions == "QĐ-UBND" else f"{number}/{day.year}/{team.decisions}"

    def run(self, team: _Team, story: Story, received: datetime.datetime) -> Case:
        pool = team.residents if story.pool == "residents" and team.residents and team.residents.people else team.pool
        person = pool.take(story.who, timezone.localtime(received).date())
        worker = team.worker
        case = services.case_open(
            user=worker, organisation=team.unit, source=story.source, received_at=received,
            case_type=story.case_type, risk=story.reported_risk or story.risk, summary=story.summary, worker=worker,
            supervisor=team.supervisor, subjects=[person], reporter_name=story.reporter)
        for step in story.steps:
            getattr(self, f"_{step[0]}")(_Ctx(team, case, person, story), *step[1:])
        return case

    def _initial(self, c: "_Ctx", when):
        services.case_initial(user=c.team.worker, case=c.case, at=self.time(when), risk=c.story.risk,
                              note=INITIAL[c.story.case_type])

    def _emergency(self, c: "_Ctx", when):
        services.case_emergency(user=c.team.worker, case=c.case, at=self.time(when), separation=False,
                                note="Đưa trẻ đến nhà người thân an toàn; yêu cầu người gây hại chấm dứt hành vi, "
                                     "Công an xã phối hợp.")

    def _separate(self, c: "_Ctx", when):
        at = self.time(when)
        services.case_emergency(user=c.team.worker, case=c.case, at=at, separation=True,
                                note=f"Tạm thời cách ly trẻ khỏi người gây hại, đưa đến {CENTRE} chăm sóc tạm thời.",
                                decision_number=self.decision(c.team, timezone.localtime(at).date()))

    def _separation_end(self, c: "_Ctx", days):
        services.case_separation_end(user=c.team.worker, case=c.case, on=self.day(days),
                                     note="Kết thúc cách ly, trẻ về với người thân an toàn.")

    def _assess(self, c: "_Ctx", when):
        services.case_assess(user=c.team.worker, case=c.case, at=self.time(when), needs=NEEDS[c.story.case_type],
                             note=ASSESSED)

    def _plan(self, c: "_Ctx", when):
        at = self.time(when)
        start = timezone.localtime(at).date()
        goals, activities = PLANS[c.story.case_type]
        worker = c.team.worker
        items = [{"service": what, "start_date": start, "end_date": start + datetime.timedelta(days=length),
                  "responsible": f"{worker.last_name} {worker.first_name}", "provider": provider,
                  "budget": Decimal(budget)} for what, length, provider, budget in activities]
        services.case_plan(user=worker, case=c.case, at=at, goals=goals, items=items)

    def _approve(self, c: "_Ctx", when):
        at = self.time(when)
        services.case_approve(user=c.team.supervisor, case=c.case, at=at,
                              decision_number=self.decision(c.team, timezone.localtime(at).date()))

    def _share_approve(self, c: "_Ctx"):
        """Shared with the commune chairman, who approves the plan by his decision."""
        services.case_share(user=c.team.worker, case=c.case, with_user=self.chairman, reason=SHARED)
        services.case_approve(user=self.chairman, case=c.case, at=timezone.now(),
                              decision_number=self.decision(c.team, self.today))

    def _service(self, c: "_Ctx", days, kind, provider):
        services.case_service(user=c.team.worker, case=c.case, kind=kind, given_on=self.day(days), provider=provider,
                              cost=Decimal(COSTS.get(kind, 0)), note=SERVICE_NOTES.get(kind, ""))

    def _refer(self, c: "_Ctx", status, consent_days):
        """To the centre, with the consent of the person (a child's parent) and the commune chairman; the centre's
        supervisor accepts it naming ctxh, who gives a first session today, or refuses it."""
        parent = _parent(c.person) if c.case.procedure == "child" else None
        referral = services.case_refer(
            user=c.team.worker, case=c.case, to=self.centre, reason=REFERRAL[status],
            consent_by=(Referral.Consenter.SELF if parent is None else Referral.Consenter.PARENT if parent
                        else Referral.Consenter.GUARDIAN),
            consent_name=parent or (c.person.full_name if parent is None else "Người giám hộ của trẻ"),
            consent_on=self.day(consent_days), head_consent=True)
        if status == "accepted":
            services.referral_respond(user=self.centre_head, referral=referral, accept=True,
                                      receiving_worker=self.centre_worker, note="Phân công nhân viên tiếp nhận.")
            services.case_service(user=self.centre_worker, case=c.case, kind="psychosocial", given_on=self.today,
                                  provider=CENTRE, cost=Decimal(300_000), note="Buổi tham vấn đầu tiên tại Trung tâm")
        elif status == "refused":
            services.referral_respond(user=self.centre_head, referral=referral, accept=False, note=REFUSED)

    def _review(self, c: "_Ctx", when, replan):
        note = ("Nguy cơ tái diễn, mục tiêu chưa đạt: xây dựng lại kế hoạch." if replan
                else "Đối tượng tiến bộ, tiếp tục thực hiện kế hoạch.")
        services.case_review(user=c.team.worker, case=c.case, at=self.time(when), replan=replan, note=note)

    def _returned(self, c: "_Ctx", days):
        services.case_returned(user=c.team.worker, case=c.case, on=self.day(days),
                               note="Về sống cùng gia đình; tiếp tục theo dõi ít nhất 6 tháng.")

    def _close(self, c: "_Ctx", days, reason, note):
        services.case_close(user=c.team.worker, case=c.case, on=self.day(days), reason=reason, note=note)

    def _reopen(self, c: "_Ctx"):
        services.case_reopen(user=c.team.supervisor, case=c.case,
                             note="Hàng xóm báo bạo lực tái diễn; mở lại ca để đánh giá và lập kế hoạch mới.")


@dataclass(frozen=True)
class _Ctx:
    team: _Team
    case: Case
    person: Person
    story: Story


def _parent(child: Person) -> str:
    """The head of the child's household, who consents for them ("" when the child heads it)."""
    return (Person.objects.filter(headed_households__memberships__person=child,
                                  headed_households__memberships__left_on__isnull=True)
            .exclude(pk=child.pk).values_list("full_name", flat=True).first() or "")


# --- children in special circumstances ----------------------------------------------------------------

GROUPS = [  # for the children placed at random: (group, weight, ages)
    (ChildGroup.ORPHAN, 8, (0, 15)), (ChildGroup.NO_SUPPORT, 10, (0, 15)), (ChildGroup.ABANDONED, 4, (0, 10)),
    (ChildGroup.TOXIC, 5, (0, 15)), (ChildGroup.SEVERE_DISABILITY, 3, (0, 15)), (ChildGroup.DISASTER, 9, (0, 15)),
    (ChildGroup.DISABLED, 5, (0, 15)), (ChildGroup.DROPOUT, 6, (11, 15)), (ChildGroup.ILL, 5, (0, 15)),
]
NOTES = {
    ChildGroup.ORPHAN: "Cha mẹ đều đã mất, sống với ông bà",
    ChildGroup.NO_SUPPORT: "Ở nhờ nhà người thân, không ai nuôi dưỡng",
    ChildGroup.ABANDONED: "Bị bỏ rơi, đang được gia đình trong ấp nhận chăm sóc",
    ChildGroup.TOXIC: "Con của người nhiễm chất độc hóa học",
    ChildGroup.SEVERE_DISABILITY: "Có giấy xác nhận khuyết tật",
    ChildGroup.DISASTER: "Nhà bị sập do lốc xoáy", ChildGroup.DISABLED: "Khuyết tật nhẹ",
    ChildGroup.DROPOUT: "Nghỉ học đi phụ việc ở vựa cá", ChildGroup.ILL: "Điều trị dài ngày, thuộc hộ nghèo",
}
SUPPORTS = {  # kind, provider, amount, note — by the child's first group
    ChildGroup.ORPHAN: (Support.Kind.ALLOWANCE, "Quỹ Bảo trợ trẻ em tỉnh Cà Mau", 1_000_000, "Trợ giúp dịp Tết"),
    ChildGroup.NO_SUPPORT: (Support.Kind.CARE, "UBND xã", 1_500_000, "Hỗ trợ gia đình nhận chăm sóc"),
    ChildGroup.ABANDONED: (Support.Kind.HEALTH_INSURANCE, "Bảo hiểm xã hội tỉnh Cà Mau", 0, "Cấp thẻ bảo hiểm y tế"),
    ChildGroup.HIV: (Support.Kind.SOCIAL_WORK, CENTRE, 0, "Tham vấn, hỗ trợ tuân thủ điều trị"),
    ChildGroup.TOXIC: (Support.Kind.ALLOWANCE, "Hội Nạn nhân chất độc da cam/dioxin tỉnh", 800_000, ""),
    ChildGroup.SEVERE_DISABILITY: (Support.Kind.IN_KIND, "Hội Bảo trợ người khuyết tật và trẻ mồ côi tỉnh", 3_500_000,
                                   "Xe lăn"),
    ChildGroup.DISASTER: (Support.Kind.IN_KIND, "Hội Chữ thập đỏ xã", 500_000, "Gạo, sách vở sau lốc xoáy"),
    ChildGroup.DISABLED: (Support.Kind.SOCIAL_WORK, "Trường học trong xã", 0, "Hỗ trợ học hòa nhập"),
    ChildGroup.DROPOUT: (Support.Kind.IN_KIND, "Hội Khuyến học xã", 1_000_000, "Học bổng, đồ dùng học tập"),
    ChildGroup.ILL: (Support.Kind.ALLOWANCE, "Quỹ Bảo trợ trẻ em tỉnh Cà Mau", 2_000_000, "Hỗ trợ chi phí điều trị"),
}


def _register(rng: random.Random, *, officer: User, people: list[Person], size: int, today: datetime.date) -> int:
    """Children among a commune's `people` in groups of special circumstances — those with a severe disability or
    an orphan's allowance in their groups, the others at random — recorded by the commune officer; of the priority
    groups' children, HELPED of them helped this year (an allowance or a case's service already counts; a support
    is added for the rest), and about two in three of the others. Returns the children registered."""
    kids = [p for p in people if 0 <= p.age_on(today) < 16]
    if not kids:
        return 0
    first = today.replace(month=1, day=1)
    allowance = {pk: category for pk, category in EnrolmentCategory.objects.filter(
        enrolment__person__in=kids, category__in=["5.1", "5.6"]).values_list("enrolment__person_id", "category")}
    chosen = [p for p in kids if p.disability_level in ("severe", "especially_severe") or p.pk in allowance]
    others = [p for p in kids if p not in chosen]
    rng.shuffle(others)
    chosen += others[:max(0, size - len(chosen))]
    hiv = 2 if len(chosen) >= 40 else 1
    groups: dict[int, list[str]] = {}
    for n, child in enumerate(chosen):
        age = child.age_on(today)
        if child.disability_level in ("severe", "especially_severe") or allowance.get(child.pk) == "5.6":
            mine = [ChildGroup.SEVERE_DISABILITY]
        elif child.pk in allowance:
            mine = [ChildGroup.ORPHAN]
        elif n >= len(chosen) - hiv:
            mine = [ChildGroup.HIV]
        else:
            fits = [(group, weight) for group, weight, (low, high) in GROUPS if low <= age <= high]
            mine = rng.choices([g for g, _w in fits], weights=[w for _g, w in fits])
        if rng.random() < 0.08 and ChildGroup.DISASTER not in mine:
            mine.append(ChildGroup.DISASTER)
        groups[child.pk] = mine
        born = datetime.date(child.birth_year, child.birth_month or 1, child.birth_day or 1)
        low = max(born, today - datetime.timedelta(days=1460))
        since = min(today, low + datetime.timedelta(days=rng.randint(0, max(0, (today - low).days - 7))))
        for group in mine:
            services.circumstance_add(user=officer, person=child, group=group, since=since,
                                      note="" if group == ChildGroup.HIV else NOTES.get(group, ""))

    helped = set(Enrolment.objects.filter(person__in=chosen, status__in=["active", "ended"], start_month__lte=today)
                 .exclude(end_month__lt=first).values_list("person_id", flat=True))
    helped |= set(Subject.objects.filter(person__in=chosen, case__services__given_on__gte=first,
                                         case__services__given_on__lte=today).values_list("person_id", flat=True))
    priority = [c for c in chosen if set(groups[c.pk]) & set(PRIORITY_GROUPS)]
    rest = [c for c in chosen if c not in priority]
    wanted = max(0, math.ceil(HELPED * len(priority)) - sum(c.pk in helped for c in priority))
    waiting = [c for c in priority if c.pk not in helped]
    given = rng.sample(waiting, min(wanted, len(waiting)))
    given += [c for c in rest if c.pk not in helped and rng.random() < 2 / 3]
    for child in given:
        kind, provider, amount, note = SUPPORTS[groups[child.pk][0]]
        services.support_add(user=officer, person=child, kind=kind, provider=provider, amount=Decimal(amount),
                             given_on=first + datetime.timedelta(days=rng.randint(0, (today - first).days)), note=note)
    for child in [c for c in waiting if c not in given][:3]:  # helped last year, not yet this year
        kind, provider, amount, note = SUPPORTS[groups[child.pk][0]]
        services.support_add(user=officer, person=child, kind=kind, provider=provider, amount=Decimal(amount),
                             given_on=first - datetime.timedelta(days=rng.randint(20, 200)), note=note)
    return len(chosen)
