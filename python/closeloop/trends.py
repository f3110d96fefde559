"""The trend job: ``cl.trends(inc, exp, by=[...], period="month", measure=[...],
per=1000, chart="u", rules="mdc")``.

One SPC chart per group (service, category, ... combination), all computed in
one C++ call; the result has one row per series point as numpy columns, and
``to_pandas()``. ``chart(series)`` gives one series as a ``closeloop.spc.Chart``
(by the C++ trend result, with the job's own options) and ``plot(series)``
draws it. Definitions: docs/metrics.md.
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

    def __init__(self, core):
        self._core = core
        self.by = core.by
        self.period = core.period
        self.per = core.per
        self.kind = core.chart
        self.rules = core.rules
        self.period_starts = core.period_starts
        self.series = core.series
        for name in _COLUMNS:
            setattr(self, name, getattr(core, name))
        self.signals = core.signals
        self.keys = {name: list(values) for name, values in zip(core.by, core.series_keys)}
        self.measure = list(core.series_measure)
        self.variation = list(core.variation)

    def __len__(self):
        return len(self._core)

    @property
    def period_start(self):
        """Each row's period start (datetime64[D], a new array)."""
        return self._core.period_start

    @property
    def point_type(self):
        """Each row's Making Data Count point type (a new list of words)."""
        return self._core.point_type

    @property
    def special_cause(self):
        """Each row's special-cause type (a new list of words)."""
        return self._core.special_cause

    @property
    def series_count(self):
        return self._core.series_count

    def label(self, series):
        """The series' key texts joined with " / "."""
        return self._core.label(series)

    def find(self, key):
        """The index of the series with these key texts (a string for one key)."""
        key = [key] if isinstance(key, str) else list(key)
        index = self._core.find(key)
        if index is None:
            raise _core.NotFoundError(f"no series {key!r} in the trend result")
        return index

    def __repr__(self):
        return (f"TrendResult({self.series_count} series x {len(self.period_starts)} "
                f"{self.period} periods, {self.kind} chart)")

    def to_pandas(self):
        """One row per series point: the group keys (categoricals), period_start,
        count, exposure, rate, value, centre, lcl, ucl, phase (the result's own
        buffers, not copied), point_type and special_cause (categoricals) and
        one boolean column per rule (views)."""
        import numpy as np
        import pandas as pd

        columns = {}
        for name in self.by:
            # One code per series, then per row: a categorical, not a column of strings.
            words = self.keys[name]
            categories = list(dict.fromkeys(words))
            index = {word: code for code, word in enumerate(categories)}
            per_series = np.fromiter((index[word] for word in words), dtype=np.int32,
                                     count=len(words))
            columns[name] = pd.Categorical.from_codes(per_series[self.series], categories=categories)
        columns["period_start"] = _datetime_ns(self._core.period_start.astype("int64"),
                                               name="period_start")
        for name in _COLUMNS:
            columns[name] = getattr(self, name)
        core = self._core
        columns["point_type"] = pd.Categorical.from_codes(core.point_type_codes,
                                                          categories=core.point_type_words)
        columns["special_cause"] = pd.Categorical.from_codes(core.special_cause_codes,
                                                             categories=core.special_cause_words)
        for rule, flags in self.signals.items():
            columns[rule] = flags
        # copy=False: pandas keeps each numpy column as it is (views over the
        # C++ result) instead of gathering them into new blocks.
        return pd.DataFrame(columns, copy=False)

    def _rows(self, series):
        if not isinstance(series, int):
            series = self.find(series)
        periods = len(self.period_starts)
        return series, slice(series * periods, (series + 1) * periods)

    def chart(self, series):
        """One series (an index or its key texts) as a closeloop.spc.Chart, by
        the SPC engine with the trend job's own options (C++
        TrendResult::chart_of): the same points, limits and flags as its rows."""
        from . import spc

        series, _ = self._rows(series)
        return spc.Chart(self._core.chart_of(series))

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
    rules = rules if isinstance(rules, str) else list(rules)
    if isinstance(incidents, _core.Grid):
        given = dict(by=by != ["service_id"], period=period != "month", per=per != 1000.0,
                     services=services is not None, start=start is not None,
                     end=end is not None, categories=bool(categories))
        wrong = [name for name, set_ in given.items() if set_]
        if wrong:
            raise _core.InputError(f"trends of a Grid take the grid's {', '.join(wrong)}; "
                                   "count the partitions with those options instead")
        core = _core._trends_of_grid(incidents, measure, chart, rules, improvement,
                                     list(rebase or []), baseline)
        return TrendResult(core)
    core = _core._trends(incidents, exposure, list(by), period, measure, per, chart,
                         rules, improvement, services, start, end,
                         list(categories or []), list(rebase or []), baseline)
    return TrendResult(core)
