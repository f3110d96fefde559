#pragma once
/// \file
/// The governance report model: plain structs that hold everything a board, a
/// commissioner or a CQC inspector reads, independent of how it is rendered.
/// The builder (build.hpp) fills it from a register, incidents and exposures;
/// the renderers (render.hpp) turn it into JSON, Markdown and HTML. Every field
/// is public so a host application can build or adjust a report by hand.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "closeloop/core/date.hpp"
#include "closeloop/core/enum_words.hpp"
#include "closeloop/core/enums.hpp"

namespace closeloop::report {

/// The version of the JSON schema the renderers write (docs/report-schema.md).
/// Bumped when a key is removed or changes meaning; adding keys keeps it.
inline constexpr int kSchemaVersion = 2;

/// Who the report is for. The board and the governance meeting are inside
/// the provider; commissioners and inspectors are outside audiences: their
/// reports never carry a person-identifying field, and staff-written free
/// text only from records marked shareable (docs/data-protection.md).
enum class Audience : unsigned char { board, commissioner, inspector, governance };

/// Whether `audience` is outside the provider (commissioner, inspector).
constexpr bool is_outside(Audience audience) noexcept {
  return audience == Audience::commissioner || audience == Audience::inspector;
}

/// How urgently a finding needs attention.
enum class Severity : unsigned char { high, medium, low };

/// What kind of "needs attention" finding this is.
enum class FindingKind : unsigned char {
  overdue,                ///< an open action past its due date, not implemented
  stale,                  ///< an open action with no activity for too long
  unreviewed_plan,        ///< an open plan missing its governance review
  missed_monitoring,      ///< a scheduled monitoring check not done
  faded_after_closure,    ///< a closed action whose sustainment check failed or lapsed
  recurrence,             ///< the same kind of incident again after implementation
  special_cause_concern,  ///< a key metric's SPC chart signals a deterioration
  learning_not_spread,    ///< a target service has not acknowledged or decided on a share
  weaker_actions_only,    ///< a plan whose actions are all of the weaker kind
  escalation_due,         ///< an escalation from the escalation path falls due
  not_effective,          ///< an evaluated action found not effective
};

/// What a link points at; the HTML rendering turns links into in-page anchors.
enum class LinkKind : unsigned char {
  action,
  plan,
  chart,
  funnel,
  service,
  share,
  review,
  investigation,
};

/// How Making Data Count colours an SPC point.
enum class PointClass : unsigned char {
  common_cause,  ///< grey
  concern,       ///< orange: special cause in the worse direction
  improvement,   ///< blue: special cause in the better direction
  neutral,       ///< purple: special cause where no direction is better
};

/// The CQC quality statements a section's evidence supports.
enum class QualityStatement : unsigned char {
  learning_culture,
  safe_systems_pathways_transitions,
  governance_management_sustainability,
};

/// CQC's evidence categories.
enum class EvidenceCategory : unsigned char {
  processes,
  outcomes,
  observation,
  feedback_from_staff_and_leaders,
  peoples_experience,
  feedback_from_partners,
};

/// The report's sections, in the order they are rendered.
enum class SectionKey : unsigned char {
  meeting_pack,
  needs_attention,
  trends,
  harm_profile,
  action_plans,
  evidence,
  effectiveness,
  governance_trail,
  learning,
  action_strength,
};

/// "board", "commissioner", "inspector".
std::string_view to_string(Audience value) noexcept;
/// "high", "medium", "low".
std::string_view to_string(Severity value) noexcept;
/// The finding kind's word, e.g. "unreviewed_plan".
std::string_view to_string(FindingKind value) noexcept;
/// The link kind's word, e.g. "action".
std::string_view to_string(LinkKind value) noexcept;
/// "common_cause", "concern", "improvement", "neutral".
std::string_view to_string(PointClass value) noexcept;
/// The quality statement's word, e.g. "learning_culture".
std::string_view to_string(QualityStatement value) noexcept;
/// The evidence category's word, e.g. "processes".
std::string_view to_string(EvidenceCategory value) noexcept;
/// The section's key, e.g. "needs_attention".
std::string_view to_string(SectionKey value) noexcept;

/// Parses an audience word; InputError listing the words otherwise.
Audience parse_audience(std::string_view text);
/// Parses a severity word; InputError listing the words otherwise.
Severity parse_severity(std::string_view text);
/// Parses a finding kind word; InputError listing the words otherwise.
FindingKind parse_finding_kind(std::string_view text);
/// Parses a link kind word; InputError listing the words otherwise.
LinkKind parse_link_kind(std::string_view text);
/// Parses a point class word; InputError listing the words otherwise.
PointClass parse_point_class(std::string_view text);
/// Parses a quality statement word; InputError listing the words otherwise.
QualityStatement parse_quality_statement(std::string_view text);
/// Parses an evidence category word; InputError listing the words otherwise.
EvidenceCategory parse_evidence_category(std::string_view text);
/// Parses a section key; InputError listing the words otherwise.
SectionKey parse_section_key(std::string_view text);

/// The heading of a quality statement as CQC writes it ("Learning culture").
std::string_view title_of(QualityStatement value) noexcept;
/// The heading of an evidence category ("Feedback from staff and leaders").
std::string_view title_of(EvidenceCategory value) noexcept;
/// The heading of a section ("Needs attention").
std::string_view title_of(SectionKey value) noexcept;
/// A human heading for a finding kind ("Overdue action").
std::string_view title_of(FindingKind value) noexcept;

/// A reference from one part of the report to another (an action, a chart...).
struct Link {
  LinkKind kind = LinkKind::action;
  std::string id;  ///< the target's id (action id, chart id, ...)
  bool operator==(const Link&) const = default;
};

/// The in-page anchor of a link target: "<kind>-<id>" with characters outside
/// [A-Za-z0-9_-] written as "_xx" (hex), so ids with spaces or quotes stay
/// valid HTML ids and distinct ids stay distinct.
std::string anchor_of(LinkKind kind, std::string_view id);

/// Who the report covers and when.
struct ReportHeader {
  std::string title;                      ///< e.g. "Governance report: Sample Care Group"
  std::string provider;                   ///< the provider's name
  /// The services covered, sorted; empty for the whole organisation.
  std::vector<std::string> scope_service_ids;
  std::string scope_name;                 ///< the organisation's, contract's or service's name
  Date period_start{boost::gregorian::not_a_date_time};  ///< first day covered
  Date period_end{boost::gregorian::not_a_date_time};    ///< last day covered (inclusive)
  Date as_of{boost::gregorian::not_a_date_time};         ///< the date the signals are computed for
  Audience audience = Audience::board;
  std::string generator;  ///< "closeloop <version>"
  bool operator==(const ReportHeader&) const = default;
};

/// The headline figures shown at the top of the report.
struct Overview {
  int services = 0;                ///< services in scope
  int incidents = 0;               ///< incidents in the period
  int notifiable_incidents = 0;    ///< Duty of Candour notifiable incidents in the period
  int plans_open = 0;              ///< plans with at least one open action
  int actions_open = 0;            ///< actions not closed or cancelled
  int actions_overdue = 0;         ///< open, not implemented, past due
  int actions_implemented = 0;     ///< implemented during the period
  int actions_verified = 0;        ///< verified during the period
  int evaluated_effective = 0;     ///< evaluations with verdict effective
  int evaluated_not_effective = 0; ///< evaluations with verdict not_effective
  int evaluated_inconclusive = 0;  ///< evaluations with verdict inconclusive
  int shares = 0;                  ///< learning shares made during the period
  int share_targets = 0;           ///< target services of those shares
  int share_targets_adopted = 0;   ///< target services that adopted the change
  bool operator==(const Overview&) const = default;
};

/// One "needs attention" item.
struct Finding {
  FindingKind kind = FindingKind::overdue;
  Severity severity = Severity::medium;
  std::string title;                 ///< one line, generated (never incident free text)
  std::string detail;                ///< the figures behind it, generated
  std::string service_id;            ///< the service concerned, if one
  std::optional<Date> since;         ///< when the condition began (due date, last activity...)
  std::vector<Link> links;           ///< the actions, plans and charts behind it
  /// The action's owner (a person): inside audiences only, never in the text.
  std::string owner;
  bool operator==(const Finding&) const = default;
};

/// Which SPC rules flagged a point.
struct PointSignals {
  bool outside_limits = false;
  bool shift = false;
  bool trend = false;
  bool two_of_three = false;
  bool long_run = false;
  bool few_crossings = false;
  /// True when any rule flagged the point.
  [[nodiscard]] bool any() const noexcept {
    return outside_limits || shift || trend || two_of_three || long_run || few_crossings;
  }
  bool operator==(const PointSignals&) const = default;
};

/// One point of a metric series: a period's count, exposure and rate with the
/// chart's centre and limits (NaN where a chart has none).
struct SeriesPoint {
  Date period_start{boost::gregorian::not_a_date_time};
  double count = 0.0;
  double exposure = 0.0;
  double value = 0.0;   ///< the plotted value (rate per `per`, or the count)
  double centre = 0.0;
  double lcl = 0.0;
  double ucl = 0.0;
  PointSignals signals;
  PointClass point_class = PointClass::common_cause;
  bool operator==(const SeriesPoint&) const = default;
};

/// A rebase of a chart: the index of the first point of a new phase, drawn as
/// a break at the date an action was implemented.
struct PhaseBreak {
  std::size_t index = 0;
  Date date{boost::gregorian::not_a_date_time};
  std::string label;          ///< e.g. "A-12 implemented"
  std::vector<Link> links;    ///< the actions behind the break
  bool operator==(const PhaseBreak&) const = default;
};

/// One phase of a chart (between rebases) and the figures its centre rests on.
struct PhaseWindow {
  Date start{boost::gregorian::not_a_date_time};  ///< first day of its first period
  Date end{boost::gregorian::not_a_date_time};    ///< last day of its last period
  int periods = 0;         ///< periods with exposure
  double count = 0.0;      ///< incidents in those periods
  double exposure = 0.0;   ///< exposure in those periods
  double centre = 0.0;     ///< the phase's centre line (pooled rate per `per`)
  bool operator==(const PhaseWindow&) const = default;
};

/// An incident trend for a key metric with its SPC chart and verdicts.
struct MetricSeries {
  std::string id;            ///< unique within the report; charts are linked by it
  std::string title;         ///< e.g. "Falls per 1,000 occupied bed days"
  std::string category;      ///< incident category counted
  std::string service_id;    ///< empty for the whole scope
  std::string measure;       ///< exposure measure, e.g. "occupied_bed_days" (empty for counts)
  double per = 1000.0;       ///< rate multiplier
  std::string unit;          ///< e.g. "per 1,000 occupied bed days"
  std::string chart;         ///< "u", "c", "xmr", ...
  std::string improvement;   ///< "decrease", "increase" or "" (neutral)
  std::string period;        ///< "month", "week", ...
  std::vector<SeriesPoint> points;
  std::vector<PhaseBreak> phase_breaks;
  /// Each phase's window and the counts its centre rests on (one per phase).
  std::vector<PhaseWindow> phases;
  /// Why an implementation is not drawn as a rebase (too few points on a
  /// side: see ReportOptions::min_phase_points); empty when every one is.
  std::string rebase_note;
  std::string variation;     ///< Making Data Count verdict from the last point
  std::optional<std::string> assurance;  ///< against `target`, if one was given
  std::optional<double> target;
  std::string summary;       ///< a generated sentence stating the verdict with figures
  std::vector<Link> links;   ///< the actions whose outcome measure this is
  /// Drawn as a chart (key metrics, action outcomes, any special cause);
  /// otherwise listed in the compact table of other categories.
  bool headline = true;
  bool operator==(const MetricSeries&) const = default;
};

/// One service on a funnel plot.
struct FunnelPoint {
  std::string service_id;
  std::string service_name;
  double count = 0.0;
  double exposure = 0.0;
  double rate = 0.0;        ///< per `per`
  double lower95 = 0.0;
  double upper95 = 0.0;
  double lower998 = 0.0;
  double upper998 = 0.0;
  /// "above_998", "above_95", "within", "below_95" or "below_998".
  std::string position;
  bool operator==(const FunnelPoint&) const = default;
};

/// The funnel's limits at one exposure, for drawing the curves.
struct FunnelCurvePoint {
  double exposure = 0.0;
  double lower95 = 0.0;
  double upper95 = 0.0;
  double lower998 = 0.0;
  double upper998 = 0.0;
  bool operator==(const FunnelCurvePoint&) const = default;
};

/// Each service's rate against the organisation's, with 95% and 99.8% limits.
struct Funnel {
  std::string id;
  std::string title;
  std::string category;
  std::string measure;
  double per = 1000.0;
  std::string unit;
  std::string improvement;  ///< "decrease", "increase" or ""
  double organisation_rate = 0.0;
  std::vector<FunnelPoint> points;
  std::vector<FunnelCurvePoint> curve;  ///< by increasing exposure
  std::string summary;
  bool operator==(const Funnel&) const = default;
};

/// The status of one action plan.
struct PlanStatus {
  std::string plan_id;
  std::string investigation_id;
  std::string label;             ///< generated: method, categories and service
  std::string service_id;        ///< empty for an organisation-wide plan
  std::optional<Date> approved_on;
  /// Actions by state, indexed by closeloop::ActionState.
  std::array<int, 9> actions_by_state{};
  int actions_overdue = 0;
  std::optional<Date> last_reviewed;
  std::optional<Date> next_review_due;
  bool weaker_only = false;      ///< every action is of the weaker kind
  bool operator==(const PlanStatus&) const = default;
};

/// One dated step of an action's history within the report period: what
/// happened, in the order it happened (closed, faded, reopened...).
struct HistoryEntry {
  Date date{boost::gregorian::not_a_date_time};
  /// "agreed", "started", "implemented", "verified", "evaluated", "closed",
  /// "reopened", "cancelled", "sustainment_check_failed" or
  /// "sustainment_check_missed".
  std::string event;
  std::optional<std::string> verdict;   ///< evaluated: the verdict
  std::optional<std::string> decision;  ///< closed: adopt / adapt / abandon
  std::string review_id;                ///< closed: the review that signed it off
  std::string check_id;                 ///< a sustainment check behind the entry
  /// Staff-written text (the evaluation's basis, the reopen or cancel
  /// reason): inside audiences only.
  std::string reason;
  bool operator==(const HistoryEntry&) const = default;
};

/// The status of one action.
struct ActionStatus {
  std::string action_id;
  std::string plan_id;
  std::string service_id;
  std::string title;
  std::string owner;             ///< empty in reports for outside audiences
  std::optional<Date> due;
  ActionState state = ActionState::proposed;
  std::string intervention;      ///< intervention type word
  std::string strength;          ///< "stronger", "intermediate", "weaker"
  std::optional<Date> implemented_on;
  std::optional<Date> verified_on;
  std::optional<std::string> verdict;   ///< effectiveness verdict, once evaluated
  std::optional<std::string> decision;  ///< adopt / adapt / abandon
  int evidence_items = 0;
  int checks_passed = 0;
  int checks_failed = 0;
  std::optional<Date> last_activity;
  std::vector<std::string> signals;     ///< e.g. "overdue", "stale"
  /// What happened to it in the period, in order.
  std::vector<HistoryEntry> history;
  bool operator==(const ActionStatus&) const = default;
};

/// One piece of evidence of implementation or verification: an evidence item
/// or a monitoring check.
struct EvidenceEntry {
  std::string action_id;
  /// "evidence", "check", or "checks": routine passing monitoring checks of
  /// one kind summarised (count in `result`, latest date in `date`).
  std::string source;
  std::string id;                ///< the evidence or check id
  std::string kind;              ///< audit_result, training_record, spot_check, ...
  Date date{boost::gregorian::not_a_date_time};
  std::string stage;             ///< "implementation", "verification", "sustainment", "monitoring"
  std::string reference;         ///< a document reference (evidence) or empty
  std::string summary;           ///< generated for checks; the evidence summary otherwise
  std::optional<std::string> result;  ///< checks: "pass" / "fail" with a score if any
  std::optional<EvidenceCategory> cqc_category;  ///< set in inspector reports
  bool operator==(const EvidenceEntry&) const = default;
};

/// Counts and exposure of one side of a before/after comparison.
struct RateWindow {
  Date start{boost::gregorian::not_a_date_time};
  Date end{boost::gregorian::not_a_date_time};  ///< inclusive
  double count = 0.0;
  double exposure = 0.0;
  double rate = 0.0;  ///< per `per` of the claim
  int periods = 0;    ///< whole months with exposure in the window
  bool operator==(const RateWindow&) const = default;
};

/// An effectiveness verdict with the figures behind it.
struct EffectivenessClaim {
  std::string action_id;
  std::string plan_id;
  std::string title;               ///< the action's title
  std::string measure;             ///< the outcome measure described in words
  std::string category;
  std::string service_id;
  std::string verdict;             ///< "effective", "not_effective", "inconclusive"
  Date evaluated_on{boost::gregorian::not_a_date_time};  ///< the evaluation's date
  std::optional<Date> implemented_on;
  /// Staff-written basis of the verdict: inside audiences only.
  std::string basis;
  /// What happened after the evaluation, as of the report date (generated:
  /// "Closed 3 Aug 2026 (adopt); reopened 2 Nov 2026").
  std::string since;
  double per = 1000.0;
  RateWindow before;
  RateWindow after;
  double rate_ratio = 0.0;         ///< after / before (NaN when undefined)
  double ci_lower = 0.0;           ///< exact 95% interval of the rate ratio
  double ci_upper = 0.0;
  double p_value = 0.0;
  std::string spc_after;           ///< variation verdict of the rebased chart
  std::string series_id;           ///< the chart behind the claim (may be empty)
  std::string statement;           ///< generated sentence quoting the figures
  /// The library's own verdict from the data (lifecycle::evaluate_effectiveness)
  /// as a cross-check of the recorded one; empty when it cannot be computed.
  std::string assessed_verdict;
  /// Why, in the library's words.
  std::string assessed_reason;
  bool operator==(const EffectivenessClaim&) const = default;
};

/// One target service of a learning share.
struct ShareTarget {
  std::string service_id;
  std::string service_name;
  std::optional<Date> acknowledged_on;
  std::optional<bool> adopted;     ///< nothing while undecided
  /// "adopted", "not_adopted", "undecided" or "not_acknowledged".
  std::string status;
  /// Learning reach as of the report date: staff briefed of staff in scope
  /// from the latest briefing record (nothing when none is recorded).
  std::optional<int> briefed;
  std::optional<int> in_scope;
  std::optional<Date> reach_on;   ///< the date of that record
  double reach_threshold = 0.0;   ///< the plan's threshold (0: no reach check)
  bool operator==(const ShareTarget&) const = default;
};

/// A learning share and how each target service took it up.
struct LearningShareStatus {
  std::string share_id;
  std::string plan_id;
  std::string channel;
  Date date{boost::gregorian::not_a_date_time};
  std::string from_service_id;     ///< the service the learning came from
  std::vector<ShareTarget> targets;
  bool operator==(const LearningShareStatus&) const = default;
};

/// Actions counted by intervention type.
struct InterventionCount {
  std::string intervention;
  std::string strength;
  int actions = 0;
  bool operator==(const InterventionCount&) const = default;
};

/// The action strength profile of the actions in scope.
struct StrengthProfile {
  int stronger = 0;
  int intermediate = 0;
  int weaker = 0;
  std::vector<InterventionCount> by_intervention;
  std::vector<std::string> weaker_only_plans;  ///< plans with no stronger or intermediate action
  bool operator==(const StrengthProfile&) const = default;
};

/// The CQC quality statements a section supports (inspector reports).
struct SectionMapping {
  SectionKey section = SectionKey::needs_attention;
  std::vector<QualityStatement> quality_statements;
  std::vector<EvidenceCategory> evidence_categories;
  bool operator==(const SectionMapping&) const = default;
};

/// A governance review: the forum, what it reviewed and decided, and the
/// closures it signed off.
struct ReviewEntry {
  std::string review_id;
  std::string forum;                          ///< forum word, e.g. "clinical_governance"
  Date date{boost::gregorian::not_a_date_time};
  std::vector<std::string> plans;             ///< plans reviewed
  std::vector<std::string> actions;           ///< actions reviewed
  /// The decisions minuted: inside audiences, or outside when the review is
  /// marked shareable; empty otherwise.
  std::string decisions;
  /// Actions whose closure this review signed off.
  std::vector<std::string> closures_signed_off;
  bool operator==(const ReviewEntry&) const = default;
};

/// One item of the governance meeting pack.
struct MeetingItem {
  std::string text;              ///< generated, e.g. "P-FALL-1 review due 2 Dec 2026"
  std::optional<Date> date;      ///< the date it turns on (due, allowed from...)
  std::vector<Link> links;
  bool operator==(const MeetingItem&) const = default;
};

/// What the weekly governance meeting has to look at (audience governance).
struct MeetingPack {
  std::vector<MeetingItem> plans_due_for_review;  ///< overdue or due within the week
  std::vector<MeetingItem> overdue_actions;
  std::vector<MeetingItem> fading_actions;        ///< stale, missed monitoring, faded after closure
  std::vector<MeetingItem> evaluations_allowed;   ///< implemented long enough, not yet evaluated
  std::vector<MeetingItem> decisions_needed;      ///< evaluated awaiting a decision; plans awaiting approval
  bool operator==(const MeetingPack&) const = default;
};

/// Incidents of one category in the period by LFPSE harm grade.
struct HarmRow {
  std::string category;
  /// Physical harm: none, low, moderate, severe, fatal.
  std::array<int, 5> physical{};
  /// Psychological harm: none, low, moderate, severe.
  std::array<int, 4> psychological{};
  /// Incidents whose psychological harm is not recorded (rows read from a
  /// CSV without the register's record).
  int psychological_not_recorded = 0;
  bool operator==(const HarmRow&) const = default;
};

/// How many evidence entries of the report fall in one CQC evidence category.
struct CqcCoverage {
  EvidenceCategory category = EvidenceCategory::processes;
  int entries = 0;   ///< 0: the report holds no evidence of this category
  bool operator==(const CqcCoverage&) const = default;
};

/// A whole governance report.
struct GovernanceReport {
  ReportHeader header;
  Overview overview;
  std::vector<Finding> needs_attention;       ///< most severe first
  std::vector<MetricSeries> trends;
  std::vector<Funnel> funnels;
  std::vector<HarmRow> harm_profile;          ///< incidents in the period by harm, per category
  std::vector<PlanStatus> plans;
  std::vector<ActionStatus> actions;
  std::vector<EvidenceEntry> evidence;
  std::vector<EffectivenessClaim> effectiveness;
  std::vector<ReviewEntry> reviews;           ///< governance reviews in the period
  std::vector<LearningShareStatus> learning;
  StrengthProfile strength;
  std::vector<SectionMapping> cqc_mapping;    ///< empty unless the audience is the inspector
  std::vector<CqcCoverage> cqc_coverage;      ///< inspector: evidence entries per category (all six)
  std::optional<MeetingPack> meeting;         ///< the governance audience only
  bool operator==(const GovernanceReport&) const = default;
};

/// The standard CQC mapping of each section (what the inspector report
/// carries): needs attention and action plans support governance,
/// management and sustainability; trends and effectiveness support safe
/// systems, pathways and transitions; learning supports learning culture...
/// The full table is in docs/reports.md.
std::vector<SectionMapping> standard_cqc_mapping();

/// The CQC evidence category of an evidence or check kind (audit_result ->
/// processes, observation and competency_observation -> observation,
/// supervision -> feedback from staff and leaders, ...). Unknown kinds map to
/// processes.
EvidenceCategory evidence_category_of(std::string_view kind) noexcept;


}  // namespace closeloop::report

CLOSELOOP_ENUM_WORDS(closeloop::report::Audience, 4);
CLOSELOOP_ENUM_WORDS(closeloop::report::Severity, 3);
CLOSELOOP_ENUM_WORDS(closeloop::report::FindingKind, 11);
CLOSELOOP_ENUM_WORDS(closeloop::report::LinkKind, 8);
CLOSELOOP_ENUM_WORDS(closeloop::report::PointClass, 4);
CLOSELOOP_ENUM_WORDS(closeloop::report::QualityStatement, 3);
CLOSELOOP_ENUM_WORDS(closeloop::report::EvidenceCategory, 6);
CLOSELOOP_ENUM_WORDS(closeloop::report::SectionKey, 10);
