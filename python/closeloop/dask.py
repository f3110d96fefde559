"""The trend job on Dask, for incidents that outgrow one machine (docs/scale.md).

``closeloop.dask.trends(data, exposure, by=..., ...)`` takes a dask DataFrame
or a list of incidents.csv files, counts each partition on a worker with the
C++ aggregation (``cl.count_partition``), adds the partial grids pairwise in a
tree (``cl.merge_grids``), and on the caller's side adds the exposure once and
charts the sum: the same ``TrendResult`` as ``cl.trends`` on all the rows at
once, point for point. Only the partial grids (counts per group x period)
cross the network, never incident rows.

Dask runs it on whatever scheduler is active: a ``distributed.Client``'s
cluster when one is open, dask's local threads otherwise. Dask is imported
when this function is called, so ``import closeloop`` works without it.
"""

from __future__ import annotations

import os

from . import _core
from .trends import TrendResult, trends as _trends


def _incidents(part, category_words):
    """An IncidentTable of one partition: a CSV path or a pandas DataFrame."""
    categories = _core.CategorySet()
    for word in category_words:
        categories.add(word)
    if isinstance(part, (str, os.PathLike)):
        return _core.read_incidents(os.fspath(part), categories)
    return _core.IncidentTable.from_pandas(part, categories=categories)


def _count(part, options, category_words, services):
    """The partial grid of one partition (runs on a worker)."""
    if services is not None:
        services = _core.ServiceTable.from_pandas(services)
    return _core.count_partition(_incidents(part, category_words), services=services, **options)


def _words(value):
    """A word or a list of words (or None) as a list."""
    return [value] if isinstance(value, str) else list(value or [])


def _merge(a, b):
    """The sum of two partial grids (runs on a worker)."""
    return _core.merge_grids(a, b)


def count(data, *, by=("service_id",), period="month", services=None, start=None, end=None,
          categories=None, per=1000.0, provider_categories=()):
    """The partitions' summed counts (a Grid without exposure) as a dask
    Delayed: one ``count_partition`` task per partition, then a tree of
    ``merge_grids`` over adjacent pairs, so the order of the partitions (and
    with it the order of the categories) is kept."""
    import dask

    if isinstance(data, (str, os.PathLike)):
        data = [data]
    if hasattr(data, "to_delayed"):
        parts = data.to_delayed()
    else:
        parts = [os.fspath(path) for path in data]
    if not parts:
        raise _core.InputError("no partitions: give a dask DataFrame or at least one CSV file")
    options = dict(by=_words(by), period=period, start=start, end=end, per=per,
                   categories=_words(categories))
    services_frame = services.to_pandas() if services is not None else None
    grids = [dask.delayed(_count, pure=True)(part, options, list(provider_categories), services_frame)
             for part in parts]
    while len(grids) > 1:
        grids = [dask.delayed(_merge, pure=True)(grids[i], grids[i + 1]) if i + 1 < len(grids)
                 else grids[i] for i in range(0, len(grids), 2)]
    return grids[0]


def trends(data, exposure=None, *, by=("service_id",), period="month", measure=None, per=1000.0,
           chart="u", rules="mdc", improvement=None, services=None, start=None, end=None,
           categories=None, rebase=None, baseline=None, provider_categories=()):
    """``cl.trends`` over a dask DataFrame or a list of incidents.csv files.

    ``data``: a dask DataFrame with the columns ``IncidentTable.from_pandas``
    reads, or paths of incidents.csv files every worker can read. ``exposure``
    (an ExposureTable) stays on the caller's side; ``services`` (a
    ServiceTable, small) is sent with each task, as every partition's grid
    lists the services with nothing to count. ``provider_categories``: category words beyond the
    built-in ones that the files may hold. The other arguments are
    ``cl.trends``'s. Returns a ``TrendResult`` equal to ``cl.trends`` on all
    the rows in partition order.
    """
    key_words = _words(by)
    counted = count(data, by=key_words, period=period, start=start, end=end,
                    categories=categories, per=per, provider_categories=provider_categories,
                    services=services).compute()
    if exposure is None:
        exposure = _core.ExposureTable()
    grid = _core.combine_partitions(
        [counted], exposure, by=key_words, period=period, measure=measure, services=services,
        start=start, end=end, categories=_words(categories), per=per)
    return _trends(grid, chart=chart, measure=measure, rules=rules, improvement=improvement,
                   rebase=rebase, baseline=baseline)


__all__ = ["TrendResult", "count", "trends"]
