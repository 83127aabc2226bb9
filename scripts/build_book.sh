#!/usr/bin/env bash
# Build the book strictly: -n nitpicky, -W warnings are errors, --keep-going shows all.
# On failure, print the execution reports of failing notebooks, not only their path.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/jupyter-book build . -n -W --keep-going || { scripts/show_reports.sh; exit 1; }
