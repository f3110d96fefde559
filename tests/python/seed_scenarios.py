"""The seed's three operational examples as lists of steps.

The steps of the C++ telling in include/closeloop/sample/seed.hpp, less two it
has gained since (Hillview's third briefing and the check C-SG-1;
docs/architecture.md): each step is one call of the Register's mutation API,
so a step runs unchanged against a ``cl.Register`` (in memory) or a
``cl.Store`` (one transaction each).
``STEPS`` holds every step of the three scenarios in order.
"""

import closeloop as cl


def _measure(kind, what, by):
    return cl.Measure(kind=kind, what=what, how="monthly audit", level="at least 95%", by=by,
                      measured_by="Quality lead Sam Ortiz")


def _monitoring(kind, recurrence):
    return cl.Monitoring(kind=kind, recurrence=recurrence, by="Deputy manager Lee Green")


def _action(id, plan, title, intervention, proposed, due, **fields):
    values = dict(id=id, plan=plan, title=title, description="from the learning response",
                  proposed_on=proposed, factors=[cl.ContributingFactor.documentation],
                  owner="Registered manager Jo Bell", due=due, intervention=intervention,
                  measures=[_measure(cl.MeasureKind.process, "documentation accuracy", due)],
                  monitoring=[_monitoring(cl.MonitoringKind.spot_check, cl.Recurrence.monthly_on_day(1))],
                  evidence_required="audit result")
    values.update(fields)
    return cl.Action(**values)


def _audit(id, date, score, note):
    return cl.Check(id=id, action="A-MED-1", date=date, kind=cl.MonitoringKind.audit, passed=True,
                    score=score, denominator=20, by="Deputy manager Lee Green", note=note)


def _share_target(service):
    return cl.ShareTarget(service=service)


# Example 1: medication documentation in supported living, carried through
# to closure, with a share to a second service.
MEDICATION = [
    lambda r: r.add_service(cl.Service(id="SL-1", name="Riverside Supported Living",
                                       type="supported_living", capacity=12, region="North")),
    lambda r: r.add_service(cl.Service(id="SL-2", name="Hillview Supported Living",
                                       type="supported_living", capacity=9, region="North")),
    lambda r: r.add_incident(cl.Incident(
        id="MED-1", service="SL-1", occurred_at="2026-01-06T08:10", reported_at="2026-01-06T09:30",
        category="medication_error", harm=cl.Harm.low, psychological_harm=cl.PsychologicalHarm.low,
        person_ref="P-0193", description='Incorrect dosage documented on the MAR chart, "5ml" for 2.5ml')),
    lambda r: r.add_investigation(cl.Investigation(
        id="INV-MED", incidents=["MED-1"], method=cl.InvestigationMethod.root_cause_analysis,
        lead="Priya Shah", opened="2026-01-07")),
    lambda r: r.conclude_investigation(
        "INV-MED", "2026-01-20", "Unclear documentation procedure; inconsistent understanding of the MAR",
        [cl.ContributingFactor.documentation, cl.ContributingFactor.staff_knowledge]),
    lambda r: r.add_plan(cl.ActionPlan(id="P-MED", investigation="INV-MED", scope="SL-1",
                                       created_on="2026-01-21")),
    lambda r: r.approve_plan("P-MED", "Nominated individual Ruth Adams", "2026-01-23"),
    lambda r: r.add_action(_action("A-MED-1", "P-MED", "Update the medication documentation guidance",
                                   cl.InterventionType.policy_procedure, "2026-01-21", "2026-02-28")),
    lambda r: r.add_action(_action("A-MED-2", "P-MED", "Refresher training on MAR recording for all staff",
                                   cl.InterventionType.training, "2026-01-21", "2026-03-15",
                                   factors=[cl.ContributingFactor.staff_knowledge])),
    lambda r: r.add_action(_action(
        "A-MED-3", "P-MED", "Monthly competency observations of medication rounds",
        cl.InterventionType.checklist, "2026-01-21", "2026-03-31",
        monitoring=[_monitoring(cl.MonitoringKind.competency_observation,
                                cl.Recurrence.monthly_last_day())])),
    lambda r: r.agree("A-MED-1", "2026-01-24T11:00", "Jo Bell"),
    lambda r: r.start("A-MED-1", "2026-01-26T09:00", "Jo Bell", "drafting"),
    lambda r: r.add_evidence(cl.Evidence(id="E-MED-1", action="A-MED-1",
                                         kind=cl.EvidenceKind.policy_version, date="2026-02-10",
                                         reference="MED-POL-07 v3", summary="Guidance v3 issued")),
    lambda r: r.implement("A-MED-1", "2026-02-11T10:00", "Jo Bell"),
    lambda r: r.add_check(_audit("C-MED-1", "2026-03-02", 19, "19 of 20 MAR charts fully correct")),
    lambda r: r.verify("A-MED-1", "2026-03-03T10:00", "Lee Green"),
    lambda r: r.add_check(_audit("C-MED-2", "2026-05-04", 20, "20 of 20")),
    lambda r: r.evaluate("A-MED-1", "2026-05-15T14:00", "Sam Ortiz", cl.Verdict.effective,
                         "errors fell from 6 to 1 per quarter", ["C-MED-1", "C-MED-2"]),
    lambda r: r.add_review(cl.GovernanceReview(
        id="R-MED-1", forum=cl.Forum.clinical_governance, date="2026-05-20", plans=["P-MED"],
        actions=["A-MED-1"], decisions="Adopt the guidance across supported living")),
    lambda r: r.close("A-MED-1", "2026-05-21T09:00", "Ruth Adams", cl.Decision.adopt, "R-MED-1",
                      "signed off"),
    lambda r: r.agree("A-MED-2", "2026-01-24T11:30", "Jo Bell"),
    lambda r: r.start("A-MED-2", "2026-02-01T09:00", "Jo Bell"),
    lambda r: r.add_evidence(cl.Evidence(id="E-MED-2", action="A-MED-2",
                                         kind=cl.EvidenceKind.training_record, date="2026-03-10",
                                         reference="TR-2026-031", summary="11 of 12 staff trained")),
    lambda r: r.implement("A-MED-2", "2026-03-12T16:00", "Jo Bell"),
    lambda r: r.agree("A-MED-3", "2026-01-25T10:00", "Jo Bell"),
    lambda r: r.start("A-MED-3", "2026-02-01T10:00", "Jo Bell"),
    lambda r: r.add_share(cl.LearningShare(
        id="SH-MED-1", plan="P-MED", channel=cl.Channel.leadership_update, date="2026-05-22",
        targets=[_share_target("SL-2")],
        summary="MAR guidance v3 and the competency observation checklist")),
    lambda r: r.acknowledge_share("SH-MED-1", "SL-2", "2026-05-25"),
    lambda r: r.record_adoption("SH-MED-1", "SL-2", True, "2026-06-05"),
    # Hillview's learning reach: 4 of 9 staff briefed, then 8 of 9.
    lambda r: r.record_briefing(cl.StaffBriefing(share="SH-MED-1", service="SL-2", date="2026-06-01",
                                                 briefed=4, in_scope=9, recorded_by="Dev Patel")),
    lambda r: r.record_briefing(cl.StaffBriefing(share="SH-MED-1", service="SL-2", date="2026-06-15",
                                                 briefed=8, in_scope=9, note="night team")),
]

_FALL_TIMES = ["2026-01-03T22:15", "2026-01-11T06:40", "2026-01-19T00:00", "2026-01-27T14:05"]


def _fall(i):
    import datetime

    occurred = datetime.datetime.fromisoformat(_FALL_TIMES[i])
    return cl.Incident(
        id=f"FALL-{i + 1}", service="RH-1", occurred_at=occurred,
        reported_at=occurred + datetime.timedelta(hours=2), category="fall",
        harm=cl.Harm.moderate if i == 2 else cl.Harm.low, person_ref=f"P-02{i % 2}",
        description="Found on floor in bedroom", notifiable=i == 2,
        notification_due="2026-02-02" if i == 2 else None)


_OUTCOME = cl.Measure(kind=cl.MeasureKind.outcome, what="falls per 1,000 occupied bed days",
                      how="incident trend monitoring, u chart", level="down by a third",
                      by="2026-09-30", measured_by="Ana Costa", category="fall", service="RH-1",
                      denominator="occupied_bed_days", direction=cl.Direction.decrease, target=4.5)


def _environment(title="Environmental safety checks and bedroom sensor mats", due="2026-03-20"):
    return _action("A-FALLS-2", "P-FALLS", title, cl.InterventionType.physical_change, "2026-02-06",
                   due, factors=[cl.ContributingFactor.environment])


# Example 2: falls prevention in a residential home after several falls; an
# environmental action found not effective and reopened, an edit recorded.
FALLS = [
    lambda r: r.add_service(cl.Service(id="RH-1", name="Oak House", type="residential",
                                       capacity=40, region="South")),
    *[(lambda i: lambda r: r.add_incident(_fall(i)))(i) for i in range(4)],
    lambda r: r.add_investigation(cl.Investigation(
        id="INV-FALLS", incidents=["FALL-1", "FALL-2", "FALL-3", "FALL-4"],
        method=cl.InvestigationMethod.thematic_review, lead="Clinical lead Ana Costa",
        opened="2026-01-28", concluded="2026-02-06",
        findings="Environmental risks; gaps in mobility assessments",
        factors=[cl.ContributingFactor.environment, cl.ContributingFactor.assessment,
                 cl.ContributingFactor.training])),
    lambda r: r.add_plan(cl.ActionPlan(
        id="P-FALLS", investigation="INV-FALLS", scope="RH-1", created_on="2026-02-06",
        approver="Registered manager Kim Lee", approval=cl.Approval.approved,
        decided_on="2026-02-07", review_interval_days=7, min_observation_days=60,
        sustainment_months=[3, 6, 12])),
    lambda r: r.add_action(_action(
        "A-FALLS-1", "P-FALLS", "Updated mobility risk assessment for every resident",
        cl.InterventionType.checklist, "2026-02-06", "2026-03-06",
        factors=[cl.ContributingFactor.assessment],
        monitoring=[_monitoring(cl.MonitoringKind.governance_meeting,
                                cl.Recurrence.weekly(cl.Weekday.tuesday))],
        measures=[_measure(cl.MeasureKind.process, "documentation accuracy", "2026-03-06"), _OUTCOME])),
    lambda r: r.add_action(_environment()),
    lambda r: r.add_action(_action("A-FALLS-3", "P-FALLS", "Physiotherapy for residents at high risk",
                                   cl.InterventionType.staffing_change, "2026-02-06", "2026-04-30")),
    lambda r: r.agree("A-FALLS-2", "2026-02-08T10:00", "Kim Lee"),
    lambda r: r.start("A-FALLS-2", "2026-02-09T10:00", "Kim Lee"),
    lambda r: r.add_evidence(cl.Evidence(id="E-FALLS-1", action="A-FALLS-2",
                                         kind=cl.EvidenceKind.observation, date="2026-03-01",
                                         reference="walkround 2026-03-01",
                                         summary="mats fitted in 12 rooms")),
    lambda r: r.implement("A-FALLS-2", "2026-03-02T10:00", "Kim Lee"),
    lambda r: r.add_check(cl.Check(id="C-FALLS-1", action="A-FALLS-2", date="2026-03-09",
                                   kind=cl.MonitoringKind.spot_check, passed=True, by="Night lead")),
    lambda r: r.verify("A-FALLS-2", "2026-03-10T10:00", "Kim Lee"),
    lambda r: r.evaluate("A-FALLS-2", "2026-05-12T10:00", "Ana Costa", cl.Verdict.not_effective,
                         "falls rate unchanged: 5.1 vs 5.3 per 1,000 OBD"),
    lambda r: r.reopen("A-FALLS-2", "2026-05-13T10:00", "Ana Costa", "not effective: redesign"),
    lambda r: r.update_action(
        _environment(title="Environmental safety checks, sensor mats and night lighting",
                     due="2026-07-31"),
        "2026-05-14T09:00", "Kim Lee", "extended after evaluation"),
    lambda r: r.agree("A-FALLS-1", "2026-02-08T11:00", "Kim Lee"),
    lambda r: r.cancel("A-FALLS-3", "2026-02-20T09:00", "Kim Lee",
                       "physiotherapy commissioned by the ICB instead"),
    lambda r: r.add_review(cl.GovernanceReview(id="R-FALLS-1", forum=cl.Forum.clinical_governance,
                                               date="2026-02-17", plans=["P-FALLS"],
                                               decisions="progress noted")),
]

_PATHWAY_MONITORING = [
    cl.Monitoring(kind=cl.MonitoringKind.call_log_review,
                  recurrence=cl.Recurrence.every_n_weeks(2, "2026-03-02"),
                  by="Deputy manager Lee Green", starts="2026-03-02", tolerance_days=5),
    _monitoring(cl.MonitoringKind.supervision, cl.Recurrence.quarterly("2026-03-15")),
]


def _dom_incident(id, category, psychological, description):
    return cl.Incident(id=id, service="DOM-1", occurred_at="2026-02-02T17:45",
                       reported_at="2026-02-04T09:00", category=category, harm=cl.Harm.none,
                       psychological_harm=psychological, person_ref="P-0777",
                       description=description)


# Example 3: escalation delays in domiciliary care; an escalation path, a
# plan awaiting approval and a refused one.
ESCALATION = [
    lambda r: r.add_category("late_call"),
    lambda r: r.add_service(cl.Service(id="DOM-1", name="Home Care East", type="domiciliary",
                                       capacity=0, region="East")),
    lambda r: r.add_incident(_dom_incident(
        "SG-1", "safeguarding", cl.PsychologicalHarm.moderate,
        "Care worker's concern about a client reached the supervisor two days late")),
    lambda r: r.add_incident(_dom_incident("LC-1", "late_call", cl.PsychologicalHarm.none,
                                           "Teatime call 90 minutes late")),
    lambda r: r.add_escalation_path(cl.EscalationPath(id="ESC-STD", name="Standard reminders", steps=[
        cl.EscalationStep(kind=cl.EscalationKind.remind, offset_days=-7, repeat_days=3,
                          until_offset_days=-1, recipient="owner"),
        cl.EscalationStep(kind=cl.EscalationKind.escalate, offset_days=1,
                          recipient="registered_manager"),
        cl.EscalationStep(kind=cl.EscalationKind.escalate, offset_days=14,
                          recipient="nominated_individual"),
    ])),
    lambda r: r.set_default_escalation_path("ESC-STD"),
    lambda r: r.add_investigation(cl.Investigation(
        id="INV-SG", incidents=["SG-1", "LC-1"], method=cl.InvestigationMethod.safeguarding_enquiry,
        lead="Safeguarding lead Omar Haddad", opened="2026-02-05",
        factors=[cl.ContributingFactor.communication, cl.ContributingFactor.escalation])),
    lambda r: r.add_plan(cl.ActionPlan(id="P-SG", investigation="INV-SG", created_on="2026-02-12",
                                       escalation_path="ESC-STD")),
    lambda r: r.add_action(_action(
        "A-SG-1", "P-SG", "Revised escalation pathway with a single on-call number",
        cl.InterventionType.simplification, "2026-02-12", "2026-03-31",
        factors=[cl.ContributingFactor.escalation, cl.ContributingFactor.communication],
        monitoring=_PATHWAY_MONITORING)),
    lambda r: r.add_plan(cl.ActionPlan(id="P-SG-ORG", investigation="INV-SG",
                                       created_on="2026-02-12")),
    lambda r: r.refuse_plan("P-SG-ORG", "Board", "2026-02-20", "covered by P-SG"),
]

STEPS = MEDICATION + FALLS + ESCALATION
