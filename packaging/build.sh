#!/usr/bin/env bash
# Build the one-folder bundle dist/crm-desktop/ from a clean state, then smoke-test it.
#
#   packaging/build.sh           clean build + smoke test (what `make package` runs)
#   packaging/build.sh --smoke   smoke test only, on the existing build (`make package-smoke`)
#
# The smoke test runs the built binary offscreen on a fresh, empty data directory, so the
# Alembic migrations run from the bundle: `demo --contacts 300 --interactions 3000`, then
# `gui --screenshot ... --quit-after-paint` must exit 0 and leave a non-empty PNG.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
PY="$ROOT/.venv/bin/python"
SPEC="packaging/pyinstaller/crm-desktop.spec"
DIST="$ROOT/dist"
WORK="$ROOT/build/pyinstaller"
BUNDLE="$DIST/crm-desktop"
BIN="$BUNDLE/crm-desktop"

say() { printf '[package] %s\n' "$*"; }
die() { printf '[package] ERROR: %s\n' "$*" >&2; exit 1; }
now() { date +%s%N; }
# seconds between two `now` stamps, one decimal
elapsed() { local ms=$((($2 - $1) / 1000000)); printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100)); }

build() {
    [[ -x "$PY" ]] || die "no .venv/: run 'make bootstrap' first"
    if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
        # The requirement lives in pyproject.toml, optional extra "package".
        local req
        req="$("$PY" -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))\
['project']['optional-dependencies']['package'][0])")"
        say "installing $req into .venv/"
        "$PY" -m pip install --quiet "$req"
    fi
    say "PyInstaller $("$PY" -m PyInstaller --version), $("$PY" --version)"
    say "cleaning $WORK and $BUNDLE"
    rm -rf "$WORK" "$BUNDLE"
    local start end
    start=$(now)
    "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
        --distpath "$DIST" --workpath "$WORK" "$SPEC"
    end=$(now)
    [[ -x "$BIN" ]] || die "the build left no $BIN"
    say "build time: $(elapsed "$start" "$end") s"
    say "bundle size: $(du -sh "$BUNDLE" | cut -f1) ($BUNDLE)"
    say "built against glibc $(ldd --version | head -n1 | awk '{print $NF}'):" \
        "it runs on systems with this glibc or newer"
}

tmp=""
smoke() {
    [[ -x "$BIN" ]] || die "no build at $BIN: run 'make package' first"
    local data shot start end
    tmp="$(mktemp -d "${TMPDIR:-/tmp}/crm-desktop-smoke.XXXXXX")"
    trap 'if [[ -n "$tmp" ]]; then rm -rf "$tmp"; fi' EXIT
    data="$tmp/data"       # does not exist yet: the first start creates it and migrates
    shot="$tmp/smoke.png"
    export QT_QPA_PLATFORM=offscreen
    say "smoke test: fresh data dir $data"
    start=$(now)
    "$BIN" --version
    "$BIN" --data-dir "$data" demo --contacts 300 --interactions 3000 \
        || die "'demo' failed (exit $?)"
    end=$(now)
    say "demo fill: $(elapsed "$start" "$end") s"
    start=$(now)
    "$BIN" --data-dir "$data" gui --screenshot "$shot" --quit-after-paint \
        || die "'gui --screenshot --quit-after-paint' failed (exit $?)"
    end=$(now)
    [[ -s "$shot" ]] || die "no screenshot at $shot"
    say "gui: exit 0 in $(elapsed "$start" "$end") s," \
        "screenshot $(stat -c %s "$shot") bytes, $(file -b "$shot" 2>/dev/null || echo PNG)"
    if [[ -n "${SMOKE_SCREENSHOT:-}" ]]; then
        cp "$shot" "$SMOKE_SCREENSHOT"
        say "screenshot kept at $SMOKE_SCREENSHOT"
    fi
    say "smoke test passed"
}

case "${1:-}" in
    "") build; smoke ;;
    --smoke) smoke ;;
    *) die "usage: $0 [--smoke]" ;;
esac
