"""Synthetic but realistic Vietnamese people and households, as plain data (no database).

Pure functions driven by a `random.Random`, shared by `demo_seed` and the benchmarks. Names carry
diacritics and follow the usual surname distribution; households have a head, spouse, children and
sometimes grandparents; citizen IDs are valid and unique (TT 59/2021/TT-BCA layout).
"""

import bisect
import datetime
import functools
import itertools
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ansinh.core.text import fold
from ansinh.registry import rules
from ansinh.registry.reference import CCCD_PROVINCE_CODES

# --- reference lists ------------------------------------------------------------------------------

# fmt: off

# Họ: national shares (Nguyễn ≈ 38 %); Huỳnh and Võ are the southern forms of Hoàng and Vũ.
SURNAMES: list[tuple[str, float]] = [
    ("Nguyễn", 38.0), ("Trần", 11.0), ("Lê", 9.5), ("Phạm", 7.0), ("Huỳnh", 4.0), ("Hoàng", 1.5),
    ("Võ", 3.5), ("Vũ", 0.5), ("Phan", 4.5), ("Trương", 1.5), ("Bùi", 2.0), ("Đặng", 2.1), ("Đỗ", 1.4),
    ("Ngô", 1.3), ("Hồ", 1.3), ("Dương", 1.0), ("Lý", 0.6), ("Đinh", 0.6), ("Lâm", 0.6), ("Mai", 0.5),
    ("Tô", 0.4), ("Cao", 0.4), ("Lương", 0.4), ("Châu", 0.4), ("Hà", 0.4), ("Quách", 0.3), ("Thái", 0.3),
    ("Đoàn", 0.5), ("Lưu", 0.3), ("Tạ", 0.3), ("La", 0.2), ("Kiều", 0.2), ("Triệu", 0.2), ("Văn", 0.2),
]
KHMER_SURNAMES = ["Thạch", "Danh", "Sơn", "Kim", "Lâm", "Châu", "Lý"]
HOA_SURNAMES = ["Lý", "Lâm", "Trương", "Quách", "Tăng", "Hứa", "Mã", "Diệp", "Lưu", "Huỳnh", "Thái", "La", "Tiêu"]

MALE_MIDDLE_OLD = [("Văn", 60), ("Hữu", 8), ("Minh", 6), ("Thanh", 6), ("Công", 4), ("Quốc", 4),
                   ("Hoàng", 3), ("Đức", 3), ("Tấn", 4), ("Ngọc", 3), ("Thành", 3), ("Chí", 2)]
MALE_MIDDLE_YOUNG = [("Văn", 22), ("Minh", 14), ("Hoàng", 9), ("Quốc", 8), ("Gia", 8), ("Thanh", 6),
                     ("Hữu", 5), ("Tấn", 5), ("Anh", 5), ("Bảo", 5), ("Đức", 4), ("Trọng", 3), ("Nhật", 3),
                     ("Hoàng Minh", 2), ("Gia Bảo", 1)]
FEMALE_MIDDLE_OLD = [("Thị", 72), ("Ngọc", 6), ("Thanh", 4), ("Kim", 5), ("Thu", 3), ("Mỹ", 3),
                     ("Hồng", 2), ("Bích", 2), ("Thị Ngọc", 2), ("Thị Kim", 1)]
FEMALE_MIDDLE_YOUNG = [("Thị", 30), ("Ngọc", 12), ("Thanh", 6), ("Thùy", 6), ("Bảo", 5), ("Mỹ", 5),
                       ("Kim", 4), ("Phương", 4), ("Minh", 4), ("Thu", 3), ("Hoài", 3), ("Thị Ngọc", 4),
                       ("Thị Thanh", 3), ("Thị Mỹ", 3), ("Ngọc Bảo", 2), ("Cẩm", 2), ("Diễm", 2)]

# Tên. Elders in the south are often called by birth order (Út, Tư, Năm…), and that is their legal name.
MALE_GIVEN_OLD = ["Hùng", "Dũng", "Minh", "Tuấn", "Hải", "Thành", "Sơn", "Long", "Nam", "Bình", "Hòa",
                  "Tâm", "Phúc", "Lộc", "Tài", "Hiền", "Út", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Thắng",
                  "Lợi", "Quang", "Trung", "Nghĩa", "Hiếu", "Phong", "Cường", "Hậu", "Đức", "Thiện",
                  "Sang", "Tuấn", "Vinh", "Hưng", "Chiến", "Đông", "Mến", "Sự", "Tấn", "Kiệt", "Hoàng"]
MALE_GIVEN_YOUNG = ["Khang", "Huy", "Bảo", "Phúc", "Khoa", "Nam", "Minh", "An", "Duy", "Khánh", "Kiệt",
                    "Trí", "Thịnh", "Tín", "Nhân", "Hưng", "Đạt", "Tùng", "Vinh", "Quân", "Phát", "Lâm",
                    "Hoàng", "Long", "Tuấn", "Hiếu", "Thắng", "Hùng", "Nguyên", "Khôi", "Đăng", "Hào",
                    "Toàn", "Tài", "Lộc", "Luân", "Thuận", "Vũ", "Sơn", "Hải"]
FEMALE_GIVEN_OLD = ["Lan", "Hoa", "Hồng", "Mai", "Cúc", "Đào", "Hương", "Liên", "Nga", "Nguyệt", "Phượng",
                    "Thủy", "Tuyết", "Xuân", "Loan", "Hạnh", "Dung", "Út", "Bé", "Ba", "Tư", "Năm", "Sáu",
                    "Mười", "Lệ", "Bông", "Nhung", "Ngọc", "Hiền", "Thu", "Tâm", "Thảo", "Yến", "Lài",
                    "Lý", "Huệ", "Sen", "Thắm", "Mận", "Hằng", "Vân", "Hạnh", "Diệu"]
FEMALE_GIVEN_YOUNG = ["Anh", "Ngân", "Nhi", "Vy", "Trâm", "Thảo", "Linh", "Hân", "My", "Như", "Quỳnh",
                      "Trinh", "Uyên", "Diễm", "Giang", "Hằng", "Hương", "Huyền", "Lan", "Ly", "Mai",
                      "Ngọc", "Oanh", "Phương", "Tiên", "Trang", "Tuyết", "Yến", "Thư", "Châu", "Hà",
                      "Nhung", "Duyên", "Kiều", "Thy", "Tú", "Vân", "Xuân", "Hạnh", "Loan"]
# Khmer names as written in Vietnamese civil records in Bạc Liêu / Cà Mau.
KHMER_MALE_GIVEN = ["Sa Ri", "Sà Phol", "Sóc", "Chanh", "Vũ Thy", "Sa Rươl", "Sa Vuôl", "Pho", "Khum",
                    "Sà Rinh", "Minh", "Sóc Kha", "Thanh Tùng", "Văn Chanh", "Văn Sóc"]
KHMER_FEMALE_GIVEN = ["Thị Sa Rươne", "Thị Sóc Khanh", "Thị Sa Ly", "Thị Chanh Thy", "Thị Mỹ", "Thị Sa Phia",
                      "Thị Kim Sinh", "Thị Sà Rênh", "Thị Sô Phi", "Thị Ngọc Diệp", "Thị Mỹ Linh"]

STREETS = ["Trần Hưng Đạo", "Nguyễn Tất Thành", "Lý Thường Kiệt", "Phan Ngọc Hiển", "Hùng Vương",
           "Nguyễn Trãi", "Lê Lợi", "Ngô Quyền", "Phạm Văn Đồng", "30 Tháng 4", "Cao Văn Lầu", "Trần Phú",
           "Võ Thị Sáu", "Hai Bà Trưng", "Lê Duẩn", "Nguyễn Văn Linh", "Quang Trung", "Lý Tự Trọng",
           "Bà Triệu", "Nguyễn Du", "Ninh Bình", "Hoàng Văn Thụ", "Trần Văn Thời", "Phan Đình Phùng"]
BANKS = [("Agribank", 40), ("Ngân hàng Chính sách xã hội", 12), ("Vietcombank", 12), ("VietinBank", 10),
         ("BIDV", 10), ("Sacombank", 6), ("LPBank", 5), ("MB Bank", 5)]
PHONE_PREFIXES = ["032", "033", "034", "035", "036", "037", "038", "039", "086", "096", "097", "098",
                  "070", "076", "077", "078", "079", "089", "090", "093", "081", "082", "083", "084",
                  "085", "088", "091", "094", "056", "058"]

# Provinces of the south-west use ấp / khóm; elsewhere thôn / tổ dân phố.
AP_PROVINCES = {"75", "79", "80", "82", "86", "91", "92", "96"}
# Where Cà Mau's migrants were born (birth-registration codes): neighbours and Hồ Chí Minh City.
MIGRANT_ORIGINS = ["091", "094", "093", "092", "079", "084", "086", "087", "089", "080", "038", "040"]

# Pre-2025 district and province of the communes of Cà Mau (new province = former Bạc Liêu + Cà Mau),
# keyed by the first new commune code each one covers. Approximate, for legacy addresses only.
CA_MAU_LEGACY_DISTRICTS: list[tuple[str, str, str]] = [
    ("31825", "thành phố Bạc Liêu", "Bạc Liêu"), ("31843", "huyện Hồng Dân", "Bạc Liêu"),
    ("31867", "huyện Phước Long", "Bạc Liêu"), ("31891", "huyện Hòa Bình", "Bạc Liêu"),
    ("31894", "huyện Vĩnh Lợi", "Bạc Liêu"), ("31918", "huyện Hòa Bình", "Bạc Liêu"),
    ("31942", "thị xã Giá Rai", "Bạc Liêu"), ("31972", "huyện Đông Hải", "Bạc Liêu"),
    ("32002", "thành phố Cà Mau", "Cà Mau"), ("32044", "huyện U Minh", "Cà Mau"),
    ("32065", "huyện Thới Bình", "Cà Mau"), ("32095", "huyện Trần Văn Thời", "Cà Mau"),
    ("32128", "huyện Cái Nước", "Cà Mau"), ("32152", "huyện Đầm Dơi", "Cà Mau"),
    ("32191", "huyện Năm Căn", "Cà Mau"), ("32212", "huyện Phú Tân", "Cà Mau"),
    ("32236", "huyện Ngọc Hiển", "Cà Mau"),
]
# fmt: on
_LEGACY_KEYS = [code for code, _, _ in CA_MAU_LEGACY_DISTRICTS]
_OLD_PROVINCE_CCCD = {"Bạc Liêu": "095", "Cà Mau": "096"}

# Columns of registry_person filled by the generators, in this order (see `person_row`).
PERSON_COLUMNS = (
    "citizen_id",
    "full_name",
    "name_folded",
    "sort_name",
    "birth_year",
    "birth_month",
    "birth_day",
    "sex",
    "ethnicity",
    "commune_id",
    "province_code",
    "hamlet",
    "address",
    "legacy_address",
    "phone",
    "disability_level",
    "disability_certificate_date",
    "date_of_death",
    "pension_status",
    "bank_name",
    "bank_account",
)


@dataclass(frozen=True)
class CommuneRef:
    """What the generators need to know about a commune (an AdministrativeUnit row)."""

    id: int
    code: str
    name: str
    kind: str  # AdministrativeUnit.Kind value: "xa", "phuong", "dac_khu", …
    province_code: str

    @property
    def is_ward(self) -> bool:
        return self.kind == "phuong"

    @property
    def bare_name(self) -> str:
        for prefix in ("Xã ", "Phường ", "Đặc khu ", "Thị trấn "):
            if self.name.startswith(prefix):
                return self.name[len(prefix) :]
        return self.name


@dataclass
class HouseholdSpec:
    commune: CommuneRef
    hamlet: str
    address: str
    registered_on: datetime.date
    # Person dicts (PERSON_COLUMNS plus "relationship" and "joined_on"); the head comes first.
    members: list[dict[str, Any]] = field(default_factory=list)


# --- small helpers --------------------------------------------------------------------------------


def _cumulative(pairs: Sequence[tuple[Any, float]]) -> tuple[list[Any], list[float]]:
    values = [v for v, _ in pairs]
    return values, list(itertools.accumulate(w for _, w in pairs))


_SURNAMES = _cumulative(SURNAMES)
_MIDDLES = {
    ("M", False): _cumulative(MALE_MIDDLE_OLD),
    ("M", True): _cumulative(MALE_MIDDLE_YOUNG),
    ("F", False): _cumulative(FEMALE_MIDDLE_OLD),
    ("F", True): _cumulative(FEMALE_MIDDLE_YOUNG),
}
_BANKS = _cumulative(BANKS)


def _pick(rng: random.Random, table: tuple[list[Any], list[float]]) -> Any:
    values, cum = table
    return values[bisect.bisect(cum, rng.random() * cum[-1])]


_fold_word = functools.lru_cache(maxsize=None)(fold)


def folded_and_sort_key(full_name: str) -> tuple[str, str]:
    """`(fold(full_name), sort_key(full_name))` for a normalised name, word by word through a cache."""
    words = [_fold_word(w) for w in full_name.split(" ")]
    folded = " ".join(words)
    return folded, f"{words[-1]} {folded}"


def surname(rng: random.Random, ethnicity: str = "01") -> str:
    if ethnicity == "05":
        return rng.choice(KHMER_SURNAMES)
    if ethnicity == "04":
        return rng.choice(HOA_SURNAMES)
    return _pick(rng, _SURNAMES)


def full_name(
    rng: random.Random, *, sex: str, birth_year: int, family: str, ethnicity: str = "01"
) -> str:
    """Họ + tên đệm + tên, by sex and generation (`Nguyễn Thị Lan`, `Trần Gia Bảo`, `Thạch Thị Sa Ly`)."""
    if ethnicity == "05":
        return f"{family} {rng.choice(KHMER_FEMALE_GIVEN if sex == 'F' else KHMER_MALE_GIVEN)}"
    young = birth_year >= 1985
    middle = _pick(rng, _MIDDLES[(sex, young)])
    if sex == "F":
        given = rng.choice(FEMALE_GIVEN_YOUNG if young else FEMALE_GIVEN_OLD)
    else:
        given = rng.choice(MALE_GIVEN_YOUNG if young else MALE_GIVEN_OLD)
    if given in middle.split():
        middle = "Thị" if sex == "F" else "Văn"
    return f"{family} {middle} {given}"


def one_letter_typo(rng: random.Random, name: str) -> str:
    """The same name with one realistic slip in the given name (i/y, n/ng, a dropped or doubled letter)."""
    *rest, given = name.split(" ")
    options = []
    if "y" in given:
        options.append(given.replace("y", "i", 1))
    elif given.endswith("i"):
        options.append(given[:-1] + "y")
    if given.endswith("ng"):
        options.append(given[:-1])
    elif given.endswith("n"):
        options.append(given + "g")
    if len(given) > 3:
        k = rng.randrange(1, len(given))
        options.append(given[:k] + given[k + 1 :])
    k = rng.randrange(1, len(given)) if len(given) > 1 else 0
    options.append(given[: k + 1] + given[k:])
    new_given = rng.choice(options)
    return " ".join([*rest, new_given])


class CitizenIdAllocator:
    """Unique số định danh cá nhân: `PPP G YY NNNNNN` (TT 59/2021/TT-BCA)."""

    def __init__(self, rng: random.Random, used: set[str] | None = None) -> None:
        self.rng = rng
        self.used: set[str] = used if used is not None else set()

    def new(self, *, birth_year: int, sex: str, province: str) -> str:
        prefix = f"{province}{rules.sex_century_digit(sex=sex, birth_year=birth_year)}{birth_year % 100:02d}"
        while True:
            number = f"{prefix}{self.rng.randrange(1_000_000):06d}"
            if number not in self.used:
                self.used.add(number)
                return number


def home_cccd_code(commune: CommuneRef) -> str:
    """Birth-registration province code most people of this commune carry (pre-2025 province)."""
    if commune.province_code == "96" and commune.code >= _LEGACY_KEYS[0]:
        _, _, old_province = CA_MAU_LEGACY_DISTRICTS[bisect.bisect(_LEGACY_KEYS, commune.code) - 1]
        return _OLD_PROVINCE_CCCD[old_province]
    code = f"{int(commune.province_code):03d}"
    return code if code in CCCD_PROVINCE_CODES else "001"


def birth_province(rng: random.Random, home: str) -> str:
    """Where a resident's birth was registered: mostly home; Bạc Liêu ↔ Cà Mau; a few migrants."""
    r = rng.random()
    if r < 0.9:
        return home
    if r < 0.96 and home in ("095", "096"):
        return "096" if home == "095" else "095"
    return rng.choice(MIGRANT_ORIGINS)


def legacy_address(rng: random.Random, commune: CommuneRef, hamlet: str) -> str:
    """The pre-2025 three-tier address (`Ấp 3, xã Hồng Dân, huyện Hồng Dân, tỉnh Bạc Liêu`), or ""."""
    if commune.province_code != "96" or commune.code < _LEGACY_KEYS[0]:
        return ""
    _, district, old_province = CA_MAU_LEGACY_DISTRICTS[
        bisect.bisect(_LEGACY_KEYS, commune.code) - 1
    ]
    unit = f"phường {rng.randint(1, 9)}" if commune.is_ward else f"xã {commune.bare_name}"
    return f"{hamlet}, {unit}, {district}, tỉnh {old_province}"


def hamlet_names(rng: random.Random, commune: CommuneRef) -> list[str]:
    south = commune.province_code in AP_PROVINCES
    if commune.is_ward:
        word, count = ("Khóm" if south else "Tổ dân phố"), rng.randint(4, 9)
    else:
        word, count = ("Ấp" if south else "Thôn"), rng.randint(6, 12)
    return [f"{word} {n}" for n in range(1, count + 1)]


def _birth(
    rng: random.Random, age: int, today: datetime.date
) -> tuple[datetime.date, int, int | None, int | None]:
    """A birth date `age` years before today, and the parts a record would hold (older ones: year only)."""
    born = today - datetime.timedelta(days=int((age + rng.random() * 0.999) * 365.2425))
    r = rng.random()
    if born.year < 1960:
        if r < 0.75:
            return born, born.year, None, None
        if r < 0.88:
            return born, born.year, born.month, None
    elif born.year < 1975:
        if r < 0.06:
            return born, born.year, None, None
        if r < 0.10:
            return born, born.year, born.month, None
    elif r < 0.015:
        return born, born.year, None, None
    return born, born.year, born.month, born.day


def _random_date(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    if end <= start:
        return start
    return start + datetime.timedelta(days=rng.randrange((end - start).days + 1))


# --- people and households ------------------------------------------------------------------------


class _HouseholdBuilder:
    """Builds one household's members; every person gets all PERSON_COLUMNS."""

    def __init__(
        self,
        rng: random.Random,
        ids: CitizenIdAllocator,
        today: datetime.date,
        spec: HouseholdSpec,
        ethnicity: str,
        home_cccd: str,
    ) -> None:
        self.rng, self.ids, self.today, self.spec = rng, ids, today, spec
        self.ethnicity, self.home_cccd = ethnicity, home_cccd
        self.legacy = legacy_address(rng, spec.commune, spec.hamlet) if rng.random() < 0.18 else ""

    def add(
        self,
        *,
        relationship: str,
        sex: str,
        age: int,
        family: str | None = None,
        ethnicity: str | None = None,
    ) -> dict[str, Any]:
        rng, today = self.rng, self.today
        age = max(0, min(age, 102))
        ethnicity = ethnicity or self.ethnicity
        born, year, month, day = _birth(rng, age, today)
        family = family or surname(rng, ethnicity)
        name = full_name(rng, sex=sex, birth_year=year, family=family, ethnicity=ethnicity)
        folded, sort_name = folded_and_sort_key(name)
        if rng.random() < 0.03:
            citizen_id = None
        else:
            province = birth_province(rng, self.home_cccd)
            citizen_id = self.ids.new(birth_year=year, sex=sex, province=province)
        phone = ""
        if age >= 18 and rng.random() < (0.35 if age >= 75 else 0.75):
            phone = f"{rng.choice(PHONE_PREFIXES)}{rng.randrange(10_000_000):07d}"
        disability, certified = "none", None
        if rng.random() < (0.12 if age >= 70 else 0.03):
            disability = rng.choices(["mild", "severe", "especially_severe"], weights=[50, 35, 15])[
                0
            ]
            certified = _random_date(rng, max(born, datetime.date(2012, 6, 1)), today)
        death = None
        if relationship not in ("head", "spouse") and age >= 70 and rng.random() < 0.06:
            death = _random_date(rng, today - datetime.timedelta(days=3 * 365), today)
        pension = "none"
        if age >= 60:
            r = rng.random()
            if r < 0.18:
                pension = "pension"
            elif r < 0.24:
                pension = "social_insurance"
            elif age >= 75 and r < 0.80:
                # Trợ cấp hưu trí xã hội from 75 (Luật BHXH 2024, Điều 21).
                pension = "social_pension"
        bank_name = bank_account = ""
        if age >= 18 and rng.random() < 0.3:
            bank_name = _pick(rng, _BANKS)
            bank_account = "".join(
                str(rng.randrange(10)) for _ in range(rng.choice((10, 12, 13, 14)))
            )
        joined = max(self.spec.registered_on, born)
        person = {
            "citizen_id": citizen_id,
            "full_name": name,
            "name_folded": folded,
            "sort_name": sort_name,
            "birth_year": year,
            "birth_month": month,
            "birth_day": day,
            "sex": sex,
            "ethnicity": ethnicity,
            "commune_id": self.spec.commune.id,
            "province_code": self.spec.commune.province_code,
            "hamlet": self.spec.hamlet,
            "address": self.spec.address,
            "legacy_address": self.legacy,
            "phone": phone,
            "disability_level": disability,
            "disability_certificate_date": certified,
            "date_of_death": death,
            "pension_status": pension,
            "bank_name": bank_name,
            "bank_account": bank_account,
            "relationship": relationship,
            "joined_on": joined,
            "_family": family,
            "_age": age,
        }
        self.spec.members.append(person)
        return person


def _tri(rng: random.Random, low: int, high: int, mode: int) -> int:
    return int(rng.triangular(low, high + 1, mode))


def _spouse_age(rng: random.Random, head_sex: str, head_age: int) -> int:
    gap = rng.randint(-2, 7)
    return head_age - gap if head_sex == "M" else head_age + gap


def _children(
    b: _HouseholdBuilder, mother_age: int, father_family: str, count: int, rel: str = "child"
) -> None:
    rng = b.rng
    for _ in range(count):
        age = mother_age - rng.randint(19, 40)
        if age < 0:
            continue
        b.add(relationship=rel, sex=rng.choice("MF"), age=age, family=father_family)


def household(
    rng: random.Random,
    *,
    commune: CommuneRef,
    hamlets: Sequence[str],
    ids: CitizenIdAllocator,
    today: datetime.date,
) -> HouseholdSpec:
    """One household: a structure drawn from typical Mekong Delta shares, ages from the head's."""
    hamlet = rng.choice(hamlets)
    if commune.is_ward:
        address = f"{rng.randint(1, 480)} {rng.choice(STREETS)}, {hamlet}"
    else:
        address = f"Tổ {rng.randint(1, 15)}, {hamlet}"
    spec = HouseholdSpec(
        commune=commune,
        hamlet=hamlet,
        address=address,
        registered_on=_random_date(
            rng, datetime.date(1998, 1, 1), today - datetime.timedelta(days=200)
        ),
    )
    r = rng.random()
    ethnicity = "05" if r < 0.02 else "04" if r < 0.03 else "01"
    b = _HouseholdBuilder(rng, ids, today, spec, ethnicity, home_cccd_code(commune))
    kind = rng.choices(
        [
            "single_elder",
            "single_adult",
            "couple_elder",
            "nuclear",
            "single_parent",
            "three_gen",
            "extended",
        ],
        weights=[7, 5, 9, 53, 8, 13, 5],
    )[0]
    if kind == "single_elder":
        b.add(
            relationship="head", sex="F" if rng.random() < 0.7 else "M", age=_tri(rng, 60, 98, 72)
        )
    elif kind == "single_adult":
        b.add(
            relationship="head", sex="M" if rng.random() < 0.6 else "F", age=_tri(rng, 19, 59, 30)
        )
    elif kind == "couple_elder":
        sex = "M" if rng.random() < 0.8 else "F"
        head = b.add(relationship="head", sex=sex, age=_tri(rng, 56, 92, 66))
        b.add(
            relationship="spouse",
            sex="F" if sex == "M" else "M",
            age=_spouse_age(rng, sex, head["_age"]),
        )
    elif kind in ("nuclear", "three_gen"):
        sex = "M" if rng.random() < 0.75 else "F"
        head_age = _tri(rng, 22, 66, 42) if kind == "nuclear" else _tri(rng, 26, 56, 40)
        head = b.add(relationship="head", sex=sex, age=head_age)
        spouse_age = _spouse_age(rng, sex, head_age)
        spouse = b.add(relationship="spouse", sex="F" if sex == "M" else "M", age=spouse_age)
        father = head if sex == "M" else spouse
        mother_age = spouse_age if sex == "M" else head_age
        count = (
            rng.choices([0, 1, 2, 3, 4], weights=[8, 27, 42, 17, 6])[0]
            if kind == "nuclear"
            else rng.choices([1, 2, 3], weights=[35, 45, 20])[0]
        )
        _children(b, mother_age, father["_family"], count)
        if kind == "three_gen":
            in_law = rng.random() < 0.3
            rel = "parent_in_law" if in_law else "parent"
            side = spouse if in_law else head
            parent_age = side["_age"] + rng.randint(20, 34)
            if rng.random() < 0.55:
                b.add(relationship=rel, sex="F", age=parent_age - rng.randint(0, 5))
            else:
                grandfather = b.add(
                    relationship=rel,
                    sex="M",
                    age=parent_age + rng.randint(0, 4),
                    family=side["_family"] if side["sex"] == "M" else None,
                )
                b.add(relationship=rel, sex="F", age=grandfather["_age"] - rng.randint(0, 7))
    elif kind == "single_parent":
        sex = "F" if rng.random() < 0.75 else "M"
        head = b.add(relationship="head", sex=sex, age=_tri(rng, 24, 58, 38))
        family = head["_family"] if sex == "M" else surname(rng, ethnicity)
        _children(
            b,
            head["_age"] if sex == "F" else head["_age"] - 3,
            family,
            rng.choices([1, 2, 3], weights=[45, 40, 15])[0],
        )
    else:  # extended: elder head and spouse, a married child, grandchildren
        sex = "M" if rng.random() < 0.7 else "F"
        head = b.add(relationship="head", sex=sex, age=_tri(rng, 55, 82, 64))
        spouse = b.add(
            relationship="spouse",
            sex="F" if sex == "M" else "M",
            age=_spouse_age(rng, sex, head["_age"]),
        )
        father = head if sex == "M" else spouse
        mother_age = spouse["_age"] if sex == "M" else head["_age"]
        son_age = max(18, mother_age - rng.randint(20, 36))
        son = b.add(relationship="child", sex="M", age=son_age, family=father["_family"])
        daughter_in_law = b.add(
            relationship="child_in_law", sex="F", age=son_age - rng.randint(0, 6)
        )
        _children(
            b,
            daughter_in_law["_age"],
            son["_family"],
            rng.choices([1, 2, 3], weights=[35, 45, 20])[0],
            rel="grandchild",
        )
    return spec


def households(
    rng: random.Random,
    *,
    communes: Sequence[CommuneRef],
    counts: Sequence[int],
    ids: CitizenIdAllocator,
    today: datetime.date,
) -> Iterator[HouseholdSpec]:
    """Households commune by commune until each commune has `counts[i]` people (the last one trimmed)."""
    for commune, target in zip(communes, counts, strict=True):
        hamlets = hamlet_names(rng, commune)
        made = 0
        while made < target:
            spec = household(rng, commune=commune, hamlets=hamlets, ids=ids, today=today)
            spec.members = spec.members[: target - made]
            made += len(spec.members)
            yield spec


def spread(
    rng: random.Random, total: int, n: int, fixed: dict[int, int] | None = None
) -> list[int]:
    """Split `total` people over `n` communes with uneven (0.4–1.6) weights; `fixed` pins some counts."""
    fixed = fixed or {}
    rest = total - sum(fixed.values())
    free = [i for i in range(n) if i not in fixed]
    weights = [rng.uniform(0.4, 1.6) for _ in free]
    scale = sum(weights) or 1.0
    counts = [0] * n
    for i, w in zip(free, weights, strict=True):
        counts[i] = int(rest * w / scale)
    if free:
        counts[free[0]] += rest - sum(counts[i] for i in free)
    for i, value in fixed.items():
        counts[i] = value
    return counts


def persons(
    rng: random.Random,
    *,
    communes: Sequence[CommuneRef],
    count: int,
    today: datetime.date,
    ids: CitizenIdAllocator | None = None,
) -> Iterator[dict[str, Any]]:
    """`count` people spread over `communes`, household by household (for loading without households)."""
    ids = ids or CitizenIdAllocator(rng)
    counts = spread(rng, count, len(communes))
    for spec in households(rng, communes=communes, counts=counts, ids=ids, today=today):
        yield from spec.members


def person_row(person: dict[str, Any]) -> tuple[Any, ...]:
    """A person dict as a tuple in PERSON_COLUMNS order (for executemany / COPY)."""
    return tuple(person[c] for c in PERSON_COLUMNS)


def likely_duplicates(
    rng: random.Random, people: Sequence[dict[str, Any]], count: int
) -> list[dict[str, Any]]:
    """Copies of existing people without a citizen ID, as a second registration would leave them.

    Half keep the name (same name, birth year, commune); half carry a one-letter typo and keep the
    full birth date, so both rules of `duplicates_scan` have something to find.
    """
    with_date = [p for p in people if p["birth_day"] and p["date_of_death"] is None]
    any_year = [p for p in people if p["birth_year"] and p["date_of_death"] is None]
    copies = []
    for i in range(count):
        typo = i % 2 == 1 and with_date
        original = rng.choice(with_date if typo else any_year)
        copy = {k: v for k, v in original.items() if not k.startswith("_")}
        copy.update(
            citizen_id=None,
            phone="",
            bank_name="",
            bank_account="",
            relationship=None,
            joined_on=None,
        )
        if typo:
            name = one_letter_typo(rng, original["full_name"])
            copy["full_name"] = name
            copy["name_folded"], copy["sort_name"] = folded_and_sort_key(name)
        elif rng.random() < 0.5:
            # Registered again from an old paper record: only the year of birth was copied.
            copy["birth_month"] = copy["birth_day"] = None
        copies.append(copy)
    return copies
