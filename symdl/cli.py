"""symdl on the command line: verify, show, errata, list, bench, check, exercise.

symdl verify [NAME ...] proves every claim (or the named ones), proves each kernel's
generating expression, compiles each kernel and checks it numerically, one record per row.
It exits 1 only if something disagrees with the catalog: a claim the catalog says holds that
is refuted (or a note's error that suddenly holds), a kernel that is not proved, or a kernel
whose numbers are off.  Undecided proofs are counted and listed, not failures.

Output fits the terminal, at most 100 columns (--wide for one long line per record); record
text in Korean with --lang ko or SYMDL_LANG=ko.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from symdl._text import fill

__all__ = ["main"]

MAX_WIDTH = 100


def _width(wide: bool = False) -> int:
    """The terminal's width, at most 100 columns (COLUMNS is honoured); no limit with --wide."""
    if wide:
        return 10_000
    return min(shutil.get_terminal_size((MAX_WIDTH, 24)).columns, MAX_WIDTH)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _fill(text: str, width: int, indent: str = "") -> str:
    return fill(text, width, indent, indent)


# -- language ------------------------------------------------------------------------------------
def _lang(args: argparse.Namespace) -> str:
    lang = getattr(args, "lang", None) or os.environ.get("SYMDL_LANG", "en")
    if lang not in ("en", "ko"):
        raise SystemExit(f"symdl: --lang (or SYMDL_LANG) must be en or ko; got {lang!r}")
    return lang


def _localized(record: Any, lang: str) -> Any:
    """``record`` with its title, statement, conventions, steps' reasons and truth in ``lang``."""
    if lang == "en":
        return record
    from symdl.catalog.ko import korean

    try:
        ko = korean(record)
    except KeyError:  # a record newer than its translation: English rather than nothing
        return record
    steps = record.steps
    reasons = getattr(ko, "steps", ()) or ()
    if len(reasons) == len(steps):
        steps = tuple(dataclasses.replace(s, why=w) for s, w in zip(steps, reasons, strict=True))
    same_count = len(ko.conventions) == len(record.conventions)
    return dataclasses.replace(
        record,
        title=ko.title,
        statement=ko.statement,
        conventions=tuple(ko.conventions) if same_count else record.conventions,
        truth=ko.truth or record.truth,
        steps=steps,
    )


# -- verify --------------------------------------------------------------------------------------
@dataclass
class Row:
    name: str
    verdict: str
    method: str
    kernel: str
    seconds: float
    ok: bool
    kind: str  # general | explicit | case | exact | numeric | undecided | erratum


def _kind(record: Any, proof: Any) -> str:
    if not record.holds and not proof.holds and not proof.undecided:
        return "erratum"
    if proof.undecided:
        return "undecided"
    if proof.general:
        return "general"
    method = proof.method
    if method.startswith("symbolic for") and record.sizes and not record.shown_for:
        return "explicit"
    if method.startswith("symbolic for"):
        return "case"
    if method.startswith("exact value"):
        return "exact"
    return "numeric"


def _verify_one(record: Any, *, numeric: bool) -> Row:
    import numpy as np

    from symdl.check import check_kernel

    start = time.perf_counter()
    proof = record.verify()
    ok = proof.undecided or proof.holds == record.holds
    if proof.undecided:
        verdict = "undecided"
    elif proof.holds == record.holds:
        verdict = "holds" if proof.holds else "erratum"
    else:
        verdict = "UNEXPECTEDLY HOLDS" if proof.holds else "WRONG"
    kernel = ""
    if record.kernel is not None:
        kproof = record.verify_kernel()
        parts = [f"kernel {record.kernel.name}: {'proved' if kproof else 'NOT PROVED'} ({kproof.method})"]
        ok &= kproof.holds
        if numeric and not getattr(record.kernel, "defines", False):
            for dtype in (np.float32, np.float64):
                result = check_kernel(record, dtype=dtype)
                ok &= result.ok
                parts.append(
                    f"{np.dtype(dtype).name} {result.max_error:.2g} {result.unit}"
                    + ("" if result.ok else " FAILED")
                )
        kernel = "; ".join(parts)
    method = proof.method + (f" — {proof.detail}" if proof.undecided and proof.detail else "")
    return Row(record.name, verdict, method, kernel, time.perf_counter() - start, ok, _kind(record, proof))


def _select(names: Sequence[str]) -> list[Any]:
    import symdl

    if any(not n.strip() for n in names):
        raise KeyError("a record name is empty; `symdl list` shows the names")
    return [symdl.derivation(n) for n in names] if names else list(symdl.derivations())


def _row_lines(row: Row, k: int, total: int, width: int, name_width: int) -> list[str]:
    counter = f"[{k:>{len(str(total))}}/{total}]"
    head = f"{counter} {row.name:<{name_width}}  {row.verdict:<9} {row.seconds:5.2f}s"
    if width >= 10_000:  # --wide: everything on one line
        return [f"{head}  {row.method}" + (f"  {row.kernel}" if row.kernel else "")]
    indent = " " * (len(counter) + 1)
    lines = [head] if len(head) <= width else [head[:width]]
    lines.append(_fill(row.method, width, indent + "  "))
    if row.kernel:
        lines.append(_fill(row.kernel, width, indent + "  "))
    return lines


_KINDS = (
    ("general", "proved for every size and value (symbolic, general)"),
    ("case", "proved for one explicit case of a general statement (e.g. 2×2)"),
    ("explicit", "proved for explicit sizes only"),
    ("exact", "worked examples checked exactly"),
    ("numeric", "shown by numbers only"),
    ("undecided", "undecided"),
    ("erratum", "wrong in the notes (errata): refuted"),
)


def _start_warming(records: Sequence[Any], numeric: bool) -> subprocess.Popen | None:
    """With more than one core, a second process compiles (or loads) the kernels the checks will
    run while this one proves the claims: numba compiles on one core, and on a cold cache the
    compiling is about half of ``symdl verify``.  ``SYMDL_WARM=0`` turns it off."""
    names = [r.name for r in records if r.kernel is not None and not getattr(r.kernel, "defines", False)]
    if not numeric or len(names) < 2 or (os.cpu_count() or 1) < 2 or os.environ.get("SYMDL_WARM") == "0":
        return None
    code = (
        "import sys; from symdl import derivation; from symdl.check import warm_kernels; "
        "warm_kernels([derivation(name) for name in sys.argv[1:]])"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code, *names], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def cmd_verify(args: argparse.Namespace) -> int:
    try:
        records = _select(args.names)
    except KeyError as err:
        print(err.args[0], file=sys.stderr)
        return 2
    warming = _start_warming(records, numeric=not args.no_numeric)
    try:
        return _verify(records, args)
    except BaseException:  # Ctrl-C included: stop the helper at once
        if warming is not None:
            warming.kill()
        raise
    finally:
        if warming is not None:
            try:
                warming.wait(timeout=60)  # let it finish writing what it compiled
            except subprocess.TimeoutExpired:
                warming.kill()
                warming.wait()


def _verify(records: Sequence[Any], args: argparse.Namespace) -> int:
    width = _width(args.wide)
    name_width = min(max(len(r.name) for r in records), 42)
    start = time.perf_counter()
    rows = []
    for k, record in enumerate(records, 1):
        row = _verify_one(record, numeric=not args.no_numeric)
        rows.append(row)
        print("\n".join(_row_lines(row, k, len(records), width, name_width)), flush=True)
    print(f"\n{_plural(len(rows), 'claim')} checked in {time.perf_counter() - start:.1f} s:")
    for kind, words in _KINDS:
        names = [r.name for r in rows if r.kind == kind]
        if not names:
            continue
        head = f"  {len(names):>3} "
        text = words + (": " + ", ".join(names) if kind in ("explicit", "undecided", "case") else "")
        print(fill(text, width, head, " " * len(head)))  # wrapped lines keep the column
    kernels = sum(1 for r in records if r.kernel is not None)
    if kernels:
        checked = (
            "skipped (--no-numeric)" if args.no_numeric else "compiled and checked in float32 and float64"
        )
        print(f"  {kernels:>3} kernel{'' if kernels == 1 else 's'} proved; numbers {checked}")
    failed = [row.name for row in rows if not row.ok]
    if failed:
        print(_fill(f"FAILED: {', '.join(failed)}", width))
        return 1
    return 0


# -- show, errata, list --------------------------------------------------------------------------------
def _fold(code: str, width: int) -> str:
    """Source lines longer than ``width`` folded for reading (--wide prints them as they are)."""
    out = []
    for line in code.splitlines():
        while len(line) > width:
            out.append(line[: width - 1] + "↩")
            line = "    ↪ " + line[width - 1 :]
        out.append(line)
    return "\n".join(out)


def cmd_show(args: argparse.Namespace) -> int:
    from symdl.render import text_block

    try:
        (record,) = _select([args.name])
    except KeyError as err:
        print(err.args[0], file=sys.stderr)
        return 2
    width = _width(args.wide)
    proof = record.verify()
    print(text_block(_localized(record, _lang(args)), proof, width=min(width, 1000)))
    if record.kernel is not None:
        print(_fill(f"kernel proof: {record.verify_kernel()}", width))
        source = record.kernel_source
        if args.source:
            print("\ngenerated kernel source:\n")
            print(source if args.wide else _fold(source, width))
        else:
            lines = len(source.splitlines())
            print(f"kernel source: {lines} lines of Python (symdl show {record.name} --source prints it)")
    return 0


def cmd_errata(args: argparse.Namespace) -> int:
    import symdl

    lang, width = _lang(args), _width(args.wide)
    found = symdl.errata()
    for k, erratum in enumerate(found, 1):
        record = _localized(erratum.record, lang)
        print(_fill(f"{k}. {record.title} [{record.name}]", width))
        for label, text in (
            ("where", erratum.where),
            ("says", record.statement),
            ("truth", record.truth),
            ("evidence", erratum.evidence),
        ):
            print(fill(f"{label + ':':<10}{text}", width, "   ", " " * 13))
        print()
    confirmed = sum(1 for e in found if not e.refutation.holds and e.confirmation.holds)
    print(
        _fill(
            f"{_plural(len(found), 'erratum', 'errata')}; {confirmed} refuted with the correction proved",
            width,
        )
    )
    return 0 if confirmed == len(found) else 1


def _topics() -> dict[str, tuple[Any, ...]]:
    from symdl.catalog import TOPICS

    return TOPICS


def cmd_list(args: argparse.Namespace) -> int:
    lang, width = _lang(args), _width(args.wide)
    topics = _topics()
    if args.topic:
        wanted = {t for t in topics if args.topic.lower() in t.lower()}
        if not wanted:
            print(
                f"symdl list: no topic matches {args.topic!r}; topics: {', '.join(topics)}", file=sys.stderr
            )
            return 2
        topics = {t: r for t, r in topics.items() if t in wanted}
    shown = 0
    for topic, records in topics.items():
        chosen = [
            r
            for r in records
            if (not args.errata or not r.holds) and (not args.kernels or r.kernel is not None)
        ]
        if not chosen:
            continue
        print(f"{topic}:")
        name_width = min(max(len(r.name) for r in chosen), 34)
        for r in chosen:
            title = _localized(r, lang).title
            prefix = f"  {r.name:<{name_width}}  "
            if len(r.name) > name_width:  # a long name gets its own line
                print(f"  {r.name}")
                prefix = " " * (name_width + 4)
            print(fill(title, width, prefix, " " * (name_width + 4)))
            shown += 1
    print(f"\n{_plural(shown, 'record')}")
    return 0


# -- bench --------------------------------------------------------------------------------------------
def _size(text: str) -> tuple[str, tuple[int, ...]]:
    from symdl.bench import parse_size

    try:
        return parse_size(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def cmd_bench(args: argparse.Namespace) -> int:
    import json

    import numpy as np

    from symdl import bench

    for mode, flag in ((args.startup, "--startup"), (args.sweep, "--sweep")):
        if not mode:
            continue
        ignored = [
            option
            for option, given in (
                ("kernel names", args.names and flag == "--startup"),
                ("--size", args.size),
                ("--dtype", args.dtype and flag == "--startup"),
                ("--warmup", args.warmup is not None and flag == "--startup"),
                ("--no-torch", args.no_torch and flag == "--sweep"),
                ("--startup", args.startup and flag == "--sweep"),
            )
            if given
        ]
        if ignored:
            what = "fixed start-up phases" if flag == "--startup" else "symdl alone over sizes 1e3..1e8"
            print(f"{flag} times {what}; it takes no {', '.join(ignored)}", file=sys.stderr)
            return 2
    progress = None if args.quiet else bench.print_progress
    dtypes = [np.dtype(d) for d in args.dtype or ("float32", "float64")]
    try:
        if args.startup:
            phases = bench.startup(processes=args.repeat)
            print(json.dumps(phases, indent=2) if args.json else bench.format_startup(phases))
            return 0
        if args.sweep:
            unknown = set(args.names) - bench.CASES.keys()
            if unknown:
                raise ValueError(
                    f"unknown kernels: {', '.join(sorted(unknown))}; known: {', '.join(bench.CASES)}"
                )
            results = bench.sweep(
                args.names or None,
                dtypes=dtypes,
                repeat=args.repeat,
                warmup=0.2 if args.warmup is None else args.warmup,
                progress=progress,
            )
        else:
            results = bench.run(
                args.names or None,
                sizes=dict(args.size),
                repeat=args.repeat,
                dtypes=dtypes,
                use_torch=not args.no_torch,
                warmup=bench.WARMUP_SECONDS if args.warmup is None else args.warmup,
                progress=progress,
            )
    except ValueError as err:
        print(err, file=sys.stderr)
        return 2
    if args.json:
        print(bench.to_json(results))
        return 0
    print(bench.format_table(results))
    note = "" if args.sweep else bench.torch_note(results, asked=not args.no_torch)
    if note:
        print(fill(note, _width()))
    return 0


# -- the parser ---------------------------------------------------------------------------------------
def _common(p: argparse.ArgumentParser, *, lang: bool = False) -> None:
    p.add_argument("--wide", action="store_true", help="do not fit the output to the terminal")
    if lang:
        p.add_argument(
            "--lang", choices=["en", "ko"], help="language of record text (default: SYMDL_LANG or en)"
        )


def build_parser() -> argparse.ArgumentParser:
    from symdl import __version__

    parser = argparse.ArgumentParser(
        prog="symdl",
        description="Deep-learning study notes as mathematics a machine has checked.",
        epilog="Run `symdl COMMAND --help` for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"symdl {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("verify", help="prove the claims, prove and check the kernels")
    p.add_argument(
        "names", nargs="*", metavar="NAME", help="records to verify (default: all; see symdl list)"
    )
    p.add_argument(
        "--no-numeric", action="store_true", help="prove kernels but skip compiling and checking them"
    )
    _common(p)
    p.set_defaults(func=cmd_verify)
    p = sub.add_parser("show", help="one record: claim, steps, verdict (and kernel source with --source)")
    p.add_argument("name", metavar="NAME", help="a record name, e.g. batchnorm_backward (see symdl list)")
    p.add_argument("--source", action="store_true", help="also print the generated kernel source")
    _common(p, lang=True)
    p.set_defaults(func=cmd_show)
    p = sub.add_parser("errata", help="the notes' mistakes, each refuted, with what is true")
    _common(p, lang=True)
    p.set_defaults(func=cmd_errata)
    p = sub.add_parser("list", help="the records by topic")
    p.add_argument("--topic", metavar="TEXT", help="only topics whose name contains TEXT")
    p.add_argument("--errata", action="store_true", help="only the notes' mistakes")
    p.add_argument("--kernels", action="store_true", help="only records with a numeric kernel")
    _common(p, lang=True)
    p.set_defaults(func=cmd_list)
    _bench_parser(sub)
    from symdl.testing.cli import add_subcommands  # symdl check, symdl exercise

    add_subcommands(sub)
    return parser


def _bench_parser(sub: Any) -> None:
    p = sub.add_parser("bench", help="time the kernels against numpy (and PyTorch, if installed)")
    p.add_argument("names", nargs="*", metavar="KERNEL", help="kernels to time (default: all)")
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
    p.add_argument(
        "--sweep",
        action="store_true",
        help="instead: symdl's time per kernel over sizes 1e3..1e8 elements (how cost grows)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    p.set_defaults(func=cmd_bench)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `symdl list | head`: the reader left; that is not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 -- stays open until exit
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
