"""Cheap pickling of the import's frozen dataclasses, for the checking workers.

Records (of a vCard file) go to worker processes and the outcomes of bad
rows come back, pickled (checked rows come back as plain tuples,
:class:`~crm_desktop.importing.checking.Checked`). A ``slots=True``
dataclass pickles through ``dataclasses.fields()`` on every object, ~40 µs
for a contact with its e-mails and phones: as much as the check saves.
Registered here (``copyreg``), each class pickles as its constructor and a
tuple of its fields instead (~5 µs), and unpickles by calling the
constructor, so ``__post_init__`` checks run again.

Both sides import this module with :mod:`crm_desktop.importing.checking`,
so the registration holds wherever a record or a result is pickled.
"""

from __future__ import annotations

import copyreg
import dataclasses
from operator import attrgetter
from typing import Any

from crm_desktop.domain.dates import PartialDate
from crm_desktop.importing.outcome import Outcome
from crm_desktop.importing.records import ImportRecord, RowProblem
from crm_desktop.services.dto import Address, ContactInput, ImportantDate, LabeledValue

__all__ = ["TRANSFERRED"]

TRANSFERRED: tuple[type[Any], ...] = (
    Address,
    ContactInput,
    ImportRecord,
    ImportantDate,
    LabeledValue,
    Outcome,
    PartialDate,
    RowProblem,
)


def _register(cls: type[Any]) -> None:
    fields = dataclasses.fields(cls)
    assert all(f.init for f in fields), f"{cls.__name__} has fields its constructor cannot take"
    names = [f.name for f in fields]
    getter = attrgetter(*names)
    if len(names) == 1:
        copyreg.pickle(cls, lambda obj: (cls, (getter(obj),)))
    else:
        copyreg.pickle(cls, lambda obj: (cls, getter(obj)))


for _cls in TRANSFERRED:
    _register(_cls)
