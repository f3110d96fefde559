"""Statistical process control charts: ``cl.spc.xmr``, ``u_chart``, ...

Each function returns a :class:`Chart`. Its numpy arrays (``value``,
``centre``, ``lcl``, ``ucl``, ...) are read-only views over the C++ chart's
memory. ``signals`` maps each evaluated rule to a boolean array; ``variation``
and ``assurance`` are the Making Data Count verdicts. Formulas, defaults and
the peers they reproduce (NHSRplotthedots, qicharts2) are in docs/spc.md.

Missing values (NaN, None in a list, pandas NA) are points without a value:
they are left out of centre, limits and moving ranges, carry no flag, and the
rules treat the present points on either side as neighbours.
"""

from . import _core

__all__ = [
    "Chart",
    "MR_RULES",
    "RULES",
    "c_chart",
    "chart",
    "g_chart",
    "i_prime_chart",
    "mr_chart",
    "p_chart",
    "run_chart",
    "s_chart",
    "subgroups_of",
    "t_chart",
    "u_chart",
    "xbar_chart",
    "xmr",
]

#: Every rule name, in flag order.
RULES = ("outside_limits", "shift", "trend", "two_of_three", "long_run", "few_crossings")

_LINES = ("value", "centre", "lcl", "ucl", "lcl_2sigma", "ucl_2sigma")


def _as_input(values):
    # pandas nullable columns (Int64, Float64) hold pd.NA, which numpy cannot
    # cast to float: ask pandas for NaN instead. Anything else goes to the C++
    # side as-is (lists, numpy arrays, objects with __array__).
    to_numpy = getattr(values, "to_numpy", None)
    if to_numpy is not None and getattr(values, "dtype", None) is not None:
        try:
            import numpy as np

            return to_numpy(dtype="float64", na_value=np.nan)
        except (TypeError, ValueError):
            return values
    if isinstance(values, (list, tuple)):
        return [float("nan") if v is None else v for v in values]
    return values


class Chart:
    """A computed SPC chart: one element per point in each array.

    Attributes are read-only. ``signals[rule]`` is true on a point flagged by
    ``rule``; a per-phase rule (``long_run``, ``few_crossings``) is true on
    every point of a phase that signals.
    """

    __slots__ = ("_chart",)

    def __init__(self, chart):
        self._chart = chart

    def __len__(self):
        return len(self._chart)

    @property
    def kind(self):
        """The chart kind: xmr, run, c, u, p, t, g, mr, ip, xbar or s."""
        return self._chart.kind

    @property
    def value(self):
        """The plotted value of each point (rates multiplied by ``per``)."""
        return self._chart.value

    @property
    def centre(self):
        """The centre line at each point."""
        return self._chart.centre

    @property
    def lcl(self):
        """The lower 3-sigma limit at each point (NaN where none)."""
        return self._chart.lcl

    @property
    def ucl(self):
        """The upper 3-sigma limit at each point (NaN where none)."""
        return self._chart.ucl

    @property
    def lcl_2sigma(self):
        """The lower 2-sigma line at each point (NaN where none)."""
        return self._chart.lcl_2sigma

    @property
    def ucl_2sigma(self):
        """The upper 2-sigma line at each point (NaN where none)."""
        return self._chart.ucl_2sigma

    @property
    def phase(self):
        """The 0-based phase of each point."""
        return self._chart.phase

    @property
    def rules(self):
        """The names of the rules that were evaluated."""
        return list(self._chart.rules)

    @property
    def signals(self):
        """A dict from each evaluated rule's name to a boolean array."""
        return {rule: self._chart.flags(rule) for rule in self._chart.rules}

    @property
    def point_type(self):
        """Each point's Making Data Count type (NHSRplotthedots' words)."""
        return self._chart.point_type

    @property
    def special_cause(self):
        """Why each point is special cause: "none", "above_ucl", "below_lcl",
        "trend_increasing", "trend_decreasing", "two_of_three_above",
        "two_of_three_below", "shift_above" or "shift_below" (the first
        directional rule in NHSRplotthedots' order)."""
        return self._chart.special_cause

    @property
    def phases(self):
        """Per phase: start, size, centre and the Anhoej run statistics."""
        return self._chart.phases

    @property
    def variation(self):
        """The variation icon from the last point ("common_cause", "improvement_high", ...),
        or "insufficient_data" when no point has a value."""
        return self._chart.variation

    @property
    def assurance(self):
        """"consistent_pass", "consistent_fail", "inconsistent", or None without a target."""
        return self._chart.assurance

    @property
    def improvement(self):
        """The improvement direction used: "increase", "decrease" or "neutral"."""
        return self._chart.improvement

    @property
    def target(self):
        """The target, or None."""
        return self._chart.target

    def to_pandas(self):
        """A DataFrame with one row per point: lines, phase, point type and signals."""
        import pandas as pd

        columns = {name: getattr(self, name) for name in _LINES}
        columns["phase"] = self.phase
        columns["point_type"] = self.point_type
        columns["special_cause"] = self.special_cause
        for rule, flags in self.signals.items():
            columns[rule] = flags
        return pd.DataFrame(columns)

    def plot(self, ax=None):
        """Draws the chart with matplotlib (Making Data Count colours); returns the axes."""
        from .plot import plot_chart

        return plot_chart(self, ax=ax)

    def _repr_html_(self):
        from .plot import chart_html

        return chart_html(self)

    def __repr__(self):
        assurance = "" if self.assurance is None else f", assurance={self.assurance!r}"
        return (
            f"<closeloop.spc.Chart {self.kind} of {len(self)} points, "
            f"{len(self.phases)} phase(s), variation={self.variation!r}{assurance}>"
        )


def chart(
    kind,
    values,
    denominators=None,
    *,
    phases=None,
    baseline=None,
    rules="mdc",
    improvement=None,
    target=None,
    screen_mr=True,
    mr_constant=None,
    per=1.0,
    laney=False,
    exclude=None,
    shift_length=7,
    trend_length=7,
    sds=None,
):
    """Any chart with every option: ``kind`` is xmr, run, c, u, p, t, g, mr, ip, xbar or s.

    ``denominators`` are exposures (u), denominators (p, ip) or subgroup sizes
    (xbar, s); ``sds`` are the subgroup standard deviations of an xbar chart
    (``values`` its subgroup means; for s, ``values`` are the sds).
    ``exclude`` lists 0-based points left out of centre, limits and run rules
    (qicharts2's ``exclude``); ``mr_constant=None`` means 2.66 for xmr and
    3/1.128 for t; ``shift_length``/``trend_length`` set the MDC run lengths.
    The named functions below are the documented entry points.
    """
    return Chart(
        _core.spc.compute(
            kind,
            _as_input(values),
            None if denominators is None else _as_input(denominators),
            phases=None if phases is None else list(phases),
            baseline=baseline,
            rules=rules,
            improvement=improvement,
            target=target,
            screen_mr=screen_mr,
            mr_constant=mr_constant,
            per=per,
            laney=laney,
            exclude=None if exclude is None else list(exclude),
            shift_length=shift_length,
            trend_length=trend_length,
            sds=None if sds is None else _as_input(sds),
        )
    )


def xmr(values, *, phases=None, baseline=None, rules="mdc", improvement=None,
        target=None, screen_mr=True, mr_constant=2.66, exclude=None):
    """XmR (individuals) chart: mean +/- mr_constant x mean moving range.
    ``exclude``: 0-based points drawn but left out of centre, limits and rules."""
    return chart("xmr", values, phases=phases, baseline=baseline, rules=rules,
                 improvement=improvement, target=target, screen_mr=screen_mr,
                 mr_constant=mr_constant, exclude=exclude)


def run_chart(values, *, phases=None, baseline=None, exclude=None):
    """Run chart about the median with the Anhoej rules (long_run, few_crossings)."""
    return chart("run", values, phases=phases, baseline=baseline, rules="anhoej", exclude=exclude)


def c_chart(counts, *, phases=None, baseline=None, rules="mdc", improvement=None, target=None,
            exclude=None):
    """c chart of counts: mean +/- 3 sqrt(mean), lower limit floored at 0."""
    return chart("c", counts, phases=phases, baseline=baseline, rules=rules,
                 improvement=improvement, target=target, exclude=exclude)


def u_chart(counts, exposures, *, per=1.0, laney=False, phases=None, baseline=None,
            rules="mdc", improvement=None, target=None, exclude=None):
    """u chart of counts per exposure (x per); Laney's u' with laney=True."""
    return chart("u", counts, exposures, per=per, laney=laney, phases=phases,
                 baseline=baseline, rules=rules, improvement=improvement, target=target,
                 exclude=exclude)


def p_chart(numerators, denominators, *, laney=False, phases=None, baseline=None,
            rules="mdc", improvement=None, target=None, exclude=None):
    """p chart of proportions; Laney's p' with laney=True. Limits within [0, 1]."""
    return chart("p", numerators, denominators, laney=laney, phases=phases,
                 baseline=baseline, rules=rules, improvement=improvement, target=target,
                 exclude=exclude)


def t_chart(intervals, *, phases=None, baseline=None, rules="mdc", improvement=None,
            screen_mr=True, mr_constant=3 / 1.128, exclude=None):
    """t chart of times between events: an I chart on y^(1/3.6), back-transformed."""
    return chart("t", intervals, phases=phases, baseline=baseline, rules=rules,
                 improvement=improvement, screen_mr=screen_mr, mr_constant=mr_constant,
                 exclude=exclude)


def g_chart(counts_between, *, phases=None, baseline=None, rules="mdc", improvement=None,
            exclude=None):
    """g chart of opportunities between events: median centre, limits from the mean."""
    return chart("g", counts_between, phases=phases, baseline=baseline, rules=rules,
                 improvement=improvement, exclude=exclude)


#: The rules an mr chart evaluates by default: qicharts2 runs no runs
#: analysis on moving ranges, only the limit.
MR_RULES = ("outside_limits",)


def mr_chart(values, *, phases=None, baseline=None, rules=MR_RULES, exclude=None):
    """Moving-range chart (qicharts2's ``mr``): one point per value, the first NaN
    (its centre and limits still given); centre the mean moving range, upper
    limit 3.267 x it, lower limit 0. No run rules unless asked for."""
    return chart("mr", values, phases=phases, baseline=baseline, rules=rules, exclude=exclude)


def subgroups_of(values, subgroups):
    """Groups raw values by subgroup key, in order of first appearance:
    returns (keys, means, sds, sizes). Missing values (NaN, None) are left out
    of their subgroup; a subgroup of only missing values has NaN mean and sd
    and size 0. ValueError when the two inputs differ in length."""
    import numpy as np

    values = np.asarray(_as_input(values), dtype=float)
    keys = list(subgroups.tolist() if hasattr(subgroups, "tolist") else subgroups)
    if len(keys) != len(values):
        raise _core.InputError(
            f"values has {len(values)} elements but subgroups has {len(keys)}")
    order, members = [], {}
    for key, value in zip(keys, values):
        if key not in members:
            members[key] = []
            order.append(key)
        if not np.isnan(value):
            members[key].append(value)
    means, sds, sizes = [], [], []
    for key in order:
        xs = np.asarray(members[key], dtype=float)
        sizes.append(float(xs.size))
        means.append(float(xs.mean()) if xs.size else float("nan"))
        sds.append(float(xs.std(ddof=1)) if xs.size > 1 else float("nan"))
    return order, np.asarray(means), np.asarray(sds), np.asarray(sizes)


def xbar_chart(values, subgroups, *, phases=None, baseline=None, rules="mdc", improvement=None,
               target=None, exclude=None):
    """Xbar chart of subgroup means (qicharts2's ``xbar``). ``values`` holds every
    raw value and ``subgroups`` the subgroup key of each (numbers, strings or
    dates): one point per subgroup in order of first appearance. Centre: the
    size-weighted mean; sigma: the pooled standard deviation (the mean of the
    sds when sizes are equal); limits centre +/- A3(n) sigma."""
    _, means, sds, sizes = subgroups_of(values, subgroups)
    return chart("xbar", means, sizes, sds=sds, phases=phases, baseline=baseline, rules=rules,
                 improvement=improvement, target=target, exclude=exclude)


def s_chart(values, subgroups, *, phases=None, baseline=None, rules="mdc", improvement=None,
            target=None, exclude=None):
    """S chart of subgroup standard deviations (qicharts2's ``s``), from raw
    ``values`` and the ``subgroups`` key of each as xbar_chart; limits B3(n)
    and B4(n) times the centre."""
    _, _, sds, sizes = subgroups_of(values, subgroups)
    return chart("s", sds, sizes, phases=phases, baseline=baseline, rules=rules,
                 improvement=improvement, target=target, exclude=exclude)


def i_prime_chart(counts, exposures, *, per=1.0, phases=None, baseline=None, rules="mdc",
                  improvement=None, target=None, screen_mr=True, exclude=None):
    """I' chart (qicharts2's ``ip``; Taylor): individuals of counts / exposures
    (x per) with limits that widen with smaller exposure, sigma from the
    exposure-scaled moving ranges."""
    return chart("ip", counts, exposures, per=per, phases=phases, baseline=baseline,
                 rules=rules, improvement=improvement, target=target, screen_mr=screen_mr,
                 exclude=exclude)
