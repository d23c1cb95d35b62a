#!/usr/bin/env bash
# Checks the site and builds it, for the GitHub Action (action.yml) or on any machine
# with bash: `dateline check` (content errors fail here, before anything is written),
# then `dateline build` for the address the site is published at.
#
# Environment (every variable optional):
#   DATELINE_BASE_URL  the address of the site (https://user.github.io/repo); a
#                      trailing slash is added; empty: `base_url` from dateline.toml
#   DATELINE_ROOT      the site folder; default: .
#   DATELINE_OUTPUT    where to write the site; default: `output_dir` from
#                      dateline.toml, or public/ in the site folder
#   DATELINE           the dateline command; default: dateline
#   GITHUB_OUTPUT      set by GitHub: `output` (the folder written) is appended
set -euo pipefail

dateline="${DATELINE:-dateline}"
root="${DATELINE_ROOT:-.}"
[ -n "$root" ] || root="."

build=(build --root "$root")
if [ -n "${DATELINE_BASE_URL:-}" ]; then
  build+=(--base-url "${DATELINE_BASE_URL%/}/")
fi
output="${DATELINE_OUTPUT:-}"
if [ -n "$output" ]; then
  build+=(--output "$output")
else
  # The folder dateline.toml's `output_dir` names (a top-level string), else
  # public/, relative to the site folder: what `build` writes to without
  # --output. Checked after the build.
  dir="$(sed -n 's/^[[:space:]]*output_dir[[:space:]]*=[[:space:]]*["'\'']\([^"'\'']*\)["'\''].*/\1/p' \
    "$root/dateline.toml" 2>/dev/null | head -n 1)"
  dir="${dir:-public}"
  case "$dir" in
    /*) output="$dir" ;;
    *) if [ "$root" = "." ]; then output="$dir"; else output="$root/$dir"; fi ;;
  esac
fi

"$dateline" check --root "$root"
"$dateline" "${build[@]}"

if [ ! -f "$output/index.html" ]; then
  echo "error: cannot find the site dateline built in $output" >&2
  echo "  = help: give the folder as the action's \`output\` input (DATELINE_OUTPUT)" >&2
  exit 1
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "output=$output" >>"$GITHUB_OUTPUT"
fi
