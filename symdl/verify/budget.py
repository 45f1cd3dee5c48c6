"""Time budgets that hold on every thread: a proof past its deadline stops where it is.

SymPy's ``cancel``, ``together``, ``simplify`` and ``Matrix.jacobian`` can run for minutes on
a wrong claim.  A :class:`Budget` is a deadline shared by every phase of one verification;
``with budget.limit():`` runs a phase and raises :class:`OutOfTime` inside it when the deadline
passes.

SIGALRM works only on the main thread, so the limit uses CPython's asynchronous exceptions
instead: a timer thread asks the interpreter to raise :class:`OutOfTime` in the thread that
armed the limit (``PyThreadState_SetAsyncExc``), which happens at its next bytecode -- on the
main thread or any other.  (Like a signal handler, it cannot interrupt one long call into C;
SymPy's work is Python.)  :class:`OutOfTime` derives from ``BaseException`` so that SymPy's
``except Exception`` clauses do not swallow it.
"""

from __future__ import annotations

import ctypes
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["Budget", "OutOfTime"]


class OutOfTime(BaseException):
    """Raised inside a phase whose budget has run out."""


_armed = threading.local()


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    # exc None clears an exception the timer asked for but the thread has not raised yet.
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None
    )


class Budget:
    """A deadline for one verification, ``seconds`` from now."""

    def __init__(self, seconds: float) -> None:
        if not seconds > 0:
            raise ValueError(f"a time budget must be positive; got {seconds!r} s")
        self.seconds = float(seconds)
        self.deadline = time.monotonic() + self.seconds
        self.ran_out = False

    def remaining(self) -> float:
        return max(0.0, self.deadline - time.monotonic())

    @property
    def expired(self) -> bool:
        return time.monotonic() >= self.deadline

    @contextmanager
    def limit(self) -> Iterator[None]:
        """Run the block until the deadline; past it, :class:`OutOfTime` is raised inside it.

        A block inside another limited block of this thread runs under the outer timer (one
        timer per thread at a time, so clearing one never cancels another).
        """
        if self.expired:
            self.ran_out = True
            raise OutOfTime
        outer = getattr(_armed, "state", None)
        if outer is not None and outer["active"] and not outer["fired"]:
            yield
            return
        thread_id = threading.get_ident()
        lock = threading.Lock()
        state = {"active": True, "fired": False}

        def fire() -> None:
            with lock:
                if state["active"]:
                    state["fired"] = True
                    self.ran_out = True
                    _raise_in(thread_id, OutOfTime)

        timer = threading.Timer(self.remaining(), fire)
        timer.daemon = True
        _armed.state = state
        timer.start()
        try:
            yield
        finally:
            with lock:
                state["active"] = False
                fired = state["fired"]
            timer.cancel()
            if fired:
                # If the block finished just as the timer fired, the exception may still be
                # pending: clear it, so it never surfaces in unrelated code.  (If it surfaces
                # here first, the caller sees OutOfTime, which is true: the time is up.)
                _raise_in(thread_id, None)
