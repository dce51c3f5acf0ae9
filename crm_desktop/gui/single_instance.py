"""One running window per user and data directory, and a warning about risky folders.

The first instance holds a :class:`QLockFile` in the data directory and
listens on a :class:`QLocalServer` whose name derives from the user and the
data directory. A second launch finds the lock taken, connects, sends
``activate`` and exits; the first one brings its window to the front.

A lock left behind by a killed process is taken over: ``QLockFile`` sees
that the pid in it is no longer running (stale time 0: only a dead owner
makes a lock stale, never its age, because the app runs for days).

:func:`storage_risk` is plain Python: SQLite's locking is unreliable on
network file systems, and sync clients copy a database file in the middle
of a write, so the user is told before the data lives there.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, QSettings, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QMessageBox, QWidget

from crm_desktop.gui.i18n import fmt

LOCK_NAME = "crm-desktop.lock"
MESSAGE = b"activate\n"
#: The second launch gives up on the first after this long (it must exit within 2 s).
CONNECT_TIMEOUT_MS = 1500

NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "coda",
        "9p",
        "davfs",
        "fuse.davfs2",
        "fuse.sshfs",
        "sshfs",
        "fuse.rclone",
        "fuse.gvfsd-fuse",
    }
)
SYNC_FOLDERS = ("Dropbox", "OneDrive", "Google Drive", "GoogleDrive", "Nextcloud", "iCloud")


def server_name(data_dir: Path) -> str:
    """The local server's name: per user and per data directory, short enough for a socket."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    key = f"{user}\0{_canonical(data_dir)}".encode()
    return f"crm-desktop-{hashlib.sha256(key).hexdigest()[:20]}"


def _canonical(path: Path) -> str:
    resolved = str(path.expanduser().resolve())
    return resolved.casefold() if sys.platform in ("win32", "darwin") else resolved


class SingleInstance(QObject):
    """The lock and the server of one running instance."""

    activate_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.name = server_name(data_dir)
        data_dir.mkdir(parents=True, exist_ok=True)
        self._lock = QLockFile(str(data_dir / LOCK_NAME))
        self._lock.setStaleLockTime(0)  # stale only when its owner is gone
        self._server: QLocalServer | None = None
        self._clients: list[QLocalSocket] = []
        self._buffer = b""

    def acquire(self) -> bool:
        """Become the running instance; False when another one holds the data directory."""
        # A lock whose owner died (kill -9) is taken over by tryLock itself;
        # removeStaleLockFile would also remove a live one, so it is not used.
        # No lock possible at all (read-only directory): do not stop the user.
        if not self._lock.tryLock(0) and (
            self._lock.error() == QLockFile.LockError.LockFailedError
        ):
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(self.name)  # a socket file left by a killed instance
        if server.listen(self.name):
            server.newConnection.connect(self._on_connection)
            self._server = server
        return True

    def activate_running(self) -> bool:
        """From a second launch: ask the running instance to show its window."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        socket.write(MESSAGE)
        sent = socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        socket.disconnectFromServer()
        return sent

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._clients.clear()
        self._lock.unlock()

    def _on_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            self._clients.append(socket)
            socket.readyRead.connect(self._on_ready_read)
            socket.disconnected.connect(self._on_disconnected)
            if socket.bytesAvailable():
                self._read(socket)

    def _on_ready_read(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    def _on_disconnected(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)
            self._clients = [c for c in self._clients if c is not socket]

    def _read(self, socket: QLocalSocket) -> None:
        self._buffer += bytes(socket.readAll().data())
        if MESSAGE in self._buffer:
            self._buffer = b""
            self.activate_requested.emit()


def bring_to_front(window: QWidget) -> None:
    """What a second launch does to the first one's window."""
    if window.isMinimized() or not window.isVisible():
        window.showNormal()
    window.raise_()
    window.activateWindow()


# -- risky places for a database ------------------------------------------------------------


def storage_risk(path: Path, mounts: str | None = None) -> str | None:
    """What makes ``path`` a risky place for the database, or None.

    Returns the network file system type (``"nfs4"``, ``"cifs"``: see
    :data:`NETWORK_FILESYSTEMS`) or the sync service's folder name
    (``"Dropbox"``). ``mounts`` is the text of ``/proc/mounts`` (read on
    Linux when not given; tests pass fake lines).
    """
    absolute = Path(os.path.abspath(path.expanduser()))
    with_links = Path(os.path.realpath(absolute))
    if mounts is None and sys.platform.startswith("linux"):
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            mounts = None
    if mounts:
        fstype = _mount_type(with_links, mounts)
        if fstype is not None and (
            fstype in NETWORK_FILESYSTEMS or fstype.split(".")[-1] in NETWORK_FILESYSTEMS
        ):
            return fstype
    for candidate in (absolute, with_links):
        for part in candidate.parts:
            for name in SYNC_FOLDERS:
                if part.casefold().startswith(name.casefold()):
                    return name
            if part == "Mobile Documents":  # macOS: ~/Library/Mobile Documents is iCloud Drive
                return "iCloud"
    return None


def is_network(risk: str) -> bool:
    return risk not in SYNC_FOLDERS


def _mount_type(path: Path, mounts: str) -> str | None:
    """The fstype of the longest mount point that contains ``path``."""
    best: tuple[int, str] | None = None
    text = str(path)
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = _unescape(fields[1])
        inside = text == point or text.startswith(point.rstrip("/") + "/") or point == "/"
        if inside and (best is None or len(point) > best[0]):
            best = (len(point), fields[2])
    return best[1] if best else None


def _unescape(field: str) -> str:
    """/proc/mounts writes space, tab, newline and backslash as octal escapes."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def warn_storage_risk(parent: QWidget, data_dir: Path, settings: QSettings) -> None:
    """Once per data directory and risk: say why a share or sync folder endangers the data."""
    risk = storage_risk(data_dir)
    if risk is None:
        return
    key = "safety/storage_risk_warned"
    seen = f"{_canonical(data_dir)}|{risk}"
    if settings.value(key) == seen:
        return
    if is_network(risk):
        text = fmt(
            QCoreApplication.translate(
                "StorageRisk",
                "Your data folder %1 is on a network share (%2).\n\nThe database can be "
                "damaged there when the connection drops or two computers open it, and "
                "locking does not work reliably. Keep the data folder on this computer's "
                "own disk and let the backups go to the share instead.",
            ),
            str(data_dir),
            risk,
        )
    else:
        text = fmt(
            QCoreApplication.translate(
                "StorageRisk",
                "Your data folder %1 is inside a %2 folder.\n\nSync services copy the "
                "database while it is being written and may bring back an old or half-"
                "written copy, which loses changes or damages the file. Keep the data "
                "folder outside the synced folder; the backups are safe to sync.",
            ),
            str(data_dir),
            risk,
        )
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("StorageRisk", "Your data may be at risk"),
        text,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setAccessibleName(box.windowTitle())
    box.exec()
    settings.setValue(key, seen)
