// The sample provider's register: an escalation path, the seed's three
// scenarios (medication documentation at Elm Court, falls prevention at Oak
// House, escalation delays at Riverside) and the plans that put an action in
// every lifecycle state, dated from as_of and covering generated incidents.
#include <optional>
#include <string>
#include <vector>

#include "closeloop/lifecycle/schedule.hpp"
#include "closeloop/sample/records.hpp"
#include "generator.hpp"

namespace closeloop::sample::detail {

namespace {

using namespace closeloop::lifecycle;  // NOLINT(google-build-using-namespace): the scenarios name many types
using boost::posix_time::hours;

// An outcome rate to bring down, with its target.
Measure outcome(const char* what, const char* how, const char* level, Date by, const char* who,
                const char* category, const char* service, const char* denominator,
                std::optional<double> target) {
  Measure m = records::of_rate(records::measure(MeasureKind::outcome, what, how, level, by, who),
                               category, service, denominator);
  m.direction = Direction::decrease;
  m.target = target;
  return m;
}

Measure process(const char* what, const char* how, const char* level, Date by, const char* who) {
  return records::measure(MeasureKind::process, what, how, level, by, who);
}

Monitoring monitor(MonitoringKind kind, Recurrence recurrence, const char* by) {
  return records::monitoring(kind, std::move(recurrence), by);
}

class Scenario {
 public:
  Scenario(Register& reg, Random& random, Timeline timeline)
      : reg_(reg), random_(random), t_(timeline) {}

  void build(const std::vector<const Incident*>& incidents);

 private:
  Action action(const char* id, const char* plan, const char* title, Date proposed, const char* owner,
                Date due, InterventionType type, std::vector<ContributingFactor> factors) {
    return records::action(id, plan, title, proposed, std::move(factors), owner, due, type);
  }
  void evidence(const char* action, EvidenceKind kind, Date date, const char* reference, const char* summary) {
    reg_.add_evidence({EvidenceId("EV-" + std::to_string(++evidence_)), ActionId(action), kind, date,
                       reference, summary});
  }
  CheckId check(const char* action, Date date, MonitoringKind kind, bool passed, double score,
                double out_of, const char* by, const char* note = "") {
    const bool counted = out_of > 0.0;
    const Check c = records::check("CH-" + std::to_string(++checks_), action, date, kind, passed,
                                   counted ? std::optional<double>(score) : std::nullopt,
                                   counted ? std::optional<double>(out_of) : std::nullopt, by, note);
    reg_.add_check(c);
    return c.id;
  }
  /// Checks on every scheduled date of the action's monitoring from `from`
  /// to `to` (inclusive, capped at as_of), passing unless `fail_every` hits.
  void scheduled_checks(const char* action, Date from, Date to, int fail_every = 0) {
    const Action& a = reg_.action(ActionId(action));
    to = std::min(to, t_.as_of);
    int n = 0;
    for (const auto& m : a.monitoring) {
      for (const Date& day : m.recurrence.occurrences(from, to)) {
        ++n;
        const bool passed = fail_every == 0 || n % fail_every != 0;
        const double out_of = m.kind == MonitoringKind::audit ? 20.0 : 0.0;
        const double score = passed ? 19.0 + (random_.uniform() < 0.5 ? 1.0 : 0.0) : 15.0;
        check(action, day, m.kind, passed, score, out_of, m.by.c_str());
      }
    }
  }
  std::vector<IncidentId> pick(const std::vector<const Incident*>& incidents, const char* service,
                               const char* category, Date from, Date to, std::size_t most) {
    std::vector<IncidentId> out;
    for (const Incident* i : incidents) {
      const Date on = i->occurred_at.date();
      if (i->service.str() == service && i->category == category && on >= from && on <= to) {
        out.push_back(i->id);
        if (out.size() == most) break;
      }
    }
    return out;
  }
  IncidentId add_incident(const char* id, const char* service, Instant when, const char* category, Harm harm,
                          const char* person, const char* description) {
    reg_.add_incident(
        records::incident(id, service, when, when + hours(3), category, harm, person, description));
    return IncidentId(id);
  }
  void plan(const char* id, const char* investigation, const char* service, Date created, Date approved,
            int review_interval = 30) {
    ActionPlan p = records::plan(
        id, investigation, service != nullptr ? std::optional<ServiceId>(service) : std::nullopt,
        created);
    p.review_interval_days = review_interval;
    reg_.add_plan(p);
    reg_.approve_plan(p.id, "Jo Bell", approved);
  }

  void medication();
  void falls();
  void escalation();
  void pressure_care();
  void hilltop();
  void willow();
  void reviews();
  void closings();

  Register& reg_;
  Random& random_;
  Timeline t_;
  int evidence_ = 0;
  int checks_ = 0;
  std::vector<const Incident*> incidents_;
};

// Scenario 1 of the seed: a supported living service, incorrect dosage
// documentation; guidance, training, competency observations; errors fall.
void Scenario::medication() {
  const IncidentId seed = add_incident(
      "INC-SEED-MED", "elm-court", at(t_.day(-10, 14), 8, 40), "medication_error", Harm::low,
      "person-ELM-004", "Evening dose of lorazepam recorded as given twice on the MAR; dose documentation unclear");
  auto covered = pick(incidents_, "elm-court", "medication_error", t_.month(-12), t_.day(-10, 13), 2);
  covered.push_back(seed);
  reg_.add_investigation({InvestigationId("INV-MED-1"), covered, InvestigationMethod::after_action_review,
                          "Priya Shah", t_.day(-10, 15), t_.day(-10, 28),
                          "Unclear documentation procedure and inconsistent understanding of the MAR",
                          {ContributingFactor::documentation, ContributingFactor::staff_knowledge}});
  plan("P-MED-1", "INV-MED-1", "elm-court", t_.day(-10, 29), t_.day(-9, 2));

  Action a1 = action("A-MED-1", "P-MED-1", "Publish MAR documentation guidance v3 with worked examples",
                     t_.day(-10, 29), "Priya Shah", t_.day(-8, 31), InterventionType::policy_procedure,
                     {ContributingFactor::documentation});
  a1.measures = {outcome("Medication errors per 1,000 doses at Elm Court", "monthly incident count over doses administered",
                         "below 1.0 per 1,000 doses", t_.day(-4, 30), "Priya Shah", "medication_error", "elm-court",
                         "doses_administered", 1.0),
                 process("MAR charts completed to guidance v3", "monthly audit of 20 MAR charts",
                         "at least 95% fully correct", t_.day(-7, 30), "Tom Okafor")};
  a1.monitoring = {monitor(MonitoringKind::audit, Recurrence::monthly_last_day(), "Tom Okafor")};
  a1.evidence_required = "Guidance v3 issued and read by every member of staff";
  reg_.add_action(a1);

  Action a2 = action("A-MED-2", "P-MED-1", "MAR refresher training for all 14 staff", t_.day(-10, 29),
                     "Tom Okafor", t_.day(-8, 27), InterventionType::training,
                     {ContributingFactor::staff_knowledge});
  a2.measures = {process("Staff completing MAR refresher training", "training record", "14 of 14 staff",
                         t_.day(-8, 27), "Tom Okafor")};
  a2.monitoring = {monitor(MonitoringKind::competency_observation, Recurrence::monthly_on_day(15), "Tom Okafor")};
  reg_.add_action(a2);

  Action a3 = action("A-MED-3", "P-MED-1", "eMAR asks for a second signature on controlled drugs",
                     t_.day(-10, 29), "Priya Shah", t_.day(-7, 30), InterventionType::software_enhancement,
                     {ContributingFactor::documentation});
  a3.measures = {process("Controlled-drug entries with two signatures", "monthly eMAR report",
                         "100% of entries", t_.day(-6, 30), "Tom Okafor")};
  a3.monitoring = {monitor(MonitoringKind::audit, Recurrence::monthly_last_day(), "Tom Okafor")};
  reg_.add_action(a3);

  evidence("A-MED-1", EvidenceKind::policy_version, t_.day(-8, 27), "MED-POL-07 v3",
           "Guidance v3 issued; read-and-sign sheet complete for all staff");
  evidence("A-MED-2", EvidenceKind::training_record, t_.day(-8, 25), "TR-2026-031",
           "14 of 14 staff completed the MAR refresher");
  evidence("A-MED-3", EvidenceKind::document, t_.day(-7, 20), "CHG-eMAR-112",
           "Supplier change note: second-signature prompt live");
  for (const char* id : {"A-MED-1", "A-MED-2", "A-MED-3"}) {
    reg_.agree(ActionId(id), at(t_.day(-9, 3), 10), "Jo Bell", "agreed at the plan meeting");
    reg_.start(ActionId(id), at(t_.day(-9, 4), 9), "Priya Shah");
  }
  scheduled_checks("A-MED-1", t_.day(-9, 3), t_.day(-3, 4));
  scheduled_checks("A-MED-2", t_.day(-9, 3), t_.as_of, 7);
  scheduled_checks("A-MED-3", t_.day(-9, 3), t_.as_of);
  reg_.implement(ActionId("A-MED-1"), at(t_.day(-8, 28), 16), "Priya Shah", "guidance live");
  reg_.implement(ActionId("A-MED-2"), at(t_.day(-8, 26), 16), "Tom Okafor");
  reg_.implement(ActionId("A-MED-3"), at(t_.day(-7, 21), 12), "Priya Shah");
  reg_.verify(ActionId("A-MED-1"), at(t_.day(-7, 30), 15), "Jo Bell", "April audit 19 of 20");
  reg_.verify(ActionId("A-MED-2"), at(t_.day(-7, 16), 15), "Jo Bell");
  reg_.verify(ActionId("A-MED-3"), at(t_.day(-6, 30), 15), "Jo Bell");
  reg_.evaluate(ActionId("A-MED-1"), at(t_.day(-4, 8), 11), "Jo Bell", Verdict::effective,
                "Medication errors per 1,000 doses before and after April, and the audits since");
  // The 3-month sustainment check after closing in August.
  check("A-MED-1", t_.day(0, 3), MonitoringKind::audit, true, 20, 20, "Tom Okafor", "sustainment audit");

  reg_.add_share({ShareId("S-MED-1"),
                  PlanId("P-MED-1"),
                  Channel::governance_forum,
                  t_.day(-4, 14),
                  {{ServiceId("maple-court"), std::nullopt, std::nullopt, std::nullopt},
                   {ServiceId("hilltop-dom"), std::nullopt, std::nullopt, std::nullopt},
                   {ServiceId("riverside-dom"), std::nullopt, std::nullopt, std::nullopt}},
                  "MAR guidance v3 and the second-signature prompt"});
  reg_.acknowledge_share(ShareId("S-MED-1"), ServiceId("maple-court"), t_.day(-4, 20));
  reg_.record_adoption(ShareId("S-MED-1"), ServiceId("maple-court"), true, t_.day(-3, 1));
  reg_.acknowledge_share(ShareId("S-MED-1"), ServiceId("hilltop-dom"), t_.day(-4, 25));
  // Maple Court's staff read and sign the guidance over four weeks: 21 of 24
  // (87.5%) by the reach deadline, above the plan's 80%.
  reg_.record_briefing({ShareId("S-MED-1"), ServiceId("maple-court"), t_.day(-4, 28), 9, 24,
                        "Maple Court deputy manager", "day staff at handover"});
  reg_.record_briefing({ShareId("S-MED-1"), ServiceId("maple-court"), t_.day(-3, 11), 21, 24,
                        "Maple Court deputy manager", "night staff at team meeting"});
}

// Scenario 2 of the seed: a residential home after several falls; mobility
// assessments, environmental changes, training and physiotherapy.
void Scenario::falls() {
  auto covered = pick(incidents_, "oak-house", "fall", t_.month(-9), t_.day(-7, 5), 3);
  if (covered.empty()) {
    covered.push_back(add_incident("INC-SEED-FALL", "oak-house", at(t_.day(-7, 2), 3, 10), "fall", Harm::low,
                                   "person-OAK-011", "Found on the floor beside the bed at night, no injury"));
  }
  reg_.add_investigation({InvestigationId("INV-FALL-1"), covered, InvestigationMethod::root_cause_analysis,
                          "Grace Mensah", t_.day(-7, 7), t_.day(-7, 18),
                          "Environmental risks at night and gaps in mobility assessments",
                          {ContributingFactor::environment, ContributingFactor::assessment,
                           ContributingFactor::training}});
  plan("P-FALL-1", "INV-FALL-1", "oak-house", t_.day(-7, 20), t_.day(-7, 23));

  Action a1 = action("A-FALL-1", "P-FALL-1", "Mobility risk assessment on admission and every month",
                     t_.day(-7, 20), "Grace Mensah", t_.day(-5, 30), InterventionType::checklist,
                     {ContributingFactor::assessment});
  a1.measures = {outcome("Falls per 1,000 occupied bed days at Oak House", "monthly falls over occupied bed days",
                         "below 4 per 1,000 occupied bed days", t_.day(-1, 31), "Grace Mensah", "fall", "oak-house",
                         "occupied_bed_days", 4.0)};
  a1.monitoring = {monitor(MonitoringKind::audit, Recurrence::monthly_last_day(), "Grace Mensah")};
  reg_.add_action(a1);

  Action a2 = action("A-FALL-2", "P-FALL-1", "Sensor-activated night lighting in corridors and en-suites",
                     t_.day(-7, 20), "Dan Harper", t_.day(-5, 15), InterventionType::physical_change,
                     {ContributingFactor::environment});
  a2.measures = {process("Night lighting working in every corridor and en-suite", "weekly walk-round",
                         "all 40 rooms and 4 corridors", t_.day(-5, 31), "Dan Harper")};
  a2.monitoring = {monitor(MonitoringKind::spot_check, Recurrence::weekly(Weekday::monday), "Dan Harper")};
  reg_.add_action(a2);

  Action a3 = action("A-FALL-3", "P-FALL-1", "Falls prevention training for all 42 care staff",
                     t_.day(-7, 20), "Grace Mensah", t_.day(-6, 12), InterventionType::training,
                     {ContributingFactor::training});
  a3.measures = {process("Care staff trained in falls prevention", "training record",
                         "42 of 42 care staff", t_.day(-6, 12), "Grace Mensah")};
  a3.monitoring = {monitor(MonitoringKind::supervision, Recurrence::monthly_on_day(15), "Grace Mensah")};
  reg_.add_action(a3);

  Action a4 = action("A-FALL-4", "P-FALL-1", "Physiotherapist assessment for residents at high risk of falling",
                     t_.day(-7, 20), "Grace Mensah", t_.day(-1, 31), InterventionType::staffing_change,
                     {ContributingFactor::assessment});
  a4.measures = {process("High-risk residents assessed by the physiotherapist", "monthly list review",
                         "all residents scoring high risk", t_.day(-1, 31), "Grace Mensah")};
  a4.monitoring = {monitor(MonitoringKind::audit, Recurrence::monthly_last_day(), "Grace Mensah")};
  reg_.add_action(a4);

  for (const char* id : {"A-FALL-1", "A-FALL-2", "A-FALL-3", "A-FALL-4"}) {
    reg_.agree(ActionId(id), at(t_.day(-7, 24), 10), "Jo Bell");
    reg_.start(ActionId(id), at(t_.day(-6, 1), 9), "Grace Mensah");
  }
  evidence("A-FALL-1", EvidenceKind::document, t_.day(-5, 20), "OAK-MRA-v2", "Mobility assessment tool v2 in every care plan");
  evidence("A-FALL-1", EvidenceKind::training_record, t_.day(-5, 22), "TR-2026-077", "Seniors trained to use the tool");
  evidence("A-FALL-2", EvidenceKind::document, t_.day(-5, 8), "WO-4471", "Contractor completion certificate for the lighting");
  evidence("A-FALL-3", EvidenceKind::training_record, t_.day(-6, 10), "TR-2026-081", "42 of 42 care staff trained");
  scheduled_checks("A-FALL-1", t_.day(-7, 24), t_.as_of);
  scheduled_checks("A-FALL-2", t_.day(-7, 24), t_.as_of, 9);
  scheduled_checks("A-FALL-3", t_.day(-7, 24), t_.as_of);
  scheduled_checks("A-FALL-4", t_.day(-7, 24), t_.as_of);
  reg_.implement(ActionId("A-FALL-1"), at(t_.day(-5, 24), 17), "Grace Mensah");
  reg_.implement(ActionId("A-FALL-2"), at(t_.day(-5, 10), 12), "Dan Harper");
  reg_.implement(ActionId("A-FALL-3"), at(t_.day(-6, 12), 17), "Grace Mensah");
  reg_.verify(ActionId("A-FALL-1"), at(t_.day(-4, 31), 16), "Jo Bell", "June and July audits passed");
  reg_.verify(ActionId("A-FALL-2"), at(t_.day(-4, 10), 16), "Jo Bell");
  reg_.verify(ActionId("A-FALL-3"), at(t_.day(-6, 16), 16), "Jo Bell");
  reg_.evaluate(ActionId("A-FALL-1"), at(t_.day(-1, 6), 11), "Jo Bell", Verdict::effective,
                "Falls per 1,000 occupied bed days before and after July; rebased u chart");

  reg_.add_share({ShareId("S-FALL-1"),
                  PlanId("P-FALL-1"),
                  Channel::staff_briefing,
                  t_.day(-2, 1),
                  {{ServiceId("birch-lodge"), std::nullopt, std::nullopt, std::nullopt},
                   {ServiceId("willow-view"), std::nullopt, std::nullopt, std::nullopt}},
                  "Mobility assessment tool and night lighting"});
  reg_.acknowledge_share(ShareId("S-FALL-1"), ServiceId("birch-lodge"), t_.day(-2, 3));
  reg_.record_adoption(ShareId("S-FALL-1"), ServiceId("birch-lodge"), true, t_.day(-2, 20));
  reg_.acknowledge_share(ShareId("S-FALL-1"), ServiceId("willow-view"), t_.day(-2, 5));
  // Birch Lodge briefs 27 of 31 (87%) within four weeks; a new starter
  // later joins the 32 in scope and is briefed at induction.
  reg_.record_briefing({ShareId("S-FALL-1"), ServiceId("birch-lodge"), t_.day(-2, 22), 14, 31,
                        "Birch Lodge registered manager", ""});
  reg_.record_briefing({ShareId("S-FALL-1"), ServiceId("birch-lodge"), t_.day(-2, 29), 27, 31,
                        "Birch Lodge registered manager", ""});
  reg_.record_briefing({ShareId("S-FALL-1"), ServiceId("birch-lodge"), t_.day(-1, 27), 29, 32,
                        "Birch Lodge registered manager", "includes one new starter"});
}

// Scenario 3 of the seed: escalation delays in domiciliary care after a
// safeguarding enquiry; a revised pathway and supervision discussions. It
// fades: the supervision action goes stale and its monitoring is missed.
void Scenario::escalation() {
  const IncidentId seed = add_incident(
      "INC-SEED-SG", "riverside-dom", at(t_.day(-4, 13), 11, 5), "safeguarding", Harm::moderate,
      "person-RIV-027",
      "Care worker saw bruising at the morning call and told the supervisor two days later; not escalated");
  reg_.add_investigation({InvestigationId("INV-SG-1"), {seed}, InvestigationMethod::safeguarding_enquiry,
                          "Sam Keller", t_.day(-4, 15), t_.day(-3, 12),
                          "Communication delays between care workers and supervisors",
                          {ContributingFactor::communication, ContributingFactor::escalation}});
  plan("P-DOM-1", "INV-SG-1", "riverside-dom", t_.day(-3, 14), t_.day(-3, 15));

  Action a1 = action("A-DOM-1", "P-DOM-1", "Revised escalation pathway: urgent concerns phoned to the on-call supervisor within 1 hour",
                     t_.day(-3, 14), "Sam Keller", t_.day(-2, 5), InterventionType::policy_procedure,
                     {ContributingFactor::escalation});
  a1.measures = {outcome("Safeguarding concerns per 1,000 care hours at Riverside", "monthly count over care hours",
                         "no increase while reporting speeds up", t_.day(0, 30), "Sam Keller", "safeguarding",
                         "riverside-dom", "care_hours", std::nullopt),
                 process("Urgent concerns escalated within 1 hour", "monthly call log review",
                         "at least 95% within 1 hour", t_.day(-1, 31), "Sam Keller")};
  a1.monitoring = {monitor(MonitoringKind::call_log_review, Recurrence::monthly_last_day(), "Sam Keller")};
  reg_.add_action(a1);

  Action a2 = action("A-DOM-2", "P-DOM-1", "Escalation procedure discussed in every supervision session",
                     t_.day(-3, 14), "Sam Keller", t_.day(1, 15), InterventionType::training,
                     {ContributingFactor::communication});
  a2.measures = {process("Supervisions that covered escalation", "supervision records",
                         "100% of supervisions each month", t_.day(0, 30), "Sam Keller")};
  a2.monitoring = {monitor(MonitoringKind::supervision, Recurrence::monthly_on_day(15), "Sam Keller")};
  reg_.add_action(a2);

  reg_.agree(ActionId("A-DOM-1"), at(t_.day(-3, 20), 10), "Mark Evans");
  reg_.agree(ActionId("A-DOM-2"), at(t_.day(-3, 20), 10), "Mark Evans");
  reg_.start(ActionId("A-DOM-1"), at(t_.day(-3, 21), 9), "Sam Keller");
  evidence("A-DOM-1", EvidenceKind::policy_version, t_.day(-2, 1), "SG-PATH-04 v2", "Escalation pathway v2 issued to care workers");
  reg_.implement(ActionId("A-DOM-1"), at(t_.day(-2, 2), 16), "Sam Keller");
  scheduled_checks("A-DOM-1", t_.day(-3, 20), t_.as_of);
  // The supervision action starts late and then fades: no supervision check.
  reg_.start(ActionId("A-DOM-2"), at(t_.day(-1, 5), 9), "Sam Keller");
}

// Pressure care at the nursing home: a stronger action agreed, a software
// action just proposed, and a poster campaign cancelled.
void Scenario::pressure_care() {
  auto covered = pick(incidents_, "birch-lodge", "pressure_ulcer", t_.month(-4), t_.day(-2, 2), 3);
  if (covered.empty()) {
    covered.push_back(add_incident("INC-SEED-PU", "birch-lodge", at(t_.day(-2, 1), 7, 30), "pressure_ulcer",
                                   Harm::moderate, "person-BIR-031", "Category 2 pressure ulcer found on the sacrum"));
  }
  reg_.add_investigation({InvestigationId("INV-PU-1"), covered, InvestigationMethod::thematic_review, "Aisha Begum",
                          t_.day(-2, 3), t_.day(-2, 29), "Mattresses not matched to risk; repositioning not prompted",
                          {ContributingFactor::equipment, ContributingFactor::procedure}});
  plan("P-PU-1", "INV-PU-1", "birch-lodge", t_.day(-1, 1), t_.day(-1, 3));

  Action a1 = action("A-PU-1", "P-PU-1", "Dynamic air mattresses for every resident at high pressure risk",
                     t_.day(-1, 1), "Aisha Begum", t_.day(1, 18), InterventionType::standardised_equipment,
                     {ContributingFactor::equipment});
  a1.measures = {process("High-risk residents on a dynamic mattress", "monthly audit of the risk register",
                         "100% of high-risk residents", t_.day(1, 31), "Aisha Begum")};
  a1.monitoring = {monitor(MonitoringKind::audit, Recurrence::monthly_last_day(), "Aisha Begum")};
  reg_.add_action(a1);
  reg_.agree(ActionId("A-PU-1"), at(t_.day(-1, 6), 10), "Jo Bell");
  scheduled_checks("A-PU-1", t_.day(-1, 6), t_.as_of);

  Action a2 = action("A-PU-2", "P-PU-1", "Two-hourly repositioning prompts on the electronic care record",
                     t_.day(0, 20), "Aisha Begum", t_.day(2, 28), InterventionType::software_enhancement,
                     {ContributingFactor::procedure});
  reg_.add_action(a2);

  Action a3 = action("A-PU-3", "P-PU-1", "Pressure care posters in every unit", t_.day(-1, 1), "Aisha Begum",
                     t_.day(-1, 31), InterventionType::warning, {ContributingFactor::procedure});
  reg_.add_action(a3);
  reg_.cancel(ActionId("A-PU-3"), at(t_.day(-1, 20), 14), "Jo Bell", "Superseded by the repositioning prompts");
}

// Hilltop domiciliary: an action evaluated as not effective and reopened
// with a new due date.
void Scenario::hilltop() {
  auto covered = pick(incidents_, "hilltop-dom", "medication_error", t_.month(-12), t_.day(-11, 9), 3);
  if (covered.empty()) {
    covered.push_back(add_incident("INC-SEED-HT", "hilltop-dom", at(t_.day(-11, 9), 8, 15), "medication_error",
                                   Harm::low, "person-HIL-052", "Morning dose missed on a double-up call"));
  }
  reg_.add_investigation({InvestigationId("INV-HT-1"), covered, InvestigationMethod::swarm_huddle, "Lena Novak",
                          t_.day(-11, 10), t_.day(-11, 10), "Medication prompts missed on double-up calls",
                          {ContributingFactor::procedure, ContributingFactor::staffing}});
  plan("P-HT-1", "INV-HT-1", "hilltop-dom", t_.day(-11, 12), t_.day(-11, 14));
  Action a1 = action("A-HT-1", "P-HT-1", "Medication prompts on the visit schedule in the rota app", t_.day(-11, 12),
                     "Lena Novak", t_.day(-9, 20), InterventionType::software_enhancement,
                     {ContributingFactor::procedure});
  a1.measures = {outcome("Medication errors per 1,000 doses at Hilltop", "monthly count over doses",
                         "below 0.8 per 1,000 doses", t_.day(-5, 30), "Lena Novak", "medication_error",
                         "hilltop-dom", "doses_administered", 0.8)};
  a1.monitoring = {monitor(MonitoringKind::audit, Recurrence::monthly_last_day(), "Lena Novak")};
  reg_.add_action(a1);
  reg_.agree(ActionId("A-HT-1"), at(t_.day(-11, 15), 10), "Jo Bell");
  reg_.start(ActionId("A-HT-1"), at(t_.day(-11, 16), 9), "Lena Novak");
  evidence("A-HT-1", EvidenceKind::document, t_.day(-9, 8), "ROTA-CFG-19", "Prompts configured on every medication call");
  scheduled_checks("A-HT-1", t_.day(-11, 15), t_.as_of, 4);
  reg_.implement(ActionId("A-HT-1"), at(t_.day(-9, 10), 16), "Lena Novak");
  reg_.verify(ActionId("A-HT-1"), at(t_.day(-8, 31), 16), "Jo Bell");
  reg_.evaluate(ActionId("A-HT-1"), at(t_.day(-5, 30), 11), "Jo Bell", Verdict::not_effective,
                "Medication errors per 1,000 doses did not fall after March");
  reg_.reopen(ActionId("A-HT-1"), at(t_.day(-4, 14), 10), "Jo Bell",
              "Errors continued: prompts dismissed on double-up calls");
  Action updated = reg_.action(ActionId("A-HT-1"));
  updated.due = t_.day(1, 31);
  updated.title = "Medication prompts on the rota app, confirmed by both carers on double-up calls";
  reg_.update_action(updated, at(t_.day(-4, 14), 11), "Jo Bell", "new due date after reopening");
}

// Willow View: an action closed in 2025 whose 12-month sustainment check failed.
void Scenario::willow() {
  auto covered = pick(incidents_, "willow-view", "fall", t_.month(-23), t_.day(-23, 31), 2);
  if (covered.empty()) {
    covered.push_back(add_incident("INC-SEED-WV", "willow-view", at(t_.day(-23, 28), 22, 40), "fall", Harm::low,
                                   "person-WIL-008", "Climbed over the bed rail and fell, bruised knee"));
  }
  reg_.add_investigation({InvestigationId("INV-WV-1"), covered, InvestigationMethod::after_action_review,
                          "Ruth Clarke", t_.day(-22, 1), t_.day(-22, 14), "Bed rails used without an assessment",
                          {ContributingFactor::assessment, ContributingFactor::equipment}});
  plan("P-WV-1", "INV-WV-1", "willow-view", t_.day(-22, 15), t_.day(-22, 17));
  Action a1 = action("A-WV-1", "P-WV-1", "Bed-rail and bed-height risk assessment before any bed rail is fitted",
                     t_.day(-22, 15), "Ruth Clarke", t_.day(-20, 30), InterventionType::checklist,
                     {ContributingFactor::assessment});
  a1.measures = {process("Bed rails with a current risk assessment", "monthly audit of bed rails",
                         "100% of bed rails", t_.day(-19, 30), "Ruth Clarke")};
  a1.monitoring = {monitor(MonitoringKind::audit, Recurrence::monthly_last_day(), "Ruth Clarke")};
  reg_.add_action(a1);
  reg_.agree(ActionId("A-WV-1"), at(t_.day(-22, 20), 10), "Jo Bell");
  reg_.start(ActionId("A-WV-1"), at(t_.day(-22, 21), 9), "Ruth Clarke");
  evidence("A-WV-1", EvidenceKind::document, t_.day(-20, 2), "WV-BR-01", "Bed-rail assessment form in use");
  scheduled_checks("A-WV-1", t_.day(-22, 20), t_.day(-14, 4));
  reg_.implement(ActionId("A-WV-1"), at(t_.day(-20, 3), 16), "Ruth Clarke");
  reg_.verify(ActionId("A-WV-1"), at(t_.day(-19, 30), 16), "Jo Bell");
  reg_.evaluate(ActionId("A-WV-1"), at(t_.day(-16, 5), 11), "Jo Bell", Verdict::effective,
                "Monthly bed-rail audits since implementation all passed");
  // Sustainment: passed at 3 months, failed at 12 months.
  check("A-WV-1", t_.day(-11, 5), MonitoringKind::audit, true, 12, 12, "Ruth Clarke", "3-month sustainment audit");
  check("A-WV-1", t_.day(-2, 3), MonitoringKind::audit, false, 9, 12, "Ruth Clarke",
        "12-month sustainment audit: three rails without an assessment");
}

// Monthly clinical governance reviews of the open plans (the domiciliary plan
// drops off the agenda after its first review) and quarterly board reviews.
void Scenario::reviews() {
  int n = 0;
  for (int offset = -23; offset <= 0; ++offset) {
    const Date date = t_.day(offset, 4);
    if (date > t_.as_of) break;
    GovernanceReview review;
    review.id = ReviewId("R-" + to_iso(date));
    review.forum = Forum::clinical_governance;
    review.date = date;
    for (const auto& [id, plan] : reg_.plans()) {
      if (plan.created_on > date) continue;
      if (id.str() == "P-DOM-1" && date > t_.day(-2, 4)) continue;
      bool open = false;
      for (const Action* a : reg_.actions_of(id)) {
        // Closed actions stay on the agenda until the month after closing.
        open = open || a->proposed_on <= date;
      }
      if (id.str() == "P-WV-1" && date > t_.day(-14, 4)) open = false;
      if (open) review.plans.push_back(id);
    }
    if (review.plans.empty()) continue;
    review.decisions = "Progress against each plan noted; overdue items escalated to the registered manager";
    reg_.add_review(review);
    ++n;
  }
}

void Scenario::closings() {
  reg_.close(ActionId("A-WV-1"), at(t_.day(-14, 4), 15), "Mark Evans", Decision::adopt,
             ReviewId("R-" + to_iso(t_.day(-14, 4))));
  reg_.close(ActionId("A-MED-1"), at(t_.day(-3, 4), 15), "Mark Evans", Decision::adopt,
             ReviewId("R-" + to_iso(t_.day(-3, 4))));
}

void Scenario::build(const std::vector<const Incident*>& incidents) {
  incidents_ = incidents;
  EscalationPath path;
  path.id = EscalationPathId("ESC-STANDARD");
  path.name = "Standard escalation";
  path.steps = {{EscalationKind::remind, -7, 3, -1, "owner"},
                {EscalationKind::escalate, 1, 0, std::nullopt, "registered_manager"},
                {EscalationKind::escalate, 14, 0, std::nullopt, "nominated_individual"}};
  reg_.add_escalation_path(path);
  reg_.set_default_escalation_path(path.id);
  willow();
  hilltop();
  medication();
  falls();
  escalation();
  pressure_care();
  reviews();
  closings();
}

}  // namespace

void add_scenarios(Register& reg, Random& random, const Timeline& t, const std::vector<const Incident*>& incidents) {
  Scenario(reg, random, t).build(incidents);
}

}  // namespace closeloop::sample::detail
