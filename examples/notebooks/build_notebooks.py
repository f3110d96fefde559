"""Writes the three seed-scenario notebooks of examples/notebooks/.

The notebooks are committed without outputs; tests/python/test_notebooks.py
executes them. Edit the cells here and run
    /usr/bin/python3 examples/notebooks/build_notebooks.py
to rewrite them.
"""

import pathlib

import nbformat

HERE = pathlib.Path(__file__).parent

COMMON_SETUP = '''import datetime
import matplotlib
matplotlib.use("Agg")
import closeloop as cl

def month(first, i):
    """The first day of the i-th month after `first`."""
    return cl.add_months_clamped(first, i)

def add_monthly_incidents(reg, service, category, first, counts, prefix):
    """Spreads each month's count of incidents over that month, one every two days."""
    serial = 0
    for i, count in enumerate(counts):
        for k in range(count):
            serial += 1
            when = datetime.datetime.combine(month(first, i) + datetime.timedelta(days=2 * k + 1),
                                             datetime.time(9, 30))
            reg.add_incident(cl.Incident(id=f"{prefix}-{serial}", service=service, occurred_at=when,
                                         reported_at=when, category=category, harm=cl.Harm.low))

def monthly_exposure(service, measure, first, months, value):
    """One exposure.csv row per month: the same columns as the file (a DataFrame)."""
    import pandas as pd
    return pd.DataFrame({"service_id": service, "measure": measure, "value": value,
                         "period": [month(first, i).strftime("%Y-%m") for i in range(months)]})

def refused(call):
    """Runs a call the register should refuse, and shows which rule refused it."""
    try:
        call()
    except cl.Error as error:
        print(f"refused by {getattr(error, 'rule', error.code)}: {error}")
    else:
        raise AssertionError("the register accepted a call it should refuse")
'''

NOTEBOOKS = {
    "seed_evidence.ipynb": [
        ("markdown", """# Evidence for the seed's three improvements, each by its own measure

The seed judges its three examples by three kinds of measure. Here each is evaluated
from data with `cl.evaluate_effectiveness`, on the same measure series the trend job and
the governance report use (docs/effectiveness.md):

1. **medication documentation** by *audit accuracy* — a proportion from monthly audits;
2. **falls prevention** by *falls per 1,000 occupied bed days* — a rate;
3. **escalation delays** by *hours from concern to supervisor* — a duration.

No figure is typed into a note: every verdict and its basis come from the recorded
incidents, exposure and checks."""),
        ("code", COMMON_SETUP),
        ("markdown", "## 1. Audit accuracy at Elm Court (a proportion)"),
        ("code", '''reg = cl.Register()
reg.add_service(cl.Service(id="SL-ELM", name="Elm Court", type="supported_living", capacity=8, region="North"))
reg.add_incident(cl.Incident(id="MED-1", service="SL-ELM", occurred_at="2026-01-06T08:10",
                             reported_at="2026-01-06T09:30", category="medication_error", harm=cl.Harm.low))
reg.add_investigation(cl.Investigation(id="AAR-7", incidents=["MED-1"], opened="2026-01-15",
                                       factors=[cl.ContributingFactor.documentation]))
reg.add_plan(cl.ActionPlan(id="PLAN-MED", investigation="AAR-7", scope="SL-ELM", created_on="2026-01-30"))
reg.approve_plan("PLAN-MED", "Jo Bell", "2026-02-02")
accuracy = cl.Measure(kind=cl.MeasureKind.process, id="MED-A1/accuracy", what="MAR documentation accuracy",
                      how="monthly audit of 20 MAR charts", level="at least 95% of charts correct",
                      by="2026-09-30", kind_of_value="proportion", direction=cl.Direction.increase,
                      target=0.95)
reg.add_action(cl.Action(id="MED-A1", plan="PLAN-MED", proposed_on="2025-07-01", owner="Jo Bell",
                         title="MAR checklist at every medication round", due="2026-03-31",
                         intervention=cl.InterventionType.checklist, measures=[accuracy],
                         monitoring=[cl.Monitoring(kind=cl.MonitoringKind.audit,
                                                   recurrence=cl.Recurrence.monthly_on_day(20))]))
reg.agree("MED-A1", "2026-02-02T10:00", "Jo Bell")
reg.start("MED-A1", "2026-02-03T10:00", "Jo Bell")
reg.add_evidence(cl.Evidence(id="EV-M1", action="MED-A1", kind=cl.EvidenceKind.policy_version, date="2026-02-25"))
reg.implement("MED-A1", "2026-02-27T17:00", "Jo Bell")
# One audit of 20 charts a month, August 2025 to August 2026; passed follows from the target.
correct = [15, 16, 14, 15, 17, 16, 17, 19, 20, 19, 20, 20, 19]
for m, score in enumerate(correct):
    reg.add_check(cl.Check(id=f"AUD-{m + 1}", action="MED-A1", date=month(datetime.date(2025, 8, 20), m),
                           kind=cl.MonitoringKind.audit, measure="MED-A1/accuracy", score=score,
                           denominator=20, passed=score >= 19))
# "10 of 22, passed" against at least 95% cannot be recorded:
refused(lambda: reg.add_check(cl.Check(id="AUD-X", action="MED-A1", date="2026-08-25", measure="MED-A1/accuracy",
                                       score=10, denominator=22, passed=True)))
audits = cl.evaluate_effectiveness(reg, "MED-A1", None, "2026-08-31", cl.EffectivenessOptions(measure_index=0))
print(audits.summary())
assert audits.verdict == cl.Verdict.effective and audits.value_kind == "proportion"
audits'''),
        ("code", '''ax = audits.plot()
audits.to_pandas()'''),
        ("markdown", "## 2. Falls at Oak House (a rate per 1,000 occupied bed days)"),
        ("code", '''falls = cl.Register()
falls.add_service(cl.Service(id="RH-OAK", name="Oak House", type="residential", capacity=40, region="North"))
first = datetime.date(2025, 2, 1)
add_monthly_incidents(falls, "RH-OAK", "fall", first,
                      [5, 4, 6, 5, 7, 4, 5, 6, 5, 4, 6, 5] + [3] + [2, 1, 2, 1, 2, 1, 1], "F")
bed_days = monthly_exposure("RH-OAK", "occupied_bed_days", first, 20, 1200.0)
falls.add_investigation(cl.Investigation(id="TR-1", incidents=["F-60"], opened="2026-01-19"))
falls.add_plan(cl.ActionPlan(id="PLAN-FALLS", investigation="TR-1", scope="RH-OAK", created_on="2026-02-03"))
falls.add_action(cl.Action(
    id="FALL-A2", plan="PLAN-FALLS", proposed_on="2026-02-03", owner="Chris Dale", due="2026-03-06",
    title="Night lighting and sensor mats", intervention=cl.InterventionType.physical_change,
    measures=[cl.Measure(kind=cl.MeasureKind.outcome, what="Falls per 1,000 occupied bed days",
                         how="monthly u-chart", level="below the 2025 rate", by="2026-09-30",
                         category="fall", denominator="occupied_bed_days")],
    monitoring=[cl.Monitoring(kind=cl.MonitoringKind.spot_check, recurrence=cl.Recurrence.monthly_on_day(1))]))
falls.agree("FALL-A2", "2026-02-04T14:00", "Dr Helen Moss")
falls.start("FALL-A2", "2026-02-05T09:00", "Ruth Lane")
falls.add_evidence(cl.Evidence(id="EV-F1", action="FALL-A2", kind=cl.EvidenceKind.document, date="2026-02-27"))
falls.implement("FALL-A2", "2026-02-27T17:00", "Chris Dale")
rate = cl.evaluate_effectiveness(falls, "FALL-A2", bed_days, "2026-10-01")
print(rate.summary())
assert rate.verdict == cl.Verdict.effective and rate.value_kind == "rate"
# The same numbers as a measure series, rebased at the implementation:
series = cl.measure_series("rate", incidents=cl.incident_table(falls), exposure=bed_days, category="fall",
                           services="RH-OAK", measure="occupied_bed_days", per=1000, end="2026-09-30")
ax = series.plot(rebase_at="2026-02-27", improvement="decrease")
series.split("2026-02-27", as_of="2026-09-30")["side"][11:15]'''),
        ("markdown", "## 3. Time to escalate at East Branch (a duration)"),
        ("code", '''esc = cl.Register()
esc.add_service(cl.Service(id="DOM-EAST", name="East Branch", type="domiciliary", capacity=0, region="East"))
esc.add_incident(cl.Incident(id="SG-12", service="DOM-EAST", occurred_at="2026-01-06T07:50",
                             reported_at="2026-01-07T16:20", category="safeguarding", harm=cl.Harm.moderate))
esc.add_investigation(cl.Investigation(id="SGE-3", incidents=["SG-12"], opened="2026-01-08"))
esc.add_plan(cl.ActionPlan(id="PLAN-ESC", investigation="SGE-3", scope="DOM-EAST", created_on="2026-01-26"))
hours_measure = cl.Measure(kind=cl.MeasureKind.process, id="ESC-A1/hours", what="Hours from concern to supervisor",
                           how="weekly call-log review", level="at most 1.5 hours", by="2026-06-30",
                           kind_of_value="duration", unit="hours", direction=cl.Direction.decrease, target=1.5)
esc.add_action(cl.Action(id="ESC-A1", plan="PLAN-ESC", proposed_on="2025-11-01", owner="Lee Grant", due="2026-02-20",
                         title="On-call escalation line with a 1-hour call-back standard",
                         intervention=cl.InterventionType.simplification, measures=[hours_measure],
                         monitoring=[cl.Monitoring(kind=cl.MonitoringKind.call_log_review,
                                                   recurrence=cl.Recurrence.weekly(cl.Weekday.monday))]))
esc.agree("ESC-A1", "2026-01-27T11:00", "Asha Patel")
esc.start("ESC-A1", "2026-01-28T09:00", "Lee Grant")
esc.add_evidence(cl.Evidence(id="EV-E1", action="ESC-A1", kind=cl.EvidenceKind.policy_version, date="2026-02-16"))
esc.implement("ESC-A1", "2026-02-16T17:00", "Lee Grant")
hours = [6.5, 8.0, 5.5, 7.0, 9.5, 6.0, 7.5, 8.5, 6.5, 7.0, 5.0, 8.0,
         2.0, 1.5, 1.0, 1.2, 0.8, 1.1, 0.9, 0.7, 1.0, 0.8, 0.6, 0.9]
for k, h in enumerate(hours):
    day = datetime.date(2025, 11, 26) + datetime.timedelta(weeks=k) if k < 12 else \\
          datetime.date(2026, 2, 23) + datetime.timedelta(weeks=k - 12)
    esc.add_check(cl.Check(id=f"LOG-{k + 1}", action="ESC-A1", date=day, kind=cl.MonitoringKind.call_log_review,
                           measure="ESC-A1/hours", value=h, unit="hours", passed=h <= 1.5))
refused(lambda: esc.add_check(cl.Check(id="LOG-X", action="ESC-A1", date="2026-05-12", measure="ESC-A1/hours",
                                       value=3.0, unit="hours", passed=True)))
duration = cl.evaluate_effectiveness(esc, "ESC-A1", None, "2026-05-18",
                                     cl.EffectivenessOptions(measure_index=0, period="week"))
print(duration.summary())
assert duration.verdict == cl.Verdict.effective and duration.value_kind == "duration"
ax = duration.plot()
# Reporting delay, straight from the incidents (days from occurred to reported):
cl.measure_series("reporting_delay", incidents=cl.incident_table(esc), services="DOM-EAST").to_pandas()'''),
    ],
    "medication_documentation.ipynb": [
        ("markdown", """# Medication documentation in supported living

A supported living provider investigated a medication error involving incorrect dosage
documentation. The investigation found unclear documentation procedures and inconsistent
staff understanding of the medication administration record (MAR). The plan updated the
documentation guidance, gave refresher training and introduced monthly competency
observations; supervisors spot-checked, and governance reviewed the audit outcomes.

This notebook walks that plan from the incident to an evaluated improvement in medication
errors per 1,000 doses administered."""),
        ("code", COMMON_SETUP),
        ("code", '''reg = cl.Register()
reg.add_service(cl.Service(id="SL-ELM", name="Elm Court", type="supported_living", capacity=8, region="North"))
first = datetime.date(2025, 2, 1)
# Errors per month: twelve months before the change, the change month, then seven after.
add_monthly_incidents(reg, "SL-ELM", "medication_error", first,
                      [4, 5, 3, 4, 6, 4, 5, 4, 3, 5, 4, 5] + [3] + [1, 2, 1, 1, 0, 1, 1], "MED")
doses = monthly_exposure("SL-ELM", "doses_administered", first, 20, 2400.0)
reg.add_investigation(cl.Investigation(
    id="AAR-7", incidents=["MED-49"], method=cl.InvestigationMethod.after_action_review,
    lead="Priya Shah", opened="2026-01-15", concluded="2026-01-29",
    findings="Unclear documentation procedure; inconsistent understanding of the MAR",
    factors=[cl.ContributingFactor.documentation, cl.ContributingFactor.staff_knowledge]))
reg.add_plan(cl.ActionPlan(id="PLAN-MED", investigation="AAR-7", scope="SL-ELM", created_on="2026-01-30"))
reg.approve_plan("PLAN-MED", "Registered manager Jo Bell", "2026-02-02")'''),
        ("markdown", "Two actions: new MAR guidance with a checklist at each round, and refresher training. "
                     "The training, as first written, has no measure — the quality lint says so, and agreeing it is refused."),
        ("code", '''checklist = cl.Action(
    id="MED-A1", plan="PLAN-MED", proposed_on="2026-01-30",
    title="MAR checklist at every medication round, with guidance v3",
    factors=[cl.ContributingFactor.documentation], owner="Jo Bell", due="2026-02-27",
    intervention=cl.InterventionType.checklist,
    measures=[cl.Measure(kind=cl.MeasureKind.outcome, what="Medication errors per 1,000 doses",
                         how="monthly u-chart", level="below the 2025 rate", by="2026-09-30",
                         measured_by="Deputy manager", category="medication_error",
                         denominator="doses_administered", direction=cl.Direction.decrease)],
    monitoring=[cl.Monitoring(kind=cl.MonitoringKind.spot_check,
                              recurrence=cl.Recurrence.monthly_on_day(1), by="Deputy manager")])
training = cl.Action(
    id="MED-A2", plan="PLAN-MED", proposed_on="2026-01-30", title="Provide refresher training",
    factors=[cl.ContributingFactor.staff_knowledge], owner="Jo Bell", due="2026-02-27",
    intervention=cl.InterventionType.training,
    monitoring=[cl.Monitoring(kind=cl.MonitoringKind.competency_observation,
                              recurrence=cl.Recurrence.monthly_on_day(15), by="Senior support worker")])
reg.add_action(checklist)
reg.add_action(training)
for finding in cl.lint_plan(reg, "PLAN-MED"):
    print(finding)
refused(lambda: reg.agree("MED-A2", "2026-02-03T10:00", "Jo Bell"))'''),
        ("code", '''reg.agree("MED-A1", "2026-02-03T10:00", "Jo Bell")
reg.start("MED-A1", "2026-02-04T09:00", "Jo Bell")
reg.add_evidence(cl.Evidence(id="EV-1", action="MED-A1", kind=cl.EvidenceKind.policy_version,
                             date="2026-02-25", reference="MED-07 v3", summary="Guidance and checklist issued"))
reg.implement("MED-A1", "2026-02-27T17:00", "Jo Bell")
refused(lambda: reg.verify("MED-A1", "2026-03-02T10:00", "Jo Bell"))   # no follow-up check yet
reg.add_check(cl.Check(id="AUD-1", action="MED-A1", date="2026-03-31", kind=cl.MonitoringKind.audit,
                       passed=True, score=19, denominator=20, by="Deputy manager"))
reg.verify("MED-A1", "2026-03-31T17:00", "Jo Bell")
refused(lambda: reg.evaluate("MED-A1", "2026-04-15T10:00", "Jo Bell", cl.Verdict.effective, basis="early look"))'''),
        ("code", '''effect = cl.evaluate_effectiveness(reg, "MED-A1", doses, "2026-10-01")
print(effect.verdict, "-", effect.reason)
print(effect.summary())
chart = cl.spc.Chart(effect.rebased_chart)
ax = chart.plot()
ax.set_title("Medication errors per 1,000 doses, Elm Court (rebased at the checklist)")
assert effect.verdict == cl.Verdict.effective
reg.evaluate("MED-A1", "2026-10-01T10:00", "Jo Bell", effect.verdict, basis=effect.summary())
reg.action("MED-A1").state'''),
    ],
    "falls_prevention.ipynb": [
        ("markdown", """# Falls prevention in a residential home

A residential care home made an action plan after several resident falls. The
investigation found environmental risks and gaps in mobility assessments. The plan
updated mobility risk assessments, added environmental safety checks and targeted
training; managers tracked progress at weekly clinical governance meetings and watched
the fall rate.

Here the plan's strongest action — night lighting and sensor mats — is walked from the
falls to an evaluated reduction in falls per 1,000 occupied bed days."""),
        ("code", COMMON_SETUP),
        ("code", '''reg = cl.Register()
reg.add_service(cl.Service(id="RH-OAK", name="Oak House", type="residential", capacity=40, region="North"))
first = datetime.date(2025, 2, 1)
add_monthly_incidents(reg, "RH-OAK", "fall", first,
                      [5, 4, 6, 5, 7, 4, 5, 6, 5, 4, 6, 5] + [3] + [2, 1, 2, 1, 2, 1, 1], "F")
bed_days = monthly_exposure("RH-OAK", "occupied_bed_days", first, 20, 1200.0)
reg.add_investigation(cl.Investigation(
    id="TR-1", incidents=["F-58", "F-59", "F-60"], method=cl.InvestigationMethod.thematic_review,
    lead="Home manager Ruth Lane", opened="2026-01-19", concluded="2026-01-30",
    findings="Poor night lighting in corridors; mobility assessments out of date",
    factors=[cl.ContributingFactor.environment, cl.ContributingFactor.assessment]))
reg.add_plan(cl.ActionPlan(id="PLAN-FALLS", investigation="TR-1", scope="RH-OAK", created_on="2026-02-03",
                           review_interval_days=7))
reg.approve_plan("PLAN-FALLS", "Dr Helen Moss", "2026-02-04")'''),
        ("markdown", "The action is first given to a committee. The register refuses to agree it until one named person owns it."),
        ("code", '''lights = cl.Action(
    id="FALL-A2", plan="PLAN-FALLS", proposed_on="2026-02-03",
    title="Night lighting and sensor mats in corridors and 12 bedrooms",
    factors=[cl.ContributingFactor.environment], owner="Health and safety committee", due="2026-03-06",
    intervention=cl.InterventionType.physical_change,
    measures=[cl.Measure(kind=cl.MeasureKind.outcome, what="Falls per 1,000 occupied bed days",
                         how="monthly u-chart", level="below the 2025 rate", by="2026-09-30",
                         measured_by="Home manager", category="fall", denominator="occupied_bed_days",
                         direction=cl.Direction.decrease)],
    monitoring=[cl.Monitoring(kind=cl.MonitoringKind.spot_check, recurrence=cl.Recurrence.monthly_on_day(1),
                              by="Night senior")])
reg.add_action(lights)
refused(lambda: reg.agree("FALL-A2", "2026-02-04T14:00", "Dr Helen Moss"))
lights.owner = "Maintenance lead Chris Dale"
reg.update_action(lights, "2026-02-04T13:00", "Dr Helen Moss", "named owner")
reg.agree("FALL-A2", "2026-02-04T14:00", "Dr Helen Moss")
print(cl.strength_of(lights.intervention))'''),
        ("code", '''reg.start("FALL-A2", "2026-02-05T09:00", "Ruth Lane")
reg.add_evidence(cl.Evidence(id="EV-F1", action="FALL-A2", kind=cl.EvidenceKind.document, date="2026-02-27",
                             reference="Works order 4471", summary="Lighting and mats fitted"))
reg.implement("FALL-A2", "2026-02-27T17:00", "Chris Dale")
reg.add_check(cl.Check(id="ENV-1", action="FALL-A2", date="2026-03-13", passed=True, by="Night senior"))
reg.verify("FALL-A2", "2026-03-13T18:00", "Dr Helen Moss")
refused(lambda: reg.evaluate("FALL-A2", "2026-05-27T10:00", "Dr Helen Moss", cl.Verdict.effective, basis="early"))'''),
        ("code", '''effect = cl.evaluate_effectiveness(reg, "FALL-A2", bed_days, "2026-10-01")
print(effect.verdict, "-", effect.reason)
chart = cl.spc.Chart(effect.rebased_chart)
ax = chart.plot()
ax.set_title("Falls per 1,000 occupied bed days, Oak House (rebased at the lighting change)")
assert effect.verdict == cl.Verdict.effective
reg.evaluate("FALL-A2", "2026-10-01T10:00", "Dr Helen Moss", effect.verdict, basis=effect.summary())
reg.add_review(cl.GovernanceReview(id="CG-1", forum=cl.Forum.clinical_governance, date="2026-10-07",
                                   actions=["FALL-A2"], decisions="Adopt; share with the other homes"))
reg.close("FALL-A2", "2026-10-07T16:00", "Dr Helen Moss", cl.Decision.adopt, "CG-1")
reg.action("FALL-A2").state'''),
    ],
    "escalation_delays.ipynb": [
        ("markdown", """# Escalation delays in domiciliary care

A domiciliary care organisation made an action plan after a safeguarding investigation
found communication delays between care workers and supervisors. The plan introduced a
revised escalation pathway and guidance for urgent concerns. Supervisors monitored
compliance by reviewing incident reports and call logs at quality assurance meetings,
and staff discussed escalation in supervision.

The measure here is a process one: the hours from a care worker noticing a concern to a
supervisor hearing of it, read from the call logs each week and shown as an XmR chart."""),
        ("code", COMMON_SETUP),
        ("code", '''reg = cl.Register()
reg.add_service(cl.Service(id="DOM-EAST", name="East Branch", type="domiciliary", capacity=0, region="East"))
reg.add_incident(cl.Incident(id="SG-12", service="DOM-EAST", occurred_at="2026-01-06T07:50",
                             reported_at="2026-01-07T16:20", category="safeguarding", harm=cl.Harm.moderate,
                             description="Bruising seen at a morning call; supervisor told the next day"))
reg.add_investigation(cl.Investigation(
    id="SGE-3", incidents=["SG-12"], method=cl.InvestigationMethod.safeguarding_enquiry,
    lead="Quality lead Sam Okafor", opened="2026-01-08", concluded="2026-01-23",
    findings="No clear route for urgent concerns outside office hours",
    factors=[cl.ContributingFactor.escalation, cl.ContributingFactor.communication]))
reg.add_plan(cl.ActionPlan(id="PLAN-ESC", investigation="SGE-3", scope="DOM-EAST", created_on="2026-01-26"))
reg.approve_plan("PLAN-ESC", "Nominated individual Asha Patel", "2026-01-27")'''),
        ("code", '''pathway = cl.Action(
    id="ESC-A1", plan="PLAN-ESC", proposed_on="2026-01-26",
    title="On-call escalation line with a 1-hour call-back standard for urgent concerns",
    factors=[cl.ContributingFactor.escalation], owner="Branch manager Lee Grant", due="2026-02-20",
    intervention=cl.InterventionType.simplification,
    measures=[cl.Measure(kind=cl.MeasureKind.process, what="Hours from concern to supervisor",
                         how="weekly call-log review", level="median under 1 hour", by="2026-06-30",
                         measured_by="Care coordinator")],
    monitoring=[cl.Monitoring(kind=cl.MonitoringKind.call_log_review,
                              recurrence=cl.Recurrence.weekly(cl.Weekday.monday), by="Care coordinator")])
reg.add_action(pathway)
print(cl.lint(pathway, "2026-01-26"))
reg.agree("ESC-A1", "2026-01-27T11:00", "Asha Patel")
reg.start("ESC-A1", "2026-01-28T09:00", "Lee Grant")
reg.add_evidence(cl.Evidence(id="EV-E1", action="ESC-A1", kind=cl.EvidenceKind.policy_version,
                             date="2026-02-16", reference="SG-04 v2", summary="Escalation pathway issued"))
reg.implement("ESC-A1", "2026-02-16T17:00", "Lee Grant")'''),
        ("markdown", "Weekly call-log reviews: the median hours from concern to supervisor, twelve weeks before and twelve after the pathway went in."),
        ("code", '''hours = [6.5, 8.0, 5.5, 7.0, 9.5, 6.0, 7.5, 8.5, 6.5, 7.0, 5.0, 8.0,
         2.0, 1.5, 1.0, 1.2, 0.8, 1.1, 0.9, 0.7, 1.0, 0.8, 0.6, 0.9]
reviews = [datetime.date(2026, 2, 23) + datetime.timedelta(weeks=k) for k in range(12)]
for k, day in enumerate(reviews):
    reg.add_check(cl.Check(id=f"LOG-{k + 1}", action="ESC-A1", date=day, kind=cl.MonitoringKind.call_log_review,
                           passed=hours[12 + k] < 1.5, by="Care coordinator", note=f"median {hours[12 + k]} h"))
reg.verify("ESC-A1", "2026-03-09T17:00", "Asha Patel")
# Limits frozen on the twelve weeks before the change: the weeks after show whether it moved.
chart = cl.spc.xmr(hours, baseline=12, improvement="decrease")
ax = chart.plot()
ax.set_title("Median hours from concern to supervisor, East Branch")
print(chart.variation, int(chart.signals["shift"].sum()), "points in a shift")
assert chart.signals["shift"][12:].all() and chart.variation == "improvement_low"'''),
        ("code", '''passing = [c.id for c in reg.checks_for("ESC-A1") if c.passed]
refused(lambda: reg.evaluate("ESC-A1", "2026-04-01T10:00", "Asha Patel", cl.Verdict.effective,
                             basis="early", checks=passing))
reg.evaluate("ESC-A1", "2026-05-18T10:00", "Asha Patel", cl.Verdict.effective,
             basis="median hours fell from 7.1 to 1.0; a shift of 12 weeks below the old centre",
             checks=passing[-4:])
reg.action("ESC-A1").state'''),
    ],
}


def build():
    for name, cells in NOTEBOOKS.items():
        notebook = nbformat.v4.new_notebook()
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        for kind, source in cells:
            maker = nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_code_cell
            notebook.cells.append(maker(source))
        for index, cell in enumerate(notebook.cells):
            cell["id"] = f"{pathlib.Path(name).stem}-{index}"
        nbformat.write(notebook, HERE / name)


if __name__ == "__main__":
    build()
