"""The one exception type the domain layer raises for bad user input.

Why a single type: the GUI shows the message next to the field it names and
services translate it into a form error, so both need the field label and a
plain-language problem, separately. Why it never carries the value: error
texts end up in logs, crash reports and bug tickets, and the value is usually
personal data (a name, an e-mail address, a phone number).
"""

from __future__ import annotations

__all__ = ["ValidationError"]


class ValidationError(ValueError):
    """Bad input for one field; ``str(e)`` is ``"<field>: <message>"``.

    ``field`` is a human label ("E-mail", "Given name"), ``message`` says what
    is wrong in plain words. Neither may contain what the user typed.

    It subclasses ``ValueError`` so that code which only knows the standard
    library (dataclass ``__post_init__`` checks, ``int()`` conversions)
    still catches it naturally.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message

    def __reduce__(self) -> tuple[type[ValidationError], tuple[str, str]]:
        # Default pickling would call __init__ with the single joined string;
        # keep both parts so the error survives a trip to a worker process.
        return (type(self), (self.field, self.message))
