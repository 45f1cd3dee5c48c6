"""``symdl exercise NAME DIR``: a stub to implement, and the test that checks it.

`write_exercise` writes ``DIR/NAME.py`` (``def NAME(...)`` with the kernel's
signature, a docstring in Korean and English saying what to compute, and a body that
raises ``NotImplementedError``) and ``DIR/test_NAME.py`` (the answer key, in both dtypes).
``pytest DIR`` fails until the stub computes what ``symdl.kernels.NAME`` computes.
Existing files are never overwritten.
"""

from __future__ import annotations

from pathlib import Path

from symdl.testing.statements import STATEMENTS
from symdl.testing.table import KERNELS

__all__ = ["exercise_test_source", "stub_source", "write_exercise"]

_STUB = '''"""symdl exercise: {name} ({korean}).

Fill in the function below, then run `pytest {test_hint}` (or `symdl check {stub}:{name}`).
구현한 뒤 `pytest {test_hint}`로 확인하세요.
Formula from: {source}.
"""

import numpy as np


def {name}({signature}):
    """{korean_doc}

    {english_doc}
    """
    raise NotImplementedError("{name}: not written yet / 아직 구현하지 않았습니다")
'''

_TEST = '''"""Checks {file} against symdl's proved kernel {name} (written by `symdl exercise`)."""

from pathlib import Path
{imports}
from symdl.testing import assert_matches, load_function

{name} = load_function(Path(__file__).with_name("{file}"), "{name}")

{decorator}def test_{name}({params}):
    assert_matches("{name}", {name}{kwargs})
'''


def stub_source(name: str, directory: str = ".") -> str:
    """The text of ``NAME.py``: the stub to fill in."""
    st = STATEMENTS[name]
    return _STUB.format(
        name=name,
        korean=KERNELS[name].korean,
        file=f"{name}.py",
        test_hint=directory,
        stub=Path(directory) / f"{name}.py",
        source=st.source,
        signature=st.signature,
        korean_doc=st.korean,
        english_doc=st.english,
    )


def exercise_test_source(name: str) -> str:
    """The text of ``test_NAME.py``: the answer key in float64 and float32 (initialisers: float64)."""
    random = KERNELS[name].distribution is not None
    return _TEST.format(
        name=name,
        file=f"{name}.py",
        imports="" if random else "\nimport numpy as np\nimport pytest\n",
        decorator="" if random else '\n@pytest.mark.parametrize("dtype", [np.float64, np.float32])\n',
        params="" if random else "dtype",
        kwargs="" if random else ", dtype=dtype",
    )


def write_exercise(name: str, directory: str | Path) -> tuple[Path, Path]:
    """Write ``directory/NAME.py`` and ``directory/test_NAME.py``; return their paths.

    ``directory`` is created if it does not exist.  Raises ``FileExistsError`` (naming the
    files) without writing anything if either file is already there, and ``ValueError``
    for a name that is not a kernel of the answer key.
    """
    if not isinstance(name, str) or name not in STATEMENTS:
        raise ValueError(f"name: no exercise called {name!r}; choose one of {', '.join(STATEMENTS)}")
    folder = Path(directory)
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(f"directory: {str(folder)!r} exists and is not a directory")
    stub, test = folder / f"{name}.py", folder / f"test_{name}.py"
    existing = [str(p) for p in (stub, test) if p.exists()]
    if existing:
        raise FileExistsError(
            f"refusing to overwrite {' and '.join(existing)}: move or delete "
            f"{'it' if len(existing) == 1 else 'them'}, or choose another directory"
        )
    folder.mkdir(parents=True, exist_ok=True)
    stub.write_text(stub_source(name, str(folder)), encoding="utf-8")
    test.write_text(exercise_test_source(name), encoding="utf-8")
    return stub, test
