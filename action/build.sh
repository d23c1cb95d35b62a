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

output="${DATELINE_OUTPUT:-}"
if [ -z "$output" ]; then
  # `output_dir` as dateline.toml sets it (a plain string), else public/.
  dir="$(sed -n 's/^output_dir *= *["'\'']\([^"'\'']*\)["'\''].*/\1/p' "$root/dateline.toml" 2>/dev/null | head -n 1)"
  dir="${dir:-public}"
  case "$dir" in
    /*) output="$dir" ;;
    *) if [ "$root" = "." ]; then output="$dir"; else output="$root/$dir"; fi ;;
  esac
fi

build=(build --root "$root" --output "$output")
if [ -n "${DATELINE_BASE_URL:-}" ]; then
  build+=(--base-url "${DATELINE_BASE_URL%/}/")
fi

"$dateline" check --root "$root"
"$dateline" "${build[@]}"

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "output=$output" >>"$GITHUB_OUTPUT"
fi
