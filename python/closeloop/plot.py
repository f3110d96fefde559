"""Drawing closeloop's SPC charts: matplotlib plots and notebook HTML.

matplotlib is imported inside the functions, so ``import closeloop`` works
without it. Colours follow NHS Making Data Count: orange for special-cause
concern, blue for special-cause improvement, purple for special cause where
neither direction is better, grey for common cause.
"""

import html
import math

__all__ = ["POINT_COLOURS", "chart_html", "chart_svg", "plot_chart"]

#: Point colour by Making Data Count point type.
POINT_COLOURS = {
    "common_cause": "#7B7D7D",
    "special_cause_improvement": "#289DE0",
    "special_cause_concern": "#FAB428",
    "special_cause_neutral_high": "#361475",
    "special_cause_neutral_low": "#361475",
}
_LINE_COLOUR = "#7B7D7D"
_CENTRE_COLOUR = "#231F20"
_LIMIT_COLOUR = "#8A1538"


def _phase_segments(chart):
    """(start, end) of each phase, so lines break at every rebase."""
    return [(p["start"], p["start"] + p["size"]) for p in chart.phases]


def _point_colours(chart):
    # A point flagged only by a non-directional rule (the Anhoej run rules)
    # has no concern/improvement direction: it is drawn orange-free, as neutral.
    colours = []
    signals = chart.signals
    for i, kind in enumerate(chart.point_type):
        if kind == "common_cause" and any(flags[i] for flags in signals.values()):
            kind = "special_cause_neutral_high"
        colours.append(POINT_COLOURS[kind])
    return colours


def plot_chart(chart, ax=None):
    """Draws ``chart`` on ``ax`` (a new figure if None) and returns the axes.

    The values are joined by a grey line, centre and limits are drawn per
    phase (solid centre, dashed limits), a dotted vertical line marks each
    phase break and special-cause points are coloured.
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4))
    x = list(range(len(chart)))
    value, centre, lcl, ucl = chart.value, chart.centre, chart.lcl, chart.ucl
    ax.plot(x, value, color=_LINE_COLOUR, linewidth=1, zorder=1)
    for start, end in _phase_segments(chart):
        xs = x[start:end]
        ax.plot(xs, centre[start:end], color=_CENTRE_COLOUR, linewidth=1)
        ax.plot(xs, lcl[start:end], color=_LIMIT_COLOUR, linestyle="--", linewidth=1)
        ax.plot(xs, ucl[start:end], color=_LIMIT_COLOUR, linestyle="--", linewidth=1)
        if start > 0:
            ax.axvline(start - 0.5, color=_LINE_COLOUR, linestyle=":", linewidth=1)
    if chart.target is not None:
        ax.axhline(chart.target, color="#DE1B1B", linestyle="-.", linewidth=1)
    ax.scatter(x, value, c=_point_colours(chart), s=18, zorder=2)
    ax.set_title(f"{chart.kind} chart: {chart.variation}")
    return ax


def _finite(values):
    return [v for v in values if isinstance(v, float) and math.isfinite(v)]


def chart_svg(chart, width=480, height=200):
    """A small self-contained SVG drawing of ``chart`` (no matplotlib needed)."""
    value = [float(v) for v in chart.value]
    lines = [float(v) for v in chart.lcl] + [float(v) for v in chart.ucl]
    known = _finite(value + lines + [float(v) for v in chart.centre])
    n = len(value)
    if not known or n == 0:
        return f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"></svg>'
    low, high = min(known), max(known)
    if high == low:
        high = low + 1.0
    pad = 10

    def sx(i):
        return pad + (width - 2 * pad) * (i / max(n - 1, 1))

    def sy(v):
        return height - pad - (height - 2 * pad) * ((v - low) / (high - low))

    def path(series, start, end):
        parts, pen_up = [], True
        for i in range(start, end):
            v = float(series[i])
            if not math.isfinite(v):
                pen_up = True
                continue
            parts.append(("M" if pen_up else "L") + f"{sx(i):.1f},{sy(v):.1f}")
            pen_up = False
        return " ".join(parts)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">']
    for start, end in _phase_segments(chart):
        out.append(f'<path d="{path(chart.centre, start, end)}" stroke="{_CENTRE_COLOUR}" fill="none"/>')
        for series in (chart.lcl, chart.ucl):
            out.append(f'<path d="{path(series, start, end)}" stroke="{_LIMIT_COLOUR}" '
                       'stroke-dasharray="4,3" fill="none"/>')
    out.append(f'<path d="{path(value, 0, n)}" stroke="{_LINE_COLOUR}" fill="none"/>')
    for i, colour in enumerate(_point_colours(chart)):
        if math.isfinite(value[i]):
            out.append(f'<circle cx="{sx(i):.1f}" cy="{sy(value[i]):.1f}" r="2.5" fill="{colour}"/>')
    out.append("</svg>")
    return "".join(out)


def chart_html(chart):
    """The notebook view: a summary table and an inline SVG drawing."""
    rows = [
        ("chart", chart.kind),
        ("points", str(len(chart))),
        ("phases", str(len(chart.phases))),
        ("rules", ", ".join(chart.rules)),
        ("variation", chart.variation),
        ("assurance", "none" if chart.assurance is None else chart.assurance),
    ]
    body = "".join(
        f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>"
        for k, v in rows
    )
    return f"<div><table>{body}</table>{chart_svg(chart)}</div>"
