"""The shape of the package: parts import each other one way, and no hand-written module is huge.

A *part* is a top-level module or package of symdl (``symdl.codegen.spec`` belongs to
``codegen``, ``symdl.catalog.rnn`` to ``catalog``; ``symdl/__init__.py`` is the part
``symdl``).  Every import statement counts -- at module level, inside functions, and under
``TYPE_CHECKING`` -- because a cycle through any of them ties the parts together for a reader.
The generated kernel modules (``symdl/_generated``) are output, not design, and are left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "symdl"
MAX_LINES = 700


def _hand_written() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "_generated" not in p.parts)


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str) -> bool:
    rel = Path(*name.split("."))
    return (PACKAGE.parent / rel).with_suffix(".py").exists() or (
        PACKAGE.parent / rel / "__init__.py"
    ).exists()


def _imports(path: Path) -> set[str]:
    """Every symdl module ``path`` imports (absolute names; relative imports resolved)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            # ``from symdl import kernels`` imports the submodule; ``from symdl.api import
            # derivation`` imports a name of the module.
            subs = {f"{module}.{a.name}" for a in node.names if _is_module(f"{module}.{a.name}")}
            found.update(subs)
            if len(subs) < len(node.names):
                found.add(module)
    return {m for m in found if m == "symdl" or m.startswith("symdl.")}


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "symdl"


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in _hand_written():
        src = _part(_module_name(path))
        graph.setdefault(src, set())
        for target in _imports(path):
            if "_generated" in target.split("."):
                continue
            dst = _part(target)
            if dst != src:
                graph[src].add(dst)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as a path (first node repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        node = todo.pop()
        for nxt in graph.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def test_the_cycle_finder_finds_cycles():
    # The checks below are only as good as this: a cycle through three parts, and none.
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None
    assert _reachable({"a": {"b"}, "b": {"c"}}, "a") == {"b", "c"}


def test_imports_inside_functions_and_type_checking_blocks_are_seen(tmp_path, monkeypatch):
    fake = tmp_path / "symdl"
    (fake / "sub").mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "sub" / "__init__.py").write_text("")
    (fake / "other.py").write_text("")
    (fake / "sub" / "leaf.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from symdl.other import X\n"
        "def f():\n    from symdl import other\n    from . import leaf\n    from .. import __version__\n"
        "    import numpy\n"
    )
    monkeypatch.setattr(f"{__name__}.PACKAGE", fake)
    assert _imports(fake / "sub" / "leaf.py") == {"symdl", "symdl.other", "symdl.sub.leaf"}


def test_no_import_cycle_between_parts():
    graph = _graph()
    assert {"catalog", "codegen", "verify", "record", "kernels", "render", "cli"} <= set(graph)
    cycle = _cycle(graph)
    assert cycle is None, "import cycle between parts: " + " -> ".join(cycle or [])


@pytest.mark.parametrize("part", ["codegen", "verify", "rules", "proof", "record", "check", "kernels"])
def test_generator_and_prover_know_no_particular_formula(part):
    # Neither directly nor through anything they import do these reach the catalog.
    assert "catalog" not in _reachable(_graph(), part)


def test_the_record_is_plain_data():
    # The record imports only the service table, the proof type and the rule layer (for what
    # its fields mean); the face fills the table.  The rule layer is a leaf: pure SymPy.
    graph = _graph()
    assert graph["record"] <= {"_services", "proof", "rules"}
    assert graph.get("rules", set()) == set()


@pytest.mark.parametrize("path", _hand_written(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_hand_written_module_is_huge(path):
    lines = len(path.read_text().splitlines())
    assert lines <= MAX_LINES, f"{path.name} has {lines} lines; split it by concern"
