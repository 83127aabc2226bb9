#!/usr/bin/env bash
# Build one chapter on its own with the book's strict settings, into /tmp.
# Usage: scripts/check_page.sh chapters/<name>.md
# Warnings about links to chapters that are not part of this one-page build are
# listed but do not fail; every other warning and every cell error does.
set -euo pipefail
cd "$(dirname "$0")/.."
page="${1:?usage: scripts/check_page.sh chapters/<name>.md}"
name="$(basename "${page%.md}")"
work="/tmp/oz-page-$name"
rm -rf "$work" && mkdir -p "$work"  # fresh each time: the cache cannot see changes in onzichtbaar/ or data/
[ -f _static/vendor/.stamp ] || make vendor >/dev/null
# hulp-en-melden is always in: every chapter links to it through chapters/_parts/hulp-en-melden-box.md.
cat > "$work/_toc.yml" <<TOC
format: jb-book
root: ${page%.md}
chapters:
  - file: chapters/hulp-en-melden
TOC
[ "${page%.md}" = chapters/hulp-en-melden ] && sed -i '/chapters:/,$d' "$work/_toc.yml"
.venv/bin/python -m bookbuild.config "$work/_config.yml" --cache "$work/.jupyter_cache" >/dev/null
set +e
.venv/bin/jupyter-book build . --toc "$work/_toc.yml" --config "$work/_config.yml" \
  --path-output "$work" -n --keep-going > "$work/build.log" 2>&1
status=$?
set -e
grep -E "WARNING|ERROR|Traceback|Error" "$work/build.log" | sed 's/\x1b\[[0-9;]*m//g' > "$work/problems.log" || true
grep -vE "IPKernelApp|unknown document|undefined label|term not in glossary|failed to create a cross reference" "$work/problems.log" > "$work/real.log" || true
cat "$work/problems.log"
if [ -s "$work/real.log" ] || [ $status -ne 0 -a ! -s "$work/problems.log" ]; then
  echo "FAILED: see $work/build.log and $work/_build/html/reports/"; exit 1
fi
echo "OK: $work/_build/html/${page%.md}.html"
