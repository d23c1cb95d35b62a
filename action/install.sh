#!/usr/bin/env bash
# Installs dateline for the GitHub Action (action.yml), or on any machine with bash:
# the release archive `dist` made for this platform when one exists, its SHA-256
# checked against the release's own `.sha256` file; otherwise dateline built from
# the source this script sits in, with `cargo install --locked`.
#
# Environment (every variable optional):
#   DATELINE_VERSION       release to install (0.1.0 or v0.1.0); default: the
#                          version in this source's Cargo.toml
#   DATELINE_RELEASES_URL  where releases are downloaded from; default: the
#                          `repository` in Cargo.toml + /releases/download
#   DATELINE_TARGET        the platform's Rust target; default: from the runner
#                          (RUNNER_OS, RUNNER_ARCH) or `uname`
#   DATELINE_INSTALL_DIR   where `dateline` is put; default: $RUNNER_TEMP/dateline/bin
#   CARGO                  the cargo command used to build from source
#   GITHUB_PATH, GITHUB_OUTPUT  set by GitHub: the install folder and `version`
#                          are appended to them
set -euo pipefail

source_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
manifest="$source_dir/Cargo.toml"

fail() {
  echo "error: $1" >&2
  shift
  for help in "$@"; do echo "  = help: $help" >&2; done
  exit 1
}

# The first `key = "value"` of Cargo.toml's [package] table.
package_field() {
  sed -n '/^\[package\]/,/^\[/ s/^'"$1"' *= *"\([^"]*\)".*/\1/p' "$manifest" | head -n 1
}

version="${DATELINE_VERSION:-$(package_field version)}"
version="${version#v}"
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$ ]]; then
  fail "\`$version\` is not a dateline version" "give one like 0.1.0, or leave \`version\` empty"
fi

if [ -z "${DATELINE_RELEASES_URL:-}" ]; then
  repository="$(package_field repository)"
  DATELINE_RELEASES_URL="${repository%/}/releases/download"
fi

# The Rust target of this machine, as the release archives are named.
if [ -z "${DATELINE_TARGET:-}" ]; then
  os="${RUNNER_OS:-$(uname -s)}"
  arch="${RUNNER_ARCH:-$(uname -m)}"
  case "$os/$arch" in
    Linux/X64 | Linux/x86_64) DATELINE_TARGET=x86_64-unknown-linux-gnu ;;
    Linux/ARM64 | Linux/aarch64) DATELINE_TARGET=aarch64-unknown-linux-gnu ;;
    macOS/X64 | Darwin/x86_64) DATELINE_TARGET=x86_64-apple-darwin ;;
    macOS/ARM64 | Darwin/arm64) DATELINE_TARGET=aarch64-apple-darwin ;;
    Windows/X64 | MINGW*/x86_64 | MSYS*/x86_64) DATELINE_TARGET=x86_64-pc-windows-msvc ;;
    *) DATELINE_TARGET="" ;;
  esac
fi

install_dir="${DATELINE_INSTALL_DIR:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/dateline/bin}"
mkdir -p "$install_dir"
install_dir="$(cd "$install_dir" && pwd)"
exe=""
case "$DATELINE_TARGET" in *windows*) exe=".exe" ;; esac

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d ' ' -f 1
  else
    shasum -a 256 "$1" | cut -d ' ' -f 1
  fi
}

# Downloads and unpacks the release archive; returns 1 when the release has no
# archive for this platform (or none can be fetched), and stops the script when one
# is fetched but does not match its checksum.
from_release() {
  [ -n "$DATELINE_TARGET" ] || return 1
  local suffix=".tar.xz"
  case "$DATELINE_TARGET" in *windows*) suffix=".zip" ;; esac
  local name="dateline-$DATELINE_TARGET$suffix"
  local url="$DATELINE_RELEASES_URL/v$version/$name"
  echo "Downloading $url"
  if ! curl --fail --location --silent --show-error --retry 3 \
    --output "$work/$name" "$url" ||
    ! curl --fail --location --silent --show-error --retry 3 \
      --output "$work/$name.sha256" "$url.sha256"; then
    echo "note: no dateline $version release for $DATELINE_TARGET at $url"
    return 1
  fi
  local expected actual
  expected="$(cut -d ' ' -f 1 <"$work/$name.sha256" | tr -d '\r\n')"
  actual="$(sha256_of "$work/$name")"
  if [ "$expected" != "$actual" ]; then
    fail "$name does not match its checksum (expected $expected, got $actual)" \
      "the download was altered or cut short; nothing was installed"
  fi
  mkdir -p "$work/unpacked"
  case "$suffix" in
    .zip) unzip -q "$work/$name" -d "$work/unpacked" ;;
    *) tar -xJf "$work/$name" -C "$work/unpacked" ;;
  esac
  local binary
  binary="$(find "$work/unpacked" -type f -name "dateline$exe" | head -n 1)"
  [ -n "$binary" ] || fail "$name holds no dateline$exe"
  install -m 755 "$binary" "$install_dir/dateline$exe" 2>/dev/null ||
    { cp "$binary" "$install_dir/dateline$exe" && chmod 755 "$install_dir/dateline$exe"; }
}

from_source() {
  local cargo="${CARGO:-cargo}"
  command -v "$cargo" >/dev/null 2>&1 ||
    fail "no release to download, and cargo is not installed to build from source" \
      "install Rust (https://rustup.rs), or give a released \`version\`"
  echo "Building dateline $version from source (a few minutes)"
  "$cargo" install --locked --root "$work/cargo" --path "$source_dir"
  install -m 755 "$work/cargo/bin/dateline$exe" "$install_dir/dateline$exe"
}

from_release || from_source

installed="$("$install_dir/dateline$exe" --version)"
echo "Installed $installed in $install_dir"
if [ -n "${GITHUB_PATH:-}" ]; then
  # Windows runners read the file as Windows paths; Git Bash's `cygpath` converts.
  if command -v cygpath >/dev/null 2>&1; then
    cygpath -w "$install_dir" >>"$GITHUB_PATH"
  else
    echo "$install_dir" >>"$GITHUB_PATH"
  fi
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "version=${installed#dateline }" >>"$GITHUB_OUTPUT"
fi
