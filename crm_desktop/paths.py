"""Every file location of the application, in one place.

Locations come from platformdirs; ``--data-dir`` (and the tests) relocate
everything at once, so no module may build a path of its own. Directories
are created 0700 because the database, its backups and the logs hold
personal data.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from crm_desktop import APP_NAME

DATABASE_FILENAME = "crm.sqlite3"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


@dataclass(frozen=True, slots=True)
class AppPaths:
    """Where the database, backups, logs and settings live."""

    data_dir: Path
    config_dir: Path
    log_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / DATABASE_FILENAME

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def quarantine_dir(self) -> Path:
        """Where a damaged or foreign file set is moved aside, never deleted."""
        return self.data_dir / "set-aside"

    @classmethod
    def default(cls) -> AppPaths:
        # Imported here: platformdirs is only needed when no --data-dir is given.
        from platformdirs import PlatformDirs

        dirs = PlatformDirs(APP_NAME, appauthor=False)
        return cls(
            data_dir=Path(dirs.user_data_dir),
            config_dir=Path(dirs.user_config_dir),
            log_dir=Path(dirs.user_log_dir),
        )

    @classmethod
    def under(cls, root: Path) -> AppPaths:
        """Everything below one directory: what ``--data-dir`` means."""
        root = root.expanduser().absolute()
        return cls(data_dir=root, config_dir=root / "config", log_dir=root / "log")

    def ensure(self) -> AppPaths:
        """Create the directories, private to the user."""
        for directory in (self.data_dir, self.config_dir, self.log_dir):
            make_private_dir(directory)
        return self


def make_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) and make it 0700.

    Only the leaf is tightened: parents may be shared folders the user chose.
    """
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    if os.name == "posix" and (path.stat().st_mode & 0o777) != PRIVATE_DIR_MODE:
        # A read-only folder (or not ours) is used as it is: reads still work.
        with contextlib.suppress(OSError):
            path.chmod(PRIVATE_DIR_MODE)


def resolve_paths(data_dir: str | os.PathLike[str] | None) -> AppPaths:
    """The paths for a ``--data-dir`` value, or the platform defaults."""
    return AppPaths.under(Path(data_dir)) if data_dir else AppPaths.default()
