#!/usr/bin/env bash
# Installs dateline for the GitHub Action (action.yml), or on any machine with bash:
# the release archive `dist` made for this platform when one exists, its SHA-256
# checked against the release's own `.sha256` file; otherwise dateline built from
# the source this script sits in, with `cargo install --locked`. A development
# version (`0.2.0-dev`, what Cargo.toml says between releases) has no release: it is
# always built from source, so the code that runs is the code the workflow pins.
#
# Environment (every variable optional):
#   DATELINE_VERSION       release to install (0.1.0 or v0.1.0); default: the
#                          version in this source's Cargo.toml. A release that
#                          does not exist is an error, not a build of other code.
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

source_version="$(package_field version)"
version="${DATELINE_VERSION:-$source_version}"
version="${version#v}"
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$ ]]; then
  fail "\`$version\` is not a dateline version" "give one like 0.1.0, or leave \`version\` empty"
fi

if [ -z "${DATELINE_RELEASES_URL:-}" ]; then
  repository="$(package_field repository)"
  DATELINE_RELEASES_URL="${repository%/}/releases/download"
fi

os="${RUNNER_OS:-$(uname -s)}"
arch="${RUNNER_ARCH:-$(uname -m)}"
# The Rust target of this machine, as the release archives are named.
if [ -z "${DATELINE_TARGET:-}" ]; then
  case "$os/$arch" in
    Linux/X64 | Linux/x86_64) DATELINE_TARGET=x86_64-unknown-linux-gnu ;;
    Linux/ARM64 | Linux/aarch64) DATELINE_TARGET=aarch64-unknown-linux-gnu ;;
    macOS/X64 | Darwin/x86_64) DATELINE_TARGET=x86_64-apple-darwin ;;
    macOS/ARM64 | Darwin/arm64) DATELINE_TARGET=aarch64-apple-darwin ;;
    Windows/X64 | MINGW*/x86_64 | MSYS*/x86_64) DATELINE_TARGET=x86_64-pc-windows-msvc ;;
    *) DATELINE_TARGET="" ;;
  esac
fi
exe=""
case "$DATELINE_TARGET/$os" in *windows*/* | */Windows | */MINGW* | */MSYS*) exe=".exe" ;; esac

install_dir="${DATELINE_INSTALL_DIR:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/dateline/bin}"
mkdir -p "$install_dir"
install_dir="$(cd "$install_dir" && pwd)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d ' ' -f 1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d ' ' -f 1
  else
    fail "cannot check the download: neither sha256sum nor shasum is installed"
  fi
}

# Fetches the release archive into $work; returns 1 when the release has no archive
# for this platform (or it cannot be fetched).
fetch_release() {
  [ -n "$DATELINE_TARGET" ] || return 1
  name="dateline-$DATELINE_TARGET$suffix"
  url="$DATELINE_RELEASES_URL/v$version/$name"
  echo "Downloading $url"
  curl --fail --location --silent --show-error --retry 3 \
    --output "$work/$name" "$url" &&
    curl --fail --location --silent --show-error --retry 3 \
      --output "$work/$name.sha256" "$url.sha256"
}

# Checks the fetched archive against its checksum and installs the binary in it;
# any failure stops the script.
install_release() {
  local expected actual binary
  expected="$(cut -d ' ' -f 1 <"$work/$name.sha256" | tr -d '\r\n')"
  actual="$(sha256_of "$work/$name")"
  [ -n "$actual" ] || fail "cannot compute the SHA-256 of $name"
  if [ "$expected" != "$actual" ]; then
    fail "$name does not match its checksum (expected $expected, got $actual)" \
      "the download was altered or cut short; nothing was installed"
  fi
  mkdir -p "$work/unpacked"
  case "$suffix" in
    .zip)
      # Git Bash may lack unzip; Windows' own tar reads zip archives.
      if command -v unzip >/dev/null 2>&1; then
        unzip -q "$work/$name" -d "$work/unpacked" || fail "cannot unpack $name"
      else
        tar -xf "$work/$name" -C "$work/unpacked" || fail "cannot unpack $name"
      fi
      ;;
    *) tar -xJf "$work/$name" -C "$work/unpacked" || fail "cannot unpack $name" ;;
  esac
  binary="$(find "$work/unpacked" -type f -name "dateline$exe" | head -n 1)"
  [ -n "$binary" ] || fail "$name holds no dateline$exe"
  cp "$binary" "$install_dir/dateline$exe" && chmod 755 "$install_dir/dateline$exe" ||
    fail "cannot write $install_dir/dateline$exe"
}

install_source() {
  local cargo="${CARGO:-cargo}"
  command -v "$cargo" >/dev/null 2>&1 ||
    fail "cargo is not installed to build dateline $source_version from source" \
      "install Rust (https://rustup.rs)"
  echo "Building dateline $source_version from source (a few minutes)"
  "$cargo" install --locked --root "$work/cargo" --path "$source_dir" ||
    fail "cannot build dateline from $source_dir"
  cp "$work/cargo/bin/dateline$exe" "$install_dir/dateline$exe"
}

suffix=".tar.xz"
case "$DATELINE_TARGET" in *windows*) suffix=".zip" ;; esac
if [[ "$version" == *-dev* ]]; then
  # A development version: no release holds it.
  [ "$version" = "$source_version" ] ||
    fail "dateline $version is a development version, which has no release" \
      "give a released version, or leave \`version\` empty"
  install_source
elif fetch_release; then
  install_release
elif [ "$version" = "$source_version" ]; then
  echo "note: no dateline $version release for ${DATELINE_TARGET:-$os/$arch}; building it from source"
  install_source
else
  fail "no dateline $version release for ${DATELINE_TARGET:-$os/$arch} at $DATELINE_RELEASES_URL/v$version/" \
    "check the version, or leave \`version\` empty to use the action's own"
fi

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
