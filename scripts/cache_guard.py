"""Clear the execution cache when shared code or data change.

jupyter-cache keys a notebook on its own code cells only, so a change in
`onzichtbaar/` or `data/` would otherwise leave stale outputs in the book
(MyST-NB#299, #621). We hash those folders and start afresh when the hash moves.
"""

import hashlib
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WATCHED = ["onzichtbaar", "data", "_config.yml"]
BUILD = ROOT / "_build"
STAMP = BUILD / ".inputs.sha256"


def inputs_digest() -> str:
    digest = hashlib.sha256()
    for name in WATCHED:
        path = ROOT / name
        files = (
            [path]
            if path.is_file()
            else sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        )
        for file in files:
            digest.update(str(file.relative_to(ROOT)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def main() -> None:
    current = inputs_digest()
    if STAMP.exists() and STAMP.read_text() == current:
        return
    for stale in (BUILD / ".jupyter_cache", BUILD / ".doctrees"):
        shutil.rmtree(stale, ignore_errors=True)
    BUILD.mkdir(exist_ok=True)
    STAMP.write_text(current)
    print("cache_guard: shared code or data changed; notebooks will execute afresh")


if __name__ == "__main__":
    main()
