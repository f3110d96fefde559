#include <gtest/gtest.h>

#include <cmath>

#include "closeloop/core/error.hpp"
#include "closeloop/metrics/distributions.hpp"

namespace closeloop::metrics {
namespace {

// Relative closeness for values computed two independent ways.
void expect_close(double actual, double expected, double tolerance = 1e-12) {
  EXPECT_NEAR(actual, expected, tolerance * std::max(1.0, std::fabs(expected)))
      << "expected " << expected;
}

TEST(Distributions, IncompleteBetaClosedForms) {
  // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(1, b) = 1 - (1 - x)^b.
  expect_close(incomplete_beta(1, 1, 0.3), 0.3);
  expect_close(incomplete_beta(3.5, 1, 0.6), std::pow(0.6, 3.5));
  expect_close(incomplete_beta(1, 4, 0.2), 1 - std::pow(0.8, 4));
  // I_x(2, 2) = 3x^2 - 2x^3.
  expect_close(incomplete_beta(2, 2, 0.7), 3 * 0.49 - 2 * 0.343);
  EXPECT_EQ(incomplete_beta(2, 3, 0), 0.0);
  EXPECT_EQ(incomplete_beta(2, 3, 1), 1.0);
  EXPECT_THROW((void)incomplete_beta(0, 1, 0.5), InputError);
  EXPECT_THROW((void)incomplete_beta(1, 1, 1.5), InputError);
}

TEST(Distributions, IncompleteBetaAgainstScipy) {
  // scipy.special.betainc 1.10.1.
  expect_close(incomplete_beta(2.5, 3.5, 0.4), 0.4869041915261175, 1e-13);
  expect_close(incomplete_beta(50, 70, 0.45), 0.7717610017525608, 1e-11);
}

TEST(Distributions, BetaQuantileInvertsAndMatchesScipy) {
  // Beta(1, b): quantile 1 - (1 - p)^(1/b).
  expect_close(beta_quantile(0.3, 1, 5), 1 - std::pow(0.7, 0.2));
  // scipy.stats.beta.ppf 1.10.1.
  expect_close(beta_quantile(0.025, 3, 8), 0.06673951117773447);
  expect_close(beta_quantile(0.975, 4, 7), 0.6524528500599973);
  for (double p : {1e-9, 0.01, 0.5, 0.9, 0.999999}) {
    expect_close(incomplete_beta(7, 300, beta_quantile(p, 7, 300)), p, 1e-11);
  }
}

TEST(Distributions, IncompleteGammaAndQuantiles) {
  // P(1, x) = 1 - e^-x.
  expect_close(incomplete_gamma_p(1, 2), 1 - std::exp(-2.0));
  // P(2, x) = 1 - (1 + x) e^-x.
  expect_close(incomplete_gamma_q(2, 3), 4 * std::exp(-3.0));
  // scipy.special.gammainc / gammaincc 1.10.1.
  expect_close(incomplete_gamma_p(3.5, 2.0), 0.22022259152428406);
  expect_close(incomplete_gamma_q(10, 15), 0.06985366069940986);
  // Gamma(1) quantile: -log(1 - p). Chi-square with 2 df: -2 log(1 - p).
  expect_close(gamma_quantile(0.975, 1), -std::log(0.025));
  expect_close(chi_square_quantile(0.95, 2), -2 * std::log(0.05));
  // scipy.stats.gamma.ppf / chi2.ppf 1.10.1.
  expect_close(gamma_quantile(0.001, 4.2), 0.485474960123997);
  expect_close(gamma_quantile(0.999, 5.2), 15.131285875646785);
  expect_close(chi_square_quantile(0.975, 7), 16.012764274629326);
  EXPECT_EQ(gamma_quantile(0.5, 0), 0.0);
  EXPECT_TRUE(std::isinf(gamma_quantile(1, 3)));
}

TEST(Distributions, NormalQuantile) {
  expect_close(normal_quantile(0.975), 1.959963984540054, 1e-14);
  expect_close(normal_quantile(0.5), 0.0);
  expect_close(normal_quantile(1e-10), -6.361340902404056, 1e-13);
  expect_close(normal_quantile(0.025), -1.959963984540054, 1e-14);
  EXPECT_THROW((void)normal_quantile(0), InputError);
}

TEST(Distributions, BinomialTestAndIntervals) {
  // 0 of 10 at p = 1/2: outcomes 0 and 10 are each 1/1024.
  expect_close(binomial_test_two_sided(0, 10, 0.5), 2.0 / 1024);
  // 5 of 10 at 1/2 is the most likely outcome: p = 1.
  EXPECT_EQ(binomial_test_two_sided(5, 10, 0.5), 1.0);
  // scipy.stats.binomtest(...).pvalue 1.10.1.
  expect_close(binomial_test_two_sided(3, 20, 0.4), 0.022427038142043255, 1e-11);
  expect_close(binomial_test_two_sided(12, 30, 0.25), 0.08810760577535248, 1e-11);
  expect_close(binomial_pmf(2, 4, 0.5), 6.0 / 16);
  // Clopper-Pearson at k = 0: [0, 1 - (alpha/2)^(1/n)].
  const Interval zero = clopper_pearson(0, 10);
  EXPECT_EQ(zero.lower, 0.0);
  expect_close(zero.upper, 1 - std::pow(0.025, 0.1));
  // scipy binomtest(7, 25).proportion_ci(method="exact").
  const Interval seven = clopper_pearson(7, 25);
  expect_close(seven.lower, 0.12071668850369663);
  expect_close(seven.upper, 0.49387682180629416);
  // Wilson: 0 of n gives [0, z^2 / (n + z^2)].
  const double z = 1.959963984540054;
  const Interval w = wilson(0, 20);
  EXPECT_EQ(w.lower, 0.0);
  expect_close(w.upper, z * z / (20 + z * z));
}

}  // namespace
}  // namespace closeloop::metrics
