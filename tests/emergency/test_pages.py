"""The pages around the event page: a person's lists on the registry's page, the waiting list and its export, the
event list counted in the reader's jurisdiction only."""

import pytest
from django.urls import reverse

from ansinh.emergency import services
from tests.emergency.conftest import DAY

pytestmark = pytest.mark.django_db


def test_a_persons_page_shows_their_lists_and_funeral_support(listed, client, users):
    client.force_login(users["xa1"])
    an = listed["Nguyễn Văn An"].person
    page = client.get(reverse("registry:person_detail", args=[an.pk])).content.decode()
    assert 'data-testid="person-emergencies"' in page and "Lũ tháng 11" in page and "nhà bị đổ" in page
    cu = listed["Lê Văn Cư"].person
    page = client.get(reverse("registry:person_detail", args=[cu.pk])).content.decode()
    assert "Hỗ trợ mai táng" in page and "25.000.000" in page


def test_the_waiting_list_and_its_export_name_who_waits_and_how_long(listed, client, users, today):
    client.force_login(users["tinh"])
    page = client.get(reverse("emergency:waiting_list")).content.decode()
    assert "Nguyễn Văn An" in page and "3 ngày" in page and "quá hạn quyết định" in page
    export = client.get(reverse("emergency:waiting_export", args=["csv"])).getvalue().decode("utf-8-sig")
    assert "Số ngày chờ" in export and "Nguyễn Văn An" in export and f"{today - 3 * DAY:%d/%m/%Y}" in export
    services.affected_close(user=users["xa1"], affected=listed["Hồ Văn Phúc"], reason="Không thuộc diện",
                            closed_on=today)
    assert "Hồ Văn Phúc" not in client.get(reverse("emergency:waiting_list")).content.decode()


def test_the_event_list_counts_only_the_readers_communes(storm, paste, communes, users, client, today):
    paste(("Người Xã Hai", "", 1970, "Nam", "Ấp 1", "thiếu đói", 3, "", ""), event=storm, commune=communes["c2"],
          user=users["xa2"], detected_on=today)
    paste(("Người Xã Một", "", 1970, "Nam", "Ấp 1", "thiếu đói", 2, "", ""), event=storm, detected_on=today)
    client.force_login(users["xa1"])
    page = client.get(reverse("emergency:event_list")).content.decode()
    assert "Bão số 9" in page
    row = page[page.index("Bão số 9"):page.index("</tr>", page.index("Bão số 9"))]
    assert ">2</td>" in row.replace(" ", "")  # xa1's two people, not xa2's three
    detail = client.get(reverse("emergency:event_detail", args=[storm.pk])).content.decode()
    assert "Người Xã Một" in detail and "Người Xã Hai" not in detail
