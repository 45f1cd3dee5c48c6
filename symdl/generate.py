"""``python -m symdl.generate``: write the catalog's kernels into ``symdl/_generated``.

The one place where the catalog (what to generate) meets the generator (how): the
generator and the prover never import the catalog.  ``--check`` writes nothing and exits 1
if a committed module differs from what the generator produces now.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from symdl.catalog import ALL
from symdl.codegen.module import GENERATED_DIR, generated_modules, write_modules

__all__ = ["GENERATED", "main", "stale_modules"]

GENERATED = Path(__file__).parent / GENERATED_DIR


def stale_modules(directory: Path = GENERATED) -> list[str]:
    """Names of the modules in ``directory`` that differ from what the generator writes now."""
    return [
        name
        for name, source in generated_modules(ALL).items()
        if not (directory / name).exists() or (directory / name).read_text() != source
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m symdl.generate", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a module is stale")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_modules()
        for name in stale:
            print(f"stale: {GENERATED / name}")
        return 1 if stale else 0
    for name in write_modules(GENERATED, ALL):
        print(f"wrote {GENERATED / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
