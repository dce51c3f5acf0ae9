"""Everything stored about one person, for the right of access and portability.

One JSON file with every table that refers to the person, and one CSV per
table for a spreadsheet: what GDPR's subject access request asks a CRM to
hand over. Files are written private (0600) like every file we create.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from crm_desktop.paths import PRIVATE_FILE_MODE, make_private_dir
from crm_desktop.reports.csv_safety import neutralize
from crm_desktop.services.base import NotFoundError, Service

#: (name in the export, SQL selecting that person's rows; :c is the contact id)
PERSON_TABLES: tuple[tuple[str, str], ...] = (
    ("contact", "SELECT * FROM contact WHERE id = :c"),
    (
        "organization",
        "SELECT o.* FROM organization o JOIN contact c ON c.organization_id = o.id WHERE c.id = :c",
    ),
    ("emails", "SELECT * FROM contact_email WHERE contact_id = :c ORDER BY position"),
    ("phones", "SELECT * FROM contact_phone WHERE contact_id = :c ORDER BY position"),
    ("addresses", "SELECT * FROM contact_address WHERE contact_id = :c ORDER BY position"),
    ("dates", "SELECT * FROM contact_date WHERE contact_id = :c"),
    (
        "tags",
        "SELECT t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id"
        " WHERE ct.contact_id = :c ORDER BY t.folded",
    ),
    ("consents", "SELECT * FROM consent WHERE contact_id = :c ORDER BY id"),
    (
        "interactions",
        "SELECT i.* FROM interaction i JOIN interaction_contact ic"
        " ON ic.interaction_id = i.id WHERE ic.contact_id = :c ORDER BY i.occurred_at",
    ),
    (
        "attachments",
        "SELECT a.* FROM attachment a JOIN interaction_contact ic"
        " ON ic.interaction_id = a.interaction_id WHERE ic.contact_id = :c",
    ),
    (
        "meetings",
        "SELECT e.* FROM event e JOIN event_contact ec ON ec.event_id = e.id"
        " WHERE ec.contact_id = :c ORDER BY e.starts_at",
    ),
    ("tasks", "SELECT * FROM task WHERE contact_id = :c ORDER BY id"),
    ("deals", "SELECT * FROM deal WHERE contact_id = :c ORDER BY id"),
    ("deal_history", "SELECT * FROM deal_change WHERE contact_id = :c ORDER BY changed_at"),
    ("purchases", "SELECT * FROM purchase WHERE contact_id = :c ORDER BY purchased_on"),
    (
        "reminders",
        "SELECT * FROM reminder_ledger WHERE source_id = :c"
        " AND source_kind IN ('birthday', 'date', 'stay_in_touch')",
    ),
)


class PrivacyService(Service):
    def person_data(self, contact_id: int) -> dict[str, list[dict[str, Any]]]:
        """Every row about the person, table by table."""
        found: dict[str, list[dict[str, Any]]] = {}
        with self.db.read_raw() as conn:
            for name, sql in PERSON_TABLES:
                cursor = conn.execute(sql, {"c": contact_id})
                columns = [d[0] for d in cursor.description]
                found[name] = [dict(zip(columns, row, strict=True)) for row in cursor]
        if not found["contact"]:
            raise NotFoundError("Contact", contact_id)
        return found

    def export_person(self, contact_id: int, directory: Path) -> list[Path]:
        """Write ``contact-ID.json`` and one CSV per non-empty table into ``directory``."""
        data = self.person_data(contact_id)
        make_private_dir(directory)
        written = [_write(directory / f"contact-{contact_id}.json", _json(data))]
        for name, rows in data.items():
            if rows:
                written.append(_write(directory / f"contact-{contact_id}-{name}.csv", _csv(rows)))
        return written


def _json(data: dict[str, list[dict[str, Any]]]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


def _csv(rows: Sequence[dict[str, Any]]) -> str:
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    # Text that a spreadsheet would run as a formula is neutralized, as in reports.
    writer.writerows(
        {k: neutralize(v) if isinstance(v, str) else v for k, v in row.items()} for row in rows
    )
    return "\ufeff" + buffer.getvalue()  # a BOM: Excel reads the accents right


def _write(path: Path, text: str) -> Path:
    fd = os.open(path, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, PRIVATE_FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    return path
