"""The packaging files parse and agree with each other (no Qt, no build: the build is slow and
runs with `make package`, its smoke test with `make package-smoke`)."""

from __future__ import annotations

import configparser
import plistlib
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
APP_ID = "io.github.crmdesktop.CrmDesktop"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _desktop_entry(name: str) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(LINUX / name, encoding="utf-8")
    return parser["Desktop Entry"]


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_desktop_file_has_the_required_keys() -> None:
    entry = _desktop_entry("crm-desktop.desktop")
    assert entry["Type"] == "Application"
    assert entry["Name"] == "CRM Desktop"
    assert entry["GenericName"]
    assert entry["Comment"]
    assert entry["Exec"] == "crm-desktop"
    assert entry["Icon"] == "crm-desktop"
    assert entry["Terminal"] == "false"
    categories = entry["Categories"].rstrip(";").split(";")
    assert {"Office", "ContactManagement"} <= set(categories)
    # Qt's WM_CLASS class is the application name (crm_desktop/gui/application.py).
    assert entry["StartupWMClass"] == "CRM Desktop"
    assert entry["Keywords"].endswith(";")


def test_desktop_file_name_is_the_app_desktop_file_name() -> None:
    # QGuiApplication.setDesktopFileName("crm-desktop"): the Wayland app id matches the file.
    source = (ROOT / "crm_desktop" / "gui" / "application.py").read_text(encoding="utf-8")
    assert 'setDesktopFileName("crm-desktop")' in source
    assert (LINUX / "crm-desktop.desktop").is_file()


def test_metainfo_names_the_app_and_its_launcher() -> None:
    path = LINUX / f"{APP_ID}.metainfo.xml"
    root = ET.parse(path).getroot()
    assert root.tag == "component"
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("name") == "CRM Desktop"
    assert root.findtext("summary")
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == "GPL-3.0-or-later"
    launchable = root.find("launchable")
    assert launchable is not None
    assert launchable.get("type") == "desktop-id"
    assert launchable.text == "crm-desktop.desktop"
    assert root.findtext("provides/binary") == "crm-desktop"
    versions = [release.get("version") for release in root.iter("release")]
    assert "0.1.0" in versions


def test_info_plist_loads_and_names_the_bundle() -> None:
    with (PACKAGING / "macos" / "Info.plist").open("rb") as handle:
        info = plistlib.load(handle)
    assert info["CFBundleIdentifier"] == APP_ID
    assert info["CFBundleExecutable"] == "crm-desktop"
    assert info["CFBundleIconFile"] == "crm-desktop.icns"
    assert info["CFBundlePackageType"] == "APPL"
    assert (PACKAGING / "macos" / info["CFBundleIconFile"]).is_file()


def test_entitlements_plist_loads() -> None:
    with (PACKAGING / "macos" / "entitlements.plist").open("rb") as handle:
        entitlements = plistlib.load(handle)
    assert all(value is True for value in entitlements.values())
    assert "com.apple.security.app-sandbox" not in entitlements


@pytest.mark.parametrize("size", HICOLOR_SIZES)
def test_hicolor_icon_exists_with_its_size(size: int) -> None:
    path = LINUX / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "crm-desktop.png"
    assert path.is_file(), f"missing {path}: run packaging/linux/render_icons.py"
    assert _png_size(path.read_bytes()[:24]) == (size, size)


def test_no_stray_icon_sizes() -> None:
    found = {p.name for p in (LINUX / "icons" / "hicolor").iterdir()}
    assert found == {f"{size}x{size}" for size in HICOLOR_SIZES}


def test_windows_icon_holds_png_entries_up_to_256() -> None:
    data = (PACKAGING / "windows" / "crm-desktop.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        width, _h, _c, _r, _p, _b, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index]
        )
        png = data[offset : offset + length]
        assert _png_size(png)[0] == (width or 256)
        sizes.append(width or 256)
    assert {16, 32, 48, 256} <= set(sizes)


def test_macos_icns_is_well_formed() -> None:
    data = (PACKAGING / "macos" / "crm-desktop.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    offset, kinds = 8, []
    while offset < len(data):
        kind, length = (
            data[offset : offset + 4],
            struct.unpack(">I", data[offset + 4 : offset + 8])[0],
        )
        assert data[offset + 8 : offset + 16] == PNG_SIGNATURE
        kinds.append(kind)
        offset += length
    assert offset == len(data)
    assert {b"icp4", b"ic07", b"ic10"} <= set(kinds)


def test_spec_ships_resources_and_migrations() -> None:
    spec = (PACKAGING / "pyinstaller" / "crm-desktop.spec").read_text(encoding="utf-8")
    assert '"resources"' in spec  # sys._MEIPASS/resources (crm_desktop/resources.py)
    assert '"crm_desktop/storage/migrations"' in spec  # Alembic loads these by path
    assert "translations/*.qm" in spec
    for module in ("QtWebEngineCore", "QtQml", "QtQuick", "Qt3DCore", "QtMultimedia"):
        assert f'"{module}"' in spec


def test_inno_setup_script_points_at_the_bundle() -> None:
    iss = (PACKAGING / "windows" / "crm-desktop.iss").read_text(encoding="utf-8")
    assert '#define AppExe "crm-desktop.exe"' in iss
    assert r'#define Bundle "..\..\dist\crm-desktop"' in iss
    assert "SetupIconFile=crm-desktop.ico" in iss


def test_the_bundle_keeps_every_qt_module_the_code_imports() -> None:
    """The spec leaves unused Qt modules out; one the code imports must never be among them
    (QtNetwork was, and the bundle died at start once the single-instance check used it)."""
    import ast
    import re

    root = Path(__file__).resolve().parents[2]
    spec = (root / "packaging" / "pyinstaller" / "crm-desktop.spec").read_text(encoding="utf-8")
    block = re.search(r"QT_UNUSED = \[(.*?)\]", spec, re.S)
    assert block is not None
    excluded = set(re.findall(r'"(Qt\w+)"', block.group(1)))
    used: set[str] = set()
    for path in (root / "crm_desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6."):
                used.add((node.module or "").split(".")[1])
    assert used and not (used & excluded), sorted(used & excluded)
    libs = re.search(r"DROPPED_LIBS = \((.*?)\)", spec, re.S)
    assert libs is not None
    dropped = {name.removeprefix("libQt6") for name in re.findall(r'"(libQt6\w+)"', libs.group(1))}
    assert not ({module.removeprefix("Qt") for module in used} & dropped), "a used Qt library"
