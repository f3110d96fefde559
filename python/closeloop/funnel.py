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


def _name_map(names):
    """{label: name} from a dict, a ServiceTable (ids and names) or None."""
    if names is None:
        return {}
    if isinstance(names, dict):
        return {str(k): str(v) for k, v in names.items()}
    if hasattr(names, "ids") and hasattr(names, "names"):
        return dict(zip(names.ids, names.names))
    raise _core.InputError("names must be a dict of label to name or a ServiceTable")


class FunnelResult:
    """Funnel plot data: one element per unit in each column; ``target`` is the
    pooled (or given) rate x ``per``. Flags are +1 above the upper limit, -1
    below the lower limit, 0 within. ``names`` holds each unit's display name
    (the service's name when a ServiceTable was given, else its label)."""

    def __init__(self, core, names=None):
        self._core = core
        self.labels = list(core.labels)
        known = _name_map(names)
        self.names = [known.get(label) or label for label in self.labels]
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

    def plot(self, ax=None, names=None, fontsize=8):
        """Draws the funnel: units as points, the target line and both pairs
        of limits, and every unit labelled with its name (``names``: a dict
        of label to name or a ServiceTable; ``self.names`` by default).
        Units outside the 95% limits are labelled first and in bold; each
        label goes to the first of a few positions around its point that
        overlaps no point or earlier label. Returns the matplotlib Axes."""
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
        shown = self.names if names is None else [
            _name_map(names).get(label) or label for label in self.labels]
        _label_points(ax, [float(v) for v in self.exposure], [float(v) for v in self.rate],
                      shown, present, self.flag_95 != 0, fontsize)
        ax.set_xlabel("exposure")
        ax.set_ylabel(f"rate per {self.per:g}")
        ax.legend(loc="upper right", fontsize=8)
        return ax


# Offsets (points) and alignment tried in turn for a label beside its point.
_LABEL_POSITIONS = [(5, 3, "left", "bottom"), (-5, 3, "right", "bottom"),
                    (5, -3, "left", "top"), (-5, -3, "right", "top"),
                    (0, 7, "center", "bottom"), (0, -7, "center", "top"),
                    (6, 12, "left", "bottom"), (-6, 12, "right", "bottom"),
                    (6, -12, "left", "top"), (-6, -12, "right", "top")]


def _label_points(ax, xs, ys, names, present, outside, fontsize):
    """Annotates each present point with its name where it overlaps least."""
    import numpy as np

    ax.autoscale_view()
    figure = ax.figure
    renderer = figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    points = [i for i in range(len(names)) if present[i] and np.isfinite(ys[i])]
    taken = []
    for i in points:
        cx, cy = ax.transData.transform((xs[i], ys[i]))
        taken.append((cx - 4, cy - 4, cx + 4, cy + 4))

    def cost(box):
        left, bottom, right, top = box
        area = (right - left) * (top - bottom)
        inside_w = max(0.0, min(right, frame.x1) - max(left, frame.x0))
        inside_h = max(0.0, min(top, frame.y1) - max(bottom, frame.y0))
        total = area - inside_w * inside_h
        for other in taken:
            w = min(right, other[2]) - max(left, other[0])
            h = min(top, other[3]) - max(bottom, other[1])
            if w > 0 and h > 0:
                total += w * h
        return total

    for i in sorted(points, key=lambda k: (not outside[k], k)):
        best = None
        for dx, dy, ha, va in _LABEL_POSITIONS:
            note = ax.annotate(names[i], (xs[i], ys[i]), xytext=(dx, dy),
                               textcoords="offset points", ha=ha, va=va, fontsize=fontsize,
                               fontweight="bold" if outside[i] else "normal")
            extent = note.get_window_extent(renderer)
            box = (extent.x0, extent.y0, extent.x1, extent.y1)
            score = cost(box)
            if best is None or score < best[0]:
                if best is not None:
                    best[1].remove()
                best = (score, note, box)
            else:
                note.remove()
            if score <= 0:
                break
        taken.append(best[2])


def funnel(incidents=None, exposure=None, *, measure=None, category=None, start=None, end=None,
           by="service_id", services=None, per=1000.0, target=None, labels=None, counts=None,
           exposures=None, names=None):
    """Funnel plot data.

    From tables: counts incidents (of ``category``, a word or a list) and
    exposure (``measure``, a word or a list in order of preference) per
    ``by`` group between ``start`` and ``end``. From arrays: ``labels``,
    ``counts`` and ``exposures``. ``target`` fixes the centre line (a rate x
    per) instead of the pooled rate. ``names`` (a dict of label to name, or a
    ServiceTable; by default ``services`` when grouping by service) gives the
    names ``plot()`` writes beside the points.
    """
    if incidents is None:
        if labels is None or counts is None or exposures is None:
            raise _core.InputError("funnel needs incidents and exposure, or labels, counts and "
                                   "exposures")
        return FunnelResult(_core._funnel([str(l) for l in labels], counts, exposures, per, target),
                            names)
    if exposure is None or measure is None:
        raise _core.InputError("funnel from incidents needs an exposure table and a measure")
    if isinstance(category, str):
        category = [category]
    grid = _core.count_grid(incidents, exposure, by=by, period="month", measure=measure,
                            services=services, start=start, end=end,
                            categories=list(category or []), per=per)
    return FunnelResult(_core._funnel_from_grid(grid, target),
                        names if names is not None else services)
