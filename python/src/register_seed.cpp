// The seed scenarios as Python steps. The scenarios are told once, in C++
// (include/closeloop/sample/seed.hpp); here each call they make is recorded
// with its arguments, and a step replays one call by name on whatever it is
// given: a cl.Register in memory or a cl.Store (one transaction each).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "closeloop/sample/seed.hpp"
#include "closeloop_python.hpp"

namespace closeloop::python {

namespace {

namespace lc = closeloop::lifecycle;

/// One call of the Register's mutation API: the method's name and its
/// arguments as Python objects.
struct SeedStep {
  std::string method;
  py::tuple args;
};

/// Has the Register's mutation API; records each call as a SeedStep.
class StepRecorder {
 public:
  std::vector<SeedStep> steps;

  void add_category(const std::string& category) { record("add_category", category); }
  void add_service(lc::Service service) { record("add_service", std::move(service)); }
  void add_incident(lc::Incident incident) { record("add_incident", std::move(incident)); }
  void add_investigation(lc::Investigation investigation) {
    record("add_investigation", std::move(investigation));
  }
  void conclude_investigation(const InvestigationId& id, Date date, std::string findings,
                              std::vector<lc::ContributingFactor> factors) {
    record("conclude_investigation", id, date, std::move(findings), std::move(factors));
  }
  void add_escalation_path(lc::EscalationPath path) {
    record("add_escalation_path", std::move(path));
  }
  void set_default_escalation_path(const EscalationPathId& id) {
    record("set_default_escalation_path", id);
  }
  void add_plan(lc::ActionPlan plan) { record("add_plan", std::move(plan)); }
  void approve_plan(const PlanId& id, const std::string& approver, Date date) {
    record("approve_plan", id, approver, date);
  }
  void refuse_plan(const PlanId& id, const std::string& approver, Date date,
                   const std::string& reason) {
    record("refuse_plan", id, approver, date, reason);
  }
  void add_action(lc::Action action) { record("add_action", std::move(action)); }
  void update_action(const lc::Action& updated, Instant at, const std::string& actor,
                     const std::string& note) {
    record("update_action", updated, at, actor, note);
  }
  void agree(const ActionId& id, Instant at, const std::string& actor,
             const std::string& note = {}) {
    record("agree", id, at, actor, note);
  }
  void start(const ActionId& id, Instant at, const std::string& actor,
             const std::string& note = {}) {
    record("start", id, at, actor, note);
  }
  void implement(const ActionId& id, Instant at, const std::string& actor,
                 const std::string& note = {}) {
    record("implement", id, at, actor, note);
  }
  void verify(const ActionId& id, Instant at, const std::string& actor,
              const std::string& note = {}) {
    record("verify", id, at, actor, note);
  }
  void evaluate(const ActionId& id, Instant at, const std::string& actor, lc::Verdict verdict,
                const std::string& basis, const std::vector<CheckId>& checks = {},
                const std::string& note = {}) {
    record("evaluate", id, at, actor, verdict, basis, checks, note);
  }
  void close(const ActionId& id, Instant at, const std::string& actor,
             std::optional<lc::Decision> decision, const std::optional<ReviewId>& review,
             const std::string& note = {}) {
    record("close", id, at, actor, decision, review, note);
  }
  void reopen(const ActionId& id, Instant at, const std::string& actor, const std::string& reason) {
    record("reopen", id, at, actor, reason);
  }
  void cancel(const ActionId& id, Instant at, const std::string& actor, const std::string& reason) {
    record("cancel", id, at, actor, reason);
  }
  void add_evidence(lc::Evidence evidence) { record("add_evidence", std::move(evidence)); }
  void add_check(lc::Check check) { record("add_check", std::move(check)); }
  void add_review(lc::GovernanceReview review) { record("add_review", std::move(review)); }
  void add_share(lc::LearningShare share) { record("add_share", std::move(share)); }
  void acknowledge_share(const ShareId& id, const ServiceId& service, Date date) {
    record("acknowledge_share", id, service, date);
  }
  void record_adoption(const ShareId& id, const ServiceId& service, bool adopted, Date date) {
    record("record_adoption", id, service, adopted, date);
  }
  void record_briefing(lc::StaffBriefing briefing) {
    record("record_briefing", std::move(briefing));
  }

 private:
  template <class... Args>
  void record(const char* method, Args&&... args) {
    steps.push_back({method, py::make_tuple(std::forward<Args>(args)...)});
  }
};

std::vector<SeedStep> seed_steps(const std::string& scenario) {
  StepRecorder recorder;
  if (scenario == "medication") {
    sample::add_medication_documentation(recorder);
  } else if (scenario == "falls") {
    sample::add_falls_prevention(recorder);
  } else if (scenario == "escalation") {
    sample::add_escalation_delays(recorder);
  } else if (scenario == "all") {
    sample::add_seed_scenarios(recorder);
  } else {
    throw InputError("unknown seed scenario \"" + scenario +
                     "\": expected one of medication, falls, escalation, all");
  }
  return std::move(recorder.steps);
}

}  // namespace

void register_seed(py::module_& module) {
  py::class_<SeedStep>(module, "SeedStep",
                       "One call of a seed scenario: call it with a Register or a Store to make "
                       "that call on it.")
      .def_readonly("method", &SeedStep::method, "The Register method the step calls.")
      .def_readonly("args", &SeedStep::args, "Its arguments.")
      .def(
          "__call__",
          [](const SeedStep& step, const py::object& target) {
            target.attr(step.method.c_str())(*step.args);
          },
          py::arg("target"), "Makes the call on a Register or a Store.")
      .def("__repr__", [](const SeedStep& step) {
        return "SeedStep(" + step.method + py::repr(step.args).cast<std::string>() + ")";
      });
  module.def("seed_steps", &seed_steps, py::arg("scenario") = "all",
             "The seed document's scenarios (medication, falls, escalation, or all three in "
             "order) as steps, each one call of the Register's mutation API.");
}

}  // namespace closeloop::python
