#!/usr/bin/env bash
# Copy the pinned front-end assets from node_modules into _static/vendor, where
# _config.yml (nb_ipywidgets_js) points myst-nb. embed-amd.js loads its fonts
# from the folder it was loaded from, so they go next to it.
set -euo pipefail
cd "$(dirname "$0")/.."
manager=node_modules/@jupyter-widgets/html-manager/dist
out=_static/vendor
rm -rf "$out" && mkdir -p "$out"
cp "$manager"/embed-amd.js "$out"/
cp "$manager"/*.woff "$manager"/*.woff2 "$manager"/*.ttf "$manager"/*.eot "$manager"/*.svg "$out"/
cp node_modules/requirejs/require.js "$out"/require.min.js
cp node_modules/@jupyter-widgets/html-manager/LICENSE "$out"/LICENSE.html-manager 2>/dev/null || true
