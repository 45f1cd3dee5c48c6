"""``symdl check`` and ``symdl exercise``: the answer key on the command line.

``symdl check FILE.py:FUNC --as NAME [--dtype float32] [--seed N]`` prints the report and
exits 0 when the function agrees with ``symdl.kernels.NAME``, 1 when it does not, and 2
when it cannot be run (no such file, function or kernel).

``symdl exercise NAME DIR`` writes ``DIR/NAME.py`` and ``DIR/test_NAME.py`` and exits 0,
or 2 without writing anything if either file exists.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

__all__ = ["add_subcommands", "cmd_check", "cmd_exercise"]


def _target(text: str) -> tuple[str, str]:
    path, sep, func = text.rpartition(":")
    if not sep or not path or not func:
        raise argparse.ArgumentTypeError(
            f"give the function as FILE.py:FUNC, e.g. my_bn.py:backward; got {text!r}"
        )
    return path, func


def cmd_check(args: argparse.Namespace) -> int:
    from symdl.testing.check import check_implementation
    from symdl.testing.loader import load_function
    from symdl.testing.table import KERNELS

    path, func = args.target
    name = args.name or func
    if name not in KERNELS:
        what = f"--as {name}" if args.name else f"{func} is not a kernel name; add --as NAME. NAME"
        print(f"symdl check: {what} must be one of: {', '.join(KERNELS)}", file=sys.stderr)
        return 2
    try:
        fn = load_function(path, func)
    except (OSError, ValueError, TypeError) as err:
        print(f"symdl check: {err}", file=sys.stderr)
        return 2
    except Exception as err:  # the student's module failed to import
        print(f"symdl check: importing {path} raised {type(err).__name__}: {err}", file=sys.stderr)
        return 2
    report = check_implementation(name, fn, dtype=args.dtype, seed=args.seed)
    print(report)
    return 0 if report else 1


def cmd_exercise(args: argparse.Namespace) -> int:
    from symdl.testing.exercise import write_exercise

    try:
        stub, test = write_exercise(args.name, args.directory)
    except (OSError, ValueError) as err:
        print(f"symdl exercise: {err}", file=sys.stderr)
        return 2
    print(f"wrote {stub}\nwrote {test}")
    print(f"Implement {args.name} in {stub}, then run: pytest {args.directory}")
    print(f"{stub}에 {args.name}을(를) 구현한 뒤 실행하세요: pytest {args.directory}")
    return 0


def add_subcommands(subparsers: Any) -> None:
    """Add ``check`` and ``exercise`` to symdl's command line (``subparsers`` of ``build_parser``)."""
    from symdl.testing.statements import STATEMENTS

    p = subparsers.add_parser("check", help="check your own implementation of a kernel against symdl's")
    p.add_argument("target", type=_target, metavar="FILE.py:FUNC", help="the function to check")
    p.add_argument(
        "--as",
        dest="name",
        metavar="NAME",
        help="the kernel it implements (default: FUNC, if it is a kernel name)",
    )
    p.add_argument(
        "--dtype", choices=["float64", "float32"], default="float64", help="precision of the inputs"
    )
    p.add_argument("--seed", type=int, default=0, help="seed of the random inputs (default 0)")
    p.set_defaults(func=cmd_check)
    p = subparsers.add_parser(
        "exercise", help="write a stub to implement and its test: DIR/NAME.py, DIR/test_NAME.py"
    )
    p.add_argument("name", choices=list(STATEMENTS), metavar="NAME", help=f"one of: {', '.join(STATEMENTS)}")
    p.add_argument("directory", metavar="DIR")
    p.set_defaults(func=cmd_exercise)
