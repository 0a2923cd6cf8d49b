"""The dashboards' stored figures: computed for every commune of a province at once, stored with when; refreshed
when older than an hour, on request or by command; a refresh a stopped worker left is taken up again."""

import datetime

import pytest
from django.utils import timezone

from ansinh.cli import main
from ansinh.core.tasks import resume_all
from ansinh.monitoring import selectors, services
from ansinh.monitoring.models import Rollup, RollupRun
from ansinh.monitoring.services.rollups import years_needed
from tests.monitoring.test_pages import helped, plan_with  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_a_refresh_stores_every_indicator_by_commune_and_year(helped, users, communes):  # noqa: F811
    services.plan_record(user=users["tinh"], data=plan_with("emergency.helped_promptly", 10, helped,
                                                            baseline_year=helped.year - 2,
                                                            text="Tăng 10% so với năm trước nữa."))
    assert years_needed("96", helped) == list(range(helped.year - 2, helped.year + 1))
    done = services.rollups_refresh(province_code="96", today=helped)
    row = Rollup.objects.get(code="emergency.helped_promptly", year=helped.year)
    assert (row.commune, row.numerator, row.denominator, row.day) == (communes["c1"], 3, 5, helped)
    assert done["steps"] == 3 * 13  # 13 indicators, 3 years
    again = services.rollups_refresh(province_code="96", today=helped)
    assert again["steps"] == 13  # past years are kept; this year's are computed again
    assert Rollup.objects.filter(code="emergency.helped_promptly", year=helped.year).count() == 1
    stored = selectors.stored(user=users["xa2"], province_code="96")
    assert ("emergency.helped_promptly", helped.year) not in stored  # xa2 reads its own commune's only
    assert selectors.stored(user=users["chitra"], province_code="96") == {}


def test_stale_figures_are_queued_again_and_a_stopped_run_taken_up(helped, users, django_capture_on_commit_callbacks):  # noqa: F811
    assert services.rollups_stale("96")
    with django_capture_on_commit_callbacks(execute=False) as queued:
        run = services.rollups_request(province_code="96")
    assert run.status == "queued" and len(queued) == 1  # the task is queued when the request commits
    assert not services.rollups_stale("96")  # queued: not asked twice
    assert services.rollups_request(province_code="96").pk == run.pk
    assert resume_all()["lượt tính số liệu tổng hợp"] == 1  # a worker starting takes it up (immediate here)
    run.refresh_from_db()
    assert run.status == "done" and run.done == run.steps > 0 and run.finished_at is not None
    assert not services.rollups_stale("96")
    RollupRun.objects.filter(pk=run.pk).update(finished_at=timezone.now() - datetime.timedelta(hours=2))
    assert services.rollups_stale("96")


def test_the_figures_command(helped, users, capsys):  # noqa: F811
    services.plan_record(user=users["tinh"], data=plan_with("emergency.helped_promptly", 90, helped))
    assert main(["plans", "figures", "--province", "96"]) == 0
    assert "Tỉnh 96:" in capsys.readouterr().err
    assert RollupRun.objects.get(province_code="96").status == "done"
    assert Rollup.objects.filter(code="emergency.helped_promptly").exists()


def test_a_target_of_people_by_sex_and_age_band(users, communes, client):
    from django.urls import reverse

    from ansinh.monitoring.models import RollupPart
    from tests.factories import PersonFactory, enrolment_make

    today = timezone.localdate()
    for sex, age in (("F", 70), ("F", 8), ("M", 70)):
        enrolment_make(PersonFactory(commune=communes["c1"], sex=sex, birth_year=today.year - age, citizen_id=None),
                       start_month=datetime.date(today.year, 1, 1))
    plan, _ = services.plan_record(user=users["tinh"], data={
        "number": "3/KH-UBND", "issuer": "UBND tỉnh", "date": f"{today.year}-01-02", "title": "Trợ cấp",
        "province_code": "96", "tasks": [],
        "targets": [{"indicator": "assistance.allowance_recipients", "period_start": today.year,
                     "period_end": today.year + 4, "value": 5, "unit": "người", "text": "5 người hưởng trợ cấp."}]})
    services.rollups_refresh(province_code="96", today=today)
    assert RollupPart.objects.filter(code="assistance.allowance_recipients").count() == 3
    client.force_login(users["tinh"])
    page = client.get(reverse("monitoring:target_detail", args=[plan.pk, 1])).content.decode()
    table = page[page.index('data-testid="group-table"'):]
    table = table[:table.index("</table>")]
    assert "Dưới 16 tuổi" in table and "Từ 60 tuổi" in table and "Tổng" in table
    assert [cell.split("<")[0] for cell in table.split('class="text-end">')[1:]][-3:] == ["1", "2", "3"]  # M, F, all
    client.force_login(users["xa2"])  # another commune: none of these people
    assert 'data-testid="group-table"' in client.get(reverse("monitoring:target_detail", args=[plan.pk, 1])
                                                      ).content.decode()
