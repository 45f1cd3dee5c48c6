"""A Griffe extension (mkdocs.yml, mkdocstrings ``extensions:``): doctest examples render as code.

symdl's docstrings show examples the way the REPL does (``>>> symdl.derivations()``).  Markdown
reads a line starting with ``>`` as a block quote, so the API page showed them as nested quotes
run together into one line.  This wraps each doctest block -- from a ``>>>`` line to the next
blank line, output lines included -- in a ```` ```pycon ```` fence before the docstring is parsed.
"""

from __future__ import annotations

from typing import Any

from griffe import Extension


def fence_doctests(text: str) -> str:
    """``text`` with every doctest block outside a code fence wrapped in a pycon fence."""
    lines = text.splitlines()
    out: list[str] = []
    in_fence = False
    k = 0
    while k < len(lines):
        line = lines[k]
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            in_fence = not in_fence
        elif not in_fence and stripped.startswith(">>>"):
            margin = line[: len(line) - len(stripped)]
            block = []
            while k < len(lines) and lines[k].strip() and lines[k].startswith(margin):
                block.append(lines[k])
                k += 1
            out += [f"{margin}```pycon", *block, f"{margin}```"]
            continue
        out.append(line)
        k += 1
    return "\n".join(out)


class DoctestFences(Extension):
    def on_object(self, *, obj: Any, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = fence_doctests(obj.docstring.value)
