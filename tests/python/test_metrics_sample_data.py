"""The committed sample data in examples/data/ are exactly what the seeded
generator writes."""

import subprocess

import pytest


@pytest.mark.parametrize("name", ["services.csv", "exposure.csv", "incidents.csv"])
def test_committed_sample_data_equal_generator_output(source_dir, tmp_path, name):
    subprocess.run(["/usr/bin/python3", str(source_dir / "examples" / "generate_sample_data.py"),
                    "--out", str(tmp_path)], check=True)
    generated = (tmp_path / name).read_bytes()
    committed = (source_dir / "examples" / "data" / name).read_bytes()
    assert generated == committed, f"examples/data/{name} differs: rerun examples/generate_sample_data.py"


def test_another_seed_gives_other_data(source_dir, tmp_path):
    subprocess.run(["/usr/bin/python3", str(source_dir / "examples" / "generate_sample_data.py"),
                    "--out", str(tmp_path), "--seed", "7"], check=True)
    assert (tmp_path / "incidents.csv").read_bytes() != \
        (source_dir / "examples" / "data" / "incidents.csv").read_bytes()
