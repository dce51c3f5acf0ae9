"""The SMTP password: keyring when secure; otherwise memory only, for the session, never on disk."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import fail, null
from support import factories
from support.factories import FixedClock, scalar
from support.memory_keyring import MemoryKeyring

from crm_desktop.mail.secrets import SERVICE, SecretStore, StoreStatus, is_secure_backend
from crm_desktop.mail.settings import MailSettingsService, SmtpSettings
from crm_desktop.storage.database import Database

template_db = factories.template_db
db_path = factories.db_path
db = factories.db
clock = factories.clock

PASSWORD = "pässwörd-SENTINEL-8c1f"
ACCOUNT = "user@smtp.example.org:587"


def test_password_goes_to_the_keyring(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    assert store.status is StoreStatus.KEYRING
    assert store.set(ACCOUNT, PASSWORD) is StoreStatus.KEYRING
    assert memory_keyring.passwords == {(SERVICE, ACCOUNT): PASSWORD}
    assert not store.in_memory(ACCOUNT)
    assert SecretStore().get(ACCOUNT) == PASSWORD  # a new session reads it back
    store.forget(ACCOUNT)
    assert memory_keyring.passwords == {}
    assert store.get(ACCOUNT) is None


def _all_bytes_under(root: Path) -> list[tuple[Path, bytes]]:
    return [(p, p.read_bytes()) for p in root.rglob("*") if p.is_file()]


def test_without_a_secure_backend_the_password_stays_in_memory(
    db: Database, db_path: Path, clock: FixedClock, test_home: Path
) -> None:
    keyring.set_keyring(fail.Keyring())
    settings = MailSettingsService(db, clock=clock)
    settings.save(SmtpSettings(host="smtp.example.org", user="user", sender_address="me@x.org"))
    store = SecretStore()
    assert store.status is StoreStatus.NO_BACKEND
    assert not store.secure
    assert store.set(ACCOUNT, PASSWORD) is StoreStatus.NO_BACKEND
    assert store.in_memory(ACCOUNT)
    assert store.get(ACCOUNT) == PASSWORD
    # A new session (a new store) has to ask again.
    assert SecretStore().get(ACCOUNT) is None
    # Nothing was written anywhere: not in the settings, not in the data folder, not in HOME.
    assert scalar(db, "SELECT count(*) FROM setting WHERE value LIKE :p", p=f"%{PASSWORD}%") == 0
    db.checkpoint()
    needle = PASSWORD.encode()
    for root in (db_path.parent, test_home):
        for path, data in _all_bytes_under(root):
            assert needle not in data, path
            assert PASSWORD.encode("utf-16-le") not in data, path


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring()])
def test_fail_and_null_are_not_secure(backend: keyring.backend.KeyringBackend) -> None:
    assert not is_secure_backend(backend)


def test_a_plaintext_backend_is_not_secure() -> None:
    class PlaintextKeyring(MemoryKeyring):
        """Stands in for keyrings.alt.file.PlaintextKeyring (never a dependency)."""

    class Encrypted(MemoryKeyring):
        pass

    Encrypted.__module__ = "keyrings.alt.file"
    for backend in (PlaintextKeyring(), Encrypted()):
        store = SecretStore(lambda b=backend: b)  # type: ignore[misc]
        assert store.status is StoreStatus.PLAINTEXT
        store.set(ACCOUNT, PASSWORD)
        assert backend.passwords == {}  # never handed to it
        assert store.get(ACCOUNT) == PASSWORD


def test_a_refusing_keyring_falls_back_to_memory() -> None:
    class Locked(MemoryKeyring):
        def set_password(self, service: str, username: str, password: str) -> None:
            raise keyring.errors.KeyringLocked("locked")

    backend = Locked()
    store = SecretStore(lambda: backend)
    assert store.set(ACCOUNT, PASSWORD) is StoreStatus.KEYRING_ERROR
    assert store.get(ACCOUNT) == PASSWORD
    assert backend.passwords == {}
