"""The bound enums take their values and words from the one C++ word table."""

import pytest

import closeloop
from closeloop import _core
from closeloop import pandas as cl_pandas

BOUND = [
    "Harm", "PsychologicalHarm", "ActionState", "ContributingFactor", "InvestigationMethod",
    "InterventionType", "ActionStrength", "MeasureKind", "Direction", "MonitoringKind",
    "EvidenceKind", "Forum", "Channel", "Verdict", "Decision", "Approval", "Transition",
    "WorstHarm", "Weekday", "RecurrenceKind", "Severity", "EscalationKind",
    "RecurrenceReason", "SpreadGap", "FadeReason",
]


@pytest.mark.parametrize("name", BOUND)
def test_bound_values_are_the_table_words(name):
    enum = getattr(_core, name)
    words = enum.words()
    assert list(enum.__members__) == words
    for word in words:
        value = enum.parse(word)
        assert str(value) == word
        assert enum(word) == value


@pytest.mark.parametrize("name", BOUND)
def test_unknown_word_lists_the_table(name):
    enum = getattr(_core, name)
    with pytest.raises(closeloop.InputError, match="expected one of " + ", ".join(enum.words())):
        enum.parse("no such word")


def test_pandas_words_come_from_the_tables():
    assert cl_pandas.HARMS == ["none", "low", "moderate", "severe", "fatal"]
    assert cl_pandas.HARMS == _core.Harm.words()
    assert cl_pandas.MEASURES == ["occupied_bed_days", "doses_administered", "care_hours", "visits"]
