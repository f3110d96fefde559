// Evidence of implementation and verification: evidence items and checks of
// the period, routine passing checks summarised, and the inspector's CQC
// coverage of the six evidence categories.
#include <algorithm>
#include <map>
#include <tuple>

#include "../text.hpp"
#include "sections.hpp"

namespace closeloop::report::detail {

namespace {

std::string check_stage(const ActionFacts& f, const lc::Check& c, bool& verification_seen) {
  if (f.closed_on && c.date > *f.closed_on) return "sustainment";
  if (f.implemented_on && f.verified_on && !verification_seen && c.passed && c.date > *f.implemented_on &&
      c.date <= *f.verified_on) {
    verification_seen = true;
    return "verification";
  }
  return "monitoring";
}

EvidenceEntry check_entry(const BuildContext& ctx, const std::string& action, const lc::Check& c,
                          const std::string& stage) {
  EvidenceEntry entry;
  entry.action_id = action;
  entry.source = "check";
  entry.id = c.id.str();
  entry.kind = std::string(lc::to_string(c.kind));
  entry.date = c.date;
  entry.stage = stage;
  std::string summary = sentence_case(lc::to_string(c.kind));
  std::string result = c.passed ? "pass" : "fail";
  if (c.score && c.denominator && *c.denominator > 0.0) {
    summary += ": " + count(*c.score) + " of " + count(*c.denominator);
    result += " (" + fixed(100.0 * *c.score / *c.denominator, 0) + "%)";
  } else if (c.value) {
    summary += ": " + count(*c.value) + (c.unit.empty() ? "" : " " + c.unit);
  }
  // The note is staff-written: inside audiences, or a check marked shareable.
  if ((ctx.internal() || c.shareable) && !c.note.empty()) summary += ". " + c.note;
  entry.summary = summary;
  entry.result = result;
  return entry;
}

}  // namespace

void build_evidence(const BuildContext& ctx, GovernanceReport& report) {
  // (action, check kind) -> routine passing checks in the period and the latest date.
  std::map<std::pair<std::string, std::string>, std::pair<int, Date>> routine;
  for (const auto& [id, f] : ctx.facts) {
    if (ctx.included_plans.count(f.plan->id.str()) == 0) continue;
    for (const lc::Evidence* e : ctx.reg.evidence_for(f.action->id)) {
      if (!ctx.in_period(e->date)) continue;
      EvidenceEntry entry;
      entry.action_id = id;
      entry.source = "evidence";
      entry.id = e->id.str();
      entry.kind = std::string(lc::to_string(e->kind));
      entry.date = e->date;
      entry.stage = f.implemented_on && e->date <= *f.implemented_on ? "implementation" : "monitoring";
      // The reference and summary are staff-written: inside audiences, or
      // evidence marked shareable.
      if (ctx.internal() || e->shareable) {
        entry.reference = e->reference;
        entry.summary = e->summary;
      } else {
        entry.summary = sentence_case(lc::to_string(e->kind)) + " recorded (details not marked shareable)";
      }
      report.evidence.push_back(std::move(entry));
    }
    bool verification_seen = false;
    for (const lc::Check* c : ctx.reg.checks_for(f.action->id)) {
      if (c->date > ctx.options.as_of) continue;
      const std::string stage = check_stage(f, *c, verification_seen);
      if (!ctx.in_period(c->date)) continue;
      if (stage == "monitoring" && c->passed) {
        // Routine passing checks are summarised per action and kind below.
        auto entry = routine.try_emplace({id, std::string(lc::to_string(c->kind))}, 0, c->date).first;
        ++entry->second.first;
        entry->second.second = std::max(entry->second.second, c->date);
        continue;
      }
      report.evidence.push_back(check_entry(ctx, id, *c, stage));
    }
  }
  for (const auto& [key, value] : routine) {
    const auto& [passed, latest] = value;
    int failed = 0;
    for (const lc::Check* c : ctx.reg.checks_for(ActionId(key.first))) {
      if (std::string(lc::to_string(c->kind)) == key.second && !c->passed && ctx.in_period(c->date)) ++failed;
    }
    EvidenceEntry entry;
    entry.action_id = key.first;
    entry.source = "checks";
    entry.kind = key.second;
    entry.date = latest;
    entry.stage = "monitoring";
    entry.summary = std::to_string(passed) + " routine " + words(key.second) + (passed == 1 ? "" : "s") +
                    " passed in the period (latest shown)";
    entry.result = std::to_string(passed) + " of " + std::to_string(passed + failed) + " passed";
    report.evidence.push_back(std::move(entry));
  }
  std::stable_sort(report.evidence.begin(), report.evidence.end(),
                   [](const EvidenceEntry& a, const EvidenceEntry& b) {
                     return std::tie(a.date, a.action_id, a.source, a.id) <
                            std::tie(b.date, b.action_id, b.source, b.id);
                   });
  if (ctx.options.audience != Audience::inspector) return;
  for (auto& e : report.evidence) e.cqc_category = evidence_category_of(e.kind);
}

}  // namespace closeloop::report::detail
