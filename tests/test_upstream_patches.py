"""Every patch of third-party output is written against a pinned version (bookbuild/upstream.py).

A version bump in requirements.txt or package.json fails here, naming the patches to
re-check, until their entries say the new version. The installed versions must match too.
"""

from __future__ import annotations

import json
import re
from importlib.metadata import version

import pytest

from bookbuild.upstream import PATCHES

from conftest import ROOT


def pinned_pypi() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==(\S+)", line)
        if match:
            pins[match.group(1).lower()] = match.group(2)
    return pins


def pinned_npm() -> dict[str, str]:
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    return {**package.get("dependencies", {}), **package.get("devDependencies", {})}


def stale_patches(pypi: dict[str, str], npm: dict[str, str]) -> list[str]:
    """One message per patch whose package is pinned at another version than it was written for."""
    messages = []
    for patch in PATCHES:
        pinned = pypi.get(patch.package.lower()) if patch.registry == "pypi" else npm.get(patch.package)
        if pinned != patch.version:
            messages.append(
                f"{patch.package} is pinned at {pinned}, but {patch.where} was written for "
                f"{patch.version}: re-check the patch ({patch.what}) and update bookbuild/upstream.py"
            )
    return messages


def test_every_patch_matches_the_pinned_version():
    assert [p.where for p in PATCHES if not (ROOT / p.where).is_file()] == []
    assert stale_patches(pinned_pypi(), pinned_npm()) == []


def test_a_bumped_pin_is_caught():
    bumped = {**pinned_pypi(), "pydata-sphinx-theme": "0.18.0"}
    stale = stale_patches(bumped, pinned_npm())
    assert len(stale) == 4 and all("pydata-sphinx-theme is pinned at 0.18.0" in m for m in stale)
    assert [m.split(" was written")[0].rsplit(" ", 1)[1] for m in stale] == [
        "_templates/static/webpack-macros.html",
        "_ext/icon_font.py",
        "_static/oz-nav.js",
        "_templates/layout.html",
    ]


@pytest.mark.parametrize("patch", [p for p in PATCHES if p.registry == "pypi"], ids=lambda p: p.package)
def test_installed_version_is_the_patched_one(patch):
    assert version(patch.package) == patch.version
