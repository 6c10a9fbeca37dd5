"""Every module's doctests run (found by walking the packages, never listed by hand)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import sgpos

PACKAGES = ("sgpos", "sgpos.cli", "sgpos.corpus", "sgpos.baselines", "sgpos.evaluate")


def _modules() -> list[str]:
    names = set(PACKAGES)
    for package in PACKAGES:
        for info in pkgutil.iter_modules(importlib.import_module(package).__path__):
            if not info.ispkg:
                names.add(f"{package}.{info.name}")
    return sorted(names)


def test_every_package_module_is_collected():
    assert {"sgpos.corpus.prior", "sgpos.evaluate.answers", "sgpos.cli.score"} <= set(_modules())
    assert sgpos.__version__


@pytest.mark.parametrize("name", _modules())
def test_doctests(name):
    module = importlib.import_module(name)
    assert doctest.testmod(module, optionflags=doctest.ELLIPSIS).failed == 0
