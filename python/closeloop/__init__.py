"""closeloop: from incident to evidenced improvement in adult social care.

``import closeloop as cl`` gives the lifecycle model, the trend metrics and SPC
charts, and the governance reports. pandas and matplotlib are imported only
when a function that needs them is called, so this import works without them.
"""

from . import _core
from . import spc
from ._core import (
    ActionState,
    CategorySet,
    Clock,
    DuplicateError,
    Error,
    FixedClock,
    Harm,
    InputError,
    NotFoundError,
    ParseError,
    PsychologicalHarm,
    RuleError,
    SchemaError,
    StoreError,
    TransitionError,
    as_date,
    builtin_categories,
    parse_date,
    parse_instant,
    parse_month,
)

__version__ = _core.__version__

__all__ = [
    "spc",
    "ActionState",
    "CategorySet",
    "Clock",
    "DuplicateError",
    "Error",
    "FixedClock",
    "Harm",
    "InputError",
    "NotFoundError",
    "ParseError",
    "PsychologicalHarm",
    "RuleError",
    "SchemaError",
    "StoreError",
    "TransitionError",
    "as_date",
    "builtin_categories",
    "parse_date",
    "parse_instant",
    "parse_month",
]
