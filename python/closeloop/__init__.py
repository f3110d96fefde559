"""closeloop: from incident to evidenced improvement in adult social care.

``import closeloop as cl`` gives the lifecycle model, the trend metrics and SPC
charts, and the governance reports. pandas and matplotlib are imported only
when a function that needs them is called, so this import works without them.
"""

from types import ModuleType as _ModuleType

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

from .report import GovernanceReport, SampleProvider, SeedStep, report, sample_provider, seed_steps
from . import measures
from .measures import DurationComparison, MeasureSeries, compare_durations, measure_series
from ._core import incident_table, service_table

__version__ = _core.__version__

# Every public name imported above, once: what is not private and not a
# module, plus the submodules users reach through the package (cl.spc.xmr).
# The package's own helpers (pandas, plot, dask) are imported as modules too
# and stay out.
_PUBLIC_MODULES = ("spc", "store", "lifecycle", "measures")
__all__ = [
    name
    for name, value in globals().items()
    if not name.startswith("_") and (not isinstance(value, _ModuleType) or name in _PUBLIC_MODULES)
]
