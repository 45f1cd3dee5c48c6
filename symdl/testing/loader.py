"""Load a function from a Python file by path (``symdl check FILE.py:FUNC``, exercise tests)."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["load_function"]


def load_function(path: str | Path, name: str) -> Callable[..., Any]:
    """The function ``name`` defined in the Python file at ``path``.

    The file is imported as a module of its own (named after its resolved path, so two
    files called ``softmax.py`` do not collide, and nothing on ``sys.path`` shadows it);
    its directory is not added to ``sys.path``.
    """
    file = Path(path)
    if file.suffix != ".py":
        raise ValueError(f"path must name a .py file; got {str(path)!r}")
    if not file.is_file():
        raise FileNotFoundError(f"path: no such file {str(path)!r}")
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"name must be a Python identifier; got {name!r}")
    resolved = file.resolve()
    module_name = f"_symdl_student_{resolved.stem}_{hashlib.sha1(str(resolved).encode()).hexdigest()[:10]}"
    spec = importlib.util.spec_from_file_location(module_name, resolved)
    if spec is None or spec.loader is None:
        raise ValueError(f"path: cannot import {str(path)!r} as a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[module_name]
        raise
    fn = getattr(module, name, None)
    if fn is None:
        defined = sorted(k for k, v in vars(module).items() if callable(v) and not k.startswith("_"))
        listed = f"; it defines {', '.join(defined)}" if defined else ""
        raise ValueError(f"name: {file.name} has no function {name!r}{listed}")
    if not callable(fn):
        raise TypeError(f"name: {name!r} in {file.name} is a {type(fn).__name__}, not a function")
    return fn
