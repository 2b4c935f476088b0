import datetime as dt
import threading
import uuid

import pytest

from inspector_app.domain.deadlines import DeadlineCalculator, HolidayCalendar, add_months
from inspector_app.domain.errors import StateError
from inspector_app.domain.ids import parse_utc, utc_now, uuid7
from inspector_app.domain.numbering import BureauConfig, format_number, parse_number
from inspector_app.domain.states import check_record_transition, check_task_transition, ensure_editable

D = dt.date


def test_working_days_skip_weekends_and_holidays_and_count_makeup_days():
    calc = DeadlineCalculator(HolidayCalendar(holidays={D(2026, 10, 1), D(2026, 10, 2)}, workdays={D(2026, 10, 10)}))
    # Tue 29 Sep + 3 working days: Wed 30, (Thu 1, Fri 2 holidays), (Sat, Sun), Mon 5, Tue 6
    assert calc.add_working_days(D(2026, 9, 29), 3) == D(2026, 10, 6)
    # Fri 9 Oct + 1 working day: Saturday 10 Oct is a make-up working day
    assert calc.add_working_days(D(2026, 10, 9), 1) == D(2026, 10, 10)
    assert calc.working_days_between(D(2026, 9, 29), D(2026, 10, 6)) == 3


def test_calendar_period_ending_on_holiday_rolls_to_next_working_day():
    calc = DeadlineCalculator(HolidayCalendar())
    # 15 days after Fri 2026-11-06 is Sat 2026-11-21 → Monday
    assert calc.due("objection", D(2026, 11, 6)) == D(2026, 11, 23)
    assert calc.add_calendar_days(D(2026, 11, 6), 15, roll_to_working_day=False) == D(2026, 11, 21)


def test_default_china_calendar_knows_national_day():
    calc = DeadlineCalculator()
    assert not calc.calendar.is_working_day(D(2026, 10, 5))
    assert calc.calendar.is_working_day(D(2026, 10, 10))  # Saturday make-up day
    assert calc.due("objection_decision", D(2026, 9, 30)) == D(2026, 10, 10)


def test_rules_table_is_configurable():
    calc = DeadlineCalculator(HolidayCalendar())
    assert calc.due("correction", D(2026, 1, 5)) == D(2026, 3, 6)
    assert calc.due("lawsuit", D(2026, 8, 31)) == D(2027, 2, 28)
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)


def test_document_numbers_format_and_parse_per_bureau():
    config = BureauConfig(region="济历")
    number = format_number(config, "correction_order", 2026, 17)
    assert number == "济历市监责改〔2026〕17号"
    assert parse_number(config, number) == ("correction_order", 2026, 17)
    other = BureauConfig(region="青黄", code_words={"correction_order": "责令改"})
    assert format_number(other, "correction_order", 2026, 3) == "青黄市监责令改〔2026〕3号"
    with pytest.raises(ValueError):
        parse_number(config, "青黄市监责令改〔2026〕3号")
    with pytest.raises(ValueError):
        format_number(config, "correction_order", 2026, 0)


def test_record_state_machine():
    check_record_transition("draft", "finalized")
    check_record_transition("finalized", "synced")
    with pytest.raises(StateError):
        check_record_transition("finalized", "draft")
    with pytest.raises(StateError) as err:
        ensure_editable("finalized")
    assert "更正" in str(err.value)
    check_task_transition("assigned", "in_progress")
    with pytest.raises(StateError):
        check_task_transition("cancelled", "in_progress")


def test_uuid7_is_version_7_and_strictly_increasing_across_threads():
    results: list[str] = []
    lock = threading.Lock()

    def make():
        ids = [uuid7() for _ in range(2000)]
        with lock:
            results.extend(ids)

    threads = [threading.Thread(target=make) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(results)) == len(results)
    assert all(uuid.UUID(i).version == 7 for i in results[:50])
    sequential = [uuid7() for _ in range(5000)]
    assert sequential == sorted(sequential)


def test_times_are_utc_iso():
    now = utc_now()
    assert now.endswith("Z")
    assert parse_utc(now).tzinfo is not None
    with pytest.raises(ValueError):
        parse_utc("2026-01-01T10:00:00")


def test_dates_typed_in_common_forms_and_errors():
    from inspector_app.domain.dates import not_in_future, parse_date
    from inspector_app.domain.errors import ValidationError

    for text in ("2026-11-21", "2026/11/21", "2026.11.21", "2026年11月21日", " 2026-11-21 "):
        assert parse_date(text) == D(2026, 11, 21)
    with pytest.raises(ValidationError) as err:
        parse_date("21/11/2026", field="抽样日期")
    assert "抽样日期" in str(err.value) and "2026-11-21" in str(err.value)
    with pytest.raises(ValidationError) as err:
        parse_date("2026-02-30")
    assert err.value.code == "date_value"
    now = dt.datetime(2026, 11, 21, 10, tzinfo=dt.timezone.utc)
    not_in_future(now + dt.timedelta(minutes=5), now=now)
    with pytest.raises(ValidationError):
        not_in_future(now + dt.timedelta(hours=2), now=now)
