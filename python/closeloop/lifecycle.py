"""The incident-to-evaluation lifecycle: services, incidents, investigations,
action plans, actions and their state machine, evidence, checks, governance
reviews, learning shares and their staff briefings (reach), escalation paths,
monitoring schedules, signals and action quality.

Everything here is the compiled C++ model (``closeloop._core``) under its
Python names; see docs/lifecycle.md and docs/action-quality.md. Ids are plain
``str``; dates accept ``datetime.date``, ISO strings and ``numpy.datetime64``;
instants accept ``datetime.datetime`` and ISO strings. Objects are built with
keyword arguments (``cl.Service(id="S-1", name="Elm Court")``); list fields
are copied in and out, so assign a whole list rather than appending.
"""

from ._core import (
    MonthPoint,
    EffectivenessOptions,
    Effectiveness,
    Action,
    england_and_wales_changes,
    easter_sunday,
    candour_overdue,
    HolidayChange,
    HolidayCalendar,
    CandourOverdue,
    ActionEvent,
    ActionPlan,
    ActionStrength,
    Approval,
    Channel,
    Check,
    ContributingFactor,
    Decision,
    Direction,
    EscalationDue,
    EscalationKind,
    EscalationPath,
    EscalationStep,
    Evidence,
    EvidenceKind,
    FadeReason,
    FadeSignal,
    Forum,
    GovernanceReview,
    Incident,
    InterventionType,
    Investigation,
    InvestigationMethod,
    LearningShare,
    LintFinding,
    Measure,
    MeasureKind,
    MissedMonitoring,
    Monitoring,
    MonitoringKind,
    OverdueAction,
    Reach,
    Recurrence,
    RecurrenceKind,
    RecurrenceReason,
    RecurrenceSignal,
    Register,
    Service,
    Severity,
    ShareTarget,
    SignalOptions,
    Signals,
    SpreadGap,
    SpreadSignal,
    StaffBriefing,
    StaleAction,
    StrengthProfile,
    SustainmentCheck,
    TargetReach,
    Transition,
    UnreviewedPlan,
    Verdict,
    Weekday,
    WorstHarm,
    add_months_clamped,
    duty_of_candour_due,
    escalations_due,
    faded_after_closure,
    is_group_owner,
    learning_not_spread,
    lint,
    lint_errors,
    lint_plan,
    missed_monitoring,
    missed_occurrences,
    monitoring_schedule,
    overdue_actions,
    reach_as_of,
    recurrences,
    share_reach,
    signals,
    stale_actions,
    state_as_of,
    strength_of,
    strength_profile,
    sustainment_checks,
    unreviewed_plans,
    vague_phrase_without_target,
    vague_phrases,
    weekday_of,
    worst_harm,
)

__all__ = [
    "as_exposure",
    "evaluate_effectiveness",
    "MonthPoint",
    "EffectivenessOptions",
    "Effectiveness",
    "Action",
    "england_and_wales_changes",
    "easter_sunday",
    "candour_overdue",
    "HolidayChange",
    "HolidayCalendar",
    "CandourOverdue",
    "ActionEvent",
    "ActionPlan",
    "ActionStrength",
    "Approval",
    "Channel",
    "Check",
    "ContributingFactor",
    "Decision",
    "Direction",
    "EscalationDue",
    "EscalationKind",
    "EscalationPath",
    "EscalationStep",
    "Evidence",
    "EvidenceKind",
    "FadeReason",
    "FadeSignal",
    "Forum",
    "GovernanceReview",
    "Incident",
    "InterventionType",
    "Investigation",
    "InvestigationMethod",
    "LearningShare",
    "LintFinding",
    "Measure",
    "MeasureKind",
    "MissedMonitoring",
    "Monitoring",
    "MonitoringKind",
    "OverdueAction",
    "Reach",
    "Recurrence",
    "RecurrenceKind",
    "RecurrenceReason",
    "RecurrenceSignal",
    "Register",
    "Service",
    "Severity",
    "ShareTarget",
    "SignalOptions",
    "Signals",
    "SpreadGap",
    "SpreadSignal",
    "StaffBriefing",
    "StaleAction",
    "StrengthProfile",
    "SustainmentCheck",
    "TargetReach",
    "Transition",
    "UnreviewedPlan",
    "Verdict",
    "Weekday",
    "WorstHarm",
    "add_months_clamped",
    "duty_of_candour_due",
    "escalations_due",
    "faded_after_closure",
    "is_group_owner",
    "learning_not_spread",
    "lint",
    "lint_errors",
    "lint_plan",
    "missed_monitoring",
    "missed_occurrences",
    "monitoring_schedule",
    "overdue_actions",
    "reach_as_of",
    "recurrences",
    "share_reach",
    "signals",
    "stale_actions",
    "state_as_of",
    "strength_of",
    "strength_profile",
    "sustainment_checks",
    "unreviewed_plans",
    "vague_phrase_without_target",
    "vague_phrases",
    "weekday_of",
    "worst_harm",
]


def as_exposure(exposure):
    """An ExposureTable from an ExposureTable, a pandas DataFrame with the
    exposure.csv columns (service_id, period, measure, value) or the path of
    an exposure.csv file: every API that takes exposure accepts all three."""
    from . import _core

    if exposure is None:
        return _core.ExposureTable()  # proportions and durations need none
    if isinstance(exposure, _core.ExposureTable):
        return exposure
    if isinstance(exposure, (str, bytes)) or hasattr(exposure, "__fspath__"):
        import os

        return _core.read_exposure(os.fsdecode(exposure))
    if hasattr(exposure, "columns"):
        from .pandas import exposure_from_pandas

        return exposure_from_pandas(exposure)
    raise TypeError(
        "exposure must be an ExposureTable, a DataFrame or the path of an exposure.csv file, "
        f"got {type(exposure).__name__}")


def evaluate_effectiveness(register, action, exposure, as_of, options=None):
    """Evaluates an action's outcome measure around its implementation date
    (docs/effectiveness.md). ``exposure``: an ExposureTable, a DataFrame or an
    exposure.csv path."""
    from . import _core

    return _core._evaluate_effectiveness(
        register, action, as_exposure(exposure), as_of,
        _core.EffectivenessOptions() if options is None else options)
