"""closeloop.spc from Python: signatures, input types, views, errors, pandas,
plotting and HTML. Expected numbers come from hand arithmetic (written out)
or scipy; agreement with the peers is in test_spc_validation.py."""

import inspect
import math

import numpy as np
import pytest

import closeloop as cl

# The signatures promised in DESIGN.md section "Python", each with the
# `exclude` every chart takes ("Every chart also takes exclude=[indices]").
DESIGN_SIGNATURES = {
    "xmr": "(values, *, phases=None, baseline=None, rules='mdc', improvement=None, "
           "target=None, screen_mr=True, mr_constant=2.66, exclude=None)",
    "run_chart": "(values, *, phases=None, baseline=None, exclude=None)",
    "c_chart": "(counts, *, phases=None, baseline=None, rules='mdc', improvement=None, target=None, "
               "exclude=None)",
    "u_chart": "(counts, exposures, *, per=1.0, laney=False, phases=None, baseline=None, "
               "rules='mdc', improvement=None, target=None, exclude=None)",
    "p_chart": "(numerators, denominators, *, laney=False, phases=None, baseline=None, "
               "rules='mdc', improvement=None, target=None, exclude=None)",
    "t_chart": f"(intervals, *, phases=None, baseline=None, rules='mdc', improvement=None, "
               f"screen_mr=True, mr_constant={3 / 1.128!r}, exclude=None)",
    "g_chart": "(counts_between, *, phases=None, baseline=None, rules='mdc', improvement=None, "
               "exclude=None)",
    "mr_chart": "(values, *, phases=None, baseline=None, rules=('outside_limits',), exclude=None)",
    "xbar_chart": "(values, subgroups, *, phases=None, baseline=None, rules='mdc', improvement=None, "
                  "target=None, exclude=None)",
    "s_chart": "(values, subgroups, *, phases=None, baseline=None, rules='mdc', improvement=None, "
               "target=None, exclude=None)",
    "i_prime_chart": "(counts, exposures, *, per=1.0, phases=None, baseline=None, rules='mdc', "
                     "improvement=None, target=None, screen_mr=True, exclude=None)",
}

COUNTS = [2, 3, 1, 2, 4, 5, 1, 0, 1, 1]
EXPOSURES = [100, 200, 50, 100, 200, 50, 100, 50, 50, 100]


@pytest.mark.parametrize("name", sorted(DESIGN_SIGNATURES))
def test_signatures_match_the_design(name):
    assert str(inspect.signature(getattr(cl.spc, name))) == DESIGN_SIGNATURES[name]


def test_u_chart_by_hand_with_views_over_the_chart():
    # centre 20/1000 = 0.02 -> 20 per 1000; n = 50: 20 + 3 sqrt(0.02/50) 1000 = 80.
    chart = cl.spc.u_chart(COUNTS, EXPOSURES, per=1000)
    assert chart.value.tolist() == pytest.approx([20, 15, 20, 20, 20, 100, 10, 0, 20, 10], rel=1e-12)
    assert chart.centre == pytest.approx([20.0] * 10, rel=1e-12)
    assert chart.ucl[2] == pytest.approx(80.0, rel=1e-12)
    assert chart.lcl[2] == 0.0
    assert chart.signals["outside_limits"].tolist() == [i == 5 for i in range(10)]
    assert sorted(chart.signals) == ["outside_limits", "shift", "trend", "two_of_three"]
    assert chart.variation == "common_cause"
    assert chart.assurance is None
    # Views, not copies: the owner is the C++ chart, and they are read-only.
    assert chart.value.base is not None
    assert type(chart.value.base).__name__ == "Chart"
    assert not chart.value.flags.writeable
    with pytest.raises(ValueError):
        chart.ucl[0] = 1.0


def test_inputs_as_lists_arrays_series_and_array_likes():
    import pandas as pd

    class OnlyArray:
        """Has nothing but __array__, like many array-likes."""

        def __init__(self, data):
            self._data = data

        def __array__(self, dtype=None):
            return np.asarray(self._data, dtype=dtype)

    expected = cl.spc.u_chart(COUNTS, EXPOSURES).ucl.tolist()
    for counts, exposures in [
        (np.array(COUNTS, dtype=np.int64), np.array(EXPOSURES, dtype=np.float32)),
        (pd.Series(COUNTS), pd.Series(EXPOSURES)),
        (OnlyArray(COUNTS), OnlyArray(EXPOSURES)),
        (tuple(COUNTS), tuple(EXPOSURES)),
    ]:
        assert cl.spc.u_chart(counts, exposures).ucl.tolist() == expected


def test_missing_values_from_none_nan_and_pandas_na():
    import pandas as pd

    # 5 7 _ 6 8 4: mean 6; ranges 2, 2, 4 (the two touching the gap dropped) -> 8/3.
    expected_ucl = 6 + 2.66 * 8 / 3
    for values in ([5, 7, None, 6, 8, 4], np.array([5, 7, np.nan, 6, 8, 4]),
                   pd.Series([5, 7, None, 6, 8, 4], dtype="Int64")):
        chart = cl.spc.xmr(values)
        assert math.isnan(chart.value[2])
        assert chart.ucl[0] == pytest.approx(expected_ucl, rel=1e-12)
        assert not any(flags[2] for flags in chart.signals.values())


def test_min_crossings_is_the_binomial_5th_percentile():
    from scipy import stats as scipy_stats
    for trials in list(range(0, 1100)) + [1500, 2047, 5000, 20000, 99999, 999999, 10**7]:
        assert cl._core.spc.min_crossings(trials) == int(scipy_stats.binom.ppf(0.05, trials, 0.5)), trials


def test_max_run_length_is_round_log2_plus_3():
    for n in range(1, 500):
        assert cl._core.spc.max_run_length(n) == round(math.log2(n)) + 3


def test_run_chart_uses_anhoej_rules_about_the_median():
    # 1 x7 then 2 x7: median 1.5, longest run 7 <= round(log2 14) + 3 = 7,
    # 1 crossing < qbinom(0.05, 13, 0.5) = 4 -> few_crossings on every point.
    chart = cl.spc.run_chart([1] * 7 + [2] * 7)
    assert sorted(chart.signals) == ["few_crossings", "long_run"]
    assert chart.signals["few_crossings"].all()
    assert not chart.signals["long_run"].any()
    assert chart.phases[0]["crossings_min"] == 4
    assert np.isnan(chart.ucl).all()


def test_phases_baseline_and_rule_lists():
    chart = cl.spc.xmr([1, 2, 1, 2, 11, 12, 11, 12], phases=[4])
    assert chart.phase.tolist() == [0, 0, 0, 0, 1, 1, 1, 1]
    assert chart.centre[4] == pytest.approx(11.5)
    frozen = cl.spc.xmr([1, 2, 1, 2, 5, 5, 5], baseline=4, rules=["outside_limits"])
    assert list(frozen.signals) == ["outside_limits"]
    assert frozen.signals["outside_limits"].tolist() == [False] * 4 + [True] * 3


def test_verdicts_and_assurance():
    # baseline 8 of 2 1 2 1 ...: centre 1.5, limits -1.16 / 4.16; last point 4.5 above.
    values = [2, 1, 2, 1, 2, 1, 2, 1, 4.5]
    down = cl.spc.xmr(values, baseline=8, improvement="decrease", target=5)
    assert down.variation == "concern_high"
    assert down.assurance == "consistent_pass"
    up = cl.spc.xmr(values, baseline=8, improvement="increase", target=5)
    assert up.variation == "improvement_high"
    assert up.assurance == "consistent_fail"
    assert cl.spc.xmr(values, baseline=8).variation == "neutral_high"


def test_p_t_g_c_charts_by_hand():
    # p: 1/10, 2/10, 3/10 -> centre 6/30 = 0.2; sigma = sqrt(0.2 0.8 / 10) = 0.12649;
    # ucl = 0.2 + 0.37947 = 0.57947; lcl < 0 -> 0.
    p = cl.spc.p_chart([1, 2, 3], [10, 10, 10])
    assert p.ucl[0] == pytest.approx(0.2 + 3 * math.sqrt(0.016), rel=1e-12)
    assert p.lcl[0] == 0.0
    # p capped at 1: 9/10, 10/10 -> centre 0.95, ucl 0.95 + 3 sqrt(0.0475/10) > 1 -> 1.
    assert cl.spc.p_chart([9, 10], [10, 10]).ucl.tolist() == [1.0, 1.0]
    # c: counts 4 9 -> centre 6.5, ucl 6.5 + 3 sqrt(6.5) = 14.1485.
    assert cl.spc.c_chart([4, 9]).ucl[0] == pytest.approx(6.5 + 3 * math.sqrt(6.5), rel=1e-12)
    # g: 1 3 8 -> mean 4, sigma sqrt(4 x 5) = 4.4721; ucl 17.4164; centre = median 3.
    g = cl.spc.g_chart([1, 3, 8])
    assert g.centre[0] == 3
    assert g.ucl[0] == pytest.approx(4 + 3 * math.sqrt(20), rel=1e-12)
    assert g.lcl[0] == 0.0
    # t: intervals 1 and 64: y^(1/3.6) = 1 and 3.17480; mean 2.08740; one range 2.17480;
    # centre 2.08740^3.6 = 14.1403.
    t = cl.spc.t_chart([1, 64])
    assert t.centre[0] == pytest.approx(((1 + 64 ** (1 / 3.6)) / 2) ** 3.6, rel=1e-12)
    assert t.lcl[0] == 0.0  # negative before back-transforming


def test_input_errors_name_argument_and_index():
    with pytest.raises(cl.InputError, match=r"u_chart: exposures\[1\] = 0 must be greater than 0"):
        cl.spc.u_chart([1, 2], [10, 0])
    with pytest.raises(ValueError, match=r"c_chart: counts\[0\] = -1 is negative"):
        cl.spc.c_chart([-1, 2])
    with pytest.raises(cl.InputError, match=r"phases\[1\] = 2 is not after phases\[0\] = 3"):
        cl.spc.xmr([1, 2, 3, 4, 5], phases=[3, 2])
    with pytest.raises(cl.InputError, match="unknown SPC rule"):
        cl.spc.xmr([1, 2, 3], rules=["outside_limits", "nope"])
    with pytest.raises(cl.InputError, match="unknown improvement direction"):
        cl.spc.xmr([1, 2, 3], improvement="up")
    with pytest.raises(cl.InputError, match="one-dimensional"):
        cl.spc.xmr(np.ones((2, 2)))


def test_to_pandas_plot_and_html():
    import matplotlib

    matplotlib.use("Agg")
    chart = cl.spc.u_chart(COUNTS, EXPOSURES, per=1000, phases=[5], improvement="decrease")
    frame = chart.to_pandas()
    assert list(frame.columns[:7]) == ["value", "centre", "lcl", "ucl", "lcl_2sigma", "ucl_2sigma", "phase"]
    assert len(frame) == 10
    assert frame["outside_limits"].dtype == bool
    ax = chart.plot()
    # points + one grey line + 3 lines per phase
    assert len(ax.lines) == 1 + 3 * 2 + 1  # plus the phase-break line
    html = chart._repr_html_()
    assert html.startswith("<div><table>") and "<svg" in html and "variation" in html
    assert "u chart" not in repr(chart) and "Chart u of 10 points" in repr(chart)


def test_xbar_and_s_from_subgroup_summaries():
    # Two subgroups of 2 with sds 1 and 1: sigma 1 (equal sizes -> mean of sds);
    # c4(2) = sqrt(2) Gamma(1)/Gamma(0.5) = 0.797885; A3 = 3 / (0.797885 sqrt 2) = 2.658681.
    chart = cl.spc.chart("xbar", [10.0, 12.0], [2, 2], sds=[1.0, 1.0])
    assert chart.centre[0] == pytest.approx(11.0)
    assert chart.ucl[0] == pytest.approx(11.0 + 3 / (math.sqrt(2 / math.pi) * math.sqrt(2)), rel=1e-12)
    s = cl.spc.chart("s", [1.0, 1.0], [2, 2])
    c4 = math.sqrt(2 / math.pi)
    assert s.ucl[0] == pytest.approx(1 + 3 * math.sqrt(1 - c4 ** 2) / c4, rel=1e-12)


def test_plot_colours_follow_making_data_count():
    import matplotlib
    from matplotlib.colors import to_hex

    matplotlib.use("Agg")
    # baseline 8 of 2 1 ...: 4.5 is above the ucl 4.16 -> concern when lower is
    # better (orange), improvement when higher is better (blue).
    values = [2, 1, 2, 1, 2, 1, 2, 1, 4.5]
    for improvement, colour in (("decrease", "#fab428"), ("increase", "#289de0"), (None, "#361475")):
        ax = cl.spc.xmr(values, baseline=8, improvement=improvement).plot()
        colours = [to_hex(c) for c in ax.collections[0].get_facecolors()]
        assert colours[8] == colour
        assert set(colours[:8]) == {"#7b7d7d"}
