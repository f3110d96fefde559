"""The check every lifecycle test makes of a refused call: the error (and its
named rule), and the register exactly as it was before the call."""

import pytest


def refused(reg, error, call, rule=None, text=""):
    """Expects `error` (with `rule`) from call(reg), and the register unchanged."""
    before = reg.copy()
    with pytest.raises(error) as caught:
        call(reg)
    if rule is not None:
        assert caught.value.rule == rule, str(caught.value)
    assert text in str(caught.value)
    assert reg == before
    return caught.value
