#!/usr/bin/env bash
# Install CRM Desktop's desktop entry, icons and AppStream metadata for the current user.
#
#   packaging/linux/install.sh              install (what `make install-desktop` runs)
#   packaging/linux/install.sh --uninstall  remove everything this script installed
#
# Start at login is the app's own setting (crm_desktop/autostart.py writes
# ~/.config/autostart/crm-desktop.desktop); --uninstall removes that entry too, as the program
# it starts is gone.
#
# The program the menu entry starts:
#   - the bundle, when dist/crm-desktop/ was built (`make package`): it is copied to
#     ~/.local/lib/crm-desktop/ (so `make clean` does not break the entry);
#   - otherwise the source checkout's .venv/bin/crm-desktop (`make bootstrap`), in place.
# Either way ~/.local/bin/crm-desktop links to it, and the entry's Exec= holds the absolute path
# (~/.local/bin is not on every desktop session's PATH). Nothing needs root.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
APP_ID="io.github.crmdesktop.CrmDesktop"
NAME="crm-desktop"

DATA_HOME="${XDG_DATA_HOME:-$HOME/.local/share}"
CONFIG_HOME="${XDG_CONFIG_HOME:-$HOME/.config}"
BIN_HOME="$HOME/.local/bin"
LIB_DIR="$HOME/.local/lib/$NAME"

APPLICATIONS="$DATA_HOME/applications"
METAINFO="$DATA_HOME/metainfo"
ICONS="$DATA_HOME/icons/hicolor"
AUTOSTART="$CONFIG_HOME/autostart"

say() { printf '[install-desktop] %s\n' "$*"; }
die() { printf '[install-desktop] ERROR: %s\n' "$*" >&2; exit 1; }

refresh_caches() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$APPLICATIONS" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [[ -f "$ICONS/index.theme" ]]; then
        gtk-update-icon-cache -q -t "$ICONS" 2>/dev/null || true
    fi
}

# The desktop file with Exec=/TryExec= pointing at the installed program.
write_entry() { # SOURCE TARGET PROGRAM
    local source="$1" target="$2" program="$3"
    mkdir -p "$(dirname "$target")"
    sed -e "s|^Exec=crm-desktop|Exec=$program|" -e "s|^TryExec=crm-desktop\$|TryExec=$program|" \
        "$source" >"$target"
    chmod 644 "$target"
    say "installed $target"
}

install_program() {
    local program
    if [[ -x "$ROOT/dist/$NAME/$NAME" ]]; then
        say "copying the bundle dist/$NAME/ to $LIB_DIR/"
        rm -rf "$LIB_DIR.new"
        mkdir -p "$(dirname "$LIB_DIR")"
        cp -a "$ROOT/dist/$NAME" "$LIB_DIR.new"
        rm -rf "$LIB_DIR"
        mv "$LIB_DIR.new" "$LIB_DIR"
        program="$LIB_DIR/$NAME"
    elif [[ -x "$ROOT/.venv/bin/$NAME" ]]; then
        say "no bundle in dist/: the entry starts the source checkout's .venv/bin/$NAME"
        program="$ROOT/.venv/bin/$NAME"
    else
        die "nothing to start: run 'make package' (bundle) or 'make bootstrap' (source) first"
    fi
    mkdir -p "$BIN_HOME"
    if [[ -e "$BIN_HOME/$NAME" && ! -L "$BIN_HOME/$NAME" ]]; then
        say "leaving $BIN_HOME/$NAME alone (not a link this script made)"
    else
        ln -sfn "$program" "$BIN_HOME/$NAME"
        say "linked $BIN_HOME/$NAME -> $program"
    fi
    PROGRAM="$program"
}

install_all() {
    local size
    PROGRAM=""
    install_program
    write_entry "$HERE/$NAME.desktop" "$APPLICATIONS/$NAME.desktop" "$PROGRAM"
    mkdir -p "$METAINFO"
    install -m 644 "$HERE/$APP_ID.metainfo.xml" "$METAINFO/$APP_ID.metainfo.xml"
    say "installed $METAINFO/$APP_ID.metainfo.xml"
    for dir in "$HERE"/icons/hicolor/*x*/; do
        size="$(basename "$dir")"
        install -D -m 644 "$dir/apps/$NAME.png" "$ICONS/$size/apps/$NAME.png"
    done
    install -D -m 644 "$ROOT/resources/app-icon.svg" "$ICONS/scalable/apps/$NAME.svg"
    say "installed icons in $ICONS/ ($(find "$HERE/icons/hicolor" -name '*.png' | wc -l) sizes" \
        "+ scalable)"
    refresh_caches
    say "done: 'CRM Desktop' is in the application menu (log out and in if it does not show yet)"
}

uninstall_all() {
    local path
    for path in "$APPLICATIONS/$NAME.desktop" "$AUTOSTART/$NAME.desktop" \
        "$METAINFO/$APP_ID.metainfo.xml" "$ICONS"/*/apps/"$NAME".png \
        "$ICONS/scalable/apps/$NAME.svg"; do
        if [[ -e "$path" ]]; then rm -f "$path" && say "removed $path"; fi
    done
    if [[ -L "$BIN_HOME/$NAME" ]]; then rm -f "$BIN_HOME/$NAME" && say "removed $BIN_HOME/$NAME"; fi
    if [[ -d "$LIB_DIR" ]]; then rm -rf "$LIB_DIR" && say "removed $LIB_DIR/"; fi
    refresh_caches
    say "done: your data (database, backups, settings) was not touched"
}

case "${1:-}" in
    "") install_all ;;
    --uninstall) uninstall_all ;;
    -h | --help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' ;;
    *) die "unknown option '$1' (try --help)" ;;
esac
