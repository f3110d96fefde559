"""Funnel plots drawn by matplotlib: every service is labelled with its name,
services outside the 95% limits in bold, and labels do not overlap."""

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

import closeloop as cl  # noqa: E402


def _labels(ax):
    return {t.get_text(): t for t in ax.texts}


def _overlap(a, b):
    return min(a.x1, b.x1) > max(a.x0, b.x0) and min(a.y1, b.y1) > max(a.y0, b.y0)


def test_points_are_labelled_with_names_from_a_dict():
    names = {"A": "Oak House", "B": "Birch Lodge", "C": "Willow View"}
    result = cl.funnel(labels=["A", "B", "C"], counts=[2, 40, 30], exposures=[1000, 2000, 8000],
                       names=names)
    assert result.names == ["Oak House", "Birch Lodge", "Willow View"]
    ax = result.plot()
    texts = _labels(ax)
    assert set(texts) == {"Oak House", "Birch Lodge", "Willow View"}
    # Birch Lodge is above the 99.8% limit: its label is bold.
    assert texts["Birch Lodge"].get_fontweight() == "bold"
    assert result.above_95[1]


def test_names_at_plot_time_and_unknown_labels_fall_back():
    result = cl.funnel(labels=["A", "B"], counts=[3, 5], exposures=[1000, 1200])
    assert result.names == ["A", "B"]
    ax = result.plot(names={"A": "Ash Grove"})
    assert set(_labels(ax)) == {"Ash Grove", "B"}
    with pytest.raises(cl.InputError):
        result.plot(names=["not", "a", "mapping"])


def test_names_from_a_service_table_and_crowded_labels_do_not_overlap():
    services = cl.ServiceTable()
    ids = [f"S{i}" for i in range(6)]
    for sid, name in zip(ids, ["Oak House", "Birch Lodge", "Willow View", "Elm Court",
                               "Maple Court", "Ash Grove Day Centre"]):
        services.add(sid, name, "residential")
    # Six services of nearly the same size and rate: the points crowd together.
    result = cl.funnel(labels=ids, counts=[50, 51, 52, 50, 49, 53],
                       exposures=[10000, 10100, 10050, 9950, 10020, 9980], names=services)
    ax = result.plot()
    texts = _labels(ax)
    assert set(texts) == {"Oak House", "Birch Lodge", "Willow View", "Elm Court", "Maple Court",
                          "Ash Grove Day Centre"}
    renderer = ax.figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in texts.values()]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not _overlap(a, b)


def test_funnel_from_tables_takes_names_from_services(source_dir):
    data = source_dir / "examples" / "data"
    inc = cl.read_incidents(str(data / "incidents.csv"))
    exp = cl.read_exposure(str(data / "exposure.csv"))
    services = cl.read_services(str(data / "services.csv"))
    result = cl.funnel(inc, exp, measure="occupied_bed_days", category="fall",
                       start="2025-04-01", end="2026-03-31", services=services)
    by_id = dict(zip(services.ids, services.names))
    assert result.names == [by_id.get(label, label) for label in result.labels]
    ax = result.plot()
    present = [name for name, e in zip(result.names, result.exposure) if e > 0]
    assert sorted(_labels(ax)) == sorted(present)
