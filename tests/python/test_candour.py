"""Duty of Candour follow-through: notification and written follow-up dates
recorded durably, the candour_overdue signal, and working days that skip
bank holidays (a provider's calendar when given)."""

import datetime

import pytest

import closeloop as cl

D = datetime.date


def provider(store_or_register):
    r = store_or_register
    r.add_service(cl.Service(id="RH-1", name="Oak House", type="residential", capacity=40))
    # Reported on Thursday 17 December 2026: due ten working days later,
    # skipping Christmas, the Boxing Day substitute and New Year's Day.
    r.add_incident(cl.Incident(id="FALL-9", service="RH-1", occurred_at="2026-12-17T21:00",
                               reported_at="2026-12-17T22:00", category="fall", harm=cl.Harm.severe,
                               notifiable=True, notification_due=cl.duty_of_candour_due("2026-12-17")))
    r.add_incident(cl.Incident(id="FALL-10", service="RH-1", occurred_at="2026-12-18",
                               reported_at="2026-12-18", category="fall", harm=cl.Harm.low))


def test_the_due_date_skips_bank_holidays_and_a_provider_may_change_them():
    assert cl.duty_of_candour_due("2026-12-17") == D(2027, 1, 5)
    assert cl.duty_of_candour_due("2026-12-17", cl.HolidayCalendar()) == D(2026, 12, 31)
    northern_ireland = cl.HolidayCalendar.england_and_wales()
    northern_ireland.add("2027-03-17")  # St Patrick's Day
    assert cl.duty_of_candour_due("2027-03-10", northern_ireland) == D(2027, 3, 25)
    assert cl.duty_of_candour_due("2027-03-10") == D(2027, 3, 24)
    assert [c.added for c in cl.england_and_wales_changes()] == [
        D(2020, 5, 8), D(2022, 6, 2), D(2022, 6, 3), D(2022, 9, 19), D(2023, 5, 8)]


def test_candour_overdue_flips_the_day_after_the_due_date(tmp_path):
    with cl.Store.create(str(tmp_path / "a.db")) as store:
        provider(store)
        reg = store.current()
        assert reg.incident("FALL-9").notification_due == D(2027, 1, 5)
        assert cl.candour_overdue(reg, "2027-01-05") == []
        overdue = cl.candour_overdue(reg, "2027-01-06")
        assert [(o.incident, o.service, o.due, o.days_overdue) for o in overdue] == [
            ("FALL-9", "RH-1", D(2027, 1, 5), 1)]
        assert len(cl.signals(reg, "2027-01-06").candour_overdue) == 1
        store.record_notification("FALL-9", "2027-01-07")
        reg = store.current()
        # As of the 6th it was still missing; from the 7th it is recorded.
        assert len(cl.candour_overdue(reg, "2027-01-06")) == 1
        assert cl.candour_overdue(reg, "2027-01-07") == []
        store.record_written_notice("FALL-9", "2027-01-08")
    loaded = cl.Store.open(str(tmp_path / "a.db")).load()
    incident = loaded.incident("FALL-9")
    assert (incident.notified_on, incident.written_notice_on) == (D(2027, 1, 7), D(2027, 1, 8))


@pytest.mark.parametrize("call,rule", [
    (lambda r: r.record_notification("FALL-10", "2026-12-19"), "candour.not_notifiable"),
    (lambda r: r.record_notification("FALL-9", "2026-12-16"), "candour.before_incident"),
    (lambda r: r.record_written_notice("FALL-9", "2026-12-20"), "candour.written_before_notification"),
])
def test_candour_dates_are_checked(call, rule):
    reg = cl.Register()
    provider(reg)
    with pytest.raises(cl.RuleError) as caught:
        call(reg)
    assert caught.value.rule == rule
    assert reg.incident("FALL-9").notified_on is None


def test_notification_is_recorded_once():
    reg = cl.Register()
    provider(reg)
    reg.record_notification("FALL-9", "2026-12-18")
    with pytest.raises(cl.RuleError) as caught:
        reg.record_notification("FALL-9", "2026-12-19")
    assert caught.value.rule == "candour.already_notified"
    assert reg.incident("FALL-9").notified_on == D(2026, 12, 18)
