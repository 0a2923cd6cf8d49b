"""Reading the cells of an imported row the way every kind needs: text trimmed and normalised, coded values
folded (case, diacritics), and communes by code or name within the importing officer's jurisdiction."""

import datetime
import functools
import unicodedata
from typing import Any

from ansinh.core.files import parse_date_parts
from ansinh.core.text import fold
from ansinh.geo.models import AdministrativeUnit, FormerCommune

from .models import ImportJob

UNIT_PREFIXES = ("xa ", "phuong ", "dac khu ", "thi tran ")
PROVINCE_PREFIXES = ("tinh ", "thanh pho ", "tp. ", "tp ")
DISTRICT_PREFIXES = ("huyen ", "quan ", "thi xa ", "thanh pho ", "tp. ", "tp ")


def strip_prefix(name: str, prefixes: tuple[str, ...]) -> str:
    for prefix in prefixes:
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def text(value: Any, limit: int) -> str:
    if value is None:
        return ""
    if type(value) is not str:
        value = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    if not value.isascii():
        value = unicodedata.normalize("NFC", value)
    return " ".join(value.split())[:limit]


def past_day(value: Any, today: datetime.date) -> datetime.date:
    """A whole date no later than today (a decision's); a ValueError says why not."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError("để trống.")
    year, month, day = parse_date_parts(value, today=today)
    if month is None or day is None:
        raise ValueError("cần đủ ngày, tháng, năm.")
    date = datetime.date(year, month, day)
    if date > today:
        raise ValueError("sau ngày hôm nay.")
    return date


def amount(value: Any) -> int:
    """Whole đồng, written as a number or as text ("2.340.000", "2,340,000 đ"); a ValueError says why not."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError("để trống.")
    if isinstance(value, int | float):
        if value != int(value):
            raise ValueError("cần số đồng tròn.")
        number = int(value)
    else:
        raw = text(value, 40)
        digits = "".join(ch for ch in raw if ch.isdigit())
        rest = fold(raw).replace(" ", "").replace(".", "").replace(",", "").lstrip("-")
        if not digits or rest.strip("0123456789").removesuffix("vnd").removesuffix("dong").removesuffix("d"):
            raise ValueError(f"“{raw}” không phải số tiền.")
        number = -int(digits) if raw.startswith("-") else int(digits)
    if number < 0:
        raise ValueError("không được âm.")
    return number


class Problems(list):
    """What is wrong with a row, as (column label, message): `problem("birth", "…")` names the column by its key."""

    def __init__(self, labels: dict[str, str]):
        super().__init__()
        self.labels = labels

    def __call__(self, key: str, message: str) -> None:
        self.append((self.labels[key], message))


fold_code = functools.lru_cache(maxsize=8192)(fold)  # sex, ethnicity, commune and level names repeat endlessly


class Communes:
    """Today's communes by code and by name (with or without “Xã”, “Phường”…, without diacritics), within
    what the importing user covers; a name in use before 1 July 2025 leads to today's commune when the old
    commune went whole into one (narrowed by its district when the name was not unique), and is refused,
    saying why, when it was split."""

    def __init__(self, job: ImportJob):
        units = AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.COMMUNE, valid_to__isnull=True)
        self.by_code: dict[str, tuple[int, str, str]] = {}
        self.by_name: dict[str, list[tuple[int, str, str]]] = {}
        for pk, code, name, province in units.values_list("pk", "code", "name", "province_code"):
            unit = (pk, province, name)
            self.by_code[code] = unit
            folded = fold(name)
            for key in {folded, strip_prefix(folded, UNIT_PREFIXES)}:
                self.by_name.setdefault(key, []).append(unit)
        self.provinces = {
            strip_prefix(fold(name), PROVINCE_PREFIXES): code
            for code, name in AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.PROVINCE,
                                                                valid_to__isnull=True).values_list("code", "name")
        }
        self.former: dict[str, list[tuple[str, str, str, list[tuple[int, str, str]]]]] = {}
        by_pk = {unit[0]: unit for unit in self.by_code.values()}
        successors: dict[int, list[tuple[int, str, str]]] = {}
        for former_id, unit_id in FormerCommune.successors.through.objects.values_list("formercommune_id",
                                                                                       "administrativeunit_id"):
            successors.setdefault(former_id, []).append(by_pk[unit_id])
        for pk, name, district, province in FormerCommune.objects.values_list("pk", "name", "district", "province"):
            entry = (name, district, province, sorted(successors.get(pk, []), key=lambda u: u[2]))
            folded = fold(name)
            for key in {folded, strip_prefix(folded, UNIT_PREFIXES)}:
                self.former.setdefault(key, []).append(entry)
            if entry[3]:  # an old province's name leads to today's
                self.provinces.setdefault(strip_prefix(fold(province), PROVINCE_PREFIXES), entry[3][0][1])
        self.default = (job.commune_id, job.commune.province_code, job.commune.name) if job.commune_id else None
        self.only_commune = job.commune_id
        self.only_province = job.province_code

    def find(self, cell: Any, province_cell: Any, district_cell: Any = None) -> tuple[int, str, str, str]:
        """(id, province code, name, the old address when the cell named a commune before 2025) of the commune
        a cell names; a ValueError says why not."""
        if isinstance(cell, float) and cell.is_integer():
            cell = int(cell)
        written = text(cell, 120)
        if not written:
            if self.default:
                return (*self.default, "")
            raise ValueError("để trống: ghi mã hoặc tên xã/phường.")
        if written.isdigit():
            unit = self.by_code.get(written.zfill(5))
            if unit is None:
                raise ValueError(f"không có xã/phường mã {written} (danh mục từ 01/7/2025).")
        else:
            folded = fold_code(written)
            candidates = self.by_name.get(folded) or self.by_name.get(strip_prefix(folded, UNIT_PREFIXES)) or []
            province = self.provinces.get(strip_prefix(fold_code(text(province_cell, 120)), PROVINCE_PREFIXES))
            if province_cell not in (None, "") and province is None:
                raise ValueError(f"không có tỉnh/thành phố “{text(province_cell, 60)}” (ghi tên tỉnh, thành hiện nay hoặc trước 01/7/2025).")
            narrowed = [u for u in candidates if u[1] == (province or self.only_province)] \
                if (province or self.only_province) else candidates
            if not narrowed:
                return self._former(written, folded, province or self.only_province, district_cell)
            if len(narrowed) > 1:
                where = ", ".join(sorted({u[1] for u in narrowed}))
                raise ValueError(f"có {len(narrowed)} xã/phường tên “{written}” (mã tỉnh {where}): ghi mã xã hoặc thêm "
                                 "cột Tỉnh/thành phố.")
            unit = narrowed[0]
        if self.only_commune and unit[0] != self.only_commune:
            raise ValueError(f"{unit[2]} nằm ngoài địa bàn bạn quản lý.")
        if self.only_province and unit[1] != self.only_province:
            raise ValueError(f"{unit[2]} (mã tỉnh {unit[1]}) nằm ngoài địa bàn bạn quản lý.")
        return (*unit, "")

    def _former(self, written: str, folded: str, province: str, district_cell: Any) -> tuple[int, str, str, str]:
        """Today's commune of a commune named as it was before 1 July 2025."""
        olds = self.former.get(folded) or self.former.get(strip_prefix(folded, UNIT_PREFIXES)) or []
        if province:
            olds = [o for o in olds if o[3] and o[3][0][1] == province]
        district = strip_prefix(fold_code(text(district_cell, 120)), DISTRICT_PREFIXES)
        if district:
            olds = [o for o in olds if strip_prefix(fold(o[1]), DISTRICT_PREFIXES) == district]
        if not olds:
            raise ValueError(f"không có xã/phường “{written}” (kể cả tên trước 01/7/2025) trong "
                             f"{'tỉnh của bạn' if province else 'danh mục'}: ghi tên hoặc mã xã/phường hiện nay.")
        if len(olds) > 1:
            districts = ", ".join(sorted({o[1] for o in olds})[:5])
            raise ValueError(f"“{written}” là tên cũ của {len(olds)} xã/phường trước 01/7/2025 ({districts}): thêm cột "
                             "Quận/huyện (cũ), hoặc ghi tên hoặc mã xã/phường hiện nay.")
        name, district_name, province_name, units = olds[0]
        old = f"{name}, {district_name}, {province_name}"
        if len(units) != 1:
            now = ", ".join(u[2] for u in units)
            raise ValueError(f"{old} (trước 01/7/2025) nay chia cho {len(units)} xã/phường ({now}): ghi tên xã/phường "
                             "hiện nay.")
        unit = units[0]
        if self.only_commune and unit[0] != self.only_commune:
            raise ValueError(f"{old} nay là {unit[2]}, nằm ngoài địa bàn bạn quản lý.")
        if self.only_province and unit[1] != self.only_province:
            raise ValueError(f"{old} nay là {unit[2]} (mã tỉnh {unit[1]}), nằm ngoài địa bàn bạn quản lý.")
        return (*unit, old)
