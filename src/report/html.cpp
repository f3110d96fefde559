// The HTML rendering: one self-contained document (inline CSS and SVG, no
// scripts, no external fetches), responsive for phones and printable. Every
// piece of caller text goes through escape_html.
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

std::string esc(std::string_view text) { return escape_html(text); }

constexpr const char* kStyle = R"css(
:root{--blue:#005eb8;--dark-blue:#003087;--ink:#231f20;--grey:#425563;--pale:#f0f4f5;--line:#d8dde0;
--orange:#fab428;--sky:#289de0;--purple:#361475;--red:#d5281b;--green:#007f3b;--amber:#ffb81c}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--ink);
background:var(--pale);line-height:1.5;font-size:16px;overflow-wrap:break-word}
a{color:var(--blue)}
.masthead{background:var(--blue);color:#fff;padding:28px 20px 24px}
.masthead .inner,main{max-width:1040px;margin:0 auto}
.eyebrow{margin:0 0 4px;text-transform:uppercase;letter-spacing:.08em;font-size:13px;opacity:.85}
h1{margin:0 0 8px;font-size:30px;line-height:1.2}
.meta{margin:0;font-size:15px;opacity:.95}
.outside{margin:12px 0 0;padding:8px 12px;background:rgba(255,255,255,.15);border-left:4px solid #fff;font-size:14px}
main{padding:20px}
section{background:#fff;border-radius:6px;padding:20px 22px;margin:0 0 20px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
h2{font-size:22px;margin:0 0 10px;color:var(--dark-blue)}
h3{font-size:18px;margin:18px 0 6px}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;background:none;box-shadow:none;padding:0}
.kpi{background:#fff;border-radius:6px;padding:14px 16px;border-top:4px solid var(--blue);box-shadow:0 1px 2px rgba(0,0,0,.08)}
.kpi .n{display:block;font-size:30px;font-weight:700;line-height:1.1}
.kpi .l{display:block;font-size:13px;color:var(--grey)}
.kpi.warn{border-top-color:var(--red)}
.kpi.good{border-top-color:var(--green)}
nav.toc{font-size:14px;margin:0 0 20px}
nav.toc a{display:inline-block;max-width:100%;margin:0 12px 6px 0}
.cqc{margin:0 0 12px;font-size:13px;color:var(--grey)}
.tag{display:inline-block;border-radius:999px;padding:1px 9px;font-size:12px;margin:0 4px 4px 0;background:var(--pale);border:1px solid var(--line)}
.tag.q{background:#e8f1fa;border-color:#9cc2e8}
ol.findings{list-style:none;padding:0;margin:0}
.finding{border-left:6px solid var(--amber);background:#fffaf0;padding:7px 12px;margin:0 0 8px;border-radius:0 4px 4px 0}
.finding.high{border-left-color:var(--red);background:#fdf1f0}
.finding.low{border-left-color:var(--line);background:var(--pale)}
.finding p{margin:1px 0}
.finding .what{font-weight:700}
.finding .detail,.finding .links{font-size:14px;color:var(--grey)}
.finding .links a{display:inline-block;max-width:100%}
.sev{display:inline-block;font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.05em;color:#fff;background:var(--amber);color:var(--ink);border-radius:3px;padding:1px 6px;margin-right:6px}
.sev.high{background:var(--red);color:#fff}
.sev.low{background:var(--line)}
.none{color:var(--green);font-weight:600}
figure{margin:0 0 22px;padding:0;break-inside:avoid;min-width:0}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:6px 28px}
.charts h3{font-size:17px}
.charts figcaption p{font-size:14.5px}
figcaption p{margin:4px 0}
.verdicts{margin:6px 0}
.badge{display:inline-block;font-size:13px;font-weight:600;border-radius:4px;padding:2px 8px;margin:0 6px 4px 0;border:1px solid var(--line);background:var(--pale)}
.badge.concern{background:#fef3dc;border-color:var(--orange)}
.badge.improvement{background:#e3f2fc;border-color:var(--sky)}
.badge.neutral{background:#ece8f4;border-color:var(--purple)}
svg{display:block;width:100%;height:auto;max-width:820px}
.chart-head{display:flex;align-items:flex-start;justify-content:space-between;gap:6px 12px;margin:18px 0 6px}
.chart-head h3{margin:0;min-width:0}
.mdc-icons{display:flex;gap:6px;flex:none}
svg.mdc-icon{display:inline-block;width:auto;height:auto;max-width:none;flex:none;vertical-align:middle}
.legend{font-size:13px;color:var(--grey);margin:4px 0 14px}
.legend span{margin-right:14px;white-space:nowrap}
.dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px;vertical-align:middle}
details{margin:6px 0 0}
summary{cursor:pointer;color:var(--blue);font-size:14px}
.table-wrap{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:6px 0 12px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--pale);font-weight:600;white-space:nowrap}
td.id{white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr:target{background:#fff6c4}
.state{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;background:var(--pale);border:1px solid var(--line);white-space:nowrap}
.state.closed,.state.evaluated,.state.verified{background:#e6f4ec;border-color:#7fbf9b}
.state.cancelled{text-decoration:line-through}
.flag{color:var(--red);font-weight:600;font-size:13px}
.claim{border:1px solid var(--line);border-radius:6px;padding:12px 14px;margin:0 0 14px}
.claim h3{margin-top:0}
.verdict{font-weight:700}
.verdict.effective{color:var(--green)}
.verdict.not_effective{color:var(--red)}
.verdict.inconclusive{color:var(--grey)}
.figures{font-size:14px}
.strength{display:flex;height:28px;border-radius:4px;overflow:hidden;margin:6px 0 10px;font-size:13px;font-weight:600}
.strength div{display:flex;align-items:center;justify-content:center;color:#fff;min-width:2px}
.s-stronger{background:var(--green)}.s-intermediate{background:var(--blue)}.s-weaker{background:#a8b4bb;color:var(--ink)!important}
footer{max-width:1040px;margin:0 auto;padding:0 20px 30px;font-size:13px;color:var(--grey)}
@media (max-width:600px){
.charts{grid-template-columns:1fr}
body{font-size:15px}
.masthead{padding:20px 14px}
h1{font-size:24px}
main{padding:12px}
section:not(.kpis){padding:14px;border-radius:0;margin-left:-12px;margin-right:-12px}
.kpis{gap:8px}
.kpi .n{font-size:24px}
th,td{padding:5px 6px}
}
@media print{
body{background:#fff;font-size:10.5pt}
.masthead{background:none;color:var(--ink);border-bottom:3px solid var(--blue);padding:0 0 8px}
.outside{border-left-color:var(--blue);background:none}
main{padding:0}
section,.kpi{box-shadow:none;border:1px solid var(--line);break-inside:auto}
nav.toc,summary{display:none}
figure,.finding,.claim,tr{break-inside:avoid}
h2,h3{break-after:avoid}
.table-wrap{overflow:visible}
a{color:var(--ink);text-decoration:none}
}
)css";

std::string opt_date(const std::optional<Date>& date) {
  return date ? human_date(*date) : std::string("—");
}

std::string href(const GovernanceReport& report, const Link& link) {
  return "<a href=\"#" + esc(anchor_of(link.kind, link.id)) + "\">" + esc(detail::link_label(report, link)) +
         "</a>";
}

std::string cell(const std::string& html, bool numeric = false) {
  return std::string(numeric ? "<td class=\"num\">" : "<td>") + (html.empty() ? "—" : html) + "</td>";
}

// An identifier cell: kept on one line ("P-MED-1" must not break at hyphens).
std::string id_cell(const std::string& html) { return "<td class=\"id\">" + html + "</td>"; }

void table_head(std::string& out, const std::vector<std::pair<std::string, bool>>& head) {
  out += "<div class=\"table-wrap\"><table><thead><tr>";
  for (const auto& [name, numeric] : head) {
    out += std::string(numeric ? "<th class=\"num\">" : "<th>") + name + "</th>";
  }
  out += "</tr></thead><tbody>";
}

void table_end(std::string& out) { out += "</tbody></table></div>"; }

void cqc_tags(std::string& out, const GovernanceReport& report, SectionKey section) {
  const SectionMapping* mapping = detail::mapping_for(report, section);
  if (mapping == nullptr) return;
  out += "<p class=\"cqc\"><span>CQC quality statements: </span>";
  for (auto q : mapping->quality_statements) {
    out += "<span class=\"tag q\">" + esc(title_of(q)) + "</span>";
  }
  out += "<br><span>Evidence categories: </span>";
  for (auto c : mapping->evidence_categories) {
    out += "<span class=\"tag\">" + esc(title_of(c)) + "</span>";
  }
  out += "</p>";
}

void open_section(std::string& out, const GovernanceReport& report, int number, SectionKey key) {
  out += "<section id=\"" + std::string(to_string(key)) + "\"><h2>" + std::to_string(number) +
         ". " + esc(title_of(key)) + "</h2>";
  cqc_tags(out, report, key);
}

std::string variation_class(std::string_view variation) {
  if (variation.rfind("concern", 0) == 0) return "concern";
  if (variation.rfind("improvement", 0) == 0) return "improvement";
  if (variation.rfind("neutral", 0) == 0) return "neutral";
  return "common";
}

std::string signal_words(const PointSignals& s) {
  std::string out;
  const auto add = [&out](bool on, const char* name) {
    if (on) out += (out.empty() ? "" : ", ") + std::string(name);
  };
  add(s.outside_limits, "outside limits");
  add(s.shift, "shift");
  add(s.trend, "trend");
  add(s.two_of_three, "two of three");
  add(s.long_run, "long run");
  add(s.few_crossings, "few crossings");
  return out;
}

void kpi(std::string& out, const std::string& value, const std::string& label, const char* tone = "") {
  out += std::string("<div class=\"kpi") + (*tone != '\0' ? " " : "") + tone + "\"><span class=\"n\">" +
         value + "</span><span class=\"l\">" + label + "</span></div>";
}

void legend(std::string& out) {
  out += "<p class=\"legend\"><span><i class=\"dot\" style=\"background:#fab428\"></i>special cause "
         "concern</span><span><i class=\"dot\" style=\"background:#289de0\"></i>special cause "
         "improvement</span><span><i class=\"dot\" style=\"background:#7b7d7d\"></i>common "
         "cause</span><span>— centre</span><span>- - limits</span><span><span style=\"color:#005eb8\">┆</span> "
         "phase break (action implemented)</span></p>";
}

// The Making Data Count icons shown beside a chart's heading: variation,
// then assurance when the series has a target verdict.
std::string mdc_icons(const MetricSeries& s) {
  std::string out = "<span class=\"mdc-icons\">" + detail::variation_icon_svg(s.variation);
  if (s.assurance) out += detail::assurance_icon_svg(*s.assurance);
  return out + "</span>";
}

void trends(std::string& out, const GovernanceReport& report) {
  if (report.trends.empty()) out += "<p>No incident series in scope.</p>";
  if (!report.trends.empty()) legend(out);
  out += "<div class=\"charts\">";
  for (const auto& s : report.trends) {
    if (!s.headline) continue;
    out += "<figure id=\"" + esc(anchor_of(LinkKind::chart, s.id)) +
           "\"><figcaption><div class=\"chart-head\"><h3>" + esc(s.title) + "</h3>" + mdc_icons(s) +
           "</div><p class=\"verdicts\"><span class=\"badge " +
           variation_class(s.variation) + "\">" + esc(detail::variation_text(s.variation)) + "</span>";
    if (s.assurance) {
      out += "<span class=\"badge\">" + esc(detail::assurance_text(*s.assurance)) + "</span>";
    }
    out += "<span class=\"badge\">" + esc(s.chart) + " chart · " + esc(s.unit) + "</span></p><p>" +
           esc(s.summary) + "</p>";
    if (!s.links.empty()) {
      out += "<p class=\"figures\">Actions behind this measure: ";
      for (std::size_t i = 0; i < s.links.size(); ++i) out += (i > 0 ? ", " : "") + href(report, s.links[i]);
      out += "</p>";
    }
    out += "</figcaption>" + spc_chart_svg(s);
    out += "<details><summary>Data behind the chart</summary>";
    table_head(out, {{"Period", false}, {"Count", true}, {"Exposure", true}, {"Rate", true},
                     {"Centre", true}, {"Lower limit", true}, {"Upper limit", true}, {"Special cause", false}});
    for (const auto& p : s.points) {
      out += "<tr>" + cell(esc(detail::month_label(p.period_start))) + cell(count(p.count), true) +
             cell(count(p.exposure), true) + cell(fixed(p.value, 2), true) +
             cell(fixed(p.centre, 2), true) + cell(fixed(p.lcl, 2), true) + cell(fixed(p.ucl, 2), true) +
             cell(p.point_class == PointClass::common_cause
                      ? std::string()
                      : esc(words(to_string(p.point_class)) + ": " + signal_words(p.signals))) +
             "</tr>";
    }
    table_end(out);
    out += "</details></figure>";
  }
  out += "</div>";
  bool others = false;
  for (const auto& s : report.trends) others = others || !s.headline;
  if (others) {
    out += "<h3>Other incident categories</h3><p>Common-cause variation: charts in the JSON "
           "rendering.</p>";
    table_head(out, {{"Series", false}, {"Latest month", false}, {"Latest", true}, {"Centre", true},
                     {"Variation", false}});
    for (const auto& s : report.trends) {
      if (s.headline || s.points.empty()) continue;
      const auto& p = s.points.back();
      out += "<tr id=\"" + esc(anchor_of(LinkKind::chart, s.id)) + "\">" + cell(esc(s.title)) +
             cell(esc(detail::month_label(p.period_start))) + cell(fixed(p.value, 2), true) +
             cell(fixed(p.centre, 2), true) + cell(esc(detail::variation_text(s.variation))) + "</tr>";
    }
    table_end(out);
  }
  if (!report.funnels.empty()) out += "<div class=\"charts\">";
  for (const auto& f : report.funnels) {
    out += "<figure id=\"" + esc(anchor_of(LinkKind::funnel, f.id)) + "\"><figcaption><h3>" +
           esc(f.title) + "</h3><p>" + esc(f.summary) + "</p></figcaption>" + funnel_svg(f);
    out += "<p class=\"legend\"><span>— organisation rate</span><span>- - 95% limits</span><span>"
           "— 99.8% limits</span></p>";
    out += "<details><summary>Data behind the funnel</summary>";
    table_head(out, {{"Service", false}, {"Count", true}, {"Exposure", true}, {"Rate", true},
                     {"95% limits", true}, {"99.8% limits", true}, {"Position", false}});
    for (const auto& p : f.points) {
      out += "<tr>" + cell(esc(p.service_name)) + cell(count(p.count), true) +
             cell(count(p.exposure), true) + cell(fixed(p.rate, 2), true) +
             cell(fixed(p.lower95, 2) + "–" + fixed(p.upper95, 2), true) +
             cell(fixed(p.lower998, 2) + "–" + fixed(p.upper998, 2), true) +
             cell(esc(words(p.position))) + "</tr>";
    }
    table_end(out);
    out += "</details></figure>";
  }
  if (!report.funnels.empty()) out += "</div>";
}

// What happened to each action in the period, in order; a closure links to
// the review that signed it off.
void history(std::string& out, const GovernanceReport& report) {
  bool any = false;
  for (const auto& a : report.actions) {
    if (a.history.empty()) continue;
    if (!any) out += "<h3>What happened in the period</h3><ul class=\"history\">";
    any = true;
    out += "<li>" + href(report, {LinkKind::action, a.action_id}) + ": ";
    for (std::size_t i = 0; i < a.history.size(); ++i) {
      const HistoryEntry& e = a.history[i];
      out += (i > 0 ? " → " : "") + std::string("<span class=\"event\">") + esc(words(e.event)) + " " +
             human_date(e.date);
      if (e.verdict) out += " (" + esc(words(*e.verdict)) + ")";
      if (e.decision) {
        out += " (" + esc(*e.decision);
        if (!e.review_id.empty()) out += ", signed off at " + href(report, {LinkKind::review, e.review_id});
        out += ")";
      }
      if (!e.check_id.empty()) out += " (check " + esc(e.check_id) + ")";
      if (!e.reason.empty()) out += ": <q>" + esc(e.reason) + "</q>";
      out += "</span>";
    }
    out += "</li>";
  }
  if (any) out += "</ul>";
}

void plans_and_actions(std::string& out, const GovernanceReport& report) {
  if (report.plans.empty()) out += "<p>No action plans in scope.</p>";
  if (!report.plans.empty()) {
    table_head(out, {{"Plan", false}, {"About", false}, {"Scope", false}, {"Approved", false},
                     {"Open", true}, {"Closed", true}, {"Overdue", true}, {"Last reviewed", false},
                     {"Next review due", false}});
    for (const auto& p : report.plans) {
      std::string label = esc(p.label);
      if (p.weaker_only) label += " <span class=\"flag\">only weaker actions</span>";
      out += "<tr id=\"" + esc(anchor_of(LinkKind::plan, p.plan_id)) + "\">" + id_cell(esc(p.plan_id)) +
             cell(label) + cell(esc(detail::scope_text(p.service_id))) + cell(opt_date(p.approved_on)) +
             cell(std::to_string(detail::open_actions(p)), true) +
             cell(std::to_string(p.actions_by_state[static_cast<std::size_t>(ActionState::closed)]), true) +
             cell(p.actions_overdue > 0 ? "<span class=\"flag\">" + std::to_string(p.actions_overdue) + "</span>"
                                        : std::string("0"),
                  true) +
             cell(opt_date(p.last_reviewed)) + cell(opt_date(p.next_review_due)) + "</tr>";
    }
    table_end(out);
  }
  out += "<h3>Actions</h3>";
  bool owners = false;
  for (const auto& a : report.actions) owners = owners || !a.owner.empty();
  std::vector<std::pair<std::string, bool>> head{{"Action", false}, {"Title", false}};
  if (owners) head.emplace_back("Owner", false);
  for (const char* name : {"Due", "State", "Strength"}) head.emplace_back(name, false);
  head.emplace_back("Evidence", true);
  head.emplace_back("Checks ✓/✗", true);
  head.emplace_back("Signals", false);
  table_head(out, head);
  for (const auto& a : report.actions) {
    std::string state = "<span class=\"state " + std::string(to_string(a.state)) + "\">" +
                        esc(words(to_string(a.state))) + "</span>";
    if (a.verdict) state += " <span class=\"verdict " + esc(*a.verdict) + "\">" + esc(words(*a.verdict)) + "</span>";
    std::string signals;
    for (const auto& s : a.signals) signals += (signals.empty() ? "" : ", ") + esc(words(s));
    out += "<tr id=\"" + esc(anchor_of(LinkKind::action, a.action_id)) + "\">" +
           id_cell(esc(a.action_id) + "<br><small>" + esc(a.plan_id) + "</small>") + cell(esc(a.title));
    if (owners) out += cell(esc(a.owner));
    out += cell(opt_date(a.due)) + cell(state) + cell(esc(a.strength)) +
           cell(std::to_string(a.evidence_items), true) +
           cell(std::to_string(a.checks_passed) + "/" + std::to_string(a.checks_failed), true) +
           cell(signals.empty() ? std::string() : "<span class=\"flag\">" + signals + "</span>") + "</tr>";
  }
  table_end(out);
  history(out, report);
}

void evidence(std::string& out, const GovernanceReport& report) {
  if (report.evidence.empty()) {
    out += "<p>No evidence or checks recorded in the period.</p>";
    return;
  }
  bool categories = false;
  for (const auto& e : report.evidence) categories = categories || e.cqc_category.has_value();
  std::vector<std::pair<std::string, bool>> head{{"Date", false}, {"Action", false}, {"Stage", false},
                                                 {"Kind", false}, {"Reference", false}, {"Summary", false},
                                                 {"Result", false}};
  if (categories) head.emplace_back("CQC evidence category", false);
  table_head(out, head);
  for (const auto& e : report.evidence) {
    const Link link{LinkKind::action, e.action_id};
    out += "<tr>" + id_cell(human_date(e.date)) + id_cell(href(report, link)) + cell(esc(e.stage)) +
           cell(esc(words(e.kind))) + cell(esc(e.reference)) + cell(esc(e.summary)) +
           cell(e.result ? esc(*e.result) : std::string());
    if (categories) out += cell(e.cqc_category ? esc(title_of(*e.cqc_category)) : std::string());
    out += "</tr>";
  }
  table_end(out);
}

void effectiveness(std::string& out, const GovernanceReport& report) {
  if (report.effectiveness.empty()) out += "<p>No action was evaluated in the period.</p>";
  for (const auto& c : report.effectiveness) {
    out += "<div class=\"claim\"><h3>" + href(report, {LinkKind::action, c.action_id}) + " " + esc(c.title) +
           " — <span class=\"verdict " + esc(c.verdict) + "\">" + esc(words(c.verdict)) + "</span></h3>";
    out += "<p>Evaluated " + human_date(c.evaluated_on) + ". " + esc(c.statement) + "</p>";
    if (!c.basis.empty()) out += "<p class=\"figures\">Basis recorded: <q>" + esc(c.basis) + "</q></p>";
    if (!c.since.empty()) out += "<p class=\"figures\">Since the evaluation: " + esc(c.since) + "</p>";
    table_head(out, {{"", false}, {"From", false}, {"To", false}, {"Count", true}, {"Exposure", true},
                     {"Rate per " + detail::whole(c.per), true}});
    for (const auto* w : {&c.before, &c.after}) {
      out += "<tr>" + cell(w == &c.before ? "Before" : "After") + cell(human_date(w->start)) +
             cell(human_date(w->end)) + cell(count(w->count), true) + cell(count(w->exposure), true) +
             cell(fixed(w->rate, 2), true) + "</tr>";
    }
    table_end(out);
    out += "<p class=\"figures\">Rate ratio " + esc(detail::ratio_text(c.rate_ratio, c.ci_lower, c.ci_upper)) +
           ", " + esc(detail::p_text(c.p_value)) + ".";
    if (!c.spc_after.empty()) {
      out += " SPC after the rebase: " + detail::variation_icon_svg(c.spc_after, 28) + " " +
             esc(detail::variation_text(c.spc_after)) + ".";
    }
    if (!c.series_id.empty()) out += " " + href(report, {LinkKind::chart, c.series_id}) + ".";
    out += "</p>";
    if (!c.assessed_verdict.empty()) {
      out += "<p class=\"figures\">Assessed from the data: <span class=\"verdict " + esc(c.assessed_verdict) +
             "\">" + esc(words(c.assessed_verdict)) + "</span> — " + esc(c.assessed_reason) + "</p>";
    }
    out += "</div>";
  }
}

void governance_trail(std::string& out, const GovernanceReport& report) {
  if (report.reviews.empty()) {
    out += "<p>No governance review in the period.</p>";
    return;
  }
  table_head(out, {{"Review", false}, {"Forum", false}, {"Date", false}, {"Reviewed", false},
                   {"Closures signed off", false}, {"Decisions", false}});
  for (const auto& r : report.reviews) {
    std::string reviewed;
    for (const auto& p : r.plans) reviewed += (reviewed.empty() ? "" : ", ") + href(report, {LinkKind::plan, p});
    for (const auto& a : r.actions) reviewed += (reviewed.empty() ? "" : ", ") + href(report, {LinkKind::action, a});
    std::string closures;
    for (const auto& a : r.closures_signed_off) {
      closures += (closures.empty() ? "" : ", ") + href(report, {LinkKind::action, a});
    }
    out += "<tr id=\"" + esc(anchor_of(LinkKind::review, r.review_id)) + "\">" + id_cell(esc(r.review_id)) +
           cell(esc(detail::sentence_case(r.forum))) + id_cell(human_date(r.date)) + cell(reviewed) + cell(closures) +
           cell(esc(r.decisions)) + "</tr>";
  }
  table_end(out);
}

void harm_profile(std::string& out, const GovernanceReport& report) {
  if (report.harm_profile.empty()) {
    out += "<p>No incidents in the period.</p>";
    return;
  }
  table_head(out, {{"Category", false}, {"No harm", true}, {"Low", true}, {"Moderate", true}, {"Severe", true},
                   {"Fatal", true}, {"Psych. none", true}, {"Low", true}, {"Moderate", true}, {"Severe", true},
                   {"Not recorded", true}});
  for (const auto& r : report.harm_profile) {
    out += "<tr>" + cell(esc(detail::sentence_case(r.category)));
    for (int n : r.physical) out += cell(std::to_string(n), true);
    for (int n : r.psychological) out += cell(std::to_string(n), true);
    out += cell(std::to_string(r.psychological_not_recorded), true) + "</tr>";
  }
  table_end(out);
  out += "<p class=\"figures\">Physical harm as LFPSE grades it (none, low, moderate, severe, fatal), then "
         "psychological harm (none, low, moderate, severe).</p>";
}

void meeting_pack(std::string& out, const GovernanceReport& report) {
  const MeetingPack& m = *report.meeting;
  const auto items = [&out, &report](const char* title, const std::vector<MeetingItem>& list) {
    out += "<h3>" + std::string(title) + "</h3>";
    if (list.empty()) {
      out += "<p class=\"none\">None.</p>";
      return;
    }
    out += "<ul class=\"meeting\">";
    for (const auto& item : list) {
      out += "<li>" + esc(item.text);
      for (const auto& link : item.links) out += " · " + href(report, link);
      out += "</li>";
    }
    out += "</ul>";
  };
  items("Plans due for review", m.plans_due_for_review);
  items("Overdue actions", m.overdue_actions);
  items("Fading actions", m.fading_actions);
  items("Evaluations now allowed", m.evaluations_allowed);
  items("Decisions needed", m.decisions_needed);
}

void learning(std::string& out, const GovernanceReport& report) {
  if (report.learning.empty()) {
    out += "<p>No learning shared in the period.</p>";
    return;
  }
  table_head(out, {{"Share", false}, {"Plan", false}, {"Channel", false}, {"Date", false},
                   {"Target service", false}, {"Acknowledged", false}, {"Status", false},
                   {"Staff briefed", false}});
  for (const auto& s : report.learning) {
    for (std::size_t i = 0; i < s.targets.size(); ++i) {
      const auto& t = s.targets[i];
      const bool bad = t.status == "not_acknowledged" || t.status == "undecided";
      out += std::string("<tr") + (i == 0 ? " id=\"" + esc(anchor_of(LinkKind::share, s.share_id)) + "\"" : "") +
             ">" + id_cell(esc(s.share_id)) + id_cell(href(report, {LinkKind::plan, s.plan_id})) +
             cell(esc(words(s.channel))) + cell(human_date(s.date)) + cell(esc(t.service_name)) +
             cell(opt_date(t.acknowledged_on)) +
             cell(bad ? "<span class=\"flag\">" + esc(words(t.status)) + "</span>" : esc(words(t.status))) +
             cell(detail::reach_short(t) ? "<span class=\"flag\">" + esc(detail::reach_text(t)) + "</span>"
                                         : esc(detail::reach_text(t))) +
             "</tr>";
    }
  }
  table_end(out);
}

void strength(std::string& out, const GovernanceReport& report) {
  const StrengthProfile& s = report.strength;
  const int total = s.stronger + s.intermediate + s.weaker;
  if (total > 0) {
    out += "<div class=\"strength\" role=\"img\" aria-label=\"Stronger " + std::to_string(s.stronger) +
           ", intermediate " + std::to_string(s.intermediate) + ", weaker " + std::to_string(s.weaker) + "\">";
    const auto bar = [&](int n, const char* cls, const char* label) {
      if (n == 0) return;
      out += std::string("<div class=\"") + cls + "\" style=\"flex:" + std::to_string(n) + "\">" + label +
             " " + std::to_string(n) + "</div>";
    };
    bar(s.stronger, "s-stronger", "Stronger");
    bar(s.intermediate, "s-intermediate", "Intermediate");
    bar(s.weaker, "s-weaker", "Weaker");
    out += "</div>";
  } else {
    out += "<p>No actions in scope.</p>";
  }
  if (!s.by_intervention.empty()) {
    table_head(out, {{"Intervention", false}, {"Strength", false}, {"Actions", true}});
    for (const auto& c : s.by_intervention) {
      out += "<tr>" + cell(esc(detail::sentence_case(c.intervention))) + cell(esc(c.strength)) +
             cell(std::to_string(c.actions), true) + "</tr>";
    }
    table_end(out);
  }
  if (!s.weaker_only_plans.empty()) {
    out += "<p><span class=\"flag\">Plans whose actions are all weaker</span> (training, policy, "
           "reminders): ";
    for (std::size_t i = 0; i < s.weaker_only_plans.size(); ++i) {
      out += (i > 0 ? ", " : "") + href(report, {LinkKind::plan, s.weaker_only_plans[i]});
    }
    out += ". Each learning response should carry at least one stronger or intermediate action; "
           "weaker ones are stop-gaps.</p>";
  }
}

}  // namespace

std::string to_html(const GovernanceReport& report) {
  const ReportHeader& h = report.header;
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"" + esc(h.generator) + "\">\n<title>" + esc(h.title) +
      "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  out += "<header class=\"masthead\"><div class=\"inner\"><p class=\"eyebrow\">Governance report · " +
         esc(detail::sentence_case(to_string(h.audience))) + "</p><h1>" + esc(h.title) +
         "</h1><p class=\"meta\">" + esc(h.provider) + " · " + esc(h.scope_name) + " · " +
         human_date(h.period_start) + " to " + human_date(h.period_end) + " · as of " +
         human_date(h.as_of) + "</p>";
  if (is_outside(h.audience)) {
    out += "<p class=\"outside\">Prepared for an outside audience: no person-identifying data, and "
           "staff-written text only from records marked shareable.</p>";
  }
  out += "</div></header>\n<main>\n";

  const Overview& o = report.overview;
  out += "<section class=\"kpis\" id=\"overview\" aria-label=\"At a glance\">";
  kpi(out, std::to_string(o.incidents), "incidents in the period");
  kpi(out, std::to_string(o.actions_open), "open actions");
  kpi(out, std::to_string(o.actions_overdue), "overdue actions", o.actions_overdue > 0 ? "warn" : "good");
  kpi(out, std::to_string(report.needs_attention.size()), "items need attention",
      report.needs_attention.empty() ? "good" : "warn");
  kpi(out, std::to_string(o.actions_implemented) + " / " + std::to_string(o.actions_verified),
      "actions implemented / verified");
  kpi(out, std::to_string(o.evaluated_effective) + " of " +
               std::to_string(o.evaluated_effective + o.evaluated_not_effective + o.evaluated_inconclusive),
      "evaluations found effective");
  kpi(out, std::to_string(o.share_targets_adopted) + " of " + std::to_string(o.share_targets),
      "services adopted shared learning");
  kpi(out, std::to_string(o.notifiable_incidents), "notifiable (Duty of Candour)");
  out += "</section>\n";

  out += "<nav class=\"toc\" aria-label=\"Sections\">";
  std::vector<SectionKey> sections;
  if (report.meeting) sections.push_back(SectionKey::meeting_pack);
  for (auto key : {SectionKey::needs_attention, SectionKey::trends, SectionKey::harm_profile,
                   SectionKey::action_plans, SectionKey::evidence, SectionKey::effectiveness,
                   SectionKey::governance_trail, SectionKey::learning, SectionKey::action_strength}) {
    sections.push_back(key);
  }
  for (auto key : sections) {
    out += "<a href=\"#" + std::string(to_string(key)) + "\">" + esc(title_of(key)) + "</a>";
  }
  if (!report.cqc_mapping.empty()) out += "<a href=\"#cqc\">CQC mapping</a>";
  out += "</nav>\n";

  int number = 0;
  if (report.meeting) {
    open_section(out, report, ++number, SectionKey::meeting_pack);
    meeting_pack(out, report);
    out += "</section>\n";
  }
  open_section(out, report, ++number, SectionKey::needs_attention);
  if (report.needs_attention.empty()) {
    out += "<p class=\"none\">Nothing needs attention as of " + human_date(h.as_of) + ".</p>";
  } else {
    out += "<ol class=\"findings\">";
    for (const auto& f : report.needs_attention) {
      const std::string severity(to_string(f.severity));
      out += "<li class=\"finding " + severity + "\"><p class=\"what\"><span class=\"sev " + severity +
             "\">" + severity + "</span>" + esc(title_of(f.kind)) + ": " + esc(f.title) + "</p>";
      if (!f.detail.empty()) out += "<p class=\"detail\">" + esc(f.detail) + "</p>";
      if (!f.owner.empty()) out += "<p class=\"detail\">Owner: " + esc(f.owner) + "</p>";
      if (!f.links.empty()) {
        out += "<p class=\"links\">See ";
        for (std::size_t i = 0; i < f.links.size(); ++i) out += (i > 0 ? ", " : "") + href(report, f.links[i]);
        out += "</p>";
      }
      out += "</li>";
    }
    out += "</ol>";
  }
  out += "</section>\n";

  const std::pair<SectionKey, void (*)(std::string&, const GovernanceReport&)> bodies[] = {
      {SectionKey::trends, trends},           {SectionKey::harm_profile, harm_profile},
      {SectionKey::action_plans, plans_and_actions}, {SectionKey::evidence, evidence},
      {SectionKey::effectiveness, effectiveness},   {SectionKey::governance_trail, governance_trail},
      {SectionKey::learning, learning},       {SectionKey::action_strength, strength}};
  for (const auto& [key, body] : bodies) {
    open_section(out, report, ++number, key);
    body(out, report);
    out += "</section>\n";
  }

  if (!report.cqc_mapping.empty()) {
    out += "<section id=\"cqc\"><h2>CQC quality statements and evidence categories</h2>";
    table_head(out, {{"Section", false}, {"Quality statements", false}, {"Evidence categories", false}});
    for (const auto& m : report.cqc_mapping) {
      std::string statements;
      for (auto q : m.quality_statements) statements += "<span class=\"tag q\">" + esc(title_of(q)) + "</span>";
      std::string categories;
      for (auto c : m.evidence_categories) categories += "<span class=\"tag\">" + esc(title_of(c)) + "</span>";
      out += "<tr>" + cell("<a href=\"#" + std::string(to_string(m.section)) + "\">" +
                           esc(title_of(m.section)) + "</a>") +
             cell(statements) + cell(categories) + "</tr>";
    }
    table_end(out);
    if (!report.cqc_coverage.empty()) {
      out += "<h3>Evidence held, by CQC evidence category</h3>";
      table_head(out, {{"Evidence category", false}, {"Entries", true}, {"Evidence", false}});
      for (const auto& c : report.cqc_coverage) {
        out += "<tr>" + cell(esc(title_of(c.category))) + cell(std::to_string(c.entries), true) +
               cell(c.entries > 0 ? std::string("yes") : "<span class=\"flag\">none in this report</span>") + "</tr>";
      }
      table_end(out);
    }
    out += "</section>\n";
  }
  out += "</main>\n<footer>" + esc(h.generator) + " · as of " + human_date(h.as_of) +
         " · schema version " + std::to_string(kSchemaVersion) + "</footer>\n</body>\n</html>\n";
  return out;
}

}  // namespace closeloop::report
