"""The lifecycle model from Python, mirroring tests/lifecycle/*.cpp: text forms,
schedules, the register's refusals (which change nothing), every guard of the
state machine, signals that flip between one day and the next, action
quality, and the seed's examples in short."""

import copy
import datetime

import numpy as np
import pytest

import closeloop as cl
from refusals import refused

D = datetime.date


def good_action(action_id="A-1", plan="P-1"):
    return cl.Action(
        id=action_id,
        plan=plan,
        title="Introduce a MAR chart checklist at every medication round",
        proposed_on="2026-01-05",
        factors=[cl.ContributingFactor.documentation],
        owner="Amira Khan",
        due="2026-03-31",
        intervention=cl.InterventionType.checklist,
        measures=[
            cl.Measure(
                kind=cl.MeasureKind.process,
                what="MAR documentation accuracy",
                how="monthly audit of 20 MAR charts",
                level="at least 95% of charts fully correct",
                by="2026-06-30",
                measured_by="Deputy manager",
            )
        ],
        monitoring=[
            cl.Monitoring(
                kind=cl.MonitoringKind.spot_check,
                recurrence=cl.Recurrence.monthly_on_day(1),
                by="Shift leader",
            )
        ],
    )


def small_register():
    reg = cl.Register()
    reg.add_service(cl.Service(id="S-1", name="Elm Court", type="supported_living", capacity=12, region="North"))
    reg.add_service(cl.Service(id="S-2", name="Oak House", type="residential", capacity=30, region="North"))
    reg.add_incident(
        cl.Incident(
            id="I-1",
            service="S-1",
            occurred_at="2025-12-01T08:30",
            reported_at="2025-12-01T10:00",
            category="medication_error",
            harm=cl.Harm.low,
            person_ref="P0193",
            description="Dose recorded twice on the MAR chart",
        )
    )
    reg.add_investigation(
        cl.Investigation(
            id="INV-1",
            incidents=["I-1"],
            method=cl.InvestigationMethod.after_action_review,
            lead="Priya Shah",
            opened="2025-12-02",
            concluded="2025-12-20",
            findings="Unclear documentation procedure",
            factors=[cl.ContributingFactor.documentation, cl.ContributingFactor.staff_knowledge],
        )
    )
    reg.add_plan(cl.ActionPlan(id="P-1", investigation="INV-1", scope="S-1", created_on="2026-01-05"))
    reg.approve_plan("P-1", "Registered manager Jo Bell", "2026-01-08")
    return reg


def evidence(eid, date, action="A-1"):
    return cl.Evidence(id=eid, action=action, kind=cl.EvidenceKind.policy_version, date=date, reference="MED-07 v3")


def check(cid, date, passed, kind=cl.MonitoringKind.spot_check, action="A-1"):
    return cl.Check(id=cid, action=action, date=date, kind=kind, passed=passed, by="Deputy manager")


ORDER = ["proposed", "agreed", "in_progress", "implemented", "verified", "evaluated", "closed"]


def at_state(target):
    """A-1 along the standard timeline, as in the C++ fixtures."""
    reg = small_register()
    reg.add_action(good_action())
    steps = ORDER[: ORDER.index(target) + 1]
    if "agreed" in steps:
        reg.agree("A-1", "2026-01-10T09:00", "Jo Bell", "agreed at the review meeting")
    if "in_progress" in steps:
        reg.start("A-1", "2026-01-12T09:00", "Amira Khan")
    if "implemented" in steps:
        reg.add_evidence(evidence("E-1", "2026-02-01"))
        reg.implement("A-1", "2026-02-01T17:00", "Amira Khan")
    if "verified" in steps:
        reg.add_check(check("C-1", "2026-02-02", True))
        reg.verify("A-1", "2026-02-03T10:00", "Jo Bell")
    if "evaluated" in steps:
        reg.evaluate("A-1", "2026-05-02T10:00", "Jo Bell", cl.Verdict.effective,
                     basis="errors per 1,000 doses fell from 2.1 to 0.4", checks=["C-1"])
    if "closed" in steps:
        reg.add_review(cl.GovernanceReview(id="R-1", forum=cl.Forum.clinical_governance, date="2026-05-10", plans=["P-1"]))
        reg.close("A-1", "2026-05-12T10:00", "Jo Bell", cl.Decision.adopt, "R-1")
    return reg


# ---- text forms, harm, strength, schedules ---------------------------------------------


@pytest.mark.parametrize(
    "enum",
    [cl.ContributingFactor, cl.InvestigationMethod, cl.InterventionType, cl.ActionStrength, cl.MeasureKind,
     cl.Direction, cl.MonitoringKind, cl.EvidenceKind, cl.Forum, cl.Channel, cl.Verdict, cl.Decision,
     cl.Approval, cl.Transition, cl.WorstHarm, cl.Weekday, cl.RecurrenceKind, cl.Severity,
     cl.EscalationKind, cl.RecurrenceReason, cl.SpreadGap, cl.FadeReason],
)
def test_enum_words_round_trip(enum):
    for value in enum.__members__.values():
        assert enum.parse(str(value)) == value


def test_unknown_word_lists_the_allowed_ones():
    with pytest.raises(cl.InputError, match="unknown verdict \"worked\": expected one of effective"):
        cl.Verdict.parse("worked")


def test_worst_harm_ranks_psychological_one_step_milder():
    assert cl.worst_harm(cl.Harm.low, cl.PsychologicalHarm.moderate) == cl.WorstHarm.psychological_moderate
    assert cl.worst_harm(cl.Harm.moderate, cl.PsychologicalHarm.moderate) == cl.WorstHarm.physical_moderate
    assert cl.worst_harm(cl.Harm.fatal, cl.PsychologicalHarm.severe) == cl.WorstHarm.fatal
    assert int(cl.WorstHarm.psychological_severe) < int(cl.WorstHarm.physical_severe)


def test_strength_and_duty_of_candour():
    assert cl.strength_of(cl.InterventionType.physical_change) == cl.ActionStrength.stronger
    assert cl.strength_of(cl.InterventionType.checklist) == cl.ActionStrength.intermediate
    assert cl.strength_of(cl.InterventionType.training) == cl.ActionStrength.weaker
    assert cl.duty_of_candour_due("2026-01-02") == D(2026, 1, 16)


def test_schedules():
    assert cl.Recurrence.weekly(cl.Weekday.monday).occurrences("2026-01-01", "2026-01-31") == [
        D(2026, 1, 5), D(2026, 1, 12), D(2026, 1, 19), D(2026, 1, 26)]
    assert cl.Recurrence.every_n_weeks(2, "2026-01-05").occurrences("2026-01-10", "2026-02-28") == [
        D(2026, 1, 19), D(2026, 2, 2), D(2026, 2, 16)]
    assert cl.Recurrence.monthly_on_day(31).occurrences("2026-01-01", "2026-04-30") == [
        D(2026, 1, 31), D(2026, 2, 28), D(2026, 3, 31), D(2026, 4, 30)]
    assert cl.Recurrence.monthly_last_day().occurrences("2028-02-01", "2028-02-29") == [D(2028, 2, 29)]
    assert cl.Recurrence.quarterly("2025-11-30").occurrences("2026-01-01", "2026-12-31") == [
        D(2026, 2, 28), D(2026, 5, 30), D(2026, 8, 30), D(2026, 11, 30)]
    for r in [cl.Recurrence.none(), cl.Recurrence.weekly(cl.Weekday.friday), cl.Recurrence.monthly_on_day(31),
              cl.Recurrence.every_n_weeks(3, "2026-02-02"), cl.Recurrence.quarterly("2025-11-30")]:
        assert cl.Recurrence.parse(str(r)) == r
    assert repr(cl.Recurrence.weekly(cl.Weekday.monday)) == "Recurrence('weekly:monday')"
    assert cl.Recurrence.weekly(cl.Weekday.monday).describe() == "weekly on Monday"
    with pytest.raises(cl.InputError):
        cl.Recurrence.monthly_on_day(32)
    assert cl.missed_occurrences([D(2026, 1, 5), D(2026, 1, 12)], [D(2026, 1, 6)], 2, "2026-01-14") == []
    assert cl.missed_occurrences([D(2026, 1, 5), D(2026, 1, 12)], [D(2026, 1, 6)], 2, "2026-01-15") == [D(2026, 1, 12)]


# ---- dates, ids, reprs, read-only history ------------------------------------------------


def test_dates_accept_date_iso_text_and_datetime64():
    a = good_action()
    for value in (D(2026, 4, 30), "2026-04-30", np.datetime64("2026-04-30")):
        a.due = value
        assert a.due == D(2026, 4, 30)
    with pytest.raises(cl.InputError):
        a.due = "2026-02-30"


def test_reprs_are_readable():
    reg = small_register()
    assert repr(reg.service("S-1")) == (
        "Service(id='S-1', name='Elm Court', type='supported_living', capacity=12, region='North')")
    assert repr(good_action()) == (
        "Action(id='A-1', plan='P-1', title='Introduce a MAR chart checklist at every medication round', "
        "owner='Amira Khan', due='2026-03-31', state='proposed')")
    assert repr(reg) == "Register(services=2, incidents=1, plans=1, actions=0)"


def test_unknown_keywords_are_refused():
    with pytest.raises(TypeError, match="unexpected keyword argument 'nme'"):
        cl.Service(id="S-9", nme="typo")


def test_history_is_read_only():
    reg = at_state("implemented")
    a = reg.action("A-1")
    assert isinstance(a.events, tuple)
    assert [str(e.transition) for e in a.events] == ["agree", "start", "implement"]
    with pytest.raises(AttributeError):
        a.events = ()
    with pytest.raises(AttributeError):
        a.state = cl.ActionState.closed
    # A copy handed out is independent of the register.
    a.owner = "Someone else"
    assert reg.action("A-1").owner == "Amira Khan"
    assert copy.deepcopy(a) == a


# ---- the register ---------------------------------------------------------------------


def test_duplicates_and_missing_references_change_nothing():
    reg = small_register()
    refused(reg, cl.DuplicateError, lambda r: r.add_service(cl.Service(id="S-1", name="Other")),
            text='service "S-1" already exists')
    refused(reg, cl.NotFoundError,
            lambda r: r.add_action(good_action("A-2", "P-9")), text='action "A-2": plan "P-9" does not exist')
    err = refused(reg, cl.RuleError,
                  lambda r: r.add_incident(cl.Incident(id="I-2", service="S-1", occurred_at="2026-01-02T10:00",
                                                       reported_at="2026-01-01T23:00", category="fall")),
                  rule="incident.reported_before_occurred", text='incident "I-2"')
    assert isinstance(err, ValueError)
    with pytest.raises(KeyError):
        reg.action("nope")


def test_plan_refusal_and_queries():
    reg = small_register()
    reg.add_plan(cl.ActionPlan(id="P-2", investigation="INV-1", created_on="2026-01-05"))
    refused(reg, cl.RuleError, lambda r: r.refuse_plan("P-2", "Jo Bell", "2026-01-09", ""),
            rule="plan.refusal_requires_reason")
    reg.refuse_plan("P-2", "Jo Bell", "2026-01-09", "actions are all training")
    assert reg.plan("P-2").approval == cl.Approval.refused
    assert not reg.plan_is_open("P-2")
    reg.add_action(good_action("A-2"))
    reg.add_action(good_action("A-1"))
    assert [a.id for a in reg.actions_of("P-1")] == ["A-1", "A-2"]
    assert [a.id for a in reg.actions_in(cl.ActionState.proposed)] == ["A-1", "A-2"]
    assert [i.id for i in reg.incidents_at("S-1")] == ["I-1"]


# ---- the state machine ---------------------------------------------------------------------


def test_the_whole_lifecycle_is_the_fold_of_its_events():
    a = at_state("closed").action("A-1")
    assert a.state == cl.ActionState.closed
    assert [(str(e.from_state), str(e.to_state)) for e in a.events] == list(zip(ORDER[:-1], ORDER[1:]))
    assert a.verdict == cl.Verdict.effective
    assert a.decision == cl.Decision.adopt
    assert a.events[0].at == datetime.datetime(2026, 1, 10, 9, 0)


def test_agree_guards():
    reg = small_register()
    a = good_action()
    a.measures = []
    reg.add_action(a)
    refused(reg, cl.TransitionError, lambda r: r.agree("A-1", "2026-01-10T09:00", "Jo Bell"),
            rule="agree.requires_measure", text='action "A-1": no measure of success')
    a = good_action()
    a.owner = "Night care team"
    reg.update_action(a, "2026-01-09T09:00", "Jo Bell", "measure added")
    refused(reg, cl.TransitionError, lambda r: r.agree("A-1", "2026-01-10T09:00", "Jo Bell"),
            rule="agree.owner_is_person", text='owner "Night care team" is a team or committee')
    a.owner = "Amira Khan"
    a.monitoring = []
    reg.update_action(a, "2026-01-09T09:05", "Jo Bell")
    refused(reg, cl.TransitionError, lambda r: r.agree("A-1", "2026-01-10T09:00", "Jo Bell"),
            rule="agree.requires_monitoring")
    reg.update_action(good_action(), "2026-01-09T09:10", "Jo Bell")
    refused(reg, cl.TransitionError, lambda r: r.agree("A-1", "2026-04-01T09:00", "Jo Bell"),
            rule="agree.due_before_agreement", text="due date 2026-03-31 is before 2026-04-01")
    reg.agree("A-1", "2026-01-10T09:00", "Jo Bell")
    assert reg.action("A-1").state == cl.ActionState.agreed
    refused(reg, cl.TransitionError, lambda r: r.agree("A-1", "2026-01-11T09:00", "Jo Bell"),
            rule="agree.from_state", text="cannot agree from state agreed")


def test_implement_and_verify_guards():
    reg = at_state("in_progress")
    refused(reg, cl.TransitionError, lambda r: r.implement("A-1", "2026-02-01T17:00", "Amira Khan"),
            rule="implement.requires_evidence", text="no evidence dated on or before 2026-02-01")
    reg.add_evidence(evidence("E-1", "2026-02-01"))
    reg.implement("A-1", "2026-02-01T17:00", "Amira Khan")
    reg.add_check(check("C-0", "2026-02-01", True))
    refused(reg, cl.TransitionError, lambda r: r.verify("A-1", "2026-02-03T10:00", "Jo Bell"),
            rule="verify.requires_follow_up_check", text="no passing check dated after implementation on 2026-02-01")
    reg.add_check(check("C-1", "2026-02-02", True))
    reg.verify("A-1", "2026-02-03T10:00", "Jo Bell")
    assert reg.action("A-1").state == cl.ActionState.verified


def test_evaluate_close_reopen_cancel_guards():
    reg = at_state("verified")
    refused(reg, cl.TransitionError,
            lambda r: r.evaluate("A-1", "2026-05-01T23:59", "Jo Bell", cl.Verdict.effective, basis="rate fell"),
            rule="evaluate.too_early", text="evaluated 89 days after implementation on 2026-02-01")
    refused(reg, cl.TransitionError,
            lambda r: r.evaluate("A-1", "2026-05-02T10:00", "Jo Bell", cl.Verdict.effective),
            rule="evaluate.requires_basis")
    reg.evaluate("A-1", "2026-05-02T10:00", "Jo Bell", cl.Verdict.not_effective, checks=["C-1"])
    refused(reg, cl.TransitionError,
            lambda r: r.close("A-1", "2026-05-12T10:00", "Jo Bell", None, None), rule="close.requires_decision")
    refused(reg, cl.TransitionError,
            lambda r: r.close("A-1", "2026-05-12T10:00", "Jo Bell", cl.Decision.abandon, None),
            rule="close.requires_review")
    refused(reg, cl.TransitionError, lambda r: r.reopen("A-1", "2026-05-03T10:00", "Jo Bell", ""),
            rule="reopen.requires_reason")
    reg.reopen("A-1", "2026-05-03T10:00", "Jo Bell", "no change; try a different checklist")
    assert reg.action("A-1").state == cl.ActionState.reopened
    refused(reg, cl.TransitionError, lambda r: r.cancel("A-1", "2026-05-04T10:00", "Jo Bell", ""),
            rule="cancel.requires_reason")
    reg.cancel("A-1", "2026-05-04T10:00", "Jo Bell", "superseded")
    assert reg.action("A-1").state == cl.ActionState.cancelled


def test_replay_rebuilds_and_rechecks():
    original = at_state("closed")
    rebuilt = small_register()
    row = original.action("A-1")
    fresh = cl.Action(**{k: getattr(row, k) for k in (
        "id", "plan", "title", "description", "proposed_on", "factors", "owner", "due",
        "intervention", "measures", "monitoring", "evidence_required")})
    rebuilt.add_action(fresh)
    for e in original.evidence_items():
        rebuilt.add_evidence(e)
    for c in original.checks():
        rebuilt.add_check(c)
    for r in original.reviews():
        rebuilt.add_review(r)
    events = row.events
    refused(rebuilt, cl.TransitionError, lambda r: r.apply_event(events[1]), rule="start.from_state")
    for e in events:
        rebuilt.apply_event(e)
    assert rebuilt == original


# ---- signals ------------------------------------------------------------------------------


def test_overdue_and_stale_flip_on_the_day():
    reg = at_state("in_progress")
    assert cl.overdue_actions(reg, "2026-03-31") == []
    (overdue,) = cl.overdue_actions(reg, "2026-04-01")
    assert (overdue.action, overdue.days_overdue, overdue.state) == ("A-1", 1, cl.ActionState.in_progress)
    reg = at_state("agreed")
    assert cl.stale_actions(reg, "2026-02-09") == []
    (stale,) = cl.stale_actions(reg, np.datetime64("2026-02-10"))
    assert (stale.last_activity, stale.days_inactive) == (D(2026, 1, 10), 31)


def test_unreviewed_and_missed_monitoring_flip_on_the_day():
    reg = at_state("agreed")
    assert cl.unreviewed_plans(reg, "2026-02-04") == []
    (plan,) = cl.unreviewed_plans(reg, "2026-02-05")
    assert (plan.plan, plan.review_due, plan.days_overdue) == ("P-1", D(2026, 2, 4), 1)
    assert cl.missed_monitoring(reg, "2026-02-04") == []
    (missed,) = cl.missed_monitoring(reg, "2026-02-05")
    assert (missed.action, missed.scheduled) == ("A-1", D(2026, 2, 1))
    reg.add_check(check("C-2", "2026-01-30", True))
    assert cl.missed_monitoring(reg, "2026-02-05") == []


def test_recurrence_spread_fade_and_escalation():
    reg = at_state("implemented")
    inc = reg.incident("I-1")
    inc.id = "I-2"
    inc.occurred_at = "2026-02-02T07:45"
    inc.reported_at = "2026-02-02T09:00"
    reg.add_incident(inc)
    assert cl.recurrences(reg, "2026-02-01") == []
    (rec,) = cl.recurrences(reg, "2026-02-02")
    assert (rec.incident, rec.reason) == ("I-2", cl.RecurrenceReason.same_category_and_service)

    reg.add_share(cl.LearningShare(id="SH-1", plan="P-1", date="2026-04-01", targets=[cl.ShareTarget(service="S-2")]))
    assert cl.learning_not_spread(reg, "2026-04-15") == []
    (gap,) = cl.learning_not_spread(reg, "2026-04-16")
    assert (gap.service, gap.gap) == ("S-2", cl.SpreadGap.not_acknowledged)

    closed = at_state("closed")
    assert cl.faded_after_closure(closed, "2026-08-26") == []
    (fade,) = cl.faded_after_closure(closed, "2026-08-27")
    assert (fade.check_due, fade.reason) == (D(2026, 8, 12), cl.FadeReason.check_missed)

    reg = at_state("in_progress")
    reg.add_escalation_path(cl.EscalationPath(id="EP-1", name="standard", steps=[
        cl.EscalationStep(kind=cl.EscalationKind.remind, offset_days=-7, repeat_days=3, until_offset_days=-1, recipient="owner"),
        cl.EscalationStep(kind=cl.EscalationKind.escalate, offset_days=1, recipient="registered_manager")]))
    reg.set_default_escalation_path("EP-1")
    assert [e.recipient for e in cl.escalations_due(reg, "2026-03-24")] == ["owner"]
    assert cl.escalations_due(reg, "2026-03-25") == []
    assert [e.recipient for e in cl.escalations_due(reg, "2026-04-01")] == ["registered_manager"]
    s = cl.signals(reg, "2026-04-01", cl.SignalOptions(stale_days=365))
    assert len(s.overdue) == 1 and s.stale == [] and len(s.escalations) == 1
    assert repr(s).startswith("Signals(as_of='2026-04-01', overdue=1, stale=0")


# ---- quality -----------------------------------------------------------------------------


def test_lint_rules():
    assert cl.lint(good_action()) == []
    a = good_action()
    a.owner = ""
    a.measures = [cl.Measure(kind=cl.MeasureKind.process, what="Documentation")]
    a.title = "Provide training on MAR charts"
    a.due = "2027-01-06"
    rules = [(str(f.severity), f.rule) for f in cl.lint(a)]
    assert rules == [("error", "agree.requires_owner"), ("error", "agree.measure_complete"),
                     ("warning", "quality.vague_wording"), ("warning", "quality.due_beyond_a_year")]
    assert cl.is_group_owner("Clinical governance committee")
    assert not cl.is_group_owner("Team leader Amira Khan")
    assert cl.vague_phrase_without_target("Ensure staff escalate concerns") == "ensure"
    assert cl.vague_phrase_without_target("Train 100% of staff by 31 March") is None


def test_plan_of_only_weaker_actions_is_flagged():
    reg = small_register()
    training = good_action("A-1")
    training.title = "Refresher MAR training for 100% of staff by March"
    training.intervention = cl.InterventionType.training
    reg.add_action(training)
    assert [f.rule for f in cl.lint_plan(reg, "P-1")] == ["quality.plan_all_weaker"]
    reg.add_action(good_action("A-2"))
    assert cl.lint_plan(reg, "P-1") == []
    profile = cl.strength_profile(reg, "P-1")
    assert (profile.stronger, profile.intermediate, profile.weaker) == (0, 1, 1)


# ---- a seed example in short: falls prevention in a residential home ---------------------


def test_falls_prevention_example_with_its_refusals():
    reg = cl.Register()
    reg.add_service(cl.Service(id="RH-OAK", name="Oak House", type="residential", capacity=40))
    for i, when in enumerate(["2026-01-03T02:10", "2026-01-09T06:30", "2026-01-17T22:45"], start=1):
        reg.add_incident(cl.Incident(id=f"F-{i}", service="RH-OAK", occurred_at=when, reported_at=when, category="fall"))
    reg.add_investigation(cl.Investigation(id="TR-1", incidents=["F-1", "F-2", "F-3"],
                                           method=cl.InvestigationMethod.thematic_review, opened="2026-01-19",
                                           factors=[cl.ContributingFactor.environment]))
    reg.add_plan(cl.ActionPlan(id="PLAN-FALLS", investigation="TR-1", scope="RH-OAK", created_on="2026-02-03",
                               review_interval_days=7))
    reg.approve_plan("PLAN-FALLS", "Dr Helen Moss", "2026-02-04")
    lights = good_action("FALL-A2", "PLAN-FALLS")
    lights.title = "Night lighting and sensor mats in corridors and 12 bedrooms"
    lights.intervention = cl.InterventionType.physical_change
    lights.owner = "Health and safety committee"
    lights.proposed_on = "2026-02-03"
    reg.add_action(lights)
    refused(reg, cl.TransitionError, lambda r: r.agree("FALL-A2", "2026-02-04T14:00", "Dr Helen Moss"),
            rule="agree.owner_is_person")
    lights.owner = "Maintenance lead Chris Dale"
    reg.update_action(lights, "2026-02-04T13:00", "Dr Helen Moss", "named owner")
    reg.agree("FALL-A2", "2026-02-04T14:00", "Dr Helen Moss")
    reg.start("FALL-A2", "2026-02-05T09:00", "Home manager Ruth Lane")
    reg.add_evidence(cl.Evidence(id="EV-F1", action="FALL-A2", kind=cl.EvidenceKind.document,
                                 date="2026-02-27", reference="Works order 4471"))
    reg.implement("FALL-A2", "2026-02-27T17:00", "Maintenance lead Chris Dale")
    refused(reg, cl.TransitionError, lambda r: r.verify("FALL-A2", "2026-03-02T10:00", "Dr Helen Moss"),
            rule="verify.requires_follow_up_check")
    reg.add_check(check("ENV-1", "2026-03-13", True, action="FALL-A2"))
    reg.verify("FALL-A2", "2026-03-13T18:00", "Dr Helen Moss")
    refused(reg, cl.TransitionError,
            lambda r: r.evaluate("FALL-A2", "2026-05-27T10:00", "Dr Helen Moss", cl.Verdict.effective, basis="x"),
            rule="evaluate.too_early", text="not before 2026-05-28")
    reg.evaluate("FALL-A2", "2026-05-28T10:00", "Dr Helen Moss", cl.Verdict.effective,
                 basis="falls per 1,000 OBD: 3 in January, 1 from March to May")
    reg.add_review(cl.GovernanceReview(id="CG-1", forum=cl.Forum.clinical_governance, date="2026-06-03",
                                       actions=["FALL-A2"]))
    reg.close("FALL-A2", "2026-06-03T16:00", "Dr Helen Moss", cl.Decision.adopt, "CG-1")
    assert reg.action("FALL-A2").state == cl.ActionState.closed


def test_events_go_forward_and_closed_actions_are_not_edited():
    reg = at_state("proposed")
    refused(reg, cl.TransitionError, lambda r: r.agree("A-1", "2026-01-04T09:00", "Jo Bell"),
            rule="event.before_proposed", text="is before the action was proposed on 2026-01-05")
    refused(reg, cl.TransitionError, lambda r: r.agree("A-1", "2026-01-10T09:00", ""),
            rule="event.requires_actor", text="agree needs the actor's name")
    closed = at_state("closed")
    a = closed.action("A-1")
    a.title = "Renamed after closing"
    refused(closed, cl.TransitionError, lambda r: r.update_action(a, "2026-06-01T09:00", "Jo Bell"),
            rule="edit.from_state", text="cannot edit from state closed")
    event = closed.action("A-1").events[-1]
    assert (event.decision, event.review) == (cl.Decision.adopt, "R-1")
