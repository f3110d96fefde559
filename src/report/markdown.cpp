// The Markdown rendering: the same sections as the HTML, with tables in place
// of charts. Every piece of caller text goes through escape_markdown.
#include <string>
#include <vector>

#include "closeloop/report/render.hpp"
#include "icons.hpp"
#include "text.hpp"

namespace closeloop::report {

namespace {

using detail::count;
using detail::fixed;
using detail::human_date;
using detail::words;

std::string esc(std::string_view text) { return escape_markdown(text); }

std::string opt_date(const std::optional<Date>& date) {
  return date ? human_date(*date) : std::string("—");
}

void table(std::string& out, const std::vector<std::string>& head,
           const std::vector<std::vector<std::string>>& rows) {
  out += "|";
  for (const auto& cell : head) out += " " + cell + " |";
  out += "\n|";
  for (std::size_t i = 0; i < head.size(); ++i) out += " --- |";
  out += "\n";
  for (const auto& row : rows) {
    out += "|";
    for (const auto& cell : row) out += " " + (cell.empty() ? std::string("—") : cell) + " |";
    out += "\n";
  }
  out += "\n";
}

std::string link_text(const GovernanceReport& report, const std::vector<Link>& links) {
  std::string out;
  for (const auto& link : links) {
    if (!out.empty()) out += ", ";
    out += esc(detail::link_label(report, link));
  }
  return out;
}

void cqc_line(std::string& out, const GovernanceReport& report, SectionKey section) {
  const SectionMapping* mapping = detail::mapping_for(report, section);
  if (mapping == nullptr) return;
  out += "*CQC quality statements:* ";
  for (std::size_t i = 0; i < mapping->quality_statements.size(); ++i) {
    if (i > 0) out += "; ";
    out += std::string(title_of(mapping->quality_statements[i]));
  }
  out += ". *Evidence categories:* ";
  for (std::size_t i = 0; i < mapping->evidence_categories.size(); ++i) {
    if (i > 0) out += "; ";
    out += std::string(title_of(mapping->evidence_categories[i]));
  }
  out += ".\n\n";
}

void heading(std::string& out, const GovernanceReport& report, int number, SectionKey section) {
  out += "## " + std::to_string(number) + ". " + std::string(title_of(section)) + "\n\n";
  cqc_line(out, report, section);
}

std::string signal_words(const PointSignals& s) {
  std::vector<std::string> names;
  if (s.outside_limits) names.emplace_back("outside limits");
  if (s.shift) names.emplace_back("shift");
  if (s.trend) names.emplace_back("trend");
  if (s.two_of_three) names.emplace_back("two of three");
  if (s.long_run) names.emplace_back("long run");
  if (s.few_crossings) names.emplace_back("few crossings");
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

}  // namespace

std::string to_markdown(const GovernanceReport& report) {
  const ReportHeader& h = report.header;
  std::string out = "# " + esc(h.title) + "\n\n";
  out += "**Provider:** " + esc(h.provider) + " · **Scope:** " + esc(h.scope_name) +
         " · **Period:** " + human_date(h.period_start) + " to " + human_date(h.period_end) +
         " · **As of:** " + human_date(h.as_of) + " · **Audience:** " +
         std::string(to_string(h.audience)) + "\n\n";
  if (is_outside(h.audience)) {
    out += "> Prepared for an outside audience: no person-identifying data, and staff-written "
           "text only from records marked shareable.\n\n";
  }

  const Overview& o = report.overview;
  out += "## At a glance\n\n";
  table(out, {"Figure", "Value"},
        {{"Services in scope", std::to_string(o.services)},
         {"Incidents in the period", std::to_string(o.incidents)},
         {"Notifiable safety incidents (Duty of Candour)", std::to_string(o.notifiable_incidents)},
         {"Open action plans", std::to_string(o.plans_open)},
         {"Open actions", std::to_string(o.actions_open)},
         {"Overdue actions", std::to_string(o.actions_overdue)},
         {"Actions implemented in the period", std::to_string(o.actions_implemented)},
         {"Actions verified in the period", std::to_string(o.actions_verified)},
         {"Evaluations: effective / not effective / inconclusive",
          std::to_string(o.evaluated_effective) + " / " + std::to_string(o.evaluated_not_effective) +
              " / " + std::to_string(o.evaluated_inconclusive)},
         {"Learning shares (target services adopted)",
          std::to_string(o.shares) + " (" + std::to_string(o.share_targets_adopted) + " of " +
              std::to_string(o.share_targets) + ")"}});

  int section = 0;
  if (report.meeting) {
    heading(out, report, ++section, SectionKey::meeting_pack);
    const auto items = [&out, &report](const char* title, const std::vector<MeetingItem>& list) {
      out += "### " + std::string(title) + "\n\n";
      if (list.empty()) out += "None.\n\n";
      for (const auto& item : list) {
        out += "- " + esc(item.text);
        if (!item.links.empty()) out += " (" + link_text(report, item.links) + ")";
        out += "\n";
      }
      if (!list.empty()) out += "\n";
    };
    items("Plans due for review", report.meeting->plans_due_for_review);
    items("Overdue actions", report.meeting->overdue_actions);
    items("Fading actions", report.meeting->fading_actions);
    items("Evaluations now allowed", report.meeting->evaluations_allowed);
    items("Decisions needed", report.meeting->decisions_needed);
  }
  heading(out, report, ++section, SectionKey::needs_attention);
  if (report.needs_attention.empty()) {
    out += "Nothing needs attention as of " + human_date(h.as_of) + ".\n\n";
  }
  int number = 0;
  for (const auto& f : report.needs_attention) {
    out += std::to_string(++number) + ". **" + detail::sentence_case(to_string(f.severity)) +
           " · " + std::string(title_of(f.kind)) + ":** " + esc(f.title);
    if (!f.detail.empty()) out += " — " + esc(f.detail);
    if (!f.owner.empty()) out += " Owner: " + esc(f.owner) + ".";
    if (!f.links.empty()) out += " (" + link_text(report, f.links) + ")";
    out += "\n";
  }
  if (!report.needs_attention.empty()) out += "\n";

  heading(out, report, ++section, SectionKey::trends);
  if (report.trends.empty()) out += "No incident series in scope.\n\n";
  for (const auto& s : report.trends) {
    if (!s.headline) continue;
    out += "### " + esc(s.title) + "\n\n";
    // The Making Data Count icons in words (the HTML draws them).
    out += esc(detail::variation_icon_label(s.variation));
    if (s.assurance) out += " · " + esc(detail::assurance_icon_label(*s.assurance));
    out += "\n\n";
    out += esc(s.summary) + "\n\n";
    out += "*" + esc(s.chart) + " chart, " + esc(s.unit);
    if (s.target) out += "; target " + fixed(*s.target, 2);
    out += ".*\n\n";
    for (const auto& b : s.phase_breaks) {
      out += "- Phase break at " + human_date(b.date) + ": " + esc(b.label) + "\n";
    }
    if (!s.phase_breaks.empty()) out += "\n";
    if (s.phases.size() > 1) {
      std::vector<std::vector<std::string>> rows;
      for (const auto& w : s.phases) {
        rows.push_back({human_date(w.start), human_date(w.end), std::to_string(w.periods), count(w.count),
                        count(w.exposure), fixed(w.centre, 2)});
      }
      table(out, {"Phase from", "To", "Months", "Count", "Exposure", "Centre"}, rows);
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& p : s.points) {
      rows.push_back({detail::month_label(p.period_start), count(p.count), count(p.exposure),
                      fixed(p.value, 2), fixed(p.centre, 2), fixed(p.lcl, 2), fixed(p.ucl, 2),
                      p.point_class == PointClass::common_cause
                          ? std::string()
                          : words(to_string(p.point_class)) + ": " + signal_words(p.signals)});
    }
    table(out, {"Period", "Count", "Exposure", "Rate", "Centre", "Lower limit", "Upper limit", "Special cause"},
          rows);
  }
  {
    std::vector<std::vector<std::string>> rows;
    for (const auto& s : report.trends) {
      if (s.headline || s.points.empty()) continue;
      const auto& p = s.points.back();
      rows.push_back({esc(s.title), detail::month_label(p.period_start), fixed(p.value, 2), fixed(p.centre, 2),
                      esc(detail::variation_text(s.variation))});
    }
    if (!rows.empty()) {
      out += "### Other incident categories\n\n";
      table(out, {"Series", "Latest month", "Latest", "Centre", "Variation"}, rows);
    }
  }
  for (const auto& f : report.funnels) {
    out += "### " + esc(f.title) + "\n\n" + esc(f.summary) + "\n\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& p : f.points) {
      rows.push_back({esc(p.service_name), count(p.count), count(p.exposure), fixed(p.rate, 2),
                      fixed(p.lower95, 2) + "–" + fixed(p.upper95, 2),
                      fixed(p.lower998, 2) + "–" + fixed(p.upper998, 2), esc(words(p.position))});
    }
    table(out, {"Service", "Count", "Exposure", "Rate " + esc(f.unit), "95% limits", "99.8% limits", "Position"},
          rows);
  }

  heading(out, report, ++section, SectionKey::harm_profile);
  if (report.harm_profile.empty()) out += "No incidents in the period.\n\n";
  {
    std::vector<std::vector<std::string>> rows;
    for (const auto& r : report.harm_profile) {
      std::vector<std::string> row{esc(words(r.category))};
      for (int n : r.physical) row.push_back(std::to_string(n));
      for (int n : r.psychological) row.push_back(std::to_string(n));
      row.push_back(std::to_string(r.psychological_not_recorded));
      rows.push_back(std::move(row));
    }
    if (!rows.empty()) {
      table(out, {"Category", "Physical: none", "Low", "Moderate", "Severe", "Fatal", "Psychological: none", "Low",
                  "Moderate", "Severe", "Not recorded"},
            rows);
    }
  }

  heading(out, report, ++section, SectionKey::action_plans);
  {
    std::vector<std::vector<std::string>> rows;
    for (const auto& p : report.plans) {
      rows.push_back({esc(p.plan_id), esc(p.label), esc(detail::scope_text(p.service_id)),
                      opt_date(p.approved_on), std::to_string(detail::open_actions(p)),
                      std::to_string(p.actions_by_state[static_cast<std::size_t>(ActionState::closed)]),
                      std::to_string(p.actions_overdue), opt_date(p.last_reviewed),
                      opt_date(p.next_review_due), p.weaker_only ? "yes" : "no"});
    }
    table(out, {"Plan", "About", "Scope", "Approved", "Open", "Closed", "Overdue", "Last reviewed",
                "Next review due", "Only weaker actions"},
          rows);
  }
  out += "### Actions\n\n";
  {
    bool owners = false;
    for (const auto& a : report.actions) owners = owners || !a.owner.empty();
    std::vector<std::string> head{"Action", "Plan", "Title"};
    if (owners) head.emplace_back("Owner");
    for (const char* name : {"Due", "State", "Strength", "Evidence", "Checks passed/failed", "Signals"}) {
      head.emplace_back(name);
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& a : report.actions) {
      std::vector<std::string> row{esc(a.action_id), esc(a.plan_id), esc(a.title)};
      if (owners) row.push_back(esc(a.owner));
      std::string signals;
      for (const auto& s : a.signals) signals += (signals.empty() ? "" : ", ") + words(s);
      row.push_back(opt_date(a.due));
      row.push_back(words(to_string(a.state)) +
                    (a.verdict ? " (" + esc(words(*a.verdict)) + ")" : std::string()));
      row.push_back(esc(a.strength));
      row.push_back(std::to_string(a.evidence_items));
      row.push_back(std::to_string(a.checks_passed) + "/" + std::to_string(a.checks_failed));
      row.push_back(esc(signals));
      rows.push_back(std::move(row));
    }
    table(out, head, rows);
  }
  {
    bool any = false;
    for (const auto& a : report.actions) {
      if (a.history.empty()) continue;
      if (!any) out += "### What happened in the period\n\n";
      any = true;
      out += "- **" + esc(a.action_id) + ":** ";
      for (std::size_t i = 0; i < a.history.size(); ++i) {
        const HistoryEntry& e = a.history[i];
        out += (i > 0 ? " → " : "") + words(e.event) + " " + human_date(e.date);
        if (e.verdict) out += " (" + esc(words(*e.verdict)) + ")";
        if (e.decision) out += " (" + esc(*e.decision) + (e.review_id.empty() ? "" : ", signed off at " + esc(e.review_id)) + ")";
        if (!e.check_id.empty()) out += " (check " + esc(e.check_id) + ")";
        if (!e.reason.empty()) out += ": \"" + esc(e.reason) + "\"";
      }
      out += "\n";
    }
    if (any) out += "\n";
  }

  heading(out, report, ++section, SectionKey::evidence);
  {
    bool categories = false;
    for (const auto& e : report.evidence) categories = categories || e.cqc_category.has_value();
    std::vector<std::string> head{"Date", "Action", "Stage", "Kind", "Reference", "Summary", "Result"};
    if (categories) head.emplace_back("CQC evidence category");
    std::vector<std::vector<std::string>> rows;
    for (const auto& e : report.evidence) {
      std::vector<std::string> row{human_date(e.date), esc(e.action_id), esc(e.stage), esc(words(e.kind)),
                                   esc(e.reference), esc(e.summary),
                                   e.result ? esc(*e.result) : std::string()};
      if (categories) row.emplace_back(e.cqc_category ? std::string(title_of(*e.cqc_category)) : "");
      rows.push_back(std::move(row));
    }
    if (rows.empty()) {
      out += "No evidence or checks recorded in the period.\n\n";
    } else {
      table(out, head, rows);
    }
  }

  heading(out, report, ++section, SectionKey::effectiveness);
  if (report.effectiveness.empty()) out += "No action was evaluated in the period.\n\n";
  for (const auto& c : report.effectiveness) {
    out += "### " + esc(c.action_id) + ": " + esc(c.title) + " — " + esc(words(c.verdict)) + "\n\n";
    out += "Evaluated " + human_date(c.evaluated_on) + ". " + esc(c.statement) + "\n\n";
    if (!c.basis.empty()) out += "*Basis recorded:* " + esc(c.basis) + "\n\n";
    if (!c.since.empty()) out += "*Since the evaluation:* " + esc(c.since) + "\n\n";
    table(out, {"", "From", "To", "Count", "Exposure", "Rate per " + detail::whole(c.per)},
          {{"Before", human_date(c.before.start), human_date(c.before.end), count(c.before.count),
            count(c.before.exposure), fixed(c.before.rate, 2)},
           {"After", human_date(c.after.start), human_date(c.after.end), count(c.after.count),
            count(c.after.exposure), fixed(c.after.rate, 2)}});
    out += "Rate ratio " + detail::ratio_text(c.rate_ratio, c.ci_lower, c.ci_upper) + ", " +
           detail::p_text(c.p_value) + ".";
    if (!c.spc_after.empty()) out += " SPC after the rebase: " + esc(detail::variation_text(c.spc_after)) + ".";
    if (!c.series_id.empty()) out += " Chart: " + esc(c.series_id) + ".";
    out += "\n\n";
    if (!c.assessed_verdict.empty()) {
      out += "*Assessed from the data:* " + esc(words(c.assessed_verdict)) + " — " + esc(c.assessed_reason) + "\n\n";
    }
  }

  heading(out, report, ++section, SectionKey::governance_trail);
  if (report.reviews.empty()) out += "No governance review in the period.\n\n";
  for (const auto& r : report.reviews) {
    out += "- **" + esc(r.review_id) + "**, " + esc(words(r.forum)) + ", " + human_date(r.date) + ".";
    if (!r.plans.empty()) out += " Plans reviewed: " + esc(detail::join_words(r.plans)) + ".";
    if (!r.actions.empty()) out += " Actions reviewed: " + esc(detail::join_words(r.actions)) + ".";
    if (!r.closures_signed_off.empty()) out += " Closures signed off: " + esc(detail::join_words(r.closures_signed_off)) + ".";
    if (!r.decisions.empty()) out += " Decisions: " + esc(r.decisions);
    out += "\n";
  }
  if (!report.reviews.empty()) out += "\n";

  heading(out, report, ++section, SectionKey::learning);
  {
    std::vector<std::vector<std::string>> rows;
    for (const auto& s : report.learning) {
      for (const auto& t : s.targets) {
        rows.push_back({esc(s.share_id), esc(s.plan_id), esc(words(s.channel)), human_date(s.date),
                        esc(t.service_name), opt_date(t.acknowledged_on), esc(words(t.status)),
                        esc(detail::reach_text(t))});
      }
    }
    if (rows.empty()) {
      out += "No learning shared in the period.\n\n";
    } else {
      table(out, {"Share", "Plan", "Channel", "Date", "Target service", "Acknowledged", "Status", "Staff briefed"},
            rows);
    }
  }

  heading(out, report, ++section, SectionKey::action_strength);
  const StrengthProfile& st = report.strength;
  out += "Stronger " + std::to_string(st.stronger) + " · Intermediate " +
         std::to_string(st.intermediate) + " · Weaker " + std::to_string(st.weaker) + "\n\n";
  {
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : st.by_intervention) {
      rows.push_back({esc(words(c.intervention)), esc(c.strength), std::to_string(c.actions)});
    }
    if (!rows.empty()) table(out, {"Intervention", "Strength", "Actions"}, rows);
  }
  if (!st.weaker_only_plans.empty()) {
    out += "Plans whose actions are all weaker (training, policy, reminders): ";
    for (std::size_t i = 0; i < st.weaker_only_plans.size(); ++i) {
      out += (i > 0 ? ", " : "") + esc(st.weaker_only_plans[i]);
    }
    out += ". Each learning response should carry at least one stronger or intermediate action.\n\n";
  }

  if (!report.cqc_mapping.empty()) {
    out += "## CQC quality statements and evidence categories\n\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& m : report.cqc_mapping) {
      std::string statements;
      for (auto q : m.quality_statements) statements += (statements.empty() ? "" : "; ") + std::string(title_of(q));
      std::string categories;
      for (auto c : m.evidence_categories) categories += (categories.empty() ? "" : "; ") + std::string(title_of(c));
      rows.push_back({std::string(title_of(m.section)), statements, categories});
    }
    table(out, {"Section", "Quality statements", "Evidence categories"}, rows);
  }
  if (!report.cqc_coverage.empty()) {
    out += "### Evidence held, by CQC evidence category\n\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : report.cqc_coverage) {
      rows.push_back({std::string(title_of(c.category)), std::to_string(c.entries),
                      c.entries > 0 ? "yes" : "none in this report"});
    }
    table(out, {"Evidence category", "Entries", "Evidence"}, rows);
  }
  out += "---\n\n*" + esc(h.generator) + ", as of " + human_date(h.as_of) + ".*\n";
  return out;
}

}  // namespace closeloop::report
