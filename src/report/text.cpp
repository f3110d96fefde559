#include "text.hpp"

#include <array>
#include <cmath>
#include <cstdio>

namespace closeloop::report::detail {

std::string fixed(double value, int decimals) {
  if (!std::isfinite(value)) return "n/a";
  std::array<char, 64> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.*f", decimals, value);
  std::string out(buffer.data());
  // "-0.00" reads as a negative figure; a board report says 0.00.
  if (out.front() == '-' && out.find_first_not_of("-0.") == std::string::npos) out.erase(0, 1);
  return out;
}

namespace {

std::string group_thousands(const std::string& digits) {
  // digits may carry a sign and a decimal part; group the integer part only.
  std::size_t start = (!digits.empty() && digits.front() == '-') ? 1 : 0;
  std::size_t end = digits.find('.');
  if (end == std::string::npos) end = digits.size();
  std::string out = digits.substr(0, start);
  const std::size_t length = end - start;
  for (std::size_t i = 0; i < length; ++i) {
    if (i > 0 && (length - i) % 3 == 0) out += ',';
    out += digits[start + i];
  }
  out += digits.substr(end);
  return out;
}

}  // namespace

std::string whole(double value) {
  if (!std::isfinite(value)) return "n/a";
  return group_thousands(fixed(std::round(value), 0));
}

std::string count(double value) {
  if (!std::isfinite(value)) return "n/a";
  if (value == std::round(value)) return whole(value);
  return group_thousands(fixed(value, 1));
}

namespace {
constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
}

std::string human_date(const Date& date) {
  if (date.is_special()) return "";
  const auto ymd = date.year_month_day();
  return std::to_string(static_cast<int>(ymd.day)) + " " +
         kMonths[static_cast<std::size_t>(ymd.month) - 1] + " " +
         std::to_string(static_cast<int>(ymd.year));
}

std::string month_label(const Date& date) {
  if (date.is_special()) return "";
  const auto ymd = date.year_month_day();
  const int year = static_cast<int>(ymd.year) % 100;
  return std::string(kMonths[static_cast<std::size_t>(ymd.month) - 1]) + " " +
         (year < 10 ? "0" : "") + std::to_string(year);
}

std::string month_year(const Date& date) {
  if (date.is_special()) return "";
  const auto ymd = date.year_month_day();
  return std::string(kMonths[static_cast<std::size_t>(ymd.month) - 1]) + " " +
         std::to_string(static_cast<int>(ymd.year));
}

std::string words(std::string_view word) {
  std::string out(word);
  for (char& c : out) {
    if (c == '_') c = ' ';
  }
  return out;
}

std::string sentence_case(std::string_view word) {
  std::string out = words(word);
  if (!out.empty() && out.front() >= 'a' && out.front() <= 'z') {
    out.front() = static_cast<char>(out.front() - 'a' + 'A');
  }
  return out;
}

std::string coord(double value) { return fixed(value, 1); }

std::string p_text(double p) {
  if (!std::isfinite(p)) return "p n/a";
  if (p < 0.001) return "p < 0.001";
  return "p = " + fixed(p, 3);
}

std::string ratio_text(double ratio, double lower, double upper) {
  return fixed(ratio, 2) + ", 95% CI " + fixed(lower, 2) + " to " + fixed(upper, 2);
}

std::string variation_text(std::string_view variation) {
  if (variation == "common_cause") return "Common cause variation";
  const auto side = [&](std::string_view prefix) -> std::string {
    return variation.substr(prefix.size()) == "high" ? "high" : "low";
  };
  if (variation.rfind("improvement_", 0) == 0) {
    return "Special cause improvement (" + side("improvement_") + ")";
  }
  if (variation.rfind("concern_", 0) == 0) return "Special cause concern (" + side("concern_") + ")";
  if (variation.rfind("neutral_", 0) == 0) return "Special cause, neutral (" + side("neutral_") + ")";
  return sentence_case(variation);
}

std::string assurance_text(std::string_view assurance) {
  if (assurance == "consistent_pass") return "Consistently passing the target";
  if (assurance == "consistent_fail") return "Consistently failing the target";
  if (assurance == "inconsistent") return "Hit and miss against the target";
  return sentence_case(assurance);
}

const SectionMapping* mapping_for(const GovernanceReport& report, SectionKey section) {
  for (const auto& mapping : report.cqc_mapping) {
    if (mapping.section == section) return &mapping;
  }
  return nullptr;
}

std::string link_label(const GovernanceReport& report, const Link& link) {
  if (link.kind == LinkKind::chart) {
    for (const auto& s : report.trends) {
      if (s.id == link.id) return "chart: " + s.title;
    }
  }
  if (link.kind == LinkKind::funnel) {
    for (const auto& f : report.funnels) {
      if (f.id == link.id) return "funnel: " + f.title;
    }
  }
  return std::string(to_string(link.kind)) + " " + link.id;
}

int open_actions(const PlanStatus& plan) {
  int open = 0;
  for (std::size_t i = 0; i < plan.actions_by_state.size(); ++i) {
    if (is_open(static_cast<ActionState>(i))) open += plan.actions_by_state[i];
  }
  return open;
}

std::string scope_text(const std::string& service_id) {
  return service_id.empty() ? "Organisation-wide" : service_id;
}

std::string join_words(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

bool reach_short(const ShareTarget& target) {
  if (!(target.reach_threshold > 0.0)) return false;
  if (!target.briefed || !target.in_scope || *target.in_scope <= 0) return true;
  return static_cast<double>(*target.briefed) < target.reach_threshold * static_cast<double>(*target.in_scope);
}

std::string reach_text(const ShareTarget& target) {
  if (!target.briefed || !target.in_scope || *target.in_scope <= 0) {
    return target.reach_threshold > 0.0 ? std::string("none recorded") : std::string();
  }
  std::string out = std::to_string(*target.briefed) + " of " + std::to_string(*target.in_scope) + " (" +
                    fixed(100.0 * *target.briefed / *target.in_scope, 0) + "%)";
  if (reach_short(target)) out += ", below " + fixed(100.0 * target.reach_threshold, 0) + "%";
  return out;
}

}  // namespace closeloop::report::detail
