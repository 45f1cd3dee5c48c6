"""The pytest plugin (entry point ``pytest11``): the ``symdl_check`` fixture.

Installed with symdl, so in any test::

    def test_my_softmax(symdl_check):
        symdl_check("softmax", my_softmax)                  # float64
        symdl_check("softmax", my_softmax, dtype="float32")

A failing check fails the test with the answer key's report as the assertion message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture
def symdl_check() -> Callable[..., Any]:
    """``symdl_check(name, fn, *, dtype=np.float64, seed=0)``: check ``fn`` against
    ``symdl.kernels.<name>``; fails the test with the report if they disagree."""
    from symdl.testing.check import assert_matches

    def check(name: str, fn: Callable[..., Any], **kw: Any) -> Any:
        __tracebackhide__ = True
        return assert_matches(name, fn, **kw)

    return check
