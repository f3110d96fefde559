#include "closeloop/lifecycle/quality.hpp"

#include <algorithm>
#include <cctype>

#include "closeloop/lifecycle/register.hpp"

namespace closeloop::lifecycle {

namespace {

// Lower-case words of letters only: "Care-Team (nights)" -> care, team, nights.
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalpha(u) != 0) {
      current += static_cast<char>(std::tolower(u));
    } else if (!current.empty()) {
      words.push_back(current);
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(current);
  return words;
}

// Words that make an owner a group. A role held by one person ("registered
// manager", "deputy manager") is a person; plural roles are groups.
const std::vector<std::string>& group_words() {
  static const std::vector<std::string> words{
      "team",   "teams",   "committee", "committees", "board",      "group",      "groups",
      "panel",  "forum",   "department", "staff",     "managers",   "leads",      "nurses",
      "carers", "workers", "everyone",  "all",        "management", "supervisors"};
  return words;
}

std::string quote(const std::string& text) { return "\"" + text + "\""; }

LintFinding finding(Severity severity, std::string rule, const Action& action,
                    std::string message, std::optional<std::size_t> measure = std::nullopt) {
  LintFinding f;
  f.severity = severity;
  f.rule = std::move(rule);
  f.action = action.id;
  f.message = "action " + quote(action.id.str()) + ": " + std::move(message);
  f.measure = measure;
  return f;
}

}  // namespace

const std::vector<std::string>& vague_phrases() {
  static const std::vector<std::string> phrases{
      "provide training", "refresher training", "retrain",       "review procedures",
      "review procedure", "review the procedure", "review policy", "remind staff",
      "raise awareness",  "be aware",           "be vigilant",   "consider",
      "ensure"};
  return phrases;
}

bool is_group_owner(std::string_view owner) {
  // A group word followed by a role names one person: "team leader",
  // "staff nurse", "committee chair", "board member".
  static const std::vector<std::string> roles{"leader", "lead",   "manager", "coordinator",
                                              "chair",  "member", "nurse",   "director",
                                              "officer", "head",  "secretary"};
  const auto words = words_of(owner);
  const auto& groups = group_words();
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (std::find(groups.begin(), groups.end(), words[i]) == groups.end()) continue;
    const bool role_follows = i + 1 < words.size() &&
                              std::find(roles.begin(), roles.end(), words[i + 1]) != roles.end();
    if (!role_follows) return true;
  }
  return false;
}

std::optional<std::string> vague_phrase_without_target(std::string_view text) {
  // A figure ("100% of night staff", "by 31 March", "weekly for 12 weeks")
  // makes the wording measurable.
  if (std::any_of(text.begin(), text.end(),
                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; })) {
    return std::nullopt;
  }
  const auto words = words_of(text);
  for (const std::string& phrase : vague_phrases()) {
    const auto wanted = words_of(phrase);
    if (wanted.size() > words.size()) continue;
    for (std::size_t i = 0; i + wanted.size() <= words.size(); ++i) {
      if (std::equal(wanted.begin(), wanted.end(), words.begin() + static_cast<long>(i))) {
        return phrase;
      }
    }
  }
  return std::nullopt;
}

std::vector<LintFinding> lint(const Action& action, std::optional<Date> as_of) {
  const Date from = as_of.value_or(action.proposed_on);
  std::vector<LintFinding> out;
  if (action.owner.empty()) {
    out.push_back(finding(Severity::error, "agree.requires_owner", action,
                          "no owner: name one person who is accountable"));
  } else if (is_group_owner(action.owner)) {
    out.push_back(finding(Severity::error, "agree.owner_is_person", action,
                          "owner " + quote(action.owner) +
                              " is a team or committee: name one person"));
  }
  if (!action.due) {
    out.push_back(finding(Severity::error, "agree.requires_due_date", action, "no due date"));
  } else if (*action.due < from) {
    out.push_back(finding(Severity::error, "agree.due_before_agreement", action,
                          "due date " + to_iso(*action.due) + " is before " + to_iso(from)));
  }
  if (action.measures.empty()) {
    out.push_back(finding(Severity::error, "agree.requires_measure", action,
                          "no measure of success"));
  }
  for (std::size_t i = 0; i < action.measures.size(); ++i) {
    const Measure& m = action.measures[i];
    std::vector<std::string> missing;
    if (m.what.empty()) missing.emplace_back("what");
    if (m.how.empty()) missing.emplace_back("how");
    if (m.level.empty() && !m.target) missing.emplace_back("expected level");
    if (!m.by) missing.emplace_back("date");
    if (missing.empty()) continue;
    std::string list;
    for (std::size_t k = 0; k < missing.size(); ++k) list += (k > 0 ? ", " : "") + missing[k];
    out.push_back(finding(Severity::error, "agree.measure_complete", action,
                          "measure " + std::to_string(i + 1) + " (" +
                              std::string(to_string(m.kind)) + ") does not say " + list,
                          i));
  }
  if (action.monitoring.empty()) {
    out.push_back(finding(Severity::error, "agree.requires_monitoring", action,
                          "no monitoring: say how and how often it will be checked"));
  }
  if (auto phrase = vague_phrase_without_target(action.title)) {
    out.push_back(finding(Severity::warning, "quality.vague_wording", action,
                          "title uses " + quote(*phrase) +
                              " without a measurable target; say what will change, for "
                              "whom and by when"));
  }
  if (action.due && *action.due > add_months_clamped(from, 12)) {
    out.push_back(finding(Severity::warning, "quality.due_beyond_a_year", action,
                          "due date " + to_iso(*action.due) + " is more than a year after " +
                              to_iso(from)));
  }
  for (const Monitoring& m : action.monitoring) {
    if (!m.recurrence.recurs()) {
      out.push_back(finding(Severity::warning, "quality.monitoring_without_recurrence", action,
                            std::string(to_string(m.kind)) + " monitoring has no recurrence"));
    }
  }
  return out;
}

std::vector<LintFinding> lint_errors(const Action& action, std::optional<Date> as_of) {
  auto all = lint(action, as_of);
  std::vector<LintFinding> errors;
  for (auto& f : all) {
    if (f.severity == Severity::error) errors.push_back(std::move(f));
  }
  return errors;
}

StrengthProfile strength_profile(const Register& reg, const PlanId& plan) {
  StrengthProfile profile;
  for (const Action* action : reg.actions_of(plan)) {
    if (action->state() == ActionState::cancelled) continue;
    switch (action->strength()) {
      case ActionStrength::stronger: ++profile.stronger; break;
      case ActionStrength::intermediate: ++profile.intermediate; break;
      case ActionStrength::weaker: ++profile.weaker; break;
    }
  }
  return profile;
}

std::vector<LintFinding> lint_plan(const Register& reg, const PlanId& plan) {
  (void)reg.plan(plan);  // NotFoundError for an unknown plan
  std::vector<LintFinding> out;
  for (const Action* action : reg.actions_of(plan)) {
    auto found = lint(*action);
    out.insert(out.end(), found.begin(), found.end());
  }
  const StrengthProfile profile = strength_profile(reg, plan);
  if (profile.weaker > 0 && !profile.has_stronger_or_intermediate()) {
    LintFinding f;
    f.severity = Severity::warning;
    f.rule = "quality.plan_all_weaker";
    f.message = "plan " + quote(plan.str()) + ": all " + std::to_string(profile.weaker) +
                " action(s) are weaker (training, policy, warnings, double checks); add at "
                "least one stronger or intermediate action, such as a checklist, a change to "
                "the environment or equipment, or a software change";
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace closeloop::lifecycle
