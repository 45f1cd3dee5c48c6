"""``symdl`` on the command line: verify, show, errata, bench, list.

``symdl verify [NAME ...]`` proves every claim (or the named ones), proves each
kernel's generating expression, compiles each kernel and checks it numerically, and
prints one row per record.  It exits 1 if anything disagrees with the catalog: a
claim the catalog says holds that does not (or a note's error that suddenly
"holds"), a kernel that is not proved, or a kernel whose numbers are off.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["main"]


@dataclass
class Row:
    name: str
    verdict: str
    method: str
    kernel: str
    seconds: float
    ok: bool


def _verify_one(record, *, numeric: bool) -> Row:
    import numpy as np

    from symdl.check import check_kernel

    start = time.perf_counter()
    proof = record.verify()
    ok = proof.holds == record.holds
    if ok:
        verdict = "holds" if proof.holds else "wrong (erratum)"
    else:
        verdict = "UNEXPECTEDLY HOLDS" if proof.holds else "WRONG"
    kernel = "-"
    if record.kernel is not None:
        kproof = record.verify_kernel()
        parts = [f"{record.kernel.name}: {'proved' if kproof else 'NOT PROVED'} ({kproof.method})"]
        ok &= kproof.holds
        if numeric:
            for dtype in (np.float32, np.float64):
                if getattr(record.kernel, "defines", False):
                    continue
                result = check_kernel(record, dtype=dtype)
                ok &= result.ok
                parts.append(
                    f"{np.dtype(dtype).name} {result.max_error:.2g} {result.unit}"
                    + ("" if result.ok else " FAILED")
                )
        kernel = "; ".join(parts)
    return Row(record.name, verdict, proof.method, kernel, time.perf_counter() - start, ok)


def _select(names: Sequence[str]):
    import symdl

    return [symdl.derivation(n) for n in names] if names else list(symdl.derivations())


def cmd_verify(args: argparse.Namespace) -> int:
    try:
        records = _select(args.names)
    except KeyError as err:
        print(err.args[0], file=sys.stderr)
        return 2
    start = time.perf_counter()
    rows = []
    width = max(len(r.name) for r in records)
    print(f"{'name':<{width}}  {'verdict':<16}  {'how':<40}  {'time':>6}  kernel")
    for record in records:
        row = _verify_one(record, numeric=not args.no_numeric)
        rows.append(row)
        print(
            f"{row.name:<{width}}  {row.verdict:<16}  {row.method:<40}  {row.seconds:5.2f}s  {row.kernel}",
            flush=True,
        )
    wrong = sum(1 for r, row in zip(records, rows, strict=True) if not r.holds and row.ok)
    kernels = sum(1 for r in records if r.kernel is not None)
    failed = [row.name for row in rows if not row.ok]
    print(
        f"\n{len(rows)} claims checked: {len(rows) - wrong - len(failed)} hold, {wrong} wrong in the notes "
        f"(errata); {kernels} kernels proved and compiled; {time.perf_counter() - start:.1f}s"
    )
    if failed:
        print(f"FAILED: {', '.join(failed)}")
        return 1
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from symdl.render import text_block

    try:
        (record,) = _select([args.name])
    except KeyError as err:
        print(err.args[0], file=sys.stderr)
        return 2
    print(text_block(record, record.verify()))
    if record.kernel is not None:
        print(f"\nkernel proof: {record.verify_kernel()}")
        print("\ngenerated kernel source:\n")
        print(record.kernel_source)
    return 0


def cmd_errata(args: argparse.Namespace) -> int:
    import symdl

    found = symdl.errata()
    for k, erratum in enumerate(found, 1):
        print(f"{k}. {erratum}\n")
    confirmed = sum(1 for e in found if not e.refutation.holds and e.confirmation.holds)
    print(f"{len(found)} errata; {confirmed} refuted with their corrections proved")
    return 0 if confirmed == len(found) else 1


def _size(text: str) -> tuple[str, tuple[int, ...]]:
    name, _, spec = text.partition("=")
    try:
        dims = tuple(int(v) for v in spec.lower().split("x"))
    except ValueError:
        dims = ()
    if not name or not dims or min(dims) < 1:
        raise argparse.ArgumentTypeError(f"--size takes NAME=N or NAME=NxD with positive sizes; got {text!r}")
    return name, dims


def cmd_bench(args: argparse.Namespace) -> int:
    import numpy as np

    from symdl import bench

    if args.startup:
        ignored = [
            flag
            for flag, given in (
                ("kernel names", args.names),
                ("--size", args.size),
                ("--dtype", args.dtype),
                ("--warmup", args.warmup is not None),
            )
            if given
        ]
        if ignored:
            print(f"--startup times fixed start-up phases; it takes no {', '.join(ignored)}", file=sys.stderr)
            return 2
    try:
        if args.startup:
            phases = bench.startup(processes=args.repeat)
            print(json.dumps(phases, indent=2) if args.json else bench.format_startup(phases))
            return 0
        results = bench.run(
            args.names or None,
            sizes=dict(args.size),
            repeat=args.repeat,
            dtypes=[np.dtype(d) for d in args.dtype or ("float32", "float64")],
            use_torch=not args.no_torch,
            warmup=bench.WARMUP_SECONDS if args.warmup is None else args.warmup,
        )
    except ValueError as err:
        print(err, file=sys.stderr)
        return 2
    print(bench.to_json(results) if args.json else bench.format_table(results))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from symdl.catalog import TOPICS

    for topic, records in TOPICS.items():
        print(f"{topic}:")
        for r in records:
            print(f"  {r.name:<32} {r.title}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="symdl", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("verify", help="prove the claims, prove and check the kernels")
    p.add_argument("names", nargs="*", help="records to verify (default: all)")
    p.add_argument("--no-numeric", action="store_true", help="skip compiling and checking kernels")
    p.set_defaults(func=cmd_verify)
    p = sub.add_parser("show", help="print one record: claim, steps, proof, kernel source")
    p.add_argument("name")
    p.set_defaults(func=cmd_show)
    p = sub.add_parser("errata", help="list the notes' mistakes, each refuted, with what is true")
    p.set_defaults(func=cmd_errata)
    p = sub.add_parser("bench", help="time the kernels against numpy (and PyTorch, if installed)")
    p.add_argument("names", nargs="*", help="kernels to time (default: all)")
    p.add_argument(
        "--size",
        action="append",
        type=_size,
        default=[],
        metavar="NAME=N[xD]",
        help="problem size for one kernel, e.g. batchnorm_backward=8192x512 (repeatable)",
    )
    p.add_argument(
        "--dtype", action="append", choices=["float32", "float64"], help="repeatable (default: both)"
    )
    p.add_argument("--repeat", type=int, default=7, help="timed runs per measurement (median reported)")
    p.add_argument(
        "--warmup",
        type=float,
        default=None,
        metavar="SECONDS",
        help="untimed round-robin calls before timing each kernel and dtype (default: 2)",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--no-torch", action="store_true", help="skip PyTorch even if it is installed")
    p.add_argument(
        "--startup",
        action="store_true",
        help="instead: imports and first kernel calls in fresh processes (--repeat of them)",
    )
    p.set_defaults(func=cmd_bench)
    p = sub.add_parser("list", help="list the records by topic")
    p.set_defaults(func=cmd_list)
    from symdl.testing.cli import add_subcommands  # symdl check, symdl exercise

    add_subcommands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
