"""Wrapping text for a terminal by display columns: a Hangul syllable takes two columns.

``textwrap`` counts characters, so Korean lines came out up to 1.6 times too wide.  Width here
is what a terminal shows: East Asian wide and full-width characters count 2, combining marks 0.
"""

from __future__ import annotations

import unicodedata

__all__ = ["display_width", "fill"]


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return total


def _split_long(word: str, room: int) -> tuple[str, str]:
    """The longest head of ``word`` that fits in ``room`` columns, and the rest."""
    used = 0
    for k, ch in enumerate(word):
        used += display_width(ch)
        if used > room:
            return word[:k], word[k:]
    return word, ""


def fill(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> str:
    """``text`` wrapped at spaces so no line is wider than ``width`` columns."""
    lines: list[str] = []
    line = initial_indent
    fresh = True  # nothing but the indent on the current line yet
    for word in text.split():
        candidate = line + ("" if fresh else " ") + word
        if display_width(candidate) <= width:
            line, fresh = candidate, False
            continue
        if not fresh:
            lines.append(line)
            line, fresh = subsequent_indent, True
        while display_width(line + word) > width:  # a word wider than the line: break it
            head, word = _split_long(word, max(1, width - display_width(line)))
            lines.append(line + head)
            line = subsequent_indent
        line, fresh = line + word, False
    lines.append(line)
    return "\n".join(lines)
