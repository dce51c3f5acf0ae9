"""Demo data, second half: the activity (interactions, calendar, sales) and shared helpers.

:mod:`crm_desktop.services.demo_data` is the entry point; this module holds
the row writers for what happens around contacts, on a base class that
both halves share (deterministic random helpers, timestamps, inserts).
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from crm_desktop.domain.dates import localize
from crm_desktop.domain.text import fold
from crm_desktop.services import demo_vocab as vocab
from crm_desktop.services.sqltime import to_sql

__all__ = [
    "BACK",
    "CHUNK",
    "KEY_SHIFT",
    "WINDOW",
    "WORK_SPAN",
    "DemoCancelled",
    "GeneratorBase",
    "Org",
    "Person",
    "interaction_counts",
]

_T = TypeVar("_T")
Progress = Callable[[str, int, int], None]
CHUNK = 25_000


#: The deal history the services would have written while these deals moved through
#: the pipeline, so demo timelines show deal steps too.
_DEAL_HISTORY = """
INSERT INTO deal_change (deal_id, contact_id, changed_at, kind, stage, value_minor, currency,
                         probability, reason)
SELECT d.id, d.contact_id, d.created_at, 'created', s.name, d.value_minor, d.currency,
       COALESCE(s.probability, 0), NULL
  FROM deal d LEFT JOIN deal_stage s ON s.id = d.stage_id
UNION ALL
SELECT d.id, d.contact_id, d.closed_at, d.status, s.name, d.value_minor, d.currency,
       d.probability, d.close_reason
  FROM deal d LEFT JOIN deal_stage s ON s.id = d.stage_id
 WHERE d.status IN ('won', 'lost')
"""


class DemoCancelled(Exception):
    """``should_cancel`` answered True; the transaction was rolled back."""


BACK = 2200  # the day list reaches this far into the past
WINDOW = 3 * 365  # interactions happen in the last three years
WORK_START = 7 * 3600
WORK_SPAN = 12 * 3600  # ... between 07:00 and 19:00 UTC
KEY_SHIFT = (WINDOW * WORK_SPAN).bit_length() + 1  # interaction keys: see plan()
_RATES = {"EUR": 1.0, "HUF": 390.0, "RON": 5.0, "KZT": 520.0, "GBP": 0.85, "USD": 1.08}
# (kind, text group, weight) of past interactions; outcomes and durations by kind.
_KINDS = (
    ("email", "mail", 30), ("call", "call", 25), ("meeting", "meet", 12), ("message", "mail", 10),
    ("video_call", "call", 8), ("visit", "meet", 5), ("note", "note", 5),
    ("purchase", "buy", 3), ("social", "mail", 2),
)  # fmt: skip
_OUTCOMES = {
    "call": ("successful", "successful", "no_answer", "left_message", "follow_up_needed"),
    "meet": ("successful", "successful", "follow_up_needed", "rescheduled"),
    "mail": (None, None, "neutral", "follow_up_needed"),
}
_DURATIONS = {"call": (2, 30), "video_call": (15, 60), "meeting": (30, 120), "visit": (30, 90)}

_SQL = {
    "organization": "INSERT INTO organization (id, name, sort_key, website, industry, street,"
    " city, postal_code, country, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
    "contact": "INSERT INTO contact (id, given_name, middle_name, family_name, display_name,"
    " sort_key, organization_id, job_title, birthday_month, birthday_day, birthday_year,"
    " lead_source_id, status_id, preferred_channel, interests, preferences, notes,"
    " stay_in_touch_days, last_contacted_at, created_at, updated_at)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "email": "INSERT INTO contact_email (contact_id, label, address, normalized, position)"
    " VALUES (?,?,?,?,?)",
    "phone": "INSERT INTO contact_phone (contact_id, label, raw, e164, position)"
    " VALUES (?,?,?,?,?)",
    "address": "INSERT INTO contact_address (contact_id, label, street, city, postal_code,"
    " country, position) VALUES (?,?,?,?,?,?,0)",
    "date": "INSERT INTO contact_date (contact_id, label, month, day, year) VALUES (?,?,?,?,?)",
    "tag": "INSERT INTO contact_tag (tag_id, contact_id) VALUES (?,?)",
    "consent": "INSERT INTO consent (contact_id, purpose, granted, recorded_at, method, wording)"
    " VALUES (?,?,?,?,?,?)",
    "contact_fts": "INSERT INTO contact_fts (rowid, name, organization, email, phone, tags, notes)"
    " VALUES (?,?,?,?,?,?,?)",
    "interaction": "INSERT INTO interaction (id, kind, direction, occurred_at, duration_minutes,"
    " subject, notes, outcome, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
    "link": "INSERT INTO interaction_contact (interaction_id, contact_id, occurred_at)"
    " VALUES (?,?,?)",
    "interaction_fts": "INSERT INTO interaction_fts (rowid, subject, notes) VALUES (?,?,?)",
    "event": "INSERT INTO event (id, kind, title, location, all_day, timezone, local_start,"
    " local_end, starts_at, ends_at, status, recur_freq, recur_interval, recur_count,"
    " series_ends_at, created_at, updated_at) VALUES (?,?,?,?,0,?,?,?,?,?,'planned',?,1,?,?,?,?)",
    "event_contact": "INSERT INTO event_contact (event_id, contact_id) VALUES (?,?)",
    "reminder": "INSERT INTO event_reminder (event_id, minutes_before) VALUES (?,?)",
    "task": "INSERT INTO task (title, due_date, due_at, done, done_at, priority, contact_id,"
    " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
    "deal": "INSERT INTO deal (title, contact_id, organization_id, stage_id, value_minor,"
    " currency, probability, expected_close, status, closed_at, close_reason, created_at,"
    " updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "purchase": "INSERT INTO purchase (contact_id, purchased_on, amount_minor, currency,"
    " description, created_at) VALUES (?,?,?,?,?,?)",
}


@dataclass(slots=True)
class Org:
    id: int
    name: str
    folded: str
    domain: str
    locale: vocab.Locale


@dataclass(slots=True)
class Person:
    locale: vocab.Locale
    female: bool
    given: str
    middle: str | None
    family: str
    display: str
    org: Org | None
    status: str | None
    status_id: int | None
    colleague: int = -1  # index of another person of the same organization


class GeneratorBase:
    """Shared state and helpers; the activity writers."""

    def __init__(
        self,
        rng: random.Random,
        today: date,
        progress: Progress | None,
        should_cancel: Callable[[], bool] | None,
    ) -> None:
        self.rng = rng
        self.rnd = rng.random
        self.today = today
        self.progress = progress
        self.should_cancel = should_cancel
        origin = today - timedelta(days=BACK)
        self.days = [(origin + timedelta(days=i)).isoformat() for i in range(BACK + 400)]
        self.tods = [
            f" {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}.000000"
            for s in range(WORK_START, WORK_START + WORK_SPAN)
        ]
        self.folded: dict[str, str] = {}
        self.counts: dict[str, int] = {}
        self.cbase = 0  # contact ids are cbase + 1 + the person's index

    # -- helpers ---------------------------------------------------------------

    def fold(self, text: str) -> str:
        found = self.folded.get(text)
        if found is None:
            found = self.folded[text] = fold(text)
        return found

    def day(self, offset: int) -> str:
        """ISO date ``offset`` days from today."""
        return self.days[offset + BACK]

    def stamp(self, offset: int, second: int | None = None) -> str:
        s = int(self.rnd() * 86_400) if second is None else second
        return f"{self.days[offset + BACK]} {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}.000000"

    def check(self, stage: str, done: int, total: int) -> None:
        if self.should_cancel is not None and self.should_cancel():
            raise DemoCancelled("Demo data generation was cancelled; nothing was saved.")
        if self.progress is not None:
            self.progress(stage, done, total)

    def insert(self, cur: sqlite3.Cursor, table: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            cur.executemany(_SQL[table], rows)
            self.counts[table] = self.counts.get(table, 0) + len(rows)

    def pick(self, values: Sequence[_T]) -> _T:
        """random.choice, ten times faster (and just as deterministic)."""
        return values[int(self.rnd() * len(values))]

    def between(self, low: int, high: int) -> int:
        return low + int(self.rnd() * (high - low + 1))

    def below(self, n: int) -> int:
        return int(self.rnd() * n)

    def maybe(self, p: float, values: Sequence[str]) -> str | None:
        return self.pick(values) if values and self.rnd() < p else None

    def texts(self, loc: vocab.Locale, group: str) -> tuple[str, ...]:
        """A text list in the contact's language, or in English one time in four."""
        return (vocab.ENGLISH_GB if self.rnd() < 0.25 else loc).texts[group]

    def templates(self, loc: vocab.Locale) -> list[tuple[Any, ...]]:
        """Interaction shapes for a country: picking one per row keeps the hot loop short."""
        rng, out = self.rng, []
        weights = [w for _, _, w in _KINDS]
        for _ in range(128):
            kind, group, _ = rng.choices(_KINDS, weights)[0]
            texts = self.texts(loc, group)
            subject = self.pick(texts)
            notes = self.maybe(0.6, self.texts(loc, "notes"))
            direction = None if kind == "note" else self.pick(("inbound", "outbound", "outbound"))
            span = _DURATIONS.get(kind)
            outcome = self.pick(_OUTCOMES[group]) if group in _OUTCOMES else None
            out.append((
                kind, direction, self.between(*span) if span else None, subject, notes, outcome,
                self.fold(subject), self.fold(notes) if notes else "",
            ))  # fmt: skip
        return out

    def interactions(
        self, cur: sqlite3.Cursor, people: list[Person], keys: list[int], base: int
    ) -> None:
        rnd, n = self.rnd, len(keys)
        by_country = {loc.country: self.templates(loc) for loc, _ in vocab.LOCALES}
        shapes = [by_country[p.locale.country] for p in people]
        colleague = [self.cbase + p.colleague + 1 for p in people]
        first_id, mask = self.cbase + 1, (1 << KEY_SHIFT) - 1
        size = len(shapes[0]) if shapes else 0
        days, tods = self.days[BACK - WINDOW : BACK], self.tods
        self.check("interactions", 0, n)
        for start in range(0, n, CHUNK * 2):
            rows, links, documents = [], [], []
            iid = base + start
            for key in keys[start : start + CHUNK * 2]:
                iid += 1
                i = key >> KEY_SHIFT
                day, second = divmod((key & mask) >> 1, WORK_SPAN)
                at = days[day] + tods[second]
                s = shapes[i][int(rnd() * size)]
                rows.append((iid, s[0], s[1], at, s[2], s[3], s[4], s[5], at, at))
                links.append((iid, first_id + i, at))
                if key & 1:
                    links.append((iid, colleague[i], at))
                documents.append((iid, s[6], s[7]))
            self.insert(cur, "interaction", rows)
            self.insert(cur, "link", links)
            self.insert(cur, "interaction_fts", documents)
            self.check("interactions", min(n, start + CHUNK * 2), n)

    def calendar(self, cur: sqlite3.Cursor, people: list[Person], base: int) -> None:
        """Meetings in the next six weeks (some weekly), and tasks (some overdue)."""
        rng, rnd, n = self.rng, self.rnd, len(people)
        if not n:
            return
        self.check("calendar", 0, 2)
        events, links, reminders = [], [], []
        zones: dict[str, ZoneInfo] = {}
        for e in range(min(max(n // 50, 3), 400)):
            eid, i = base + e + 1, self.below(n)
            p, loc = people[i], people[i].locale
            day = self.today + timedelta(days=self.between(1, 42))
            if day.weekday() >= 5:
                day += timedelta(days=7 - day.weekday())
            start = datetime.combine(day, time(self.between(8, 17), self.pick((0, 30))))
            end = start + timedelta(minutes=self.pick((30, 45, 60, 90)))
            kind = rng.choices(("meeting", "call", "follow_up"), (6, 3, 1))[0]
            group = {"meeting": "meet", "call": "call"}.get(kind, "task")
            title = f"{self.pick(self.texts(loc, group))} – {p.display}"
            where = self.pick((*loc.cities, "Microsoft Teams")) if kind == "meeting" else None
            zone = zones.setdefault(loc.zone, ZoneInfo(loc.zone))
            freq = count = series_end = None
            if rnd() < 0.1:
                freq = "weekly"
                if rnd() < 0.6:
                    count = self.between(4, 12)
                    series_end = to_sql(localize(end + timedelta(weeks=count - 1), zone))
            created = self.stamp(-self.between(1, 30))
            events.append((
                eid, kind, title, where, loc.zone, start.isoformat(timespec="seconds"),
                end.isoformat(timespec="seconds"), to_sql(localize(start, zone)),
                to_sql(localize(end, zone)), freq, count, series_end, created, created,
            ))  # fmt: skip
            links.append((eid, self.cbase + i + 1))
            if p.colleague >= 0 and rnd() < 0.3:
                links.append((eid, self.cbase + p.colleague + 1))
            reminders.append((eid, 15))
            if rnd() < 0.35:
                reminders.append((eid, 1440))
        self.insert(cur, "event", events)
        self.insert(cur, "event_contact", links)
        self.insert(cur, "reminder", reminders)
        tasks = []
        for _ in range(max(n // 10, 3)):
            i = self.below(n)
            r, due_date, due_at, done, done_at = rnd(), None, None, 0, None
            if r < 0.25:  # overdue
                due_date = self.day(-self.between(1, 30))
            elif r < 0.4:
                offset = -self.between(1, 90)
                due_date, done = self.day(offset), 1
                done_at = self.stamp(min(-1, offset + self.between(-3, 3)))
            elif r < 0.85:
                due_date = self.day(self.between(0, 60))
            else:
                due_at = self.stamp(self.between(1, 30), self.between(7, 16) * 3600)
            created = self.stamp(-self.between(95, 200))
            title = self.pick(self.texts(people[i].locale, "task"))
            priority = self.pick((0, 1, 2, 2, 3))
            tasks.append((title, due_date, due_at, done, done_at, priority, self.cbase + i + 1,
                          created, done_at or created))  # fmt: skip
        self.insert(cur, "task", tasks)

    def amount(self, currency: str, mu: float) -> int:
        """A plausible amount in minor units: log-normal in euros, converted, rounded nicely."""
        major = self.rng.lognormvariate(mu, 1.0) * _RATES.get(currency, 1.0)
        step = 10 ** max(0, len(str(int(major))) - 2)
        return int(max(1, round(major / step)) * step * 100)

    def sales(self, cur: sqlite3.Cursor, people: list[Person]) -> None:
        """Deals across the pipeline (open, won, lost) and purchases of customers."""
        rng, rnd, n = self.rng, self.rnd, len(people)
        if not n:
            return
        self.check("sales", 0, 2)
        stages = [(int(i), int(pr)) for i, pr in cur.execute(
            "SELECT id, probability FROM deal_stage ORDER BY position")]  # fmt: skip
        stage_weights = list(range(len(stages) + 1, 1, -1))  # more deals in early stages
        deals = []
        for _ in range(max(n // 8, 2)):
            i = self.below(n)
            p, loc = people[i], people[i].locale
            product = self.pick(loc.texts["product"])
            title = f"{product[0].upper()}{product[1:]} – {p.org.name if p.org else p.display}"
            stage_id, probability = rng.choices(stages, stage_weights)[0] if stages else (None, 0)
            r, closed, reason = rnd(), None, None
            if r < 0.6:
                status, expected = "open", self.day(self.between(7, 120))
                created = self.stamp(-self.between(1, 200))
            else:
                offset = -self.between(1, 700)
                closed, expected = self.stamp(offset), self.day(offset)
                created = self.stamp(offset - self.between(10, 120))
                if r < 0.85:
                    status, probability = "won", 100
                    stage_id = stages[-1][0] if stages else None
                    reason = self.pick(vocab.CLOSE_REASONS_WON)
                else:
                    status, probability = "lost", 0
                    reason = self.pick(vocab.CLOSE_REASONS_LOST)
            deals.append((
                title, self.cbase + i + 1, p.org.id if p.org else None, stage_id,
                self.amount(loc.currency, 8.5), loc.currency, probability, expected, status,
                closed, reason, created, closed or created,
            ))  # fmt: skip
        self.insert(cur, "deal", deals)
        cur.execute(_DEAL_HISTORY)  # each deal's "created" step, and "won"/"lost" when closed
        purchases = []
        for i, p in enumerate(people):
            if p.status in ("customer", "loyal"):
                products = p.locale.texts["product"]
                low, high = (3, 10) if p.status == "loyal" else (1, 4)
                for _ in range(self.between(low, high)):
                    offset = -self.between(1, WINDOW)
                    purchases.append((
                        self.cbase + i + 1, self.day(offset), self.amount(p.locale.currency, 5.5),
                        p.locale.currency, self.pick(products), self.stamp(offset),
                    ))  # fmt: skip
        self.insert(cur, "purchase", purchases)
        self.check("sales", 2, 2)


def interaction_counts(rng: random.Random, n: int, total: int) -> list[int]:
    """How many interactions each contact gets: very skewed, like a real CRM.

    The first contact gets 1/80 of all (>= 10,000 at 1,000,000: the
    benchmark's busy contact), the next four 1/400 each; the rest follow a
    log-normal (most have a handful, a few hundreds); one in ten has none.
    """
    counts = [0] * n
    if not n or not total:
        return counts
    heavy = [total // 80, *[total // 400] * 4][:n]
    counts[: len(heavy)] = heavy
    weights = [0.0 if rng.random() < 0.1 else rng.lognormvariate(0.0, 1.2) for _ in range(n)]
    weights[: len(heavy)] = [0.0] * len(heavy)
    left, weight_sum = total - sum(heavy), sum(weights)
    if weight_sum == 0:
        counts[0] += left
        return counts
    for i, w in enumerate(weights):
        counts[i] += int(w * left / weight_sum)
    candidates = [i for i, w in enumerate(weights) if w > 0]
    for _ in range(total - sum(counts)):
        counts[rng.choice(candidates)] += 1
    return counts
