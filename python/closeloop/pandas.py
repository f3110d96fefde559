"""pandas adapters for the metrics tables and grids.

``IncidentTable.from_pandas(df)``, ``ExposureTable.from_pandas(df)`` and the
``to_pandas()`` methods of the tables and of ``Grid`` live here. pandas is
imported inside each function, so ``import closeloop`` works without it.

What is copied on the way in (docs/metrics.md, "From pandas"):

* string columns (service_id, category, harm, incident_id) are
  dictionary-encoded into new code arrays;
* an ``occurred_at`` column of int32 day numbers is used in place (no copy);
  datetime64 columns of any unit are floored to whole days in one pass into a
  new int32 array (NaT is refused), and their minutes of the day are kept when
  any value has a time;
* timezone-aware columns are converted to UTC and made naive first; object
  columns of ISO strings are parsed strictly, as in incidents.csv.
"""

from __future__ import annotations

from . import _core

# The words of the harm and measure codes, from their one C++ word tables.
HARMS = _core.Harm.words()
MEASURES = _core.measure_words()
_NS_PER_DAY = 86_400_000_000_000
_NS_PER_MINUTE = 60_000_000_000


def _first_missing(mask):
    import numpy as np

    where = np.flatnonzero(np.asarray(mask))
    return int(where[0]) if where.size else None


def _require(df, columns, what):
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise _core.InputError(f"{what} DataFrame is missing required column(s): {', '.join(missing)}")


def _encode(series, name):
    """Dictionary-encodes a string column: (int32 codes, list of words)."""
    import numpy as np
    import pandas as pd

    if isinstance(series.dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy()
        words = [str(w) for w in series.cat.categories]
    else:
        codes, uniques = pd.factorize(series, sort=False)
        words = [str(w) for w in uniques]
    row = _first_missing(codes < 0)
    if row is not None:
        raise _core.InputError(f"column {name} row {row}: missing value")
    return np.asarray(codes, dtype=np.int32), words


def _word_codes(df, column, words, what):
    """Codes of a column of fixed words; a categorical column is mapped through
    its categories without touching rows. InputError at the first row that is
    not one of `words` (`what` names the kind of word, as the C++ readers do)."""
    import numpy as np
    import pandas as pd

    series = df[column]
    if isinstance(series.dtype, pd.CategoricalDtype):
        lookup = np.array([words.index(c) if c in words else -1 for c in series.cat.categories]
                          + [-1], dtype=np.int8)
        codes = lookup[series.cat.codes.to_numpy()]  # code -1 (missing) picks the last entry
    else:
        codes = pd.Categorical(series, categories=words).codes
    bad = _first_missing(codes < 0)
    if bad is not None:
        raise _core.InputError(
            f'column {column} row {bad}: unknown {what} "{series.iloc[bad]}": '
            f"expected one of {', '.join(words)}")
    return codes


def _days(series, name, allow_missing):
    """(day numbers, minutes or None) of a date column, normalised for C++."""
    import numpy as np
    import pandas as pd

    if isinstance(series.dtype, pd.DatetimeTZDtype):
        series = series.dt.tz_convert("UTC").dt.tz_localize(None)
    dtype = series.dtype
    if np.issubdtype(dtype, np.integer):
        return series.to_numpy(), None
    if np.issubdtype(dtype, np.floating):
        # An integer column with a missing value arrives as float; read as
        # nanoseconds it would become 1970-01-01 (docs/metrics.md).
        raise _core.InputError(
            f"column {name} holds floating-point numbers (dtype {dtype}; an integer column "
            "with a missing value becomes float): give int day numbers, datetime64 values "
            "or YYYY-MM-DD text")
    if not np.issubdtype(dtype, np.datetime64):
        missing = series.isna().to_numpy()
        values = series.to_numpy(dtype=object)
        if all(isinstance(v, str) or m for v, m in zip(values, missing)):
            texts = [None if m else v for v, m in zip(values, missing)]
            if not allow_missing and any(missing):
                raise _core.InputError(f"column {name} row {_first_missing(missing)} is missing")
            days, minutes = _core._parse_day_minutes(texts, name, allow_missing)
            return days, (minutes if (minutes >= 0).any() else None)
        series = pd.to_datetime(series, utc=True).dt.tz_localize(None)
    values = series.to_numpy()  # datetime64, a view of the pandas data where possible
    # One C++ pass floors to days and takes the minutes of the day (midnight
    # meaning "no time"); NaT is refused or, if allowed, a missing day.
    return _core._split_datetime(values, name, allow_missing)


def incidents_from_pandas(df, *, categories=None):
    """Builds an IncidentTable from a DataFrame.

    Required columns: service_id, occurred_at, category, harm; optional:
    incident_id, reported_at. ``categories`` is a CategorySet for provider
    categories. Errors are InputError naming the column and row.
    """
    import numpy as np
    import pandas as pd

    _require(df, ["service_id", "occurred_at", "category", "harm"], "incidents")
    service, services = _encode(df["service_id"], "service_id")
    category, category_words = _encode(df["category"], "category")
    harm_codes = _word_codes(df, "harm", HARMS, "harm level")
    day, minute = _days(df["occurred_at"], "occurred_at", allow_missing=False)
    if minute is not None:
        minute = minute.astype(np.int16)
    reported = None
    if "reported_at" in df.columns:
        reported, _ = _days(df["reported_at"], "reported_at", allow_missing=True)
    ids = None
    if "incident_id" in df.columns:
        id_column = df["incident_id"]
        row = _first_missing(id_column.isna().to_numpy())
        if row is not None:
            raise _core.InputError(f"column incident_id row {row}: missing value")
        ids = id_column.astype(str).tolist()
    return _core.IncidentTable._from_arrays(
        service, services, category, category_words, np.asarray(harm_codes, dtype=np.uint8),
        day, minute=minute, reported_day=reported, ids=ids, category_set=categories)


# datetime64[ns], the only unit pandas 1.x holds, spans 1677-09-21 00:12 to
# 2262-04-11 23:47; whole days 1677-09-22 to 2262-04-10 fit. Day numbers outside
# would wrap silently.
_FIRST_NS_DAY = -106_751
_LAST_NS_DAY = 106_750


def _datetime_ns(days, minutes=None, name="date", missing=None):
    """datetime64[ns] of day numbers (plus minutes), exactly, or InputError
    naming the column and row of the first day pandas cannot hold.
    ``missing`` masks rows that stand for "no date" (skipped here)."""
    import numpy as np

    days = np.asarray(days)
    outside = (days < _FIRST_NS_DAY) | (days > _LAST_NS_DAY)
    if missing is not None:
        outside &= ~missing
    row = _first_missing(outside)
    if row is not None:
        day = np.datetime64(int(days[row]), "D")
        raise _core.InputError(
            f"column {name} row {row}: {day} is outside the dates pandas datetime64[ns] can "
            "hold (1677-09-22 to 2262-04-10); read the day numbers from the table instead")
    ns = days.astype(np.int64) * _NS_PER_DAY
    if minutes is not None:
        ns += np.maximum(minutes, 0).astype(np.int64) * _NS_PER_MINUTE
    return ns.view("datetime64[ns]")


def incidents_to_pandas(table):
    """The table as a DataFrame: incident_id (when known), service_id, occurred_at
    (datetime64[ns]), category, harm (categoricals) and reported_at (when given);
    a table read with fewer ``columns`` gives those it kept."""
    import numpy as np
    import pandas as pd

    columns = {}
    kept = set(table.columns)
    ids = table.ids
    if ids:
        columns["incident_id"] = ids
    if "service_id" in kept:
        columns["service_id"] = pd.Categorical.from_codes(table.service, categories=table.services)
    columns["occurred_at"] = _datetime_ns(table.day, table.minute, "occurred_at")
    if "category" in kept:
        columns["category"] = pd.Categorical.from_codes(table.category, categories=table.categories)
    if "harm" in kept:
        columns["harm"] = pd.Categorical.from_codes(table.harm.astype(np.int8), categories=HARMS,
                                                    ordered=True)
    if table.reported_day is not None:
        missing = table.reported_day == np.iinfo(np.int32).min
        reported = _datetime_ns(table.reported_day, name="reported_at", missing=missing)
        reported[missing] = np.datetime64("NaT")
        columns["reported_at"] = reported
    return pd.DataFrame(columns)


def exposure_from_pandas(df):
    """Builds an ExposureTable from a DataFrame with service_id, period
    (datetime64 or YYYY-MM text; any day of the month), measure and value."""
    import numpy as np
    import pandas as pd

    _require(df, ["service_id", "period", "measure", "value"], "exposure")
    service, services = _encode(df["service_id"], "service_id")
    period = df["period"]
    if not np.issubdtype(period.dtype, np.datetime64):
        try:
            period = pd.to_datetime(period.astype(str), format="%Y-%m")
        except ValueError as error:
            raise _core.InputError(f"column period: expected YYYY-MM text or datetime64 ({error})") from None
    months = period.to_numpy().astype("datetime64[M]").astype("datetime64[D]")
    measure = _word_codes(df, "measure", MEASURES, "measure")
    return _core.ExposureTable._from_arrays(services, service, months,
                                            np.asarray(measure, dtype=np.uint8),
                                            df["value"].to_numpy(dtype=np.float64))


def exposure_to_pandas(table):
    """The table as a DataFrame: service_id, period (datetime64, first day), measure, value."""
    import pandas as pd

    return pd.DataFrame({
        "service_id": pd.Categorical.from_codes(table.service, categories=table.services),
        "period": _datetime_ns(table.month.astype("int64"), name="period"),
        "measure": pd.Categorical.from_codes(table.measure.astype("int8"), categories=MEASURES),
        "value": table.value,
    })


def services_to_pandas(table):
    """The table as a DataFrame: service_id, name, type, capacity (nullable), region."""
    import pandas as pd

    capacity = pd.array([None if c < 0 else c for c in table.capacities], dtype="Int64")
    return pd.DataFrame({"service_id": table.ids, "name": table.names, "type": table.types,
                         "capacity": capacity, "region": table.regions})


def services_from_pandas(df):
    """Builds a ServiceTable from a DataFrame with service_id, name, type and
    optionally capacity (missing = unknown) and region."""
    import pandas as pd

    _require(df, ["service_id", "name", "type"], "services")
    table = _core.ServiceTable()
    capacity = df["capacity"] if "capacity" in df.columns else pd.Series([None] * len(df))
    region = df["region"] if "region" in df.columns else pd.Series([""] * len(df))
    for sid, name, kind, cap, reg in zip(df["service_id"], df["name"], df["type"], capacity, region):
        table.add(str(sid), str(name), str(kind), -1 if pd.isna(cap) else int(cap),
                  "" if pd.isna(reg) else str(reg))
    return table


def grid_to_pandas(grid):
    """The grid in long form: one row per group and period with the group keys,
    period_start, count, exposure, rate and measure."""
    import numpy as np
    import pandas as pd

    groups, periods = grid.counts.shape
    columns = {}
    for key, values in grid.keys.items():
        columns[key] = np.repeat(np.asarray(values, dtype=object), periods)
    starts = _datetime_ns(grid.period_starts.astype("int64"), name="period_start")
    columns["period_start"] = np.tile(starts, groups)
    columns["count"] = grid.counts.reshape(-1)
    columns["exposure"] = grid.exposure.reshape(-1)
    columns["rate"] = grid.rates().reshape(-1)
    columns["measure"] = np.repeat(np.asarray(grid.measure, dtype=object), periods)
    return pd.DataFrame(columns)


def _install():
    _core.IncidentTable.from_pandas = staticmethod(incidents_from_pandas)
    _core.IncidentTable.to_pandas = incidents_to_pandas
    _core.ExposureTable.from_pandas = staticmethod(exposure_from_pandas)
    _core.ExposureTable.to_pandas = exposure_to_pandas
    _core.ServiceTable.from_pandas = staticmethod(services_from_pandas)
    _core.ServiceTable.to_pandas = services_to_pandas
    _core.Grid.to_pandas = grid_to_pandas


_install()
