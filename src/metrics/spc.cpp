// The SPC engine: centre and limits per phase for each chart kind, then the
// rules and verdicts. Formulas follow qicharts2 0.8.1 (c, u, p, Laney, t, g,
// mr, i') and NHSRplotthedots 0.2.2 (XmR with 2.66, the MDC rules and point
// types); docs/spc.md gives each with its source.
#include "closeloop/metrics/spc.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>

#include "closeloop/core/enum_text.hpp"
#include "closeloop/core/error.hpp"
#include "spc_checks.hpp"

namespace closeloop::metrics {

namespace {

using detail::is_subgroup_chart;
using detail::needs_denominators;
using detail::require_finite;
using detail::validate;
using detail::validate_columns;

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

constexpr EnumText<ChartKind, 11> chart_kind_text{"chart kind",
                                                  {{{ChartKind::xmr, "xmr"},
                                                    {ChartKind::run, "run"},
                                                    {ChartKind::c, "c"},
                                                    {ChartKind::u, "u"},
                                                    {ChartKind::p, "p"},
                                                    {ChartKind::t, "t"},
                                                    {ChartKind::g, "g"},
                                                    {ChartKind::mr, "mr"},
                                                    {ChartKind::ip, "ip"},
                                                    {ChartKind::xbar, "xbar"},
                                                    {ChartKind::s, "s"}}}};

// c4(n): E[s] / sigma for samples of n (Montgomery); NaN for n <= 1.
double c4(double n) {
  if (!(n > 1)) return nan;
  return std::sqrt(2 / (n - 1)) * std::exp(std::lgamma(n / 2) - std::lgamma((n - 1) / 2));
}

// R's mean(): a long double sum, then one refinement pass. Matching it bit for
// bit matters where a point sits exactly on the centre line.
double r_mean(std::span<const double> xs) {
  if (xs.empty()) return nan;
  const auto count = static_cast<long double>(xs.size());
  long double sum = 0.0L;
  for (double x : xs) sum += x;
  sum /= count;
  if (std::isfinite(static_cast<double>(sum))) {
    long double correction = 0.0L;
    for (double x : xs) correction += static_cast<long double>(x) - sum;
    sum += correction / count;
  }
  return static_cast<double>(sum);
}

// R's median(): the middle value, or the mean of the two middle values.
double r_median(std::vector<double>& xs) {
  if (xs.empty()) return nan;
  const std::size_t half = xs.size() / 2;
  std::nth_element(xs.begin(), xs.begin() + static_cast<std::ptrdiff_t>(half), xs.end());
  const double upper = xs[half];
  if (xs.size() % 2 == 1) return upper;
  const double lower =
      *std::max_element(xs.begin(), xs.begin() + static_cast<std::ptrdiff_t>(half));
  const std::array<double, 2> pair{lower, upper};
  return r_mean(pair);
}

double r_sum(std::span<const double> xs) {
  long double sum = 0.0L;
  for (double x : xs) sum += x;
  return static_cast<double>(sum);
}

// Mean of moving ranges, optionally screened once at 3.267 x their mean.
double mean_moving_range(std::vector<double>& ranges, bool screen, double screen_factor) {
  // A range that overflowed (1e308 next to -1e308) would be screened out and
  // leave no limits at all: it is kept as an infinite mean instead, which
  // require_finite then refuses naming the input.
  if (std::any_of(ranges.begin(), ranges.end(), [](double r) { return std::isinf(r); })) {
    return std::numeric_limits<double>::infinity();
  }
  double amr = r_mean(ranges);
  if (screen && !ranges.empty()) {
    const double limit = screen_factor * amr;
    std::erase_if(ranges, [limit](double r) { return !(r < limit); });
    amr = r_mean(ranges);
  }
  return amr;
}

int sign_of(double x) noexcept { return (x > 0) - (x < 0); }

// Per-thread scratch so that repeated calls (one per series) do not allocate.
struct Scratch {
  std::vector<double> a;
  std::vector<double> b;
};
Scratch& scratch() {
  thread_local Scratch buffers;
  return buffers;
}

class Engine {
 public:
  Engine(ChartKind kind, std::span<const double> values, std::span<const double> denominators,
         std::span<const double> spreads, const ChartOptions& options, const ChartColumns& out)
      : kind_(kind),
        a_(values),
        b_(denominators),
        sd_(spreads),
        options_(options),
        out_(out),
        rules_(rules_for(kind, options.rules)) {}

  ChartVerdict run(std::vector<PhaseSummary>* summaries) {
    const std::size_t n = a_.size();
    fill_values();
    const std::size_t phase_count = options_.phases.size() + 1;
    for (std::size_t p = 0; p < phase_count; ++p) {
      const std::size_t start = p == 0 ? 0 : options_.phases[p - 1];
      const std::size_t end = p + 1 < phase_count ? options_.phases[p] : n;
      for (std::size_t i = start; i < end; ++i) out_.phase[i] = static_cast<std::uint32_t>(p);
      compute_limits(start, end);
      PhaseSummary summary = apply_rules(start, end);
      if (summaries != nullptr) summaries->push_back(summary);
    }
    if (options_.per != 1.0) {
      scale(options_.per);
      if (summaries != nullptr) {
        for (std::size_t p = summaries->size() - phase_count; p < summaries->size(); ++p) {
          (*summaries)[p].centre *= options_.per;
        }
      }
    }
    return verdict();
  }

 private:
  bool excluded(std::size_t i) const noexcept {
    return !options_.exclude.empty() &&
           std::binary_search(options_.exclude.begin(), options_.exclude.end(), i);
  }
  bool present(std::size_t i) const noexcept { return !std::isnan(out_.value[i]); }
  bool in_sequence(std::size_t i) const noexcept { return present(i) && !excluded(i); }

  void fill_values() {
    const std::size_t n = a_.size();
    const bool paired = needs_denominators(kind_) && !is_subgroup_chart(kind_);
    for (std::size_t i = 0; i < n; ++i) {
      out_.value[i] = paired ? a_[i] / b_[i] : a_[i];  // NaN in either stays NaN
      for (auto& flag : out_.flags) flag[i] = 0;
      out_.point_type[i] = PointType::common_cause;
      if (!out_.special_cause.empty()) out_.special_cause[i] = SpecialCause::none;
    }
  }

  std::size_t baseline_end(std::size_t start, std::size_t end) const noexcept {
    return options_.baseline == 0 ? end : std::min(end, start + options_.baseline);
  }

  void set_lines(std::size_t i, double centre, double lcl, double ucl, double lcl2,
                 double ucl2) noexcept {
    out_.centre[i] = centre;
    out_.lcl[i] = lcl;
    out_.ucl[i] = ucl;
    out_.lcl_2sigma[i] = lcl2;
    out_.ucl_2sigma[i] = ucl2;
  }

  void compute_limits(std::size_t start, std::size_t end) {
    switch (kind_) {
      case ChartKind::xmr:
      case ChartKind::t:
        individuals(start, end);
        break;
      case ChartKind::run:
        run_centre(start, end);
        break;
      case ChartKind::c:
        c_limits(start, end);
        break;
      case ChartKind::u:
      case ChartKind::p:
        u_or_p_limits(start, end);
        break;
      case ChartKind::g:
        g_limits(start, end);
        break;
      case ChartKind::mr:
        mr_limits(start, end);
        break;
      case ChartKind::ip:
        ip_limits(start, end);
        break;
      case ChartKind::xbar:
      case ChartKind::s:
        subgroup_limits(start, end);
        break;
    }
  }

  // Present baseline values (transformed for the t chart) into scratch().a.
  std::vector<double>& baseline_values(std::size_t start, std::size_t end, bool t_transform) {
    std::vector<double>& xs = scratch().a;
    xs.clear();
    for (std::size_t i = start; i < baseline_end(start, end); ++i) {
      if (excluded(i) || !present(i)) continue;
      xs.push_back(t_transform ? std::pow(out_.value[i], 1.0 / 3.6) : out_.value[i]);
    }
    return xs;
  }

  // Moving ranges between consecutive baseline points (a missing point drops
  // the two ranges it touches, as diff() with NA does) into scratch().b.
  template <class Transform>
  std::vector<double>& baseline_ranges(std::size_t start, std::size_t end, Transform f) {
    std::vector<double>& ranges = scratch().b;
    ranges.clear();
    bool have_previous = false;
    double previous = nan;
    for (std::size_t i = start; i < baseline_end(start, end); ++i) {
      if (excluded(i)) continue;
      const double x = present(i) ? f(i) : nan;
      if (have_previous && !std::isnan(x) && !std::isnan(previous)) {
        ranges.push_back(std::abs(x - previous));
      }
      previous = x;
      have_previous = true;
    }
    return ranges;
  }

  void individuals(std::size_t start, std::size_t end) {
    const bool t = kind_ == ChartKind::t;
    const double k = options_.mr_constant.value_or(t ? qic_mr_constant : mdc_mr_constant);
    const double centre = r_mean(baseline_values(start, end, t));
    auto transformed = [&](std::size_t i) {
      return t ? std::pow(out_.value[i], 1.0 / 3.6) : out_.value[i];
    };
    std::vector<double>& ranges = baseline_ranges(start, end, transformed);
    const double amr =
        ranges.empty() ? nan : mean_moving_range(ranges, options_.screen_mr, mr_screen_factor);
    double lcl = centre - k * amr;
    double ucl = centre + k * amr;
    // 2 (k/3) as NHSRplotthedots writes its "close to limits" factor.
    double lcl2 = centre - 2 * (k / 3) * amr;
    double ucl2 = centre + 2 * (k / 3) * amr;
    double line = centre;
    if (t) {
      // Back-transform; a negative lower limit has no real 3.6th power: 0.
      auto back = [](double x) { return std::pow(x, 3.6); };
      auto back_lower = [&](double x) {
        const double y = back(x);
        return std::isnan(y) || y < 0 ? 0.0 : y;
      };
      line = back(centre);
      lcl = std::isnan(amr) ? nan : back_lower(lcl);
      ucl = back(ucl);
      lcl2 = std::isnan(amr) ? nan : back_lower(lcl2);
      ucl2 = back(ucl2);
    }
    for (std::size_t i = start; i < end; ++i) set_lines(i, line, lcl, ucl, lcl2, ucl2);
  }

  void run_centre(std::size_t start, std::size_t end) {
    const double centre = r_median(baseline_values(start, end, false));
    for (std::size_t i = start; i < end; ++i) set_lines(i, centre, nan, nan, nan, nan);
  }

  void c_limits(std::size_t start, std::size_t end) {
    const double centre = r_mean(baseline_values(start, end, false));
    const double sigma = std::sqrt(centre);
    const double lcl = std::max(0.0, centre - 3 * sigma);
    const double lcl2 = std::max(0.0, centre - 2 * sigma);
    for (std::size_t i = start; i < end; ++i) {
      set_lines(i, centre, lcl, centre + 3 * sigma, lcl2, centre + 2 * sigma);
    }
  }

  void g_limits(std::size_t start, std::size_t end) {
    std::vector<double>& xs = baseline_values(start, end, false);
    const double mean = r_mean(xs);
    const double sigma = std::sqrt(mean * (mean + 1));
    const double centre = r_median(xs);  // limits from the mean, centre at the median
    const double lcl = std::max(0.0, mean - 3 * sigma);
    const double lcl2 = std::max(0.0, mean - 2 * sigma);
    for (std::size_t i = start; i < end; ++i) {
      set_lines(i, centre, lcl, mean + 3 * sigma, lcl2, mean + 2 * sigma);
    }
  }

  void mr_limits(std::size_t start, std::size_t end) {
    // The plotted value is the moving range itself, restarted in each phase.
    out_.value[start] = nan;
    for (std::size_t i = end; i-- > start + 1;) out_.value[i] = std::abs(a_[i] - a_[i - 1]);
    const double centre = r_mean(baseline_values(start, end, false));
    const double ucl = mr_screen_factor * centre;
    const double ucl2 = (mr_screen_factor / 3) * 2 * centre;
    for (std::size_t i = start; i < end; ++i) set_lines(i, centre, 0.0, ucl, 0.0, ucl2);
  }

  void u_or_p_limits(std::size_t start, std::size_t end) {
    const bool p = kind_ == ChartKind::p;
    std::vector<double>& numerators = scratch().a;
    std::vector<double>& denominators = scratch().b;
    numerators.clear();
    denominators.clear();
    for (std::size_t i = start; i < baseline_end(start, end); ++i) {
      if (excluded(i) || !present(i)) continue;
      numerators.push_back(a_[i]);
      denominators.push_back(b_[i]);
    }
    const double centre = denominators.empty() ? nan : r_sum(numerators) / r_sum(denominators);
    auto sigma_at = [&](std::size_t i) {
      return p ? std::sqrt(centre * (1 - centre) / b_[i]) : std::sqrt(centre / b_[i]);
    };
    double sigma_z = 1.0;
    if (options_.laney) {
      // Laney: sigma of the z-scores from their moving range (qicharts2 up/pp).
      std::vector<double>& ranges = baseline_ranges(
          start, end, [&](std::size_t i) { return (out_.value[i] - centre) / sigma_at(i); });
      const double amr =
          ranges.empty() ? nan : mean_moving_range(ranges, options_.screen_mr, mr_screen_factor);
      sigma_z = amr / 1.128;
    }
    for (std::size_t i = start; i < end; ++i) {
      if (!present(i)) {
        set_lines(i, centre, nan, nan, nan, nan);
        continue;
      }
      const double sigma = sigma_at(i) * sigma_z;
      double lcl = centre - 3 * sigma;
      double lcl2 = centre - 2 * sigma;
      double ucl = centre + 3 * sigma;
      double ucl2 = centre + 2 * sigma;
      if (lcl < 0) lcl = 0;
      if (lcl2 < 0) lcl2 = 0;
      if (p && ucl > 1) ucl = 1;
      if (p && ucl2 > 1) ucl2 = 1;
      set_lines(i, centre, lcl, ucl, lcl2, ucl2);
    }
  }

  void ip_limits(std::size_t start, std::size_t end) {
    std::vector<double>& weighted = scratch().a;
    std::vector<double>& sizes = scratch().b;
    weighted.clear();
    sizes.clear();
    for (std::size_t i = start; i < baseline_end(start, end); ++i) {
      if (excluded(i) || !present(i)) continue;
      weighted.push_back(out_.value[i] * b_[i]);
      sizes.push_back(b_[i]);
    }
    const double centre = sizes.empty() ? nan : r_sum(weighted) / r_sum(sizes);
    // Taylor's I' chart: s_i = sqrt(pi/2) |y_i - y_(i-1)| / sqrt(1/n_(i-1) + 1/n_i)
    // over the whole phase, screened once at 3.2665 x their mean.
    std::vector<double>& s = scratch().a;
    s.clear();
    for (std::size_t i = start + 1; i < end; ++i) {
      if (!present(i) || !present(i - 1)) continue;
      const double d1 = std::abs(out_.value[i] - out_.value[i - 1]);
      const double d2 = std::sqrt(1 / b_[i - 1] + 1 / b_[i]);
      s.push_back(std::sqrt(std::numbers::pi / 2) * d1 / d2);
    }
    const double mean_s = s.empty() ? nan : mean_moving_range(s, options_.screen_mr, 3.2665);
    for (std::size_t i = start; i < end; ++i) {
      if (!present(i)) {
        set_lines(i, centre, nan, nan, nan, nan);
        continue;
      }
      const double sigma = mean_s * std::sqrt(1 / b_[i]);
      set_lines(i, centre, centre - 3 * sigma, centre + 3 * sigma, centre - 2 * sigma,
                centre + 2 * sigma);
    }
  }

  // qicharts2's xbar and s charts. Sizes that differ within the phase pool the
  // variances (Montgomery 6.31), equal sizes average the sds (6.29).
  void subgroup_limits(std::size_t start, std::size_t end) {
    const bool xbar = kind_ == ChartKind::xbar;
    auto sd_at = [&](std::size_t i) { return xbar ? sd_[i] : out_.value[i]; };
    bool varying = false;
    for (std::size_t i = start + 1; i < end; ++i) {
      if (b_[i] != b_[start]) varying = true;
    }
    std::vector<double>& weighted = scratch().a;
    std::vector<double>& weights = scratch().b;
    weighted.clear();
    weights.clear();
    double centre = nan;
    if (xbar) {
      for (std::size_t i = start; i < baseline_end(start, end); ++i) {
        if (excluded(i) || !present(i)) continue;
        weighted.push_back(b_[i] * out_.value[i]);
        weights.push_back(b_[i]);
      }
      centre = weights.empty() ? nan : r_sum(weighted) / r_sum(weights);
      weighted.clear();
      weights.clear();
    }
    double sigma = nan;
    for (std::size_t i = start; i < baseline_end(start, end); ++i) {
      if (excluded(i) || std::isnan(b_[i])) continue;
      const double sd = sd_at(i);
      if (varying) {
        if (!std::isnan(sd)) weighted.push_back((b_[i] - 1) * sd * sd);
        weights.push_back(b_[i] - 1);
      } else if (!std::isnan(sd)) {
        weighted.push_back(sd);
      }
    }
    if (varying) {
      sigma = weights.empty() ? nan : std::sqrt(r_sum(weighted) / r_sum(weights));
    } else {
      sigma = r_mean(weighted);
    }
    if (!xbar) centre = sigma;
    for (std::size_t i = start; i < end; ++i) {
      const double n = b_[i];
      const double c = c4(n);
      if (xbar) {
        const double a3 = 3 / (c * std::sqrt(n));
        const double a2 = 2 / (c * std::sqrt(n));
        set_lines(i, centre, centre - a3 * sigma, centre + a3 * sigma, centre - a2 * sigma,
                  centre + a2 * sigma);
      } else {
        const double c5 = std::sqrt(1 - c * c);
        const double b3 = std::max(0.0, 1 - 3 * c5 / c);
        const double b4 = 1 + 3 * c5 / c;
        const double b3_2 = std::max(0.0, 1 - 2 * c5 / c);
        const double b4_2 = 1 + 2 * c5 / c;
        if (std::isnan(c)) {
          set_lines(i, centre, nan, nan, nan, nan);
        } else {
          set_lines(i, centre, b3 * centre, b4 * centre, b3_2 * centre, b4_2 * centre);
        }
      }
    }
  }

  // Flags every sequence point in [from, to].
  void flag_range(Rule rule, std::size_t from, std::size_t to) {
    auto& flags = out_.flags[static_cast<std::size_t>(rule)];
    for (std::size_t j = from; j <= to; ++j) {
      if (in_sequence(j)) flags[j] = 1;
    }
  }

  bool outside(std::size_t i) const noexcept {
    const double v = out_.value[i];
    return v > out_.ucl[i] || v < out_.lcl[i];
  }
  bool close_to_limits(std::size_t i) const noexcept {
    const double v = out_.value[i];
    return !outside(i) && (v < out_.lcl_2sigma[i] || v > out_.ucl_2sigma[i]);
  }
  int relative(std::size_t i) const noexcept { return sign_of(out_.value[i] - out_.centre[i]); }

  PhaseSummary apply_rules(std::size_t start, std::size_t end) {
    const bool use_outside = rules_.contains(Rule::outside_limits);
    const bool use_shift = rules_.contains(Rule::shift);
    const bool use_trend = rules_.contains(Rule::trend);
    const bool use_two = rules_.contains(Rule::two_of_three);
    auto& outside_flags = out_.flags[static_cast<std::size_t>(Rule::outside_limits)];
    auto& two_flags = out_.flags[static_cast<std::size_t>(Rule::two_of_three)];
    auto& shift_flags = out_.flags[static_cast<std::size_t>(Rule::shift)];
    auto& trend_flags = out_.flags[static_cast<std::size_t>(Rule::trend)];

    PhaseSummary summary;
    summary.start = start;
    summary.size = end - start;
    summary.centre = end > start ? out_.centre[start] : nan;

    // Run state (shift), monotone state (trend), window (two of three), Anhoej.
    std::size_t shift_start = start, shift_length = 0;
    int shift_sign = 0;
    std::size_t trend_start = start, trend_length = 0;
    int trend_direction = 0;
    std::size_t previous = end;  // previous sequence point; end = none
    std::array<std::size_t, 3> window{end, end, end};
    int last_useful_sign = 0;
    std::size_t run_length = 0;

    for (std::size_t i = start; i < end; ++i) {
      if (!excluded(i)) ++summary.n_obs;
      if (!present(i)) continue;
      if (use_outside && outside(i)) outside_flags[i] = 1;
      if (excluded(i)) continue;
      const int rel = relative(i);

      // Anhoej: points on the centre are skipped.
      if (rel != 0) {
        ++summary.n_useful;
        if (rel == last_useful_sign) {
          ++run_length;
        } else {
          if (last_useful_sign != 0) ++summary.crossings;
          last_useful_sign = rel;
          run_length = 1;
        }
        summary.longest_run = std::max(summary.longest_run, run_length);
      }

      if (use_shift) {
        if (rel == 0) {
          shift_length = 0;
          shift_sign = 0;
        } else if (rel == shift_sign) {
          ++shift_length;
        } else {
          shift_sign = rel;
          shift_length = 1;
          shift_start = i;
        }
        if (shift_length == rules_.shift_length) flag_range(Rule::shift, shift_start, i);
        if (shift_length > rules_.shift_length) shift_flags[i] = 1;
      }

      if (use_trend) {
        if (previous == end) {
          trend_start = i;
          trend_length = 1;
          trend_direction = 0;
        } else {
          const int step = sign_of(out_.value[i] - out_.value[previous]);
          if (step == 0) {
            trend_start = i;
            trend_length = 1;
            trend_direction = 0;
          } else if (step == trend_direction) {
            ++trend_length;
          } else {
            trend_direction = step;
            trend_start = previous;
            trend_length = 2;
          }
        }
        if (trend_length == rules_.trend_length) flag_range(Rule::trend, trend_start, i);
        if (trend_length > rules_.trend_length) trend_flags[i] = 1;
      }

      if (use_two) {
        window = {window[1], window[2], i};
        if (window[0] != end) {
          const int side = relative(window[0]);
          const bool same_side = side != 0 && relative(window[1]) == side && rel == side;
          int close = 0;
          for (std::size_t q : window) close += close_to_limits(q) ? 1 : 0;
          if (same_side && close >= 2) {
            for (std::size_t q : window) {
              if (close_to_limits(q)) two_flags[q] = 1;
            }
          }
        }
      }
      previous = i;
    }

    if (summary.n_useful > 0) {
      summary.longest_run_max = max_run_length(summary.n_useful);
      summary.crossings_min = min_crossings(summary.n_useful - 1);
      const bool long_run = summary.longest_run > summary.longest_run_max;
      const bool few_crossings = summary.crossings < summary.crossings_min;
      summary.runs_signal = long_run || few_crossings;
      for (std::size_t i = start; i < end; ++i) {
        if (long_run && rules_.contains(Rule::long_run)) {
          out_.flags[static_cast<std::size_t>(Rule::long_run)][i] = 1;
        }
        if (few_crossings && rules_.contains(Rule::few_crossings)) {
          out_.flags[static_cast<std::size_t>(Rule::few_crossings)][i] = 1;
        }
      }
    }
    assign_point_types(start, end);
    return summary;
  }

  // NHSRplotthedots' special_cause_type priority: outside limits, trend, two in
  // three, shift; the side or direction of each, then the point type.
  void assign_point_types(std::size_t start, std::size_t end) {
    const auto& outside_flags = out_.flags[static_cast<std::size_t>(Rule::outside_limits)];
    const auto& trend_flags = out_.flags[static_cast<std::size_t>(Rule::trend)];
    const auto& two_flags = out_.flags[static_cast<std::size_t>(Rule::two_of_three)];
    const auto& shift_flags = out_.flags[static_cast<std::size_t>(Rule::shift)];
    std::size_t previous = end;
    for (std::size_t i = start; i < end; ++i) {
      if (!present(i)) continue;
      SpecialCause cause = SpecialCause::none;
      const bool above = relative(i) > 0;
      if (outside_flags[i] != 0) {
        // An excluded point is out of the sequence: only its limits count.
        cause = relative(i) == 1 ? SpecialCause::above_ucl : SpecialCause::below_lcl;
      } else if (excluded(i)) {
        cause = SpecialCause::none;
      } else if (trend_flags[i] != 0) {
        // A point shared by two trends takes the one to its right.
        std::size_t next = i + 1;
        while (next < end && !in_sequence(next)) ++next;
        int step = 0;
        if (next < end && trend_flags[next] != 0) {
          step = sign_of(out_.value[next] - out_.value[i]);
        } else if (previous != end) {
          step = sign_of(out_.value[i] - out_.value[previous]);
        }
        cause = step == 1 ? SpecialCause::trend_increasing : SpecialCause::trend_decreasing;
      } else if (two_flags[i] != 0) {
        cause = above ? SpecialCause::two_of_three_above : SpecialCause::two_of_three_below;
      } else if (shift_flags[i] != 0) {
        cause = above ? SpecialCause::shift_above : SpecialCause::shift_below;
      }
      if (!excluded(i)) previous = i;
      out_.point_type[i] = point_type_of(cause, options_.improvement);
      if (!out_.special_cause.empty()) out_.special_cause[i] = cause;
    }
  }

  void scale(double per) {
    for (std::size_t i = 0; i < a_.size(); ++i) {
      out_.value[i] *= per;
      out_.centre[i] *= per;
      out_.lcl[i] *= per;
      out_.ucl[i] *= per;
      out_.lcl_2sigma[i] *= per;
      out_.ucl_2sigma[i] *= per;
    }
  }

  ChartVerdict verdict() const {
    ChartVerdict result;
    std::size_t last = a_.size();
    while (last > 0 && !present(last - 1)) --last;
    if (last == 0) return result;
    const std::size_t i = last - 1;
    result.last_point = out_.point_type[i];
    result.variation = variation_icon(result.last_point, options_.improvement);
    if (options_.target) {
      result.assurance =
          assurance_icon(*options_.target, out_.lcl[i], out_.ucl[i], options_.improvement);
    }
    return result;
  }

  ChartKind kind_;
  std::span<const double> a_;
  std::span<const double> b_;
  std::span<const double> sd_;
  const ChartOptions& options_;
  const ChartColumns& out_;
  RuleSet rules_;
};

void resize_chart(Chart& chart, std::size_t n) {
  chart.value.resize(n);
  chart.centre.resize(n);
  chart.lcl.resize(n);
  chart.ucl.resize(n);
  chart.lcl_2sigma.resize(n);
  chart.ucl_2sigma.resize(n);
  chart.phase.resize(n);
  for (auto& flag : chart.flags) flag.resize(n);
  chart.point_type.resize(n);
  chart.special_cause.resize(n);
}

}  // namespace

std::string_view to_string(ChartKind kind) noexcept { return chart_kind_text.name(kind); }

ChartKind parse_chart_kind(std::string_view text) { return chart_kind_text.parse(text); }

bool Chart::any_signal(std::size_t i) const {
  for (std::size_t r = 0; r < rule_count; ++r) {
    if (rules.enabled[r] && flags[r].at(i) != 0) return true;
  }
  return false;
}

ChartColumns Chart::columns() noexcept {
  ChartColumns columns{value,      centre, lcl, ucl,        lcl_2sigma,
                       ucl_2sigma, phase,  {},  point_type, special_cause};
  for (std::size_t r = 0; r < rule_count; ++r) columns.flags[r] = flags[r];
  return columns;
}

namespace {

void compute_into_chart(ChartKind kind, std::span<const double> values,
                        std::span<const double> denominators, std::span<const double> spreads,
                        const ChartOptions& options, Chart& out) {
  validate(kind, values, denominators, spreads, options);
  out.phases.clear();
  out.phases.reserve(options.phases.size() + 1);
  resize_chart(out, values.size());
  out.kind = kind;
  out.rules = rules_for(kind, options.rules);
  out.improvement = options.improvement;
  out.target = options.target;
  const ChartColumns columns = out.columns();
  out.verdict = Engine(kind, values, denominators, spreads, options, columns).run(&out.phases);
  require_finite(kind, values, denominators, columns);
}

}  // namespace

void compute_chart(ChartKind kind, std::span<const double> values,
                   std::span<const double> denominators, const ChartOptions& options, Chart& out) {
  compute_into_chart(kind, values, denominators, {}, options, out);
}

ChartVerdict compute_chart_into(ChartKind kind, std::span<const double> values,
                                std::span<const double> denominators, const ChartOptions& options,
                                const ChartColumns& out) {
  validate(kind, values, denominators, {}, options);
  validate_columns(kind, values.size(), out);
  const ChartVerdict verdict = Engine(kind, values, denominators, {}, options, out).run(nullptr);
  require_finite(kind, values, denominators, out);
  return verdict;
}

Chart compute_chart(ChartKind kind, std::span<const double> values,
                    std::span<const double> denominators, const ChartOptions& options) {
  Chart chart;
  compute_chart(kind, values, denominators, options, chart);
  return chart;
}

Chart xmr(std::span<const double> values, const ChartOptions& options) {
  return compute_chart(ChartKind::xmr, values, {}, options);
}
Chart run_chart(std::span<const double> values, const ChartOptions& options) {
  return compute_chart(ChartKind::run, values, {}, options);
}
Chart c_chart(std::span<const double> counts, const ChartOptions& options) {
  return compute_chart(ChartKind::c, counts, {}, options);
}
Chart u_chart(std::span<const double> counts, std::span<const double> exposures,
              const ChartOptions& options) {
  return compute_chart(ChartKind::u, counts, exposures, options);
}
void u_chart(std::span<const double> counts, std::span<const double> exposures,
             const ChartOptions& options, Chart& out) {
  compute_chart(ChartKind::u, counts, exposures, options, out);
}
Chart p_chart(std::span<const double> numerators, std::span<const double> denominators,
              const ChartOptions& options) {
  return compute_chart(ChartKind::p, numerators, denominators, options);
}
Chart t_chart(std::span<const double> intervals, const ChartOptions& options) {
  return compute_chart(ChartKind::t, intervals, {}, options);
}
Chart g_chart(std::span<const double> counts_between, const ChartOptions& options) {
  return compute_chart(ChartKind::g, counts_between, {}, options);
}
Chart xbar_chart(std::span<const double> means, std::span<const double> sds,
                 std::span<const double> sizes, const ChartOptions& options) {
  Chart chart;
  compute_into_chart(ChartKind::xbar, means, sizes, sds, options, chart);
  return chart;
}
Chart s_chart(std::span<const double> sds, std::span<const double> sizes,
              const ChartOptions& options) {
  return compute_chart(ChartKind::s, sds, sizes, options);
}

}  // namespace closeloop::metrics

CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::metrics::ChartKind, closeloop::metrics::chart_kind_text)
