"""closeloop: from incident to evidenced improvement in adult social care.

``import closeloop as cl`` gives the lifecycle model, the trend metrics and SPC
charts, and the governance reports. pandas and matplotlib are imported only
when a function that needs them is called, so this import works without them.
"""

from . import _core
from . import spc
from ._core import store
from ._core.store import Store
from ._core import (
    ActionState,
    CategorySet,
    Clock,
    DuplicateError,
    Error,
    ExposureTable,
    FixedClock,
    Grid,
    Harm,
    IncidentTable,
    InputError,
    NotFoundError,
    ParseError,
    ProportionComparison,
    PsychologicalHarm,
    RateComparison,
    RuleError,
    SchemaError,
    StoreError,
    ServiceTable,
    TransitionError,
    as_date,
    builtin_categories,
    combine_partitions,
    compare_before_after,
    compare_proportions,
    compare_rates,
    count_grid,
    count_partition,
    funnel_limits,
    merge_grids,
    parse_date,
    parse_instant,
    parse_month,
    period_starts,
    read_exposure,
    read_incidents,
    read_services,
)
from . import pandas as _pandas_adapters  # installs from_pandas / to_pandas (pandas imported lazily)
from .funnel import FunnelResult, funnel
from .trends import TrendResult, trends

from . import lifecycle
from .lifecycle import *  # noqa: F401,F403  (the lifecycle model under cl.*)

from .report import GovernanceReport, SampleProvider, report, sample_provider
from . import measures
from .measures import DurationComparison, MeasureSeries, compare_durations, measure_series
from ._core import incident_table, service_table

__version__ = _core.__version__

__all__ = [
    "spc",
    "store",
    "Store",
    "ActionState",
    "CategorySet",
    "Clock",
    "DuplicateError",
    "Error",
    "ExposureTable",
    "FixedClock",
    "FunnelResult",
    "Grid",
    "Harm",
    "IncidentTable",
    "InputError",
    "NotFoundError",
    "ParseError",
    "ProportionComparison",
    "PsychologicalHarm",
    "RateComparison",
    "RuleError",
    "SchemaError",
    "StoreError",
    "ServiceTable",
    "TransitionError",
    "TrendResult",
    "as_date",
    "builtin_categories",
    "combine_partitions",
    "compare_before_after",
    "compare_proportions",
    "compare_rates",
    "count_grid",
    "count_partition",
    "funnel",
    "funnel_limits",
    "merge_grids",
    "parse_date",
    "parse_instant",
    "parse_month",
    "period_starts",
    "read_exposure",
    "read_incidents",
    "read_services",
    "lifecycle",
    *lifecycle.__all__,
    "trends",
    "measures",
    "DurationComparison",
    "MeasureSeries",
    "compare_durations",
    "measure_series",
    "incident_table",
    "service_table",
    "GovernanceReport",
    "SampleProvider",
    "report",
    "sample_provider",
]
