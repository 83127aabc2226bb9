#!/usr/bin/env bash
# `make test-fresh-clone`: can a fresh clone build the book with nothing beside it?
# Copies the tracked files (git ls-files, as a clone would have them, with uncommitted
# edits) into a new temporary folder, whose parent holds no `shared/`, and runs `make book`
# there: new .venv, npm install, every notebook executed, both editions.
# KEEP=1 keeps the folder for inspection.
set -euo pipefail
cd "$(dirname "$0")/.."
parent="$(mktemp -d "${TMPDIR:-/tmp}/oz-fresh-clone-XXXXXX")"
clone="$parent/onzichtbaar"
[ -z "${KEEP:-}" ] && trap 'rm -rf "$parent"' EXIT
mkdir "$clone"
git ls-files -z | xargs -0 cp --parents -t "$clone"
if [ -e "$parent/shared" ]; then echo "test-fresh-clone: $parent/shared exists"; exit 1; fi
echo "test-fresh-clone: make book in $clone ($(git ls-files | wc -l) tracked files)"
start=$(date +%s)
make -C "$clone" book
echo "test-fresh-clone: OK, fresh clone built in $(( $(date +%s) - start )) s"
