"""Governance reports: ``cl.report(...)`` builds one from a register, the
exposures and (optionally) incident and service tables; the result renders as
JSON, Markdown or a self-contained HTML page, and shows itself in a notebook.
"""

import json

from . import _core

__all__ = ["GovernanceReport", "SampleProvider", "SeedStep", "report", "sample_provider", "seed_steps",
           "to_dict"]

GovernanceReport = _core.GovernanceReport
SampleProvider = _core.SampleProvider
SeedStep = _core.SeedStep


def report(register, exposures, *, period, as_of, audience="board", scope=None, region="", scope_name="",
           incidents=None, services=None, provider="", chart_months=24, per=1000.0, stale_days=30):
    """Builds a governance report.

    Parameters
    ----------
    register : closeloop.Register
        The lifecycle register (in memory or loaded from the store).
    exposures : closeloop.ExposureTable
        Monthly occupied bed days, doses, care hours and visits.
    period : (start, end)
        First and last day covered; dates, ISO strings or numpy datetime64.
    as_of : date
        The day signals are computed for; nothing dated later is used.
    audience : {"board", "governance", "commissioner", "inspector"}
        Outside audiences (commissioner, inspector) get no person-identifying
        data and staff-written text only from records marked shareable; the
        inspector's report maps sections and evidence to CQC; "governance" adds
        the weekly meeting pack.
    scope : str or list of str, optional
        A service id, or the ids of a set of services (a contract); the whole
        organisation when None.
    region : str, optional
        Instead of scope: every service of this region.
    scope_name : str, optional
        The name of a set of services in the title ("North contract").
    incidents, services : optional
        An IncidentTable and ServiceTable; the register's own when None.
    """
    start, end = period
    return _core.build_report(register, exposures, incidents=incidents, services=services,
                              period_start=start, period_end=end, as_of=as_of, audience=audience,
                              scope=scope if isinstance(scope, str) else None,
                              scope_services=[] if scope is None or isinstance(scope, str) else list(scope),
                              region=region, scope_name=scope_name, provider=provider,
                              chart_months=chart_months, per=per,
                              stale_days=stale_days)


def sample_provider(*, seed=7, start="2024-12-01", months=24, as_of="2026-11-26", rate_scale=1.0):
    """The seeded sample provider: eight services of every type, two years of
    incidents and exposures, and the seed's three scenarios in the register."""
    return _core.sample_provider(seed=seed, start=start, months=months, as_of=as_of,
                                 rate_scale=rate_scale)


def seed_steps(scenario="all"):
    """The seed document's scenarios as steps: ``"medication"``,
    ``"falls"``, ``"escalation"`` or ``"all"`` three in that order. Each step
    is one call of the Register's mutation API; ``step(reg)`` makes it on a
    Register, ``step(store)`` on a Store. The scenarios are the C++ library's
    (closeloop/sample/seed.hpp), so Python and C++ replay the same calls."""
    return _core.seed_steps(scenario)


def to_dict(governance_report):
    """The report's JSON as Python dicts and lists."""
    return json.loads(governance_report.to_json())
