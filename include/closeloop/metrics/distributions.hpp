#pragma once
/// \file
/// The special functions and exact intervals the comparison and funnel
/// computations rest on: regularized incomplete beta and gamma functions and
/// their inverses, the normal quantile, binomial probabilities, the exact
/// two-sided binomial test and the Clopper–Pearson and Wilson intervals.
/// Written here (continued fractions, series, safeguarded Newton) so that the
/// library needs no numerical dependency; accurate to about 1e-12 relative.

#include <cstdint>

namespace closeloop::metrics {

/// A two-sided interval [lower, upper].
struct Interval {
  double lower;  ///< lower bound
  double upper;  ///< upper bound
};

/// The regularized incomplete beta function I_x(a, b), a > 0, b > 0, 0 <= x <= 1.
/// InputError for arguments outside the domain.
double incomplete_beta(double a, double b, double x);

/// The x with I_x(a, b) = p (the quantile of Beta(a, b)), 0 <= p <= 1.
double beta_quantile(double p, double a, double b);

/// The regularized lower incomplete gamma function P(a, x), a > 0, x >= 0.
double incomplete_gamma_p(double a, double x);

/// The regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x).
double incomplete_gamma_q(double a, double x);

/// The x with P(shape, x) = p (the quantile of Gamma(shape, 1)); shape 0 gives 0.
double gamma_quantile(double p, double shape);

/// The quantile of the chi-square distribution with `df` degrees of freedom.
double chi_square_quantile(double p, double df);

/// The quantile of the standard normal distribution, 0 < p < 1.
double normal_quantile(double p);

/// P(X = k) for X ~ Binomial(n, p).
double binomial_pmf(std::int64_t k, std::int64_t n, double p);

/// The exact two-sided binomial test of P(success) = p given k successes in n
/// trials: the sum of the probabilities of outcomes no more likely than k
/// (with scipy.stats.binomtest's relative tolerance of 1e-7), at most 1.
double binomial_test_two_sided(std::int64_t k, std::int64_t n, double p);

/// The Clopper–Pearson (exact) interval for a binomial proportion k/n.
Interval clopper_pearson(std::int64_t k, std::int64_t n, double confidence = 0.95);

/// The Wilson score interval (no continuity correction) for a proportion x/n.
Interval wilson(std::int64_t x, std::int64_t n, double confidence = 0.95);

}  // namespace closeloop::metrics
