#include "closeloop/metrics/distributions.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "closeloop/core/error.hpp"

namespace closeloop::metrics {

namespace {

constexpr double kEpsilon = 1e-16;
constexpr double kTiny = 1e-300;
constexpr int kMaxIterations = 200000;

void require(bool ok, const std::string& what) {
  if (!ok) throw InputError(what);
}

std::string num(double value) { return std::to_string(value); }

// Above this many trials the binomial test takes its tails from the beta
// function instead of summing up to n terms.
constexpr std::int64_t kLargestSummedN = 1'000'000;

double log_beta(double a, double b) { return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b); }

// The continued fraction of the incomplete beta function (modified Lentz).
double beta_fraction(double a, double b, double x) {
  const double qab = a + b;
  const double qap = a + 1.0;
  const double qam = a - 1.0;
  double c = 1.0;
  double d = 1.0 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= kMaxIterations; ++m) {
    const double dm = m;
    const double m2 = 2.0 * dm;
    double aa = dm * (b - dm) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + dm) * (qab + dm) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < kEpsilon) break;
  }
  return h;
}

// Finds x in [low, high] with f(x) = 0 for an increasing f, by Newton steps
// with derivative `slope`, falling back to bisection whenever a step leaves
// the bracket. Stops when steps are below 1e-15 relative.
template <class F, class D>
double solve_increasing(F f, D slope, double x, double low, double high) {
  for (int i = 0; i < 2000; ++i) {
    const double fx = f(x);
    if (fx == 0.0) return x;
    if (fx < 0.0) {
      low = x;
    } else {
      high = x;
    }
    const double d = slope(x);
    double next = (d > 0.0 && std::isfinite(d)) ? x - fx / d : std::numeric_limits<double>::quiet_NaN();
    if (!(next > low && next < high)) next = 0.5 * (low + high);
    if (std::fabs(next - x) <= 1e-15 * std::fabs(x) || high - low <= 1e-15 * std::fabs(high)) {
      return next;
    }
    x = next;
  }
  return x;
}

}  // namespace

double incomplete_beta(double a, double b, double x) {
  require(a > 0 && b > 0 && x >= 0 && x <= 1,
          "incomplete beta needs a > 0, b > 0 and 0 <= x <= 1, got a=" + num(a) + ", b=" + num(b) +
              ", x=" + num(x));
  if (x == 0.0) return 0.0;
  if (x == 1.0) return 1.0;
  const double front = std::exp(a * std::log(x) + b * std::log1p(-x) - log_beta(a, b));
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_fraction(a, b, x) / a;
  return 1.0 - front * beta_fraction(b, a, 1.0 - x) / b;
}

double beta_quantile(double p, double a, double b) {
  require(a > 0 && b > 0 && p >= 0 && p <= 1,
          "beta quantile needs a > 0, b > 0 and 0 <= p <= 1, got p=" + num(p) + ", a=" + num(a) +
              ", b=" + num(b));
  if (p == 0.0) return 0.0;
  if (p == 1.0) return 1.0;
  const double lb = log_beta(a, b);
  // Solve in whichever tail keeps the target probability small, for accuracy.
  const bool upper = p > 0.5;
  auto f = [&](double x) {
    return upper ? (1.0 - p) - incomplete_beta(b, a, 1.0 - x) : incomplete_beta(a, b, x) - p;
  };
  auto slope = [&](double x) {
    return std::exp((a - 1.0) * std::log(x) + (b - 1.0) * std::log1p(-x) - lb);
  };
  return solve_increasing(f, slope, a / (a + b), 0.0, 1.0);
}

double incomplete_gamma_p(double a, double x) {
  require(a > 0 && x >= 0, "incomplete gamma needs a > 0 and x >= 0, got a=" + num(a) + ", x=" + num(x));
  if (x == 0.0) return 0.0;
  if (std::isinf(x)) return 1.0;
  const double log_front = a * std::log(x) - x - std::lgamma(a);
  if (x < a + 1.0) {
    double term = 1.0 / a;
    double sum = term;
    for (int n = 1; n <= kMaxIterations; ++n) {
      term *= x / (a + n);
      sum += term;
      if (std::fabs(term) < std::fabs(sum) * kEpsilon) break;
    }
    return sum * std::exp(log_front);
  }
  return 1.0 - incomplete_gamma_q(a, x);
}

double incomplete_gamma_q(double a, double x) {
  require(a > 0 && x >= 0, "incomplete gamma needs a > 0 and x >= 0, got a=" + num(a) + ", x=" + num(x));
  if (x == 0.0) return 1.0;
  if (std::isinf(x)) return 0.0;
  if (x < a + 1.0) return 1.0 - incomplete_gamma_p(a, x);
  // Continued fraction (modified Lentz).
  double b = x + 1.0 - a;
  double c = 1.0 / kTiny;
  double d = 1.0 / b;
  double h = d;
  for (int i = 1; i <= kMaxIterations; ++i) {
    const double an = -i * (i - a);
    b += 2.0;
    d = an * d + b;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = b + an / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < kEpsilon) break;
  }
  return std::exp(a * std::log(x) - x - std::lgamma(a)) * h;
}

double gamma_quantile(double p, double shape) {
  require(shape >= 0 && p >= 0 && p <= 1,
          "gamma quantile needs shape >= 0 and 0 <= p <= 1, got p=" + num(p) + ", shape=" + num(shape));
  if (shape == 0.0 || p == 0.0) return 0.0;
  if (p == 1.0) return std::numeric_limits<double>::infinity();
  const bool upper = p > 0.5;
  auto f = [&](double x) {
    return upper ? (1.0 - p) - incomplete_gamma_q(shape, x) : incomplete_gamma_p(shape, x) - p;
  };
  const double lg = std::lgamma(shape);
  auto slope = [&](double x) { return std::exp((shape - 1.0) * std::log(x) - x - lg); };
  double high = std::max(1.0, 2.0 * shape);
  while (f(high) < 0.0) high *= 2.0;
  return solve_increasing(f, slope, std::min(shape, 0.5 * high), 0.0, high);
}

double chi_square_quantile(double p, double df) {
  require(df > 0, "chi-square quantile needs df > 0, got " + num(df));
  return 2.0 * gamma_quantile(p, 0.5 * df);
}

double normal_quantile(double p) {
  require(p > 0 && p < 1, "normal quantile needs 0 < p < 1, got " + num(p));
  // Acklam's rational approximation, then Newton steps on erfc to full precision.
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                 -2.759285104469687e+02, 1.383577518672690e+02,
                                 -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                 -1.556989798598866e+02, 6.680131188771972e+01,
                                 -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                 -2.400758277161838e+00, -2.549732539343734e+00,
                                 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                                 2.445134137142996e+00, 3.754408661907416e+00};
  double x = 0;
  if (p < 0.02425) {
    const double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p > 1 - 0.02425) {
    const double q = std::sqrt(-2 * std::log1p(-p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else {
    const double q = p - 0.5;
    const double r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  const double root_two_pi = std::sqrt(2.0 * M_PI);
  for (int i = 0; i < 3; ++i) {
    // Work in the tail where the probability is small, so erfc keeps precision.
    const double e = x < 0 ? 0.5 * std::erfc(-x / M_SQRT2) - p : (1.0 - p) - 0.5 * std::erfc(x / M_SQRT2);
    const double density = std::exp(-0.5 * x * x) / root_two_pi;
    const double step = e / density;
    x -= step / (1.0 + 0.5 * x * step);  // Halley's correction
  }
  return x;
}

double binomial_pmf(std::int64_t k, std::int64_t n, double p) {
  require(n >= 0 && p >= 0 && p <= 1, "binomial needs n >= 0 and 0 <= p <= 1");
  if (k < 0 || k > n) return 0.0;
  if (p == 0.0) return k == 0 ? 1.0 : 0.0;
  if (p == 1.0) return k == n ? 1.0 : 0.0;
  const auto kd = static_cast<double>(k);
  const auto nd = static_cast<double>(n);
  return std::exp(std::lgamma(nd + 1) - std::lgamma(kd + 1) - std::lgamma(nd - kd + 1) +
                  kd * std::log(p) + (nd - kd) * std::log1p(-p));
}

double binomial_test_two_sided(std::int64_t k, std::int64_t n, double p) {
  require(n >= 0 && k >= 0 && k <= n && p >= 0 && p <= 1,
          "binomial test needs 0 <= k <= n and 0 <= p <= 1");
  if (n == 0) return 1.0;
  // The most likely split exactly: every outcome is no more likely (as scipy).
  if (static_cast<double>(k) == static_cast<double>(n) * p) return 1.0;
  const double d = binomial_pmf(k, n, p);
  const double threshold = d * (1.0 + 1e-7);
  double total = 0.0;
  // Outcomes are summed from both tails inwards, smallest first, for accuracy.
  const auto nd = static_cast<double>(n);
  const auto mode = static_cast<std::int64_t>(std::floor((nd + 1) * p));
  const std::int64_t top = std::min(mode, n);
  if (n > kLargestSummedN) {
    // Summing term by term would take O(n) steps (a hang for counts near
    // 2^53): find where each tail ends by bisection (the pmf rises to the
    // mode and falls after it) and take the tails from the beta function.
    std::int64_t low = 0;  // first i in [0, top] with pmf(i) > threshold
    std::int64_t high = top + 1;
    while (low < high) {
      const std::int64_t mid = low + (high - low) / 2;
      if (binomial_pmf(mid, n, p) > threshold) high = mid; else low = mid + 1;
    }
    if (low > 0) total += incomplete_beta(nd - static_cast<double>(low) + 1,
                                          static_cast<double>(low), 1 - p);  // P(X < low)
    std::int64_t first = top + 1;  // first i in (top, n] with pmf(i) <= threshold
    std::int64_t last = n + 1;
    while (first < last) {
      const std::int64_t mid = first + (last - first) / 2;
      if (binomial_pmf(mid, n, p) <= threshold) last = mid; else first = mid + 1;
    }
    if (first <= n) total += incomplete_beta(static_cast<double>(first),
                                             nd - static_cast<double>(first) + 1, p);  // P(X >= first)
    return std::min(1.0, total);
  }
  for (std::int64_t i = 0; i <= top; ++i) {
    const double pi = binomial_pmf(i, n, p);
    if (pi > threshold) break;
    total += pi;
  }
  for (std::int64_t i = n; i > top; --i) {
    const double pi = binomial_pmf(i, n, p);
    if (pi > threshold) break;
    total += pi;
  }
  return std::min(1.0, total);
}

Interval clopper_pearson(std::int64_t k, std::int64_t n, double confidence) {
  require(n > 0 && k >= 0 && k <= n, "Clopper-Pearson interval needs 0 <= k <= n and n > 0");
  require(confidence > 0 && confidence < 1, "confidence must be between 0 and 1, got " + num(confidence));
  const double alpha = 1.0 - confidence;
  const auto kd = static_cast<double>(k);
  const auto nd = static_cast<double>(n);
  const double lower = k == 0 ? 0.0 : beta_quantile(alpha / 2, kd, nd - kd + 1);
  const double upper = k == n ? 1.0 : beta_quantile(1 - alpha / 2, kd + 1, nd - kd);
  return {lower, upper};
}

Interval wilson(std::int64_t x, std::int64_t n, double confidence) {
  require(n > 0 && x >= 0 && x <= n, "Wilson interval needs 0 <= x <= n and n > 0");
  require(confidence > 0 && confidence < 1, "confidence must be between 0 and 1, got " + num(confidence));
  const double z = normal_quantile(1.0 - (1.0 - confidence) / 2);
  const auto nd = static_cast<double>(n);
  const double p = static_cast<double>(x) / nd;
  const double z2 = z * z;
  const double centre = (p + z2 / (2 * nd)) / (1 + z2 / nd);
  const double half = z / (1 + z2 / nd) * std::sqrt(p * (1 - p) / nd + z2 / (4 * nd * nd));
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

}  // namespace closeloop::metrics
