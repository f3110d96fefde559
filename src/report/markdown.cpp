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
  if (h.audience != Audience::board) {
    out += "> Prepared for an outside audience: no person references and no free-text "
           "incident descriptions.\n\n";
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

  heading(out, report, 1, SectionKey::needs_attention);
  if (report.needs_attention.empty()) {
    out += "Nothing needs attention as of " + human_date(h.as_of) + ".\n\n";
  }
  int number = 0;
  for (const auto& f : report.needs_attention) {
    out += std::to_string(++number) + ". **" + detail::sentence_case(to_string(f.severity)) +
           " · " + std::string(title_of(f.kind)) + ":** " + esc(f.title);
    if (!f.detail.empty()) out += " — " + esc(f.detail);
    if (!f.links.empty()) out += " (" + link_text(report, f.links) + ")";
    out += "\n";
  }
  if (!report.needs_attention.empty()) out += "\n";

  heading(out, report, 2, SectionKey::trends);
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

  heading(out, report, 3, SectionKey::action_plans);
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

  heading(out, report, 4, SectionKey::evidence);
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

  heading(out, report, 5, SectionKey::effectiveness);
  if (report.effectiveness.empty()) out += "No action was evaluated in the period.\n\n";
  for (const auto& c : report.effectiveness) {
    out += "### " + esc(c.action_id) + ": " + esc(c.title) + " — " + esc(words(c.verdict)) + "\n\n";
    out += esc(c.statement) + "\n\n";
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

  heading(out, report, 6, SectionKey::learning);
  {
    std::vector<std::vector<std::string>> rows;
    for (const auto& s : report.learning) {
      for (const auto& t : s.targets) {
        rows.push_back({esc(s.share_id), esc(s.plan_id), esc(words(s.channel)), human_date(s.date),
                        esc(t.service_name), opt_date(t.acknowledged_on), esc(words(t.status))});
      }
    }
    if (rows.empty()) {
      out += "No learning shared in the period.\n\n";
    } else {
      table(out, {"Share", "Plan", "Channel", "Date", "Target service", "Acknowledged", "Status"}, rows);
    }
  }

  heading(out, report, 7, SectionKey::action_strength);
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
  out += "---\n\n*" + esc(h.generator) + ", as of " + human_date(h.as_of) + ".*\n";
  return out;
}

}  // namespace closeloop::report
