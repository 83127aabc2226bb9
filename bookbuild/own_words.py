"""The own-words rule: no run of six words shared with the longread outside «…».

The longread is someone else's text, so the repository holds no copy of it. ``make
sync-research`` stores only the SHA-256 digest of every normalised six-word run
(``tests/fixtures/longread/shingles.sha256``) and the seed's short paragraphs (its
titles, ``tests/fixtures/longread/headings.txt``); ``tests/test_longread_chapters.py``
checks the chapters against those.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

RUN_LENGTH = 6
QUOTE = re.compile(r"«[^»]*»")
#: Proper names and titles, which may be shared with the longread: they are left out like quotes.
PROPER_NAMES = ("Wetboek van Strafrecht", "Vereniging van Nederlandse Gemeenten")
NAME = re.compile("|".join(re.escape(name) for name in PROPER_NAMES), re.IGNORECASE)
#: A seed paragraph of at most this many words is a title or caption, not running text.
HEADING_MAX_WORDS = 12


def words(text: str) -> list[str]:
    """Lower-case words, punctuation removed (a hyphen or dot splits or joins like a space would).

    >>> words("Een jas van 1.100 euro — écht!")
    ['een', 'jas', 'van', '1100', 'euro', 'écht']
    """
    text = text.lower().replace("’", "'")
    text = re.sub(r"(?<=\d)[.,](?=\d)", "", text)  # 1.100 and 1100 are the same number
    return re.findall(r"[^\W_]+", text)


def unquoted(text: str) -> str:
    """``text`` without its marked quotations («…») and proper names, which may repeat the source.

    >>> unquoted("Zij zei «kom maar» over artikel 273f van het Wetboek van Strafrecht.")
    'Zij zei | over artikel 273f van het |.'
    """
    return NAME.sub("|", QUOTE.sub("|", text))


def runs(text: str, length: int = RUN_LENGTH) -> list[str]:
    """Every run of ``length`` consecutive words, as one space-separated string."""
    tokens = words(text)
    return [" ".join(tokens[i : i + length]) for i in range(len(tokens) - length + 1)]


def digest(run: str) -> str:
    """The SHA-256 (hex) of one normalised run.

    >>> digest("a b c d e f")[:12]
    '2278f6cde637'
    """
    return hashlib.sha256(run.encode("utf-8")).hexdigest()


def shingle_digests(text: str, length: int = RUN_LENGTH) -> set[str]:
    """The digests of every run of ``length`` words in ``text``."""
    return {digest(run) for run in runs(text, length)}


def shared_runs(chapter_text: str, source_digests: Iterable[str], length: int = RUN_LENGTH) -> list[str]:
    """Runs of the chapter (outside «…») whose digest is among ``source_digests``."""
    known = set(source_digests)
    return sorted({run for run in runs(unquoted(chapter_text), length) if digest(run) in known})


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a plain text, each with its internal line breaks turned into spaces."""
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]


def headings(text: str) -> list[str]:
    """The short paragraphs (titles, captions) of a plain text, in order."""
    return [p for p in paragraphs(text) if len(p.split()) <= HEADING_MAX_WORDS]
