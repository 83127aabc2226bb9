#!/usr/bin/env bash
# After a failed build: print the execution reports myst-nb wrote for failing notebooks.
shopt -s nullglob
for report in _build/html/reports/*.err.log _build/html/reports/*/*.err.log; do
  echo "===== $report"; cat "$report"
done
