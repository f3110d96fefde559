"""Learning reach from Python, mirroring tests/lifecycle/test_reach.cpp: staff
briefing records and their named rules (a refused call changes nothing),
reach as of a date, the reach_below_threshold gap flipping the day after the
deadline at 79% and not at 80%, and the same calls on cl.Store."""

import datetime

import pytest

import closeloop as cl
from refusals import refused

D = datetime.date


def shared_register():
    """Plan P-1 at Elm Court (S-1, threshold 0.8 by default); share SH-1 of 1
    April 2026 to Oak House (S-2) and Ash Grove (S-3), both acknowledging on
    3 April and adopting on 10 April. Reach deadline: 1 April + 28 = 29 April."""
    reg = cl.Register()
    for sid, name in [("S-1", "Elm Court"), ("S-2", "Oak House"), ("S-3", "Ash Grove")]:
        reg.add_service(cl.Service(id=sid, name=name, type="residential"))
    reg.add_incident(cl.Incident(id="I-1", service="S-1", occurred_at="2025-12-01T08:30",
                                 reported_at="2025-12-01T10:00", category="medication_error"))
    reg.add_investigation(cl.Investigation(id="INV-1", incidents=["I-1"], opened="2025-12-02"))
    reg.add_plan(cl.ActionPlan(id="P-1", investigation="INV-1", scope="S-1", created_on="2026-01-05"))
    reg.add_share(cl.LearningShare(id="SH-1", plan="P-1", channel="staff_briefing", date="2026-04-01",
                                   targets=[cl.ShareTarget(service="S-2"), cl.ShareTarget(service="S-3")]))
    for service in ["S-2", "S-3"]:
        reg.acknowledge_share("SH-1", service, "2026-04-03")
        reg.record_adoption("SH-1", service, True, "2026-04-10")
    return reg


def briefing(service, date, briefed, in_scope, **more):
    return cl.StaffBriefing(share="SH-1", service=service, date=date, briefed=briefed,
                            in_scope=in_scope, **more)


def test_a_briefing_is_a_record_with_its_reach():
    b = briefing("S-2", "2026-04-20", 17, 22, recorded_by="Sam Reid", note="handover")
    assert (b.date, b.briefed, b.in_scope, b.recorded_by) == (D(2026, 4, 20), 17, 22, "Sam Reid")
    assert b.reach == pytest.approx(17 / 22)
    assert repr(b) == ("StaffBriefing(share='SH-1', service='S-2', date='2026-04-20', briefed=17, "
                       "in_scope=22)")
    assert cl.ActionPlan().reach_threshold == 0.8
    assert cl.SignalOptions().share_reach_days == 28
    assert cl.SpreadGap.parse("reach_below_threshold") == cl.SpreadGap.reach_below_threshold


@pytest.mark.parametrize("record,error,rule,text", [
    (dict(service="S-1", date="2026-04-11", briefed=1, in_scope=2), cl.RuleError, "briefing.not_a_target",
     "the service is not a target of the share"),
    (dict(service="S-9", date="2026-04-11", briefed=1, in_scope=2), cl.NotFoundError, None,
     "service \"S-9\" does not exist"),
    (dict(service="S-2", date="2026-03-31", briefed=1, in_scope=2), cl.RuleError, "briefing.before_share",
     "before the share on 2026-04-01"),
    (dict(service="S-2", date="2026-04-09", briefed=1, in_scope=20), cl.RuleError, "briefing.out_of_order",
     "before its latest record on 2026-04-10"),
    (dict(service="S-2", date="2026-04-11", briefed=-1, in_scope=20), cl.RuleError,
     "briefing.briefed_negative", "staff briefed -1 is negative"),
    (dict(service="S-2", date="2026-04-11", briefed=0, in_scope=0), cl.RuleError,
     "briefing.in_scope_not_positive", "staff in scope 0 must be at least 1"),
    (dict(service="S-2", date="2026-04-11", briefed=21, in_scope=20), cl.RuleError,
     "briefing.briefed_exceeds_in_scope", "21 staff briefed of 20 in scope"),
])
def test_every_briefing_rule_refuses_and_changes_nothing(record, error, rule, text):
    reg = shared_register()
    reg.record_briefing(briefing("S-2", "2026-04-10", 6, 20))
    refused(reg, error, lambda r: r.record_briefing(briefing(**record)), rule, text)


def test_unknown_share_and_out_of_range_threshold_are_refused():
    reg = shared_register()
    refused(reg, cl.NotFoundError,
            lambda r: r.record_briefing(cl.StaffBriefing(share="SH-9", service="S-2", date="2026-04-11",
                                                         briefed=1, in_scope=2)),
            None, "learning share \"SH-9\" does not exist")
    refused(reg, cl.RuleError,
            lambda r: r.add_plan(cl.ActionPlan(id="P-9", investigation="INV-1", created_on="2026-01-05",
                                               reach_threshold=1.5)),
            "plan.reach_threshold_range", "reach threshold 1.5 is not a fraction between 0 and 1")


def test_reach_as_of_is_the_latest_record_on_or_before_the_date():
    reg = shared_register()
    reg.record_briefing(briefing("S-2", "2026-04-10", 3, 10))
    reg.record_briefing(briefing("S-2", "2026-04-20", 7, 10))
    reg.record_briefing(briefing("S-2", "2026-05-05", 9, 12))
    assert cl.reach_as_of(reg, "SH-1", "S-2", "2026-04-09") is None
    r = cl.reach_as_of(reg, "SH-1", "S-2", "2026-04-19")
    assert (r.date, r.briefed, r.in_scope, r.fraction) == (D(2026, 4, 10), 3, 10, 0.3)
    assert cl.reach_as_of(reg, "SH-1", "S-2", "2026-05-31").fraction == 0.75  # 9 / 12
    assert cl.reach_as_of(reg, "SH-1", "S-3", "2026-05-31") is None
    assert [b.date for b in reg.briefings_of("SH-1", "S-2")] == [D(2026, 4, 10), D(2026, 4, 20), D(2026, 5, 5)]
    assert len(reg.briefings()) == 3
    oak, ash = cl.share_reach(reg, "SH-1", "2026-05-31")
    assert (oak.service, oak.reach.briefed, oak.threshold, oak.meets_threshold) == ("S-2", 9, 0.8, False)
    assert (ash.service, ash.reach, ash.meets_threshold) == ("S-3", None, False)
    with pytest.raises(cl.NotFoundError):
        cl.reach_as_of(reg, "SH-9", "S-2", "2026-05-31")


def test_the_gap_flips_the_day_after_the_deadline_at_79_percent_not_80():
    reg = shared_register()
    reg.record_briefing(briefing("S-2", "2026-04-28", 79, 100))
    reg.record_briefing(briefing("S-3", "2026-04-28", 80, 100))
    assert cl.learning_not_spread(reg, "2026-04-29") == []
    (gap,) = cl.learning_not_spread(reg, "2026-04-30")
    assert (gap.share, gap.plan, gap.service, gap.gap, gap.due, gap.threshold) == (
        "SH-1", "P-1", "S-2", cl.SpreadGap.reach_below_threshold, D(2026, 4, 29), 0.8)
    assert (gap.reach.date, gap.reach.briefed, gap.reach.in_scope) == (D(2026, 4, 28), 79, 100)
    assert cl.signals(reg, "2026-04-30").not_spread == [gap]
    later = cl.SignalOptions(share_reach_days=35)
    assert cl.signals(reg, "2026-05-06", later).not_spread == []
    assert len(cl.learning_not_spread(reg, "2026-05-07", reach_days=35)) == 1


def test_the_store_records_briefings_durably(tmp_path):
    path = tmp_path / "s.db"
    reg = shared_register()
    with cl.Store.create(str(path)) as store:
        assert store.schema_version == cl.store.current_schema_version() == 6
        store.save(reg)
        store.record_briefing(briefing("S-2", "2026-04-20", 17, 22, recorded_by="Sam Reid"))
        before = store.export_table("briefings")
        with pytest.raises(cl.RuleError) as caught:
            store.record_briefing(briefing("S-2", "2026-04-19", 18, 22))
        assert caught.value.rule == "briefing.out_of_order"
        assert store.export_table("briefings") == before == (
            "share_id,service_id,date,briefed,in_scope,recorded_by,note\n"
            "SH-1,S-2,2026-04-20,17,22,Sam Reid,\n")
        assert "briefings" in cl.store.tables()
    reg.record_briefing(briefing("S-2", "2026-04-20", 17, 22, recorded_by="Sam Reid"))
    with cl.Store.open(str(path)) as store:
        assert store.load() == reg
        assert store.count("briefings") == 1
