#!/usr/bin/env bash
# Copy the pinned front-end assets from node_modules into _static/vendor, where
# _config.yml (nb_ipywidgets_js) points myst-nb. embed-amd.js loads its fonts
# from the folder it was loaded from, so they go next to it.
#
# embed.js is the html-manager's self-contained bundle (base, controls, output; no
# require.js): 458 KB gzip against 918 KB for embed-amd.js plus 21 KB for require.js.
# It renders every core ipywidget, which is all the book uses (issue #7, page weight).
#
# Every script is also stored gzip-compressed next to itself (name.js.gz, -n: no name or
# time inside, so the bytes are reproducible) for web servers that serve precompressed
# files (nginx gzip_static, Apache MultiViews); level 9 once instead of level 6 per request.
set -euo pipefail
cd "$(dirname "$0")/.."
manager=node_modules/@jupyter-widgets/html-manager/dist
out=_static/vendor
rm -rf "$out" && mkdir -p "$out"
cp "$manager"/embed.js "$manager"/embed.js.LICENSE.txt "$out"/
cp "$manager"/embed-amd.js "$out"/
cp "$manager"/*.woff "$manager"/*.woff2 "$manager"/*.ttf "$manager"/*.eot "$manager"/*.svg "$out"/
cp node_modules/requirejs/require.js "$out"/require.min.js
cp node_modules/@jupyter-widgets/html-manager/LICENSE "$out"/LICENSE.html-manager 2>/dev/null || true
for script in "$out"/*.js; do
  gzip -9 -n -k -f "$script"
done
