"""Rule-set words pass through to the library's one parse (RuleSet::parse)."""

import pytest

import closeloop as cl

VALUES = [3, 4, 3, 5, 4, 3, 4, 5, 3, 4, 3, 9]


def test_a_word_names_a_set_or_a_list_of_rules():
    assert cl.spc.xmr(VALUES, rules="outside_limits,shift").rules == ["outside_limits", "shift"]
    assert cl.spc.xmr(VALUES, rules=(r for r in ["outside_limits"])).rules == ["outside_limits"]
    assert cl.spc.chart("xmr", VALUES, rules=None).rules == cl.spc.xmr(VALUES).rules
    assert cl.spc.xmr(VALUES, rules="anhoej").rules == ["outside_limits", "long_run", "few_crossings"]


def test_an_unknown_word_names_what_is_expected():
    with pytest.raises(cl.InputError, match="unknown rule set \"nhs\": expected one of mdc, anhoej"):
        cl.spc.xmr(VALUES, rules="nhs")
