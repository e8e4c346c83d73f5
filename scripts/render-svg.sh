#!/usr/bin/env bash
# Renders an SVG file to PNG with headless Chromium, at the SVG's own size, so a person can look
# at the value stream map as a browser shows it.
#
#   scripts/render-svg.sh map.svg [map.png]
#
# Needs Chromium (`apt-get install -y chromium`). Produce an SVG with, for example:
#   cargo run --example vsm_report -- --svg > map.svg
set -euo pipefail

svg=${1:?usage: scripts/render-svg.sh input.svg [output.png]}
png=${2:-${svg%.svg}.png}
[ -f "$svg" ] || { echo "no such file: $svg" >&2; exit 1; }

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "Chromium not found: apt-get install -y chromium" >&2; exit 1; }

# Window size = the SVG's width and height attributes (rounded up), with a fallback.
read -r width height < <(
  head -c 4096 "$svg" | tr '\n' ' ' |
    sed -n 's/.*<svg[^>]* width="\([0-9.]*\)"[^>]* height="\([0-9.]*\)".*/\1 \2/p' |
    awk '{ printf "%d %d\n", $1 + 0.999, $2 + 0.999 }'
)
width=${width:-1600}
height=${height:-900}

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
abs=$(cd "$(dirname "$svg")" && pwd)/$(basename "$svg")
case $png in /*) out=$png ;; *) out=$PWD/$png ;; esac

"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --user-data-dir="$profile" \
  --screenshot="$out" --window-size="$width,$height" "file://$abs" >/dev/null 2>&1

echo "$out (${width}x${height})"
