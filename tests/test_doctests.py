"""The examples in the docstrings run (doctest): documentation that cannot go stale."""

from __future__ import annotations

import doctest
import importlib

import pytest

from conftest import ROOT

MODULES = (
    [f"onzichtbaar.{p.stem}" for p in sorted((ROOT / "onzichtbaar").glob("*.py")) if p.stem != "__init__"]
    + [f"bookbuild.{p.stem}" for p in sorted((ROOT / "bookbuild").glob("*.py")) if p.stem != "__init__"]
    + [p.stem for p in sorted((ROOT / "_ext").glob("*.py"))]
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} docstring examples fail"


def test_the_api_modules_have_examples():
    attempted = {
        name: doctest.testmod(importlib.import_module(name)).attempted
        for name in ("onzichtbaar.chapter", "bookbuild.own_words", "bookbuild.config")
    }
    assert all(attempted.values()), attempted
