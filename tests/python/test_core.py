import datetime
import subprocess
import sys

import numpy as np
import pytest

import closeloop as cl


def test_dates_accept_date_iso_text_and_datetime64():
    expected = datetime.date(2026, 3, 31)
    assert cl.as_date(expected) == expected
    assert cl.as_date("2026-03-31") == expected
    assert cl.as_date(np.datetime64("2026-03-31")) == expected
    assert cl.as_date(np.datetime64("2026-03-31T13:45")) == expected
    assert cl.as_date(datetime.datetime(2026, 3, 31, 23, 59)) == expected


@pytest.mark.parametrize("bad", ["2026-02-30", "2026-13-01", "2026-1-5", "2026-01-05junk"])
def test_bad_dates_raise_input_error_quoting_the_text(bad):
    with pytest.raises(cl.InputError) as caught:
        cl.parse_date(bad)
    assert f'"{bad}"' in str(caught.value)
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, cl.Error)
    assert caught.value.code == "input"


def test_nat_is_refused():
    with pytest.raises(cl.InputError):
        cl.as_date(np.datetime64("NaT"))


def test_instant_forms():
    assert cl.parse_instant("2026-03-01T14:05") == datetime.datetime(2026, 3, 1, 14, 5)
    assert cl.parse_instant("2026-03-01") == datetime.datetime(2026, 3, 1)
    assert cl.parse_month("2026-04") == datetime.date(2026, 4, 1)


def test_enum_words_round_trip():
    for harm in cl.Harm.__members__.values():
        assert cl.Harm.parse(str(harm)) == harm
    assert str(cl.ActionState.in_progress) == "in_progress"
    with pytest.raises(cl.InputError, match="unknown action state"):
        cl.ActionState.parse("finished")


def test_categories():
    assert "fall" in cl.builtin_categories()
    categories = cl.CategorySet()
    categories.add("dehydration")
    assert "dehydration" in categories
    with pytest.raises(ValueError, match="unknown category"):
        categories.require("nonsense")


def test_fixed_clock():
    clock = cl.FixedClock(datetime.datetime(2026, 11, 26, 9, 30))
    assert clock.today() == datetime.date(2026, 11, 26)
    assert "2026-11-26T09:30:00" in repr(clock)


def test_error_classes_derive_from_the_matching_builtins():
    assert issubclass(cl.InputError, ValueError)
    assert issubclass(cl.ParseError, cl.InputError)
    assert issubclass(cl.NotFoundError, KeyError)
    assert issubclass(cl.TransitionError, ValueError)
    assert issubclass(cl.StoreError, RuntimeError)
    for cls in (cl.InputError, cl.NotFoundError, cl.RuleError, cl.StoreError):
        assert issubclass(cls, cl.Error)


def test_bare_import_does_not_load_pandas_or_matplotlib():
    code = (
        "import sys, closeloop; "
        "bad = [m for m in ('pandas', 'matplotlib') if m in sys.modules]; "
        "sys.exit(1 if bad else 0)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_each_error_is_caught_as_its_builtin_from_a_real_call(tmp_path):
    with pytest.raises(ValueError):
        cl.parse_date("2026-02-30")
    bad = tmp_path / "incidents.csv"
    bad.write_text("incident_id,service_id,occurred_at,category,harm\nI1,S1,2026-13-01,fall,none\n")
    with pytest.raises(cl.ParseError) as caught:
        cl.read_incidents(str(bad))
    assert (caught.value.line, caught.value.column) == (2, 3)
    with pytest.raises(KeyError) as caught:
        cl.Register().action("A-404")
    assert isinstance(caught.value, cl.NotFoundError) and "A-404" in str(caught.value)
    with pytest.raises(RuntimeError) as caught:
        cl.Store.open(str(tmp_path / "missing.db"))
    assert isinstance(caught.value, cl.StoreError)
