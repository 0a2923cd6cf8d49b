"""Reference lists for the registry: the 54 ethnic groups and CCCD birth-registration province codes."""

# Danh mục các dân tộc Việt Nam (Tổng cục Thống kê, QĐ 121-TCTK/PPCĐ ngày 02/3/1979): 54 groups, codes 01–54.
ETHNICITIES: list[tuple[str, str]] = [
    ("01", "Kinh"), ("02", "Tày"), ("03", "Thái"), ("04", "Hoa"), ("05", "Khmer"), ("06", "Mường"),
    ("07", "Nùng"), ("08", "Hmông"), ("09", "Dao"), ("10", "Gia Rai"), ("11", "Ngái"), ("12", "Ê Đê"),
    ("13", "Ba Na"), ("14", "Xơ Đăng"), ("15", "Sán Chay"), ("16", "Cơ Ho"), ("17", "Chăm"),
    ("18", "Sán Dìu"), ("19", "Hrê"), ("20", "Mnông"), ("21", "Raglay"), ("22", "Xtiêng"),
    ("23", "Bru-Vân Kiều"), ("24", "Thổ"), ("25", "Giáy"), ("26", "Cơ Tu"), ("27", "Gié Triêng"),
    ("28", "Mạ"), ("29", "Khơ Mú"), ("30", "Co"), ("31", "Tà Ôi"), ("32", "Chơ Ro"), ("33", "Kháng"),
    ("34", "Xinh Mun"), ("35", "Hà Nhì"), ("36", "Chu Ru"), ("37", "Lào"), ("38", "La Chí"),
    ("39", "La Ha"), ("40", "Phù Lá"), ("41", "La Hủ"), ("42", "Lự"), ("43", "Lô Lô"), ("44", "Chứt"),
    ("45", "Mảng"), ("46", "Pà Thẻn"), ("47", "Cơ Lao"), ("48", "Cống"), ("49", "Bố Y"), ("50", "Si La"),
    ("51", "Pu Péo"), ("52", "Brâu"), ("53", "Ơ Đu"), ("54", "Rơ Măm"),
]

# Mã tỉnh nơi đăng ký khai sinh, digits 1–3 of the personal identification number
# (NĐ 137/2015/NĐ-CP Điều 13; TT 59/2021/TT-BCA) [V2]: the 63 pre-2025 provinces. Merging provinces
# in 2025 did not renumber existing citizens, so these stay valid.
CCCD_PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn", "008": "Tuyên Quang",
    "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu", "014": "Sơn La", "015": "Yên Bái",
    "017": "Hòa Bình", "019": "Thái Nguyên", "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang",
    "025": "Phú Thọ", "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
    "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định", "037": "Ninh Bình",
    "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh", "044": "Quảng Bình", "045": "Quảng Trị",
    "046": "Thừa Thiên Huế", "048": "Đà Nẵng", "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định",
    "054": "Phú Yên", "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
    "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng", "070": "Bình Phước",
    "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai", "077": "Bà Rịa - Vũng Tàu",
    "079": "TP. Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang", "083": "Bến Tre", "084": "Trà Vinh",
    "086": "Vĩnh Long", "087": "Đồng Tháp", "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ",
    "093": "Hậu Giang", "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}
