"""Plans as data: recorded whole or refused whole, the seed plans loaded exactly as their texts state them (every
target's sentence and every task stands in the text it comes from), loading twice changes nothing, and a plan is
read in its province only."""

import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from ansinh.cli import main
from ansinh.core.exceptions import DomainError
from ansinh.monitoring import services
from ansinh.monitoring.models import Plan, Target, Task
from ansinh.monitoring.selectors import plans

pytestmark = pytest.mark.django_db

SEEDS = Path("/work/shared/seeds") if Path("/work/shared/seeds").exists() else None
SOURCES = {  # the seed plan and the text it was transcribed from
    "ca-mau-62-kh-ubnd-2021.json": "000_fa9538b60a174c78.txt",
    "tuyen-quang-154-kh-ubnd-2021.json": "001_cb609f24f27224fc.txt",
    "ca-mau-113-kh-ubnd-2024.json": "002_6af14b32eb936588.txt",
    "dong-nai-8994-kh-ubnd-2021.json": "003_8a09083248992581.txt",
    "ca-mau-60-kh-ubnd-2017.json": "004_8d2ad3b78df78075.txt",
}


def flat(text: str) -> str:
    return " ".join(text.replace("|", " ").split())


def written(value) -> str:
    """A figure as a Vietnamese text writes it: 2.000, 97, 2,5."""
    whole = float(value).is_integer()
    return f"{int(value):,}".replace(",", ".") if whole else f"{value:g}".replace(".", ",")


def plan(**kw):
    return {"number": "01/KH-UBND", "issuer": "Ủy ban nhân dân tỉnh Cà Mau", "date": "2026-01-05",
            "title": "Kế hoạch thử", "parent": "", "province_code": "96",
            "targets": [{"indicator": None, "period_start": 2026, "period_end": 2030, "value": 90, "unit": "%",
                         "baseline_year": None, "text": "Đạt 90% số xã có người làm công tác xã hội."}],
            "tasks": [], **kw}


def test_a_bad_target_refuses_the_whole_plan_naming_each_target(users):
    bad = plan(targets=[
        {"period_start": 2026, "period_end": 2030, "value": 120, "unit": "%", "text": "Đạt 120% số xã."},
        {"period_start": None, "period_end": 2030, "value": 10, "unit": "người", "text": "Thêm 10 người."},
        {"indicator": "khong.co", "period_start": 2026, "period_end": 2030, "value": 5, "unit": "%", "text": "5%."},
        {"period_start": 2026, "period_end": 2030, "value": 5, "unit": "người " * 30, "text": "5 người."}])
    with pytest.raises(DomainError) as refused:
        services.plan_record(user=users["tinh"], data=bad)
    messages = refused.value.errors["targets"]
    assert "Chỉ tiêu 1 (“Đạt 120% số xã.”): Tỷ lệ không được quá 100%." in messages
    assert "Chỉ tiêu 2 (“Thêm 10 người.”): Chỉ tiêu phải có giai đoạn (từ năm, đến năm)." in messages
    assert "Chỉ tiêu 3 (“5%.”): không có chỉ số mã “khong.co” (tính từ dữ liệu, hoặc do đơn vị của tỉnh báo cáo)." \
        in messages
    assert "Chỉ tiêu 4 (“5 người.”): đơn vị dài quá 120 ký tự." in messages  # refused, never cut
    assert not Plan.objects.exists() and not Target.objects.exists()


def test_a_plan_recorded_twice_is_unchanged_and_a_changed_one_replaced(users):
    first, outcome = services.plan_record(user=users["tinh"], data=plan())
    assert outcome == "created" and first.targets.get().value == 90
    assert services.plan_record(user=users["tinh"], data=plan())[1] == "unchanged"
    changed = plan(targets=[{**plan()["targets"][0], "value": 95}])
    again, outcome = services.plan_record(user=users["tinh"], data=changed)
    assert outcome == "updated" and again.pk == first.pk and Target.objects.get().value == 95


def test_a_plan_is_read_in_its_province(users):
    services.plan_record(user=users["tinh"], data=plan())
    assert plans(user=users["xa1"]).count() == 1 and plans(user=users["tinh"]).count() == 1
    assert plans(user=users["hanoi"]).count() == 0 and plans(user=users["chitra"]).count() == 0


@pytest.mark.skipif(SEEDS is None, reason="the seed texts are not on this machine")
def test_the_seed_plans_stand_in_their_texts_and_load_once(units):
    seeds = sorted(services.SEEDS.glob("*.json"))
    assert {p.name for p in seeds} == set(SOURCES)
    for path in seeds:
        data = json.loads(path.read_text(encoding="utf-8"))
        source = flat((SEEDS / SOURCES[path.name]).read_text(encoding="utf-8"))
        assert "".join(data["number"].split()) in "".join(source.split()), path.name
        assert data["targets"] or data["tasks"], path.name
        for target in data["targets"]:
            assert flat(target["text"]) in source, (path.name, target["text"])
            assert written(target["value"]) in target["text"], (path.name, target)
            if target["baseline_year"]:
                assert str(target["baseline_year"]) in target["text"]
        for task in data["tasks"]:
            assert flat(task["title"]) in source, (path.name, task["title"])
        for schedule in data["reports"]:  # when the plan asks for reports, in its own words
            assert flat(schedule["text"]) in source, (path.name, schedule["text"])
            if schedule["due"]:
                month, day = schedule["due"].split("-")
                assert f"{day}/{int(month)}" in schedule["text"] or f"{day}/{month}" in schedule["text"]
    assert services.plans_load_seeds() == {"created": len(SOURCES), "updated": 0, "unchanged": 0}
    counts = (Plan.objects.count(), Target.objects.count(), Task.objects.count())
    assert services.plans_load_seeds() == {"created": 0, "updated": 0, "unchanged": len(SOURCES)}
    assert (Plan.objects.count(), Target.objects.count(), Task.objects.count()) == counts


@pytest.mark.skipif(SEEDS is None, reason="the seed texts are not on this machine")
def test_plans_show_prints_a_seed_plan_as_json(units):
    services.plans_load_seeds()
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["plans", "show", "62/KH-UBND", "--province", "96", "--json"]) == 0
    shown = json.loads(out.getvalue())
    assert shown["number"] == "62/KH-UBND" and shown["date"] == "2021-04-19"
    assert set(shown) == {"number", "issuer", "date", "title", "parent", "province_code", "targets", "tasks",
                          "reports"}
    assert shown["reports"][:2] == [
        {"kind": "half", "level": "commune", "due": "06-10", "text": shown["reports"][0]["text"]},
        {"kind": "year", "level": "commune", "due": "12-10", "text": shown["reports"][0]["text"]}]
    rise = [t for t in shown["targets"] if t["baseline_year"]]
    assert rise and rise[0]["value"] == 35 and rise[0]["baseline_year"] == 2025 and rise[0]["unit"] == "%"
    assert shown == json.loads((services.SEEDS / "ca-mau-62-kh-ubnd-2021.json").read_text(encoding="utf-8")) | {
        "targets": shown["targets"], "tasks": shown["tasks"]}
    assert main(["plans", "show", "999/KH-UBND"]) == 1


def test_a_plan_typed_on_its_page_and_edited_keeps_its_tasks_progress(users, client):
    import datetime

    from django.urls import reverse

    client.force_login(users["tinh"])
    form = {"number": "15/KH-UBND", "issuer": "Ủy ban nhân dân tỉnh Cà Mau", "date": "2026-02-01",
            "title": "Kế hoạch thử", "parent": "",
            "targets": "Từ năm\tĐến năm\tGiá trị\n2026\t2030\t90\t%\t\t\tworkforce.orgs_staffed\tĐạt 90% cơ quan.\n"
                       "2026\t2030\t1.200,5\tngười\t\t\t\tTrên 1.200 người.",
            "tasks": "Rà soát\tSở Y tế\tUBND các xã; Công an tỉnh\tDanh sách\tHàng năm",
            "reports": "6 tháng\txã\t10/6\tBáo cáo 6 tháng vào ngày 10/6"}
    bad = client.post(reverse("monitoring:plan_create"), {**form, "targets": "2026\t2030\t120\t%\t\t\t\tQuá.\n"
                                                                             "x\t2030\t5\tngười\t\t\t\tSai năm.",
                                                         "reports": "quý\txã\t10/6\t"})
    page = bad.content.decode()
    assert bad.status_code == 400 and "Chỉ tiêu, dòng 2: năm “x” không hợp lệ." in page
    assert "Kỳ báo cáo, dòng 1" in page and not Plan.objects.filter(number="15/KH-UBND").exists()
    made = client.post(reverse("monitoring:plan_create"), form)
    plan = Plan.objects.get(number="15/KH-UBND")
    assert made.url == reverse("monitoring:plan_detail", args=[plan.pk])
    assert [float(t.value) for t in plan.targets.all()] == [90, 1200.5]
    assert plan.tasks.get().coordinating == ["UBND các xã", "Công an tỉnh"]
    assert (plan.schedules.get().due_month, plan.schedules.get().due_day) == (6, 10)
    services.task_update_record(user=users["tinh"], task=plan.tasks.get(), due_on=datetime.date(2026, 12, 31),
                                status="in_progress", today=datetime.date(2026, 7, 1))
    edit = client.get(reverse("monitoring:plan_edit", args=[plan.pk])).content.decode()
    assert "Trên 1.200 người." in edit and "UBND các xã; Công an tỉnh" in edit
    changed = client.post(reverse("monitoring:plan_edit", args=[plan.pk]), {
        **form, "version": plan.version, "tasks": "Rà soát lại\tSở Y tế\t\tDanh sách\tHàng năm"})
    assert changed.status_code == 302
    plan.refresh_from_db()
    assert plan.tasks.get().title == "Rà soát lại" and plan.tasks.get().updates.count() == 1  # progress kept
    stale = client.post(reverse("monitoring:plan_edit", args=[plan.pk]), {**form, "version": plan.version - 1})
    assert stale.status_code == 400 and "người khác sửa" in stale.content.decode()
    client.force_login(users["xa1"])
    assert client.get(reverse("monitoring:plan_create")).status_code == 404  # a commune records no plan


def test_the_plans_api_writes_a_plan_of_ones_province(users):
    from tests.factories import api_client

    body = {"number": "16/KH-UBND", "issuer": "UBND tỉnh", "date": "2026-03-01", "title": "Kế hoạch API",
            "targets": [{"period_start": 2026, "period_end": 2030, "value": 50, "unit": "%", "text": "50%."}],
            "tasks": [], "reports": [{"kind": "year", "level": "commune", "due": "10-30", "text": "Trước 30/10."}]}
    made = api_client(users["tinh"]).post("/api/v1/plans/", body, format="json")
    assert made.status_code == 201 and made.json()["reports"][0]["due"] == "10-30"
    plan = made.json()
    bad = api_client(users["tinh"]).put(f"/api/v1/plans/{plan['id']}/", {
        **body, "version": plan["version"], "targets": [{"period_end": 2030, "value": 5, "unit": "%", "text": "x"}]},
        format="json")
    assert bad.status_code == 400 and "Chỉ tiêu phải có giai đoạn" in str(bad.json())
    assert api_client(users["xa1"]).post("/api/v1/plans/", body, format="json").status_code == 403
    assert api_client(users["hanoi"]).put(f"/api/v1/plans/{plan['id']}/", body, format="json").status_code == 404
    ok = api_client(users["tinh"]).put(f"/api/v1/plans/{plan['id']}/", {**body, "title": "Đổi tên",
                                                                        "version": plan["version"]}, format="json")
    assert ok.status_code == 200 and ok.json()["title"] == "Đổi tên"


@pytest.mark.skipif(SEEDS is None, reason="the seed texts are not on this machine")
@pytest.mark.parametrize("seed", sorted(SOURCES))
def test_plans_show_prints_each_seed_plan_as_its_text_states_it(units, seed):
    """Every seed plan printed by `plans show --json`: its number and date as in its text, each target's sentence
    and value in the text, a rise with its baseline year, each task's title in the text."""
    services.plans_load_seeds()
    data = json.loads((services.SEEDS / seed).read_text(encoding="utf-8"))
    source = flat((SEEDS / SOURCES[seed]).read_text(encoding="utf-8"))
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["plans", "show", data["number"], "--province", data["province_code"], "--json"]) == 0
    shown = json.loads(out.getvalue())
    assert (shown["number"], shown["date"]) == (data["number"], data["date"])
    assert "".join(shown["number"].split()) in "".join(source.split())
    assert len(shown["targets"]) == len(data["targets"]) and len(shown["tasks"]) == len(data["tasks"])
    for target in shown["targets"]:
        assert flat(target["text"]) in source and written(target["value"]) in target["text"]
        if target["baseline_year"] is not None:
            assert str(target["baseline_year"]) in target["text"]
    for task in shown["tasks"]:
        assert flat(task["title"]) in source
