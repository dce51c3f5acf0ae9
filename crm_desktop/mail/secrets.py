"""The SMTP password: in the OS keyring, or (without a secure one) in memory for this session.

"Secure" means a real secret service (Secret Service, KWallet, macOS Keychain, Windows
Credential Locker). ``keyring``'s fail and null backends store nothing, and any plaintext
backend (``keyrings.alt``) would write the password to a file: all three count as "no secure
store". Then the password is asked once per session, kept in this process only and never
written anywhere; the settings page says why (:attr:`SecretStore.status`).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from enum import StrEnum

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError

__all__ = ["SERVICE", "SecretStore", "StoreStatus", "is_secure_backend", "session_store"]

#: The keyring "service" name; the user name is ``SmtpSettings.account``.
SERVICE = "crm-desktop/smtp"


class StoreStatus(StrEnum):
    KEYRING = "keyring"  # saved in the system keyring
    NO_BACKEND = "no_backend"  # fail/null: no keyring on this system
    PLAINTEXT = "plaintext"  # only a backend that writes files in clear text
    KEYRING_ERROR = "keyring_error"  # a keyring exists but refused (locked, denied)


def _classify(backend: KeyringBackend) -> StoreStatus:
    module = type(backend).__module__
    name = type(backend).__name__
    if module.startswith("keyrings.alt") or "plaintext" in name.lower():
        return StoreStatus.PLAINTEXT
    if module in {"keyring.backends.fail", "keyring.backends.null"}:
        return StoreStatus.NO_BACKEND
    inner = getattr(backend, "backends", None)  # keyring.backends.chainer.ChainerBackend
    if module == "keyring.backends.chainer" or isinstance(inner, list | tuple):
        found = [_classify(b) for b in (inner or ())]
        if StoreStatus.KEYRING in found:
            return StoreStatus.KEYRING
        return StoreStatus.PLAINTEXT if StoreStatus.PLAINTEXT in found else StoreStatus.NO_BACKEND
    return StoreStatus.KEYRING


def is_secure_backend(backend: KeyringBackend) -> bool:
    return _classify(backend) is StoreStatus.KEYRING


class SecretStore:
    """Passwords by account: keyring when secure, else this object's memory only.

    Thread-safe: the worker thread reads while the GUI thread may store a typed password.
    """

    def __init__(self, backend: Callable[[], KeyringBackend] = keyring.get_keyring) -> None:
        self._backend = backend
        self._memory: dict[str, str] = {}
        self._lock = threading.Lock()
        self._failed = False

    @property
    def status(self) -> StoreStatus:
        if self._failed:
            return StoreStatus.KEYRING_ERROR
        return _classify(self._backend())

    @property
    def secure(self) -> bool:
        return self.status is StoreStatus.KEYRING

    def get(self, account: str) -> str | None:
        with self._lock:
            if account in self._memory:
                return self._memory[account]
        if not self.secure:
            return None
        try:
            return self._backend().get_password(SERVICE, account)
        except KeyringError:
            self._failed = True
            return None

    def set(self, account: str, password: str) -> StoreStatus:
        """Keep ``password``; returns where it went (the keyring, or memory and why)."""
        if self.secure:
            try:
                self._backend().set_password(SERVICE, account, password)
            except KeyringError:
                self._failed = True
            else:
                with self._lock:
                    self._memory.pop(account, None)
                return StoreStatus.KEYRING
        with self._lock:
            self._memory[account] = password
        return self.status

    def forget(self, account: str) -> None:
        with self._lock:
            self._memory.pop(account, None)
        if self.secure:
            with contextlib.suppress(PasswordDeleteError, KeyringError):
                self._backend().delete_password(SERVICE, account)

    def in_memory(self, account: str) -> bool:
        with self._lock:
            return account in self._memory


_session: SecretStore | None = None
_session_lock = threading.Lock()


def session_store() -> SecretStore:
    """The one store of this process: a password typed without a keyring lasts until exit."""
    global _session
    with _session_lock:
        if _session is None:
            _session = SecretStore()
        return _session
