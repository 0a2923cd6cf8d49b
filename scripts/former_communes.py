"""Write src/ansinh/geo/data/former_communes.csv: the communes before 1 July 2025 and the commune(s) of today
each became part of (NQ 202/2025/QH15 and the Standing Committee's resolutions on each province's wards).

The table is taken from the `vietnamadminunits` package (MIT licence, © 2025 Tran Ngoc Minh Hieu), which
compiled it from those resolutions; it is not a dependency of An Sinh, only of this script:

    uv run --with vietnamadminunits==1.0.4 python scripts/former_communes.py

A former commune split between several of today's communes lists them all: an address naming it alone does not
say which one, and the import asks for the new commune instead of guessing.
"""

import csv
import json
import sqlite3
from importlib.resources import files
from pathlib import Path

data = files("vietnamadminunits") / "data"
converter = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))
db = sqlite3.connect(str(data / "dataset.db"))
# today's communes by name: the package's codes differ from the official list's for some communes (Phường Cửa
# Nam, Hà Nội: 00082 here, 00073 in QĐ 19/2025), their names within a province do not
new_code = {(p, w): (code, name) for p, w, code, name in
            db.execute("SELECT provinceKey, wardKey, provinceCode, ward FROM admin_units")}
successors: dict[str, list[str]] = {}
for province, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
    for ward, olds in wards.items():
        for old in olds:
            successors.setdefault(old, []).append(new_code[(province, ward)])
for province, olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
    for old, parts in olds.items():
        successors.setdefault(old, []).extend(new_code[(province, part["newWardKey"])] for part in parts)
rows = []
for code, province, district, ward, pkey, dkey, wkey in db.execute(
        "SELECT wardCode, province, district, ward, provinceKey, districtKey, wardKey FROM admin_units_legacy"
        " WHERE wardKey IS NOT NULL"):  # five island districts had no communes: today each is a đặc khu
    new = sorted(set(successors[f"{pkey}_{dkey}_{wkey}"]))
    rows.append((code, province, district, ward, new[0][0], "|".join(name for _code, name in new)))
target = Path(__file__).resolve().parent.parent / "src/ansinh/geo/data/former_communes.csv"
target.parent.mkdir(exist_ok=True)
with open(target, "w", newline="", encoding="utf-8") as out:
    writer = csv.writer(out)
    writer.writerow(["code", "province", "district", "commune", "province_code", "successors"])
    writer.writerows(sorted(rows, key=lambda r: r[0]))
print(f"{len(rows)} former communes, {sum('|' in r[5] for r in rows)} split → {target}")
