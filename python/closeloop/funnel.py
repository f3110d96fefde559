"""Funnel plots: each service's rate against the organisation's pooled rate,
with exact-Poisson 95% and 99.8% limits that narrow as exposure grows.

``cl.funnel(inc, exp, measure="occupied_bed_days", category="fall")`` or
``cl.funnel(labels=..., counts=..., exposures=...)``. The result has numpy
columns, ``to_pandas()`` and ``plot(ax=None)`` (matplotlib, imported lazily).
"""

from __future__ import annotations

from . import _core

_COLUMNS = ["counts", "exposure", "rate", "lower_95", "upper_95", "lower_998", "upper_998",
            "flag_95", "flag_998"]


class FunnelResult:
    """Funnel plot data: one element per unit in each column; ``target`` is the
    pooled (or given) rate x ``per``. Flags are +1 above the upper limit, -1
    below the lower limit, 0 within."""

    def __init__(self, core):
        self._core = core
        self.labels = list(core.labels)
        for name in _COLUMNS:
            setattr(self, name, getattr(core, name))
        self.target = core.target
        self.per = core.per

    def __len__(self):
        return len(self.labels)

    def __repr__(self):
        outliers = int((self.flag_998 != 0).sum())
        return (f"FunnelResult({len(self)} units, target {self.target:.4g} per {self.per:g}, "
                f"{outliers} beyond 99.8%)")

    @property
    def above_95(self):
        return self.flag_95 > 0

    @property
    def below_95(self):
        return self.flag_95 < 0

    @property
    def above_998(self):
        return self.flag_998 > 0

    @property
    def below_998(self):
        return self.flag_998 < 0

    def to_pandas(self):
        """One row per unit: label, count, exposure, rate, limits and flags."""
        import pandas as pd

        frame = pd.DataFrame({"label": self.labels, "count": self.counts})
        for name in _COLUMNS[1:7]:
            frame[name] = getattr(self, name)
        for name in ["above_95", "below_95", "above_998", "below_998"]:
            frame[name] = getattr(self, name)
        return frame

    def limits(self, exposures, coverage):
        """(lower, upper) limit curves at the given exposures for a coverage
        such as 0.95 or 0.998."""
        return _core.funnel_limits(self.target, exposures, coverage, self.per)

    def plot(self, ax=None):
        """Draws the funnel: units as points, the target line and both pairs
        of limits. Returns the matplotlib Axes."""
        import numpy as np
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(7, 4.5))
        present = self.exposure > 0
        if present.any():
            high = float(self.exposure[present].max()) * 1.1
            low = max(float(self.exposure[present].min()) * 0.5, high / 1000)
            grid = np.geomspace(low, high, 200)
            for coverage, style in [(0.95, "--"), (0.998, ":")]:
                lower, upper = self.limits(grid, coverage)
                label = f"{coverage * 100:g}% limits"
                ax.plot(grid, upper, style, color="grey", label=label)
                ax.plot(grid, lower, style, color="grey")
        ax.axhline(self.target, color="black", linewidth=1, label="organisation")
        colours = np.where(self.flag_998 > 0, "#d62728",
                           np.where(self.flag_998 < 0, "#1f77b4", "#555555"))
        ax.scatter(self.exposure[present], self.rate[present], c=colours[present], zorder=3)
        for i in np.flatnonzero(present & (self.flag_95 != 0)):
            ax.annotate(self.labels[i], (self.exposure[i], self.rate[i]),
                        textcoords="offset points", xytext=(4, 4), fontsize=8)
        ax.set_xlabel("exposure")
        ax.set_ylabel(f"rate per {self.per:g}")
        ax.legend(loc="upper right", fontsize=8)
        return ax


def funnel(incidents=None, exposure=None, *, measure=None, category=None, start=None, end=None,
           by="service_id", services=None, per=1000.0, target=None, labels=None, counts=None,
           exposures=None):
    """Funnel plot data.

    From tables: counts incidents (of ``category``, a word or a list) and
    exposure (``measure``, a word or a list in order of preference) per
    ``by`` group between ``start`` and ``end``. From arrays: ``labels``,
    ``counts`` and ``exposures``. ``target`` fixes the centre line (a rate x
    per) instead of the pooled rate.
    """
    if incidents is None:
        if labels is None or counts is None or exposures is None:
            raise _core.InputError("funnel needs incidents and exposure, or labels, counts and "
                                   "exposures")
        return FunnelResult(_core._funnel([str(l) for l in labels], counts, exposures, per, target))
    if exposure is None or measure is None:
        raise _core.InputError("funnel from incidents needs an exposure table and a measure")
    if isinstance(category, str):
        category = [category]
    grid = _core.count_grid(incidents, exposure, by=by, period="month", measure=measure,
                            services=services, start=start, end=end,
                            categories=list(category or []), per=per)
    return FunnelResult(_core._funnel_from_grid(grid, target))
