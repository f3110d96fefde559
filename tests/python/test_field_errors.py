"""Errors a person can act on: words are accepted wherever enums are, and a
wrong value for a field names the field and what it takes."""

import datetime

import pytest

import closeloop as cl


def test_words_are_accepted_wherever_enums_are():
    incident = cl.Incident(id="I-1", harm="moderate", psychological_harm="low")
    assert (incident.harm, incident.psychological_harm) == (cl.Harm.moderate, cl.PsychologicalHarm.low)
    assert cl.Measure(kind="outcome", direction="increase").kind == cl.MeasureKind.outcome
    assert cl.Harm("severe") == cl.Harm.severe
    reg = cl.Register()
    reg.add_service(cl.Service(id="S1", name="Oak House", type="residential"))
    assert reg.service("S1").capacity == 0


def test_an_unknown_word_lists_the_words():
    with pytest.raises(TypeError) as caught:
        cl.Incident(harm="dreadful")
    assert str(caught.value) == "harm: expected one of none, low, moderate, severe, fatal, got 'dreadful'"
    with pytest.raises(TypeError) as caught:
        cl.Evidence(kind="photo")
    assert str(caught.value).startswith(
        "kind: expected one of audit_result, training_record, policy_version, minutes, observation, "
        "document, peoples_experience, staff_feedback, partner_feedback, got 'photo'")


def test_a_wrong_type_names_the_field_and_the_type():
    with pytest.raises(TypeError) as caught:
        cl.Service(capacity="forty")
    assert str(caught.value) == "capacity: expected int, got 'forty'"
    with pytest.raises(TypeError) as caught:
        cl.Check(score="high")
    assert str(caught.value) == "score: expected Optional[float], got 'high'"
    with pytest.raises(TypeError) as caught:
        cl.Incident(occurred_at=5)
    assert str(caught.value) == "occurred_at: expected datetime.datetime, got 5"


def test_a_malformed_date_names_the_field():
    with pytest.raises(cl.InputError) as caught:
        cl.Investigation(opened="2026-02-30")
    assert str(caught.value).startswith("opened: ")
    assert "2026-02-30" in str(caught.value)
    assert cl.Investigation(opened=datetime.date(2026, 2, 28)).opened == datetime.date(2026, 2, 28)
