"""closeloop's SPC charts against the peers' own outputs, to relative 1e-9.

Every run in every ``<case>.json`` of the shared validation folder is a test
case: the R call is parsed (data subset, chart, facets, part, freeze,
exclude, multiply; value/date/facet fields, improvement direction, rebase,
target, fix_after_n_points, screen_outliers), the same chart is computed with
closeloop from the input CSV, and every per-point column of the peer's output
(centre, limits, 2-sigma lines, each signal, point types) plus the summaries,
icons and assurance are compared. Unseen runs of the same kinds are picked up
without editing this file. A missing validation folder fails the suite.

Charts closeloop does not offer are excluded by chart type in
``UNSUPPORTED_QIC_CHARTS`` with the reason (see docs/spc.md).
"""

import json
import math
import re

import numpy as np
import pandas as pd
import pytest

import closeloop as cl
from conftest import VALIDATION_DIR

REL = 1e-9

#: qicharts2 chart types closeloop does not compute, and why (none at present;
#: an entry here makes its runs fail loudly with the reason rather than pass).
UNSUPPORTED_QIC_CHARTS = {}

QIC_TO_CLOSELOOP = {
    # qic chart -> (closeloop kind, laney)
    "run": ("run", False),
    "i": ("xmr", False),
    "mr": ("mr", False),
    "c": ("c", False),
    "u": ("u", False),
    "up": ("u", True),
    "p": ("p", False),
    "pp": ("p", True),
    "ip": ("ip", False),
    "t": ("t", False),
    "g": ("g", False),
    "xbar": ("xbar", False),
    "s": ("s", False),
}


# --------------------------------------------------------------------------
# Collecting the runs


def _collect_runs():
    if not VALIDATION_DIR.is_dir():
        return [pytest.param(None, None, id="validation-folder-missing")]
    params = []
    for path in sorted(VALIDATION_DIR.glob("*.json")):
        case = json.loads(path.read_text())
        for index, run in enumerate(case["runs"]):
            params.append(pytest.param(path.name, index, id=f"{path.stem}-{run['peer']}-{run['tag']}"))
    return params


RUNS = _collect_runs()


def test_validation_folder_is_present(validation_dir):
    assert validation_dir.is_dir(), f"validation folder not found at {validation_dir}"
    assert list(validation_dir.glob("*.json")), f"no oracle JSON files in {validation_dir}"
    assert len(RUNS) >= 50


def test_every_peer_file_has_its_provenance(validation_dir):
    # The README names the tool, version, dataset and call behind each file; a file
    # added without saying where it came from, or a run whose output is missing, fails.
    readme = (validation_dir / "README.md").read_text()
    files = sorted(p.name for p in validation_dir.iterdir() if p.name != "README.md")
    assert [name for name in files if f"`{name}`" not in readme and name not in readme] == []
    for path in validation_dir.glob("*.json"):
        for run in json.loads(path.read_text())["runs"]:
            assert (validation_dir / run["output_file"]).is_file(), run["output_file"]
            assert run["call"] in readme.replace("\\|", "|"), run["call"]


# --------------------------------------------------------------------------
# Parsing R calls


def _split_args(text):
    """Splits an R argument list on top-level commas."""
    parts, depth, current, quote = [], 0, "", None
    for ch in text:
        if quote:
            current += ch
            if ch == quote:
                quote = None
            continue
        if ch in "'\"":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(current.strip())
            current = ""
            continue
        current += ch
    if current.strip():
        parts.append(current.strip())
    return parts


def parse_call(call):
    match = re.fullmatch(r"(\w+)\((.*)\)", call.strip(), re.S)
    assert match, call
    function, body = match.groups()
    positional, named = [], {}
    for part in _split_args(body):
        m = re.match(r"^([\w.]+)\s*=\s*(.*)$", part, re.S)
        if m and not part.startswith("~"):
            named[m.group(1)] = m.group(2).strip()
        else:
            positional.append(part)
    return function, positional, named


def _r_string(text):
    return text.strip().strip("'\"")


def _r_number_list(text):
    text = text.strip()
    if text.startswith("c("):
        return [float(v) for v in _split_args(text[2:-1])]
    return [float(text)]


# --------------------------------------------------------------------------
# Input data sets (README "Cases and data provenance")


def _read(validation_dir, name):
    return pd.read_csv(validation_dir / name)


def load_data(validation_dir, expression):
    expression = expression.strip()
    m = re.fullmatch(r"(head|tail)\((\w+),\s*(\d+)\)", expression)
    if m:
        frame = load_data(validation_dir, m.group(2))
        count = int(m.group(3))
        return (frame.head(count) if m.group(1) == "head" else frame.tail(count)).reset_index(drop=True)
    if expression == "cabg_last100":
        return load_data(validation_dir, "tail(cabg, 100)")
    ae_subsets = {
        "ae_rjz": (["RJZ"], None),
        "ae_trusts5": (["RAS", "RJZ", "RR1", "RJC", "RQ1"], None),
        "ae_rrk_stable": (["RRK"], "2018-04-01"),
        "ae_rrk_all": (["RRK"], None),
        "ae_facet6": (["RRK", "RJC", "RJ7", "R1K", "R1H", "RQM"], "2018-04-01"),
    }
    if expression in ae_subsets:
        orgs, before = ae_subsets[expression]
        ae = _read(validation_dir, "input_ae_attendances.csv")
        ae["type"] = ae["type"].astype(str)
        frame = ae[ae["org_code"].isin(orgs) & (ae["type"] == "1")]
        if before is not None:
            frame = frame[frame["period"] < before]
        return frame.reset_index(drop=True)
    files = {
        "cdi": "input_cdi.csv",
        "gtt": "input_gtt.csv",
        "gtt_by_month": "input_gtt_by_month.csv",
        "hospital_infections": "input_hospital_infections.csv",
        "hai_total": "input_hai_total.csv",
        "nhs_accidents": "input_nhs_accidents.csv",
        "complaints": "input_complaints.csv",
        "lots": "input_lots.csv",
        "cabg": "input_cabg.csv",
        "cabg_by_month": "input_cabg_by_month.csv",
        "fatalities": "input_fatalities.csv",
    }
    if expression in files:
        return _read(validation_dir, files[expression])
    # Unseen cases follow the README's layout: input_<name>.csv.
    fallback = validation_dir / f"input_{expression}.csv"
    assert fallback.is_file(), f"unknown data set {expression!r}: extend load_data"
    return pd.read_csv(fallback)


# --------------------------------------------------------------------------
# Comparison helpers


class Tally:
    """Counts the values compared, for docs/spc.md."""

    values = 0
    points = 0
    runs = 0


def assert_close(actual, expected, what):
    actual = np.asarray(actual, dtype=float)
    expected = np.asarray(expected, dtype=float)
    assert actual.shape == expected.shape, f"{what}: shape {actual.shape} != {expected.shape}"
    both_nan = np.isnan(actual) & np.isnan(expected)
    ok = both_nan | np.isclose(actual, expected, rtol=REL, atol=0.0)
    # An exact zero in the oracle (floored limits) must be an exact zero here.
    bad = np.flatnonzero(~ok)
    assert bad.size == 0, (
        f"{what}: {bad.size} mismatches, first at point {bad[0]}: "
        f"closeloop {actual[bad[0]]!r} vs peer {expected[bad[0]]!r}"
    )
    Tally.values += actual.size


def assert_equal(actual, expected, what):
    actual = list(actual)
    expected = list(expected)
    assert len(actual) == len(expected), f"{what}: length {len(actual)} != {len(expected)}"
    bad = [i for i, (a, e) in enumerate(zip(actual, expected)) if a != e]
    assert not bad, f"{what}: {len(bad)} mismatches, first at point {bad[0]}: {actual[bad[0]]!r} vs {expected[bad[0]]!r}"
    Tally.values += len(actual)


def sig(chart, rule):
    """A rule's flags, all false when the chart did not evaluate the rule."""
    return chart.signals.get(rule, np.zeros(len(chart), dtype=bool))


def _bool_column(series):
    return [str(v).upper() == "TRUE" for v in series]


def _num(value):
    return float("nan") if value is None else float(value)


# --------------------------------------------------------------------------
# qicharts2


def _qic_groups(frame, facet_vars, x_col, y_col, n_col):
    """qic's aggregation: one subgroup per x within each facet, in x order."""
    data = pd.DataFrame({"x": frame[x_col] if x_col else np.arange(1, len(frame) + 1)})
    data["y"] = frame[y_col].astype(float)
    data["n"] = frame[n_col].astype(float) if n_col else np.nan
    for k, var in enumerate(facet_vars):
        data[f"facet{k + 1}"] = frame[var].astype(str)
    for k in range(len(facet_vars), 2):
        data[f"facet{k + 1}"] = "1"
    if n_col:
        # complete.cases(y, n): a missing half of the pair removes both.
        missing = data["y"].isna() | data["n"].isna()
        data.loc[missing, ["y", "n"]] = np.nan
    groups = {}
    for (f1, f2), sub in data.groupby(["facet1", "facet2"], sort=False):
        rows = []
        for x, g in sub.groupby("x", sort=True):
            ys = g["y"]
            y_sum = ys.sum() if ys.notna().any() or len(ys) > 1 else np.nan
            if n_col:
                n_sum = g["n"].sum()
                y = y_sum / n_sum if g["n"].notna().any() else np.nan
            else:
                n_sum = np.nan
                y = ys.mean() if ys.notna().any() else np.nan
            rows.append((x, y_sum, n_sum, y, ys.std(ddof=1), float(ys.notna().sum())))
        groups[(f1, f2)] = pd.DataFrame(rows, columns=["x", "y_sum", "n", "y", "sd", "size"])
    return groups


def named_chart(kind, laney, data, raw, x_col, y_col, options):
    """The chart through its documented function with the peer run's options
    (None where the data cannot be given that way: xbar/s with facets)."""
    common = dict(phases=options["phases"], baseline=options["baseline"], exclude=options["exclude"])
    per = options["per"]
    # Charts of individual values take no multiplier: scale the values (qic's multiply).
    y = data["y"].to_numpy() * per
    if kind == "xmr":
        return cl.spc.xmr(y, rules="anhoej", mr_constant=3 / 1.128, **common)
    if kind == "mr":
        return cl.spc.mr_chart(y, **common)
    if kind == "run":
        return cl.spc.run_chart(y, **common)
    if kind == "t":
        return cl.spc.t_chart(y, rules="anhoej", **common)
    if kind == "g":
        return cl.spc.g_chart(y, rules="anhoej", **common)
    if kind == "c":
        return cl.spc.c_chart(data["y_sum"].to_numpy(), rules="anhoej", **common)
    if kind == "u":
        return cl.spc.u_chart(data["y_sum"].to_numpy(), data["n"].to_numpy(), per=per, laney=laney,
                              rules="anhoej", **common)
    if kind == "p":
        return cl.spc.p_chart(data["y_sum"].to_numpy(), data["n"].to_numpy(), laney=laney,
                              rules="anhoej", **common)
    if kind == "ip":
        return cl.spc.i_prime_chart(data["y_sum"].to_numpy(), data["n"].to_numpy(), per=per,
                                    rules="anhoej", **common)
    if kind in ("xbar", "s") and raw is not None:
        function = cl.spc.xbar_chart if kind == "xbar" else cl.spc.s_chart
        return function(raw[y_col].astype(float), raw[x_col], rules="anhoej", **common)
    return None


def check_qic(validation_dir, run):
    function, positional, named = parse_call(run["call"])
    assert function == "qic"
    chart_type = _r_string(named.get("chart", "'run'"))
    assert chart_type not in UNSUPPORTED_QIC_CHARTS, (
        f"qicharts2 chart {chart_type!r} not offered: {UNSUPPORTED_QIC_CHARTS[chart_type]}")
    assert chart_type in QIC_TO_CLOSELOOP, f"unknown qic chart {chart_type!r}: extend QIC_TO_CLOSELOOP"
    kind, laney = QIC_TO_CLOSELOOP[chart_type]
    frame = load_data(validation_dir, named["data"])
    # qic(x, y, n, ...): any of them may also be passed by name.
    slots = {"x": None, "y": None, "n": None}
    free = iter(positional)
    for name in ("x", "y", "n"):
        slots[name] = named.get(name) or next(free, None)
    x_col, y_col, n_col = slots["x"], slots["y"], slots["n"]
    if y_col is None:  # qic(y): x is the index
        x_col, y_col = None, x_col
    facet_vars = []
    if "facets" in named:
        facet_vars = [v.strip() for v in re.split(r"[~+]", named["facets"]) if v.strip()]
    part = [int(v) for v in _r_number_list(named["part"])] if "part" in named else []
    freeze = int(_r_number_list(named["freeze"])[0]) if "freeze" in named else None
    exclude = [int(v) - 1 for v in _r_number_list(named["exclude"])] if "exclude" in named else None
    multiply = _r_number_list(named["multiply"])[0] if "multiply" in named else 1.0

    oracle = pd.read_csv(validation_dir / run["output_file"], keep_default_na=True)
    oracle["facet1"] = oracle["facet1"].astype(str)
    oracle["facet2"] = oracle["facet2"].astype(str)
    groups = _qic_groups(frame, facet_vars, x_col, y_col, n_col)
    assert len(groups) == oracle.groupby(["facet1", "facet2"]).ngroups

    summaries = {(str(s["facet1"]), str(s["facet2"]), int(s["part"])): s for s in run["summary"]}
    for (f1, f2), data in groups.items():
        expected = oracle[(oracle["facet1"] == f1) & (oracle["facet2"] == f2)].reset_index(drop=True)
        where = f"{run['tag']} facet {f1}/{f2}"
        # The harness's aggregation must match qic's before the chart is compared.
        if kind not in ("mr", "s"):
            assert_close(data["y"] * multiply, expected["y"], f"{where} aggregated y")
        sds = None
        if kind in ("c", "u", "p", "ip"):
            values = data["y_sum"].to_numpy()
            denominators = data["n"].to_numpy() if kind != "c" else None
        elif kind in ("xbar", "s"):
            values = data["y" if kind == "xbar" else "sd"].to_numpy()
            denominators = data["size"].to_numpy()
            sds = data["sd"].to_numpy() if kind == "xbar" else None
        else:
            values = data["y"].to_numpy()
            denominators = None
        options = dict(
            phases=part or None,
            baseline=freeze,
            rules="anhoej",
            per=multiply,
            laney=laney,
            exclude=exclude,
            sds=sds,
        )
        if kind in ("xmr", "t"):
            options["mr_constant"] = 3 / 1.128
        chart = cl.spc.chart(kind, values, denominators, **options)
        # The documented entry point (cl.spc.xmr, mr_chart, xbar_chart, ...) on
        # the same data must give the same chart, point for point.
        raw = frame if not facet_vars else None
        named = named_chart(kind, laney, data, raw, x_col, y_col, options)
        for label, drawn in (("chart", chart), ("named", named)):
            if drawn is None:
                continue
            at = f"{where} ({label})"
            # Phase numbering: qic's part is 1-based.
            assert_equal(drawn.phase + 1, expected["part"], f"{at} part")
            assert_close(drawn.value, expected["y"], f"{at} y")
            assert_close(drawn.centre, expected["cl"], f"{at} cl")
            assert_close(drawn.lcl, expected["lcl"], f"{at} lcl")
            assert_close(drawn.ucl, expected["ucl"], f"{at} ucl")
            assert_close(drawn.lcl_2sigma, expected["lcl.95"], f"{at} lcl.95")
            assert_close(drawn.ucl_2sigma, expected["ucl.95"], f"{at} ucl.95")
            assert_equal(sig(drawn, "outside_limits"), _bool_column(expected["sigma.signal"]),
                         f"{at} sigma.signal")
            runs_signal = sig(drawn, "long_run") | sig(drawn, "few_crossings")
            if kind == "mr":
                runs_signal = np.zeros(len(drawn), dtype=bool)  # qic skips runs analysis on mr charts
            assert_equal(runs_signal, _bool_column(expected["runs.signal"]), f"{at} runs.signal")
            if label == "named" and kind == "mr":
                # mr_chart evaluates no run rules by default, as qicharts2.
                assert drawn.rules == ["outside_limits"], f"{at} rules"
        for phase_index, phase in enumerate(chart.phases):
            key = (f1, f2, phase_index + 1)
            assert key in summaries, f"{where}: no summary for part {phase_index + 1}"
            s = summaries[key]
            assert phase["n_obs"] == s["n.obs"], f"{where} n.obs"
            assert phase["n_useful"] == s["n.useful"], f"{where} n.useful"
            if s["n.useful"]:
                assert phase["longest_run"] == s["longest.run"], f"{where} longest.run"
                assert phase["longest_run_max"] == s["longest.run.max"], f"{where} longest.run.max"
                assert phase["crossings"] == s["n.crossings"], f"{where} n.crossings"
                assert phase["crossings_min"] == s["n.crossings.min"], f"{where} n.crossings.min"
            if kind != "mr":
                assert phase["runs_signal"] == bool(s["runs.signal"]), f"{where} runs.signal summary"
            assert_close([phase["centre"]], [_num(s["CL"])], f"{where} summary CL")
            # aLCL, aUCL (and the 2-sigma ones): means of the lines over the part.
            rows = slice(phase["start"], phase["start"] + phase["size"])
            for key, line in (("aLCL", chart.lcl), ("aUCL", chart.ucl),
                              ("aLCL.95", chart.lcl_2sigma), ("aUCL.95", chart.ucl_2sigma)):
                if key in s:
                    finite = line[rows][~np.isnan(line[rows])]
                    mean = finite.mean() if finite.size else float("nan")
                    assert_close([mean], [_num(s[key])], f"{where} summary {key}")
            if "sigma.signal" in s:
                flagged = int(sig(chart, "outside_limits")[rows].sum())
                assert flagged == s["sigma.signal"], f"{where} summary sigma.signal"
            Tally.values += 8
        Tally.points += len(chart)


# --------------------------------------------------------------------------
# NHSRplotthedots


PTD_SPECIAL_CAUSE = {
    "none": "Common Cause",
    "above_ucl": "Above UCL",
    "below_lcl": "Below LCL",
    "trend_increasing": "7 Point Trend (Increasing)",
    "trend_decreasing": "7 Point Trend (Decreasing)",
    "two_of_three_above": "2 in 3 Above CL",
    "two_of_three_below": "2 in 3 Below CL",
    "shift_above": "7 Points Above CL",
    "shift_below": "7 Points Below CL",
}


def check_ptd(validation_dir, run):
    function, positional, named = parse_call(run["call"])
    assert function == "ptd_spc"
    frame = load_data(validation_dir, positional[0])
    value_field = _r_string(named["value_field"])
    date_field = _r_string(named["date_field"])
    facet_field = _r_string(named["facet_field"]) if "facet_field" in named else None
    improvement = _r_string(named.get("improvement_direction", "'increase'"))
    fix = int(named["fix_after_n_points"]) if "fix_after_n_points" in named else None
    screen = named.get("screen_outliers", "TRUE").strip() not in ("FALSE", "F")

    def per_facet(text, wrapper):
        """ptd_target(5) / ptd_rebase(x) apply to every facet; name = value pairs to one."""
        inner = re.fullmatch(wrapper + r"\((.*)\)", text.strip(), re.S).group(1)
        out = {}
        for arg in _split_args(inner):
            m = re.match(r"^`?([\w. ]+?)`?\s*=\s*(.*)$", arg, re.S)
            if m and not arg.startswith("as.Date"):
                out[m.group(1)] = m.group(2)
            else:
                out[None] = arg
        return out

    def dates_of(text):
        m = re.fullmatch(r"(\w+)\$(\w+)\[(\d+)\]", text.strip())
        if m:
            source = load_data(validation_dir, m.group(1))
            return [str(source[m.group(2)].iloc[int(m.group(3)) - 1])]
        found = re.findall(r"\d{4}-\d{2}-\d{2}", text)
        assert found, f"unknown rebase form {text!r}"
        return found

    targets = {k: float(v) for k, v in per_facet(named["target"], "ptd_target").items()} if "target" in named else {}
    rebases = {k: dates_of(v) for k, v in per_facet(named["rebase"], "ptd_rebase").items()} if "rebase" in named else {}

    oracle = pd.read_csv(validation_dir / run["output_file"])
    icons = {icon["f"]: icon for icon in run["icons"]}
    frame = frame.copy()
    frame["_f"] = frame[facet_field].astype(str) if facet_field else "no facet"
    summaries = run["summary"]
    for facet, data in frame.groupby("_f", sort=True):
        data = data.sort_values(date_field).reset_index(drop=True)
        expected = oracle[oracle["f"].astype(str) == facet].reset_index(drop=True)
        where = f"{run['tag']} facet {facet}"
        dates = data[date_field].astype(str).tolist()
        assert_equal(dates, expected["x"].astype(str), f"{where} dates")
        rebase_dates = rebases.get(facet, rebases.get(None, []))
        target = targets.get(facet, targets.get(None))
        phases = sorted({dates.index(d) for d in rebase_dates if d in dates and dates.index(d) > 0})
        chart = cl.spc.xmr(
            data[value_field].astype(float).to_numpy(),
            phases=phases or None,
            baseline=fix,
            rules="mdc",
            improvement=None if improvement == "neutral" else improvement,
            target=target,
            screen_mr=screen,
        )
        assert_close(chart.value, expected["y"], f"{where} y")
        assert_equal(chart.phase, expected["rebase_group"], f"{where} rebase_group")
        assert_close(chart.centre, expected["mean_col"], f"{where} mean_col")
        assert_close(chart.lcl, expected["lpl"], f"{where} lpl")
        assert_close(chart.ucl, expected["upl"], f"{where} upl")
        assert_equal(chart.signals["outside_limits"], _bool_column(expected["outside_limits"]), f"{where} outside_limits")
        assert_equal(np.sign(chart.value - chart.centre).astype(int), expected["relative_to_mean"].astype(int), f"{where} relative_to_mean")
        close = (~chart.signals["outside_limits"]) & ((chart.value < chart.lcl_2sigma) | (chart.value > chart.ucl_2sigma))
        assert_equal(close, _bool_column(expected["close_to_limits"]), f"{where} close_to_limits")
        types = [PTD_SPECIAL_CAUSE[cause] for cause in chart.special_cause]
        assert_equal(types, expected["special_cause_type"], f"{where} special_cause_type")
        any_signal = np.zeros(len(chart), dtype=bool)
        for flags in chart.signals.values():
            any_signal |= flags
        assert_equal(any_signal, _bool_column(expected["special_cause_flag"]), f"{where} special_cause_flag")
        assert_equal(chart.point_type, expected["point_type"], f"{where} point_type")
        icon = icons[facet]
        assert chart.point_type[-1] == icon["variation_point_type"], f"{where} variation_point_type"
        assert chart.variation == icon["variation_icon"], f"{where} variation_icon"
        assert chart.assurance == icon["assurance_type"], f"{where} assurance_type"
        Tally.values += 3
        # summary(ptd_spc(...)): one row per facet and rebase group.
        for phase_index, phase in enumerate(chart.phases):
            rows = [s for s in summaries
                    if s.get("f", "no facet") == facet and s.get("rebase_group", 0) == phase_index]
            assert len(rows) == 1, f"{where}: summary for rebase group {phase_index}"
            s = rows[0]
            last = phase["start"] + phase["size"] - 1
            assert_close([chart.centre[last], chart.lcl[last], chart.ucl[last]],
                         [s["mean_col"], s["lpl"], s["upl"]], f"{where} summary limits")
            assert phase["size"] == s["n"], f"{where} summary n"
            counted = pd.Series(chart.point_type[phase["start"]:last + 1]).value_counts()
            for name in ("common_cause", "special_cause_improvement", "special_cause_concern"):
                if name in s:
                    assert counted.get(name, 0) == s[name], f"{where} summary {name}"
            assert chart.point_type[last] == s["variation_type"], f"{where} summary variation_type"
            if "assurance_type" in s:
                assert chart.assurance == s["assurance_type"], f"{where} summary assurance_type"
            Tally.values += 8
        Tally.points += len(chart)


@pytest.mark.parametrize("case_file,run_index", RUNS)
def test_peer_run(validation_dir, case_file, run_index):
    assert case_file is not None, f"validation folder not found at {validation_dir}"
    case = json.loads((validation_dir / case_file).read_text())
    run = case["runs"][run_index]
    if run["peer"] == "qicharts2":
        check_qic(validation_dir, run)
    elif run["peer"] == "NHSRplotthedots":
        check_ptd(validation_dir, run)
    else:
        pytest.fail(f"unknown peer {run['peer']!r}")
    Tally.runs += 1
