"""Every example of docs/python.md runs, in order, against a store built from the seed."""

import re

from conftest import ROOT, SEED, needs_shared


@needs_shared
def test_the_documented_examples_run(tmp_path):
    text = (ROOT / "docs" / "python.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert len(blocks) >= 4
    namespace = {"SEED": SEED, "STORE": tmp_path / "kg-store"}
    for block in blocks:
        exec(compile(block, "docs/python.md", "exec"), namespace)  # noqa: S102 - our own docs


def test_open_refuses_a_missing_store(tmp_path):
    import pytest

    import kg
    from kg.errors import StoreError
    with pytest.raises(StoreError, match="no kg store here"):
        kg.open(tmp_path / "none")
