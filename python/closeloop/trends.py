"""The trend job: ``cl.trends(inc, exp, by=[...], period="month", measure=[...],
per=1000, chart="u", rules="mdc")``.

One SPC chart per group (service, category, ... combination), all computed in
one C++ call; the result has one row per series point as numpy columns, and
``to_pandas()``. ``chart(series)`` gives one series as a ``closeloop.spc.Chart``
(recomputed by the SPC engine from the same counts and exposures) and
``plot(series)`` draws it. Definitions: docs/metrics.md.
"""

from __future__ import annotations

from . import _core
from .pandas import _datetime_ns

_COLUMNS = ("count", "exposure", "rate", "value", "centre", "lcl", "ucl", "phase")


class TrendResult:
    """The trend job's result: series-major rows, one per series point.

    Numpy columns (one element per row): ``series`` (index), ``period_start``
    (datetime64[D]), ``count``, ``exposure``, ``rate`` (NaN without exposure),
    ``value`` (the charted value), ``centre``, ``lcl``, ``ucl``, ``phase``;
    ``point_type`` and ``special_cause`` (lists of Making Data Count words, as
    cl.spc.Chart has them); ``signals`` maps
    each evaluated rule to a boolean column. Per series: ``keys`` (dict of key
    name to list), ``measure``, ``variation``.
    """

    def __init__(self, core, options):
        self._core = core
        self._options = options
        self.by = core.by
        self.period = core.period
        self.per = core.per
        self.kind = core.chart
        self.rules = core.rules
        self.period_starts = core.period_starts
        self.series = core.series
        self.period_start = core.period_start
        for name in _COLUMNS:
            setattr(self, name, getattr(core, name))
        self.point_type = core.point_type
        self.special_cause = core.special_cause
        self.signals = core.signals
        self.keys = {name: list(values) for name, values in zip(core.by, core.series_keys)}
        self.measure = list(core.series_measure)
        self.variation = list(core.variation)

    def __len__(self):
        return len(self._core)

    @property
    def series_count(self):
        return self._core.series_count

    def label(self, series):
        """The series' key texts joined with " / "."""
        return self._core.label(series)

    def find(self, key):
        """The index of the series with these key texts (a string for one key)."""
        key = [key] if isinstance(key, str) else list(key)
        for s in range(self.series_count):
            if [self.keys[name][s] for name in self.by] == key:
                return s
        raise _core.NotFoundError(f"no series {key!r} in the trend result")

    def __repr__(self):
        return (f"TrendResult({self.series_count} series x {len(self.period_starts)} "
                f"{self.period} periods, {self.kind} chart)")

    def to_pandas(self):
        """One row per series point: the group keys, period_start, count,
        exposure, rate, value, centre, lcl, ucl, phase, point_type,
        special_cause and one boolean column per rule."""
        import numpy as np
        import pandas as pd

        columns = {}
        for name in self.by:
            columns[name] = np.asarray(self.keys[name], dtype=object)[self.series]
        columns["period_start"] = _datetime_ns(self.period_start.astype("int64"),
                                               name="period_start")
        for name in _COLUMNS:
            columns[name] = getattr(self, name)
        columns["point_type"] = self.point_type
        columns["special_cause"] = self.special_cause
        for rule, flags in self.signals.items():
            columns[rule] = flags
        return pd.DataFrame(columns)

    def _rows(self, series):
        if not isinstance(series, int):
            series = self.find(series)
        periods = len(self.period_starts)
        return series, slice(series * periods, (series + 1) * periods)

    def chart(self, series):
        """One series (an index or its key texts) as a closeloop.spc.Chart."""
        import numpy as np

        from . import spc

        series, rows = self._rows(series)
        o = self._options
        phases = sorted(set(int(p) for p in np.flatnonzero(np.diff(self.phase[rows])) + 1))
        common = dict(phases=phases or None, baseline=o["baseline"] or None, rules=o["rules"],
                      improvement=o["improvement"])
        counts = self.count[rows].astype(float)
        if self.kind == "u":
            exposure = self.exposure[rows]
            values = np.where(exposure > 0, counts, np.nan)
            return spc.chart("u", values, np.where(exposure > 0, exposure, 1.0), per=self.per, **common)
        if self.kind == "c":
            return spc.chart("c", counts, **common)
        values = self.rate[rows] if o["measure"] else counts
        return spc.chart(self.kind, values, **common)

    def plot(self, series=0, ax=None):
        """Draws one series' chart (an index or its key texts), dated on the x
        axis; returns the matplotlib Axes."""
        import matplotlib.pyplot as plt

        series, _ = self._rows(series)
        chart = self.chart(series)
        ax = chart.plot(ax=ax)
        labels = [str(d)[:7] if self.period in ("month", "quarter") else str(d)
                  for d in self.period_starts]
        step = max(1, len(labels) // 12)
        ax.set_xticks(range(0, len(labels), step))
        ax.set_xticklabels(labels[::step], rotation=45, ha="right", fontsize=8)
        unit = f"per {self.per:g}" if self.kind == "u" else ""
        ax.set_title(f"{self.label(series)}: {self.kind} chart {unit} ({chart.variation})")
        plt.tight_layout()
        return ax


def trends(incidents, exposure=None, *, by=("service_id",), period="month", measure=None,
           per=1000.0, chart="u", rules="mdc", improvement=None, services=None, start=None,
           end=None, categories=None, rebase=None, baseline=None):
    """Runs the trend job (docs/metrics.md).

    ``incidents`` is an IncidentTable, or a Grid already counted (from
    ``cl.combine_partitions``: data counted in partitions, docs/scale.md),
    charted as it is: its grouping, periods, categories and multiplier stand,
    and ``by``, ``period``, ``per``, ``services``, ``start``, ``end`` and
    ``categories`` must be left at their defaults.

    ``by``: group keys (service_id, category, harm, service_type, region), a
    word or a list; ``measure``: a measure or a list in order of preference
    (each service uses the first it has); ``chart``: u, c, xmr or run;
    ``rules``: "mdc", "anhoej" or a list of rule names; ``improvement``:
    "increase", "decrease" or None; ``categories``: count only these;
    ``rebase``: dates from which limits are recomputed; ``baseline``: limits
    from the first n points of each phase.
    """
    by = [by] if isinstance(by, str) else list(by)
    if isinstance(categories, str):
        categories = [categories]
    if exposure is None:
        exposure = _core.ExposureTable()
    else:
        from .lifecycle import as_exposure

        exposure = as_exposure(exposure)
    options = dict(measure=measure, rules=rules if isinstance(rules, str) else list(rules),
                   improvement=improvement, baseline=baseline)
    if isinstance(incidents, _core.Grid):
        given = dict(by=by != ["service_id"], period=period != "month", per=per != 1000.0,
                     services=services is not None, start=start is not None,
                     end=end is not None, categories=bool(categories))
        wrong = [name for name, set_ in given.items() if set_]
        if wrong:
            raise _core.InputError(f"trends of a Grid take the grid's {', '.join(wrong)}; "
                                   "count the partitions with those options instead")
        core = _core._trends_of_grid(incidents, measure, chart, options["rules"], improvement,
                                     list(rebase or []), baseline)
        return TrendResult(core, options)
    core = _core._trends(incidents, exposure, list(by), period, measure, per, chart,
                         options["rules"], improvement, services, start, end,
                         list(categories or []), list(rebase or []), baseline)
    return TrendResult(core, options)
