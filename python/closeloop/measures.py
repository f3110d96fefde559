"""The measure series: one measure of one scope per period (docs/metrics.md).

``cl.measure_series(kind, ...)`` builds a series of a rate, a proportion, a
duration or a count, or the reporting delay of incidents; the series knows
the one before/after split (``split``) and its chart (``chart``), and has
``to_pandas()``, ``plot()`` and ``_repr_html_()`` for notebooks. The same C++
primitive computes the trend job's rebase, the report's before/after figures
and ``cl.evaluate_effectiveness``.
"""

import html

from . import _core
from .lifecycle import as_exposure
from .spc import Chart

__all__ = ["MeasureSeries", "measure_series", "compare_durations", "DurationComparison"]

compare_durations = _core.compare_durations
DurationComparison = _core.DurationComparison

_SHADE_BEFORE = "#E8EEF4"
_SHADE_AFTER = "#EAF4E8"


def _days(values):
    """Dates (datetime.date, ISO strings, datetime64) as int32 day numbers."""
    import numpy as np

    array = np.asarray(values)
    if array.dtype.kind != "M":
        array = np.array([np.datetime64(str(v)[:10], "D") for v in values], dtype="datetime64[D]")
    return array.astype("datetime64[D]").astype("int64").astype("int32")


def _services(services):
    if services is None:
        return []
    if isinstance(services, str):
        return [services]
    return [str(s) for s in services]


def measure_series(kind, *, incidents=None, exposure=None, category="", services=None,
                   measure=None, per=1000.0, days=None, successes=None, trials=None,
                   durations=None, name=None, unit="", period="month", start=None, end=None):
    """One measure of one scope per period.

    ``kind``: ``"rate"`` (``incidents``, ``exposure`` — an ExposureTable, a
    DataFrame or an exposure.csv path — ``category``, ``measure``: one exposure
    measure or a list in order of preference, ``per``), ``"count"``
    (``incidents``, ``category``), ``"proportion"`` (``days``, ``successes``,
    ``trials``: one row per audit or check), ``"duration"`` (``days``,
    ``durations``, ``unit``) or ``"reporting_delay"`` (``incidents``,
    ``category``: days from occurrence to report). ``services``: one id, a
    list, or None for the whole organisation; ``period``: month, week or
    quarter; ``start``/``end`` bound the range.
    """
    if kind == "rate":
        measures = [measure] if isinstance(measure, str) else list(measure or [])
        core = _core._rate_series(incidents, as_exposure(exposure), category, _services(services),
                                  measures, float(per), period, start, end)
    elif kind == "count":
        core = _core._count_series(incidents, category, _services(services), period, start, end)
    elif kind == "reporting_delay":
        core = _core._reporting_delay_series(incidents, category, _services(services), period,
                                             start, end)
    elif kind == "proportion":
        core = _core._proportion_series(name or "proportion", _days(days), successes, trials,
                                        period, start, end)
    elif kind == "duration":
        core = _core._duration_series(name or "duration", unit, _days(days), durations, period,
                                      start, end)
    else:
        raise _core.InputError(
            f"unknown measure kind {kind!r}: expected rate, count, proportion, duration or "
            "reporting_delay")
    return MeasureSeries(core)


class MeasureSeries:
    """Per period: ``period_start`` (datetime64[D]), ``numerator``,
    ``denominator``, ``value`` (and for durations ``median``, ``sd`` and the
    items). ``kind`` is rate, proportion, duration or count."""

    def __init__(self, core):
        self._core = core

    def __len__(self):
        return len(self._core)

    def __getattr__(self, name):
        return getattr(self._core, name)

    def split(self, change, as_of=None):
        """The one before/after split: a dict with ``side`` per period
        (before, transition, after, incomplete), ``first_after``, and the
        ``before`` and ``after`` period indices that have data."""
        return _core._split(self._core, change, as_of)

    def chart(self, rebase_at=None, improvement=None, target=None):
        """The series' chart (u, p, xmr or c), rebased at ``rebase_at`` when given."""
        return Chart(_core._measure_chart(self._core, rebase_at, improvement or "neutral", target))

    def subgroup_chart(self, kind="xbar", rebase_at=None, improvement=None, target=None):
        """For a duration with several items per period: the xbar (or s) chart
        of the items, one point per period that has items, rebased at
        ``rebase_at`` when given (a new phase at the first period on or after it)."""
        from . import spc

        if self.kind != "duration":
            raise _core.InputError(f"measure {self.name!r} is a {self.kind}: only durations have items")
        periods = sorted(set(int(p) for p in self.item_period))
        phases = None
        if rebase_at is not None:
            first_after = self.split(rebase_at)["first_after"]
            index = next((i for i, p in enumerate(periods) if p >= first_after), len(periods))
            phases = [index] if 0 < index < len(periods) else None
        function = spc.xbar_chart if kind == "xbar" else spc.s_chart
        return function(self.item_value, self.item_period, phases=phases, improvement=improvement,
                        target=target)

    def to_pandas(self):
        """One row per period: period_start, numerator, denominator, value (and median, sd)."""
        import pandas as pd

        columns = {"period_start": self.period_start, "numerator": self.numerator,
                   "denominator": self.denominator, "value": self.value}
        if self.kind == "duration":
            columns["median"] = self.median
            columns["sd"] = self.sd
        return pd.DataFrame(columns)

    def plot(self, ax=None, rebase_at=None, improvement=None, target=None):
        """Draws the chart (rebased at ``rebase_at``, the periods before it shaded)."""
        chart = self.chart(rebase_at, improvement, target)
        first_after = self.split(rebase_at)["first_after"] if rebase_at is not None else None
        return _plot_with_sides(chart, self.period_start, first_after, ax,
                                f"{self.name} ({self.scope})")

    def _repr_html_(self):
        head = (f"<p><b>{html.escape(self.name)}</b> — {html.escape(self.kind)}, "
                f"{html.escape(self.scope)}, per {html.escape(self.period)} "
                f"({html.escape(self.unit)})</p>")
        return head + self.to_pandas().to_html(index=False)

    def __repr__(self):
        return f"<closeloop.MeasureSeries {self.kind} {self.name!r} at {self.scope}: {len(self)} periods>"


def _plot_with_sides(chart, period_start, first_after, ax, title):
    """A chart with the before periods shaded blue and the after ones green."""
    ax = chart.plot(ax=ax)
    n = len(chart)
    if first_after is not None and 0 < first_after < n:
        ax.axvspan(-0.5, first_after - 0.5, color=_SHADE_BEFORE, zorder=0, label="before")
        ax.axvspan(first_after - 0.5, n - 0.5, color=_SHADE_AFTER, zorder=0, label="after")
    step = max(1, n // 8)
    ax.set_xticks(range(0, n, step))
    ax.set_xticklabels([str(d)[:10] for d in period_start[::step]], rotation=30, ha="right")
    ax.set_title(title)
    return ax


def _effectiveness_to_pandas(e):
    """The before and after periods the verdict rests on, with their side."""
    frame = MeasureSeries(e.measured).to_pandas()
    frame["side"] = ["before" if i < e.first_after else "after" for i in range(len(frame))]
    return frame


def _effectiveness_plot(e, ax=None):
    """The rebased chart, before periods shaded blue and after ones green."""
    chart = Chart(e.rebased_chart)
    return _plot_with_sides(chart, e.measured.period_start, e.first_after, ax,
                            f"{e.action}: {e.verdict}")


def _effectiveness_html(e):
    rows = "".join(
        f"<li>balancing: {html.escape(b.what)} — {html.escape(str(b.verdict))}: "
        f"{html.escape(b.reason)}</li>" for b in e.balancing)
    return (f"<div><p><b>{html.escape(str(e.action))}</b> ({html.escape(e.value_kind)}, "
            f"{html.escape(str(e.role))}): <b>{html.escape(str(e.verdict))}</b></p>"
            f"<p>{html.escape(e.summary())}</p>{'<ul>' + rows + '</ul>' if rows else ''}"
            f"{_effectiveness_to_pandas(e).to_html(index=False)}</div>")


_core.Effectiveness.to_pandas = _effectiveness_to_pandas
_core.Effectiveness.plot = _effectiveness_plot
_core.Effectiveness._repr_html_ = _effectiveness_html
