"""The command's --rules reads the library's rule-set words (RuleSet::parse):
mdc, anhoej or rule names joined by commas; anything else is a usage error
with the library's one message."""

import csv
import io

from cli_helpers import ok, run


def series(tmp_path):
    path = tmp_path / "values.csv"
    path.write_text("period,value\n" + "".join(f"2026-{m:02d},{v}\n" for m, v in
                                                 zip(range(1, 13), [3, 4, 3, 5, 4, 3, 4, 5, 3, 4, 3, 9])))
    return path


def test_rules_take_a_list_of_rule_names(tmp_path):
    out = ok("spc", "--chart", "xmr", "--input", series(tmp_path), "--rules", "outside_limits,shift",
             "--format", "csv")
    header = next(csv.reader(io.StringIO(out)))
    assert [c for c in header if c in ("outside_limits", "shift", "trend", "two_of_three")] == \
        ["outside_limits", "shift"]


def test_unknown_rules_are_a_usage_error_naming_the_words(tmp_path):
    result = run("spc", "--chart", "xmr", "--input", series(tmp_path), "--rules", "nhs")
    assert result.returncode == 2
    assert ('unknown rule set "nhs": expected one of mdc, anhoej or rule names joined by commas'
            in result.stderr)
