"""One instance per data directory: a second launch activates the first; stale locks go."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QLockFile

from crm_desktop.gui.single_instance import (
    LOCK_NAME,
    SingleInstance,
    is_network,
    server_name,
    storage_risk,
)


def test_second_instance_activates_the_first(tmp_path: Path, qtbot) -> None:
    first = SingleInstance(tmp_path)
    assert first.acquire()
    second = SingleInstance(tmp_path)
    try:
        assert not second.acquire()
        with qtbot.waitSignal(first.activate_requested, timeout=2000):
            assert second.activate_running()
    finally:
        first.release()
    third = SingleInstance(tmp_path)  # released: the next launch is the instance
    assert third.acquire()
    third.release()


def test_other_data_directory_is_another_instance(tmp_path: Path) -> None:
    one = SingleInstance(tmp_path / "a")
    two = SingleInstance(tmp_path / "b")
    assert one.name != two.name
    assert one.acquire() and two.acquire()
    one.release()
    two.release()
    assert server_name(tmp_path / "a") == one.name


def test_stale_lock_of_a_killed_instance_is_taken_over(tmp_path: Path) -> None:
    lock_path = tmp_path / LOCK_NAME
    probe = QLockFile(str(lock_path))
    assert probe.tryLock(0)
    lines = lock_path.read_bytes().split(b"\n")
    probe.unlock()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    lines[0] = dead.stdout.strip().encode()  # that process has exited: like kill -9
    lock_path.write_bytes(b"\n".join(lines))
    instance = SingleInstance(tmp_path)
    assert instance.acquire()
    instance.release()


MOUNTS = """\
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
server:/export/home /home/ann nfs4 rw,relatime 0 0
//nas/share /mnt/my\\040share cifs rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""


def test_storage_risk_on_network_mounts() -> None:
    assert storage_risk(Path("/home/ann/crm"), MOUNTS) == "nfs4"
    assert is_network("nfs4")
    assert storage_risk(Path("/mnt/my share/crm"), MOUNTS) == "cifs"
    assert storage_risk(Path("/var/lib/crm"), MOUNTS) is None
    assert storage_risk(Path("/home/annie/crm"), MOUNTS) is None  # not under /home/ann


def test_storage_risk_in_sync_folders() -> None:
    assert storage_risk(Path("/home/bob/Dropbox/crm"), MOUNTS) == "Dropbox"
    assert storage_risk(Path("/home/bob/OneDrive - Acme/crm"), MOUNTS) == "OneDrive"
    assert storage_risk(Path("/home/bob/Google Drive/x"), MOUNTS) == "Google Drive"
    assert storage_risk(Path("/home/bob/Nextcloud/x"), MOUNTS) == "Nextcloud"
    assert not is_network("Dropbox")
    assert storage_risk(Path("/home/bob/.local/share/crm"), MOUNTS) is None
