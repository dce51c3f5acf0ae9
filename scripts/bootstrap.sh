#!/usr/bin/env bash
# Set up everything `make run` / `make test` need, on a fresh Debian/Ubuntu machine:
#   1. the Debian libraries Qt needs (and Xvfb for real-window screenshots, sqlite3 for benchmarks),
#   2. a virtual environment in .venv/ with the project installed editable, with its dev extras.
# Idempotent: a second run with nothing to do takes well under a second (dpkg-query + a stamp file).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON="${PYTHON:-python3}"
VENV=".venv"

say() { printf '[bootstrap] %s\n' "$*"; }
warn() { printf '[bootstrap] WARNING: %s\n' "$*" >&2; }

# Qt's runtime libraries, offscreen included (see the field notes), then what a real X window
# under Xvfb needs, then the sqlite3 CLI the benchmarks compare with.
DEB_PACKAGES=(
    libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3
    fonts-dejavu-core
    xvfb xauth libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
    libxcb-image0 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1
    sqlite3
)

is_debian() {
    [[ -f /etc/debian_version ]] && command -v dpkg-query >/dev/null 2>&1
}

deb_installed() {
    local status
    status="$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)"
    [[ "$status" == "install ok installed" ]]
}

# Ubuntu 24.04 renamed several libraries with a t64 suffix (libglib2.0-0 -> libglib2.0-0t64);
# accept either name, or every run would think something is missing and call apt-get.
deb_present() {
    deb_installed "$1" || deb_installed "${1}t64"
}

# Run apt-get as root, through sudo when needed. Returns non-zero when that is not possible.
APT_PREFIX=()
apt_possible() {
    command -v apt-get >/dev/null 2>&1 || return 1
    if [[ "$(id -u)" -eq 0 ]]; then
        APT_PREFIX=()
    elif command -v sudo >/dev/null 2>&1; then
        if [[ -t 0 ]]; then APT_PREFIX=(sudo); else APT_PREFIX=(sudo -n); fi
    else
        return 1
    fi
}

apt_install() {
    # apt_install PKG...: apt-get update, then install. Non-zero if it could not be done.
    apt_possible || return 1
    say "apt-get update"
    "${APT_PREFIX[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq || return 1
    say "apt-get install $*"
    "${APT_PREFIX[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "$@" || return 1
}

step_debian() {
    if ! is_debian; then
        say "not a Debian/Ubuntu system: skipping system libraries; install Qt 6's runtime" \
            "libraries (EGL, GL, xkbcommon, fontconfig, freetype, glib, dbus, DejaVu fonts) yourself"
        return 0
    fi
    local missing=() pkg
    for pkg in "${DEB_PACKAGES[@]}"; do
        deb_present "$pkg" || missing+=("$pkg")
    done
    if [[ ${#missing[@]} -eq 0 ]]; then
        say "system libraries: all ${#DEB_PACKAGES[@]} present"
        return 0
    fi
    say "system libraries missing: ${missing[*]}"
    if ! apt_install "${missing[@]}"; then
        warn "could not install them (no root or sudo, or apt-get failed). Please run:"
        warn "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}"
        warn "continuing; Qt may fail to start until they are installed"
    fi
}

venv_ok() {
    [[ -x "$VENV/bin/python" ]] && "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1 \
        && [[ -x "$VENV/bin/pip" ]]
}

create_venv() {
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
}

step_venv() {
    if venv_ok; then
        return 0
    fi
    if [[ -e "$VENV" ]]; then
        say "$VENV is broken (its Python no longer runs): recreating it"
    fi
    command -v "$PYTHON" >/dev/null 2>&1 || {
        warn "$PYTHON not found: install Python 3.11 or newer (Debian: apt-get install python3)"
        exit 1
    }
    say "creating $VENV with $("$PYTHON" --version 2>&1)"
    if create_venv 2>/tmp/crm-desktop-venv.err.$$; then
        rm -f /tmp/crm-desktop-venv.err.$$
        return 0
    fi
    # Debian splits ensurepip into python3-venv / python3.X-venv.
    cat /tmp/crm-desktop-venv.err.$$ >&2 || true
    rm -f /tmp/crm-desktop-venv.err.$$
    if is_debian; then
        local ver pkgs=(python3-venv)
        ver="$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
        pkgs+=("python${ver}-venv")
        say "python -m venv failed; installing ${pkgs[*]} and retrying"
        # python3.X-venv may not exist (e.g. a self-built Python): install what apt knows of.
        if apt_possible && "${APT_PREFIX[@]}" apt-get update -qq; then
            local avail=() p
            for p in "${pkgs[@]}"; do
                if apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [^(]'; then
                    avail+=("$p")
                fi
            done
            if [[ ${#avail[@]} -gt 0 ]]; then
                "${APT_PREFIX[@]}" env DEBIAN_FRONTEND=noninteractive \
                    apt-get install -y -qq --no-install-recommends "${avail[@]}" || true
            fi
        fi
        if create_venv; then
            return 0
        fi
    fi
    warn "could not create $VENV; on Debian/Ubuntu: sudo apt-get install python3-venv"
    rm -rf "$VENV"
    exit 1
}

step_install() {
    local hash stamp
    hash="$(sha256sum pyproject.toml | cut -d' ' -f1)"
    stamp="$VENV/.installed-$hash"
    if [[ -f "$stamp" ]]; then
        say "$VENV up to date (pyproject.toml unchanged)"
        return 0
    fi
    say "installing the project into $VENV: pip install -e '.[dev]' (a few minutes the first time)"
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$VENV/bin/pip" install --progress-bar off -e '.[dev]'
    rm -f "$VENV"/.installed-*
    touch "$stamp"
    say "installed"
}

step_debian
step_venv
step_install
