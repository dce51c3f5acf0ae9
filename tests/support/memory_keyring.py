"""An in-memory keyring backend for tests.

Installed for the whole test session by ``tests/conftest.py`` and emptied before every test by the
autouse ``memory_keyring`` fixture, so no test ever reads or writes the real secret store.
"""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """Secrets in a dict, keyed by (service, username).

    Backend subclasses register themselves on import; the negative priority keeps this one from
    ever being chosen automatically over a real backend.
    """

    priority = -1

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.passwords[(service, username)]
        except KeyError:
            raise PasswordDeleteError(f"no password for {username!r} in {service!r}") from None

    def clear(self) -> None:
        self.passwords.clear()
