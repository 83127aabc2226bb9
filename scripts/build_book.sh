#!/usr/bin/env bash
# The build entry point: both editions of the book, built strictly: -n nitpicky, -W warnings are errors,
# --keep-going shows all problems at once.
#   _build/html         student edition (solutions hidden)
#   _build/html-docent  teacher edition (solutions and teaching notes, `oz_edition: docent`)
# Both share the execution cache, so every notebook executes at most once: the teacher
# build only adds Markdown, which the cache does not hash.
# On failure, print the execution reports of failing notebooks, not only their path.
# Extra arguments go to both builds (e.g. `scripts/build_book.sh --toc /tmp/toc.yml`).
set -euo pipefail
cd "$(dirname "$0")/.."
DOCENT=_build/docent            # sources of the teacher build: its config, doctrees, output
PY=.venv/bin/python

# The one build entry point (`make book` calls it after installing): first clear the
# execution cache if onzichtbaar/, data/ or _config.yml changed (scripts/cache_guard.py).
$PY scripts/cache_guard.py

# Figures are written when a notebook executes. If one is missing while the cache holds
# the notebook's outputs, the figure would never come back: execute afresh.
missing="$($PY _ext/downloads.py)"
if [ -n "$missing" ]; then
  echo "build_book: figure files missing, clearing the execution cache:"; echo "$missing"
  rm -rf _build/.jupyter_cache _build/.doctrees "$DOCENT/_build/.doctrees"
fi
# scripts/cache_guard.py clears the student doctrees when code or data change; the teacher
# doctrees must follow, or the teacher edition would keep stale outputs.
mkdir -p "$DOCENT"
if ! cmp -s _build/.inputs.sha256 "$DOCENT/.inputs.sha256" || [ ! -d _build/.doctrees ]; then
  rm -rf "$DOCENT/_build/.doctrees"
  [ -f _build/.inputs.sha256 ] && cp _build/.inputs.sha256 "$DOCENT/.inputs.sha256"
fi

reports() {
  shopt -s nullglob
  for report in "$1"/reports/*.err.log "$1"/reports/*/*.err.log; do
    echo "===== $report"; cat "$report"
  done
}

# Sphinx copies _static and applies _templates only when some page is rewritten: a CSS-,
# JS- or template-only change would never reach the book. Rebuild every page then (--all);
# the execution cache still keeps notebooks from running again.
write_all=()
if [ -f _build/html/.buildinfo ] && [ -n "$(find _static _templates _ext -newer _build/html/.buildinfo -type f -print -quit)" ]; then
  write_all=(--all)
fi

echo "== Student edition -> _build/html"
.venv/bin/jupyter-book build . -n -W --keep-going "${write_all[@]}" "$@" || { reports _build/html; exit 1; }

# The student's source zip has no teacher notes (chapters/_docent/): it builds the student edition only.
if [ ! -d chapters/_docent ]; then
  echo "== No chapters/_docent/ (the student source): the teacher edition is not built"
  exit 0
fi

echo "== Teacher edition -> _build/html-docent"
# The same configuration with oz_edition: docent, the shared cache and absolute paths.
$PY -m bookbuild.config "$DOCENT/_config.yml" --edition docent >/dev/null
.venv/bin/jupyter-book build . --config "$DOCENT/_config.yml" --path-output "$DOCENT" -n -W --keep-going "${write_all[@]}" "$@" \
  || { reports "$DOCENT/_build/html"; exit 1; }
rm -rf _build/html-docent
cp -a "$DOCENT/_build/html" _build/html-docent
