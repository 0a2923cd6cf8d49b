"""A flood in commune c1 of Cà Mau (recorded by its officer) with the village list pasted three days ago; an event
across c1 and c2 recorded by the province; a helper that pastes rows the way an officer copies them from a
spreadsheet. Dates count back from today: the services refuse dates after it."""

import datetime

import pytest
from django.utils import timezone

from ansinh.emergency import services
from ansinh.emergency.models import Affected, Aid

DAY = datetime.timedelta(days=1)

HEADER = ("Họ và tên", "Số định danh", "Năm sinh", "Giới tính", "Thôn/ấp", "Thiệt hại", "Số người",
          "Hộ nghèo/cận nghèo/khó khăn", "Số ngày điều trị")

# one row per damage the law treats differently (Mẫu 5a/5b), in the order of `services.events.COLUMNS`
VILLAGE_LIST = [
    ("Nguyễn Văn An", "", 1970, "Nam", "Ấp 1", "sập nhà", 4, "x", ""),  # poor household, house lost: 40.000.000
    ("Trần Thị Bé", "", 1980, "Nữ", "Ấp 2", "thiếu đói", 3, "", ""),  # hunger: 3 × 15 kg
    ("Lê Văn Cư", "", 1960, "Nam", "Ấp 2", "chết", 1, "", ""),  # death: funeral support, no aid line
    ("Phạm Văn Dũng", "", 1975, "Nam", "Ấp 3", "bị thương", 1, "", 5),  # injured 5 days: 10 × 500.000
    ("Đỗ Thị Em", "", 1990, "Nữ", "Ấp 3", "di dời", 2, "", ""),  # relocated: 30.000.000
    ("Hồ Văn Phúc", "", 1985, "Nam", "Ấp 1", "sập nhà", 5, "", ""),  # house lost, not poor: no cash minimum
    ("Vũ Văn Giang", "", 1965, "Nam", "Ấp 1", "bị thương", 1, "", 2),  # 2 days treated: not seriously injured
]


def table(*rows, header: bool = True, sep: str = "\t") -> str:
    """Rows as pasted from a spreadsheet: cells joined by tabs, a header line first."""
    lines = [HEADER] if header else []
    return "\n".join(sep.join(str(cell) for cell in row) for row in [*lines, *rows])


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def flood(users, communes, policy, today):
    """A flood in c1 only, recorded by c1's officer ten days ago."""
    return services.event_create(user=users["xa1"], kind="flood", name="Lũ  tháng 11", started_on=today - 10 * DAY,
                                 communes=[communes["c1"]], note="Mưa lớn kéo dài")


@pytest.fixture
def storm(users, communes, policy, today):
    """A storm across c1 and c2, recorded by the province."""
    return services.event_create(user=users["tinh"], kind="storm", name="Bão số 9", started_on=today - 10 * DAY,
                                 communes=[communes["c1"], communes["c2"]])


@pytest.fixture
def paste(users, communes, flood, today):
    """Paste rows into an event's list (by default: the flood, c1, by c1's officer, detected three days ago)."""
    def run(*rows, event=None, commune=None, user=None, detected_on=None, header=True, text=None):
        return services.affected_paste(user=user or users["xa1"], event=event or flood,
                                       commune=commune or communes["c1"],
                                       text=text if text is not None else table(*rows, header=header),
                                       detected_on=detected_on or today - 3 * DAY)
    return run


@pytest.fixture
def listed(paste):
    """The flood's village list, each line by the person's name."""
    return {line.person.full_name: line for line in paste(*VILLAGE_LIST)}


@pytest.fixture
def proposed(users, communes, flood, listed):
    """The law's minimums proposed for c1's lines: each aid by the person's name."""
    services.aids_propose_minimums(user=users["xa1"], event=flood, commune=communes["c1"])
    return {aid.affected.person.full_name: aid for aid in Aid.objects.select_related("affected__person")}


@pytest.fixture
def decided(users, communes, flood, proposed, today):
    """The chairman's decision two days ago on every aid proposed, after the village review."""
    return services.decision_make(user=users["xa1"], event=flood, commune=communes["c1"], decided_on=today - 2 * DAY,
                                  reviewed_on=today - 3 * DAY, signer="Nguyễn Văn Chủ Tịch")


def fresh(line: Affected) -> Affected:
    return Affected.objects.get(pk=line.pk)
