"""Demo data: a realistic, deterministic CRM in an empty database, fast.

Why raw ``executemany`` in one transaction: ORM objects per row import ~2,000
contacts/s (FIELD_NOTES); tuples reach 100,000 contacts and 1,000,000
interactions in well under a minute, and one transaction means a cancelled
or failed run leaves the database exactly as it was. The search index rows
are built here with the same folding as :mod:`crm_desktop.storage.search_index`
(each distinct name is folded once). Instants are written in the text form of
SQLAlchemy's ``UTCDateTime`` (:func:`crm_desktop.services.sqltime.to_sql`).
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

from crm_desktop.domain.text import fold
from crm_desktop.services import demo_vocab as vocab
from crm_desktop.services.demo_activity import (
    BACK,
    CHUNK,
    KEY_SHIFT,
    WINDOW,
    WORK_SPAN,
    DemoCancelled,
    GeneratorBase,
    Org,
    Person,
    Progress,
    interaction_counts,
)
from crm_desktop.storage import search_index
from crm_desktop.storage.database import Database

__all__ = ["DemoCancelled", "DemoSummary", "generate_demo"]


@dataclass(frozen=True, slots=True)
class DemoSummary:
    contacts: int
    organizations: int
    interactions: int
    interaction_links: int
    events: int
    tasks: int
    deals: int
    purchases: int
    busiest_contact_id: int | None  # the contact with the most interactions
    busiest_contact_interactions: int


_STATUS_WEIGHTS = {"lead": 25, "prospect": 20, "customer": 30, "loyal": 15, "inactive": 10}
_SOURCE_WEIGHTS = (25, 20, 8, 15, 10, 6, 8, 5, 3, 6, 4, 3)
_LEAP_DAYS = [(d.month, d.day) for d in (date(2000, 1, 1) + timedelta(i) for i in range(366))]


def generate_demo(
    db: Database,
    *,
    contacts: int,
    interactions: int,
    seed: int = 1,
    today: date | None = None,
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> DemoSummary:
    """Fill an empty database with ``contacts`` people and ``interactions`` past interactions.

    All or nothing: one IMMEDIATE transaction, rolled back on error or when
    ``should_cancel()`` returns True (then :class:`DemoCancelled` is raised).
    The same seed and ``today`` give the same data.
    """
    if contacts < 0 or interactions < 0:
        raise ValueError("The numbers of contacts and interactions cannot be negative.")
    if interactions and not contacts:
        raise ValueError("Interactions need contacts: ask for at least one contact.")
    gen = _Generator(random.Random(seed), today or date.today(), progress, should_cancel)
    with db.write() as session:
        dbapi = session.connection().connection.dbapi_connection
        cur = cast(sqlite3.Connection, dbapi).cursor()
        if cur.execute("SELECT 1 FROM contact LIMIT 1").fetchone() is not None:
            raise ValueError(
                "Demo data can only be generated into an empty database; this one already "
                "has contacts. Create a new database for the demo."
            )
        cache = int(cur.execute("PRAGMA cache_size").fetchone()[0])
        cur.execute(
            "PRAGMA cache_size=-1000000"
        )  # 256 MB: index pages stay in memory while loading
        try:
            return gen.run(cur, contacts, interactions)
        finally:
            cur.execute(f"PRAGMA cache_size={cache}")


def ascii_name(folded: str) -> str:
    """Folded Latin, Greek or Kazakh text as ASCII letters and digits, for e-mail addresses."""
    for pair, latin in vocab.TRANSLIT_PAIRS:
        folded = folded.replace(pair, latin)
    out = []
    for ch in folded:
        if "a" <= ch <= "z" or "0" <= ch <= "9":
            out.append(ch)
        else:
            out.append(vocab.TRANSLIT.get(ch, "").strip("_"))
    return "".join(out)


class _Generator(GeneratorBase):
    # -- the run ---------------------------------------------------------------

    def run(self, cur: sqlite3.Cursor, n_contacts: int, n_interactions: int) -> DemoSummary:
        self.check("organizations", 0, 1)
        ids = {
            t: int(cur.execute(f"SELECT coalesce(max(id), 0) FROM {t}").fetchone()[0])
            for t in ("organization", "contact", "interaction", "event")
        }
        self.cbase = ids["contact"]
        orgs = self.organizations(cur, n_contacts, ids["organization"])
        people = self.people(cur, n_contacts, orgs)
        counts = interaction_counts(self.rng, n_contacts, n_interactions)
        keys, first, last = self.plan(people, counts)
        self.contacts(cur, people, first, last)
        self.interactions(cur, people, keys, ids["interaction"])
        self.calendar(cur, people, ids["event"])
        self.sales(cur, people)
        busiest = max(range(n_contacts), key=counts.__getitem__, default=None)
        return DemoSummary(
            contacts=n_contacts,
            organizations=len(orgs),
            interactions=len(keys),
            interaction_links=self.counts.get("link", 0),
            events=self.counts.get("event", 0),
            tasks=self.counts.get("task", 0),
            deals=self.counts.get("deal", 0),
            purchases=self.counts.get("purchase", 0),
            busiest_contact_id=None if busiest is None else self.cbase + busiest + 1,
            busiest_contact_interactions=0 if busiest is None else counts[busiest],
        )

    def organizations(self, cur: sqlite3.Cursor, n_contacts: int, base: int) -> list[Org]:
        rng, total = self.rng, min(max(n_contacts // 40, 2 * len(vocab.LOCALES)), 400)
        weight_sum = sum(w for _, w in vocab.LOCALES)
        orgs: list[Org] = []
        rows = []
        for loc, weight in vocab.LOCALES:
            combos = [(r, k) for r in loc.org_roots for k in loc.org_kinds]
            rng.shuffle(combos)
            for root, kind in combos[: max(2, total * weight // weight_sum)]:
                word, _, industry = kind.partition(":")
                name = loc.org_pattern.format(root=root, kind=word, form=self.pick(loc.org_forms))
                domain = ascii_name(fold(loc.org_pattern.format(root=root, kind=word, form="")))
                org = Org(base + len(orgs) + 1, name, fold(name), f"{domain}.{loc.tld}", loc)
                orgs.append(org)
                created = self.stamp(-self.between(WINDOW, BACK - 100))
                rows.append((
                    org.id, name, " ".join(org.folded.split()), f"https://www.{org.domain}",
                    industry, self.street(loc), self.pick(loc.cities), self.postal(loc),
                    loc.country_name, created, created,
                ))  # fmt: skip
        self.insert(cur, "organization", rows)
        return orgs

    def street(self, loc: vocab.Locale) -> str:
        street, number = self.pick(loc.streets), self.between(1, 180)
        return f"{number} {street}" if loc.code == "en" else f"{street} {number}"

    def postal(self, loc: vocab.Locale) -> str:
        return "".join(
            str(self.between(1, 9)) if ch == "#" else self.pick("ABEHLMNPRSTW") if ch == "A" else ch
            for ch in loc.postal
        )

    def people(self, cur: sqlite3.Cursor, n: int, orgs: list[Org]) -> list[Person]:
        rng, rnd = self.rng, self.rnd
        statuses = cur.execute("SELECT id, name FROM relationship_status").fetchall()
        status_weights = [_STATUS_WEIGHTS.get(name, 5) for _, name in statuses]
        by_country: dict[str, list[Org]] = {}
        for firm in orgs:
            by_country.setdefault(firm.locale.country, []).append(firm)
        locales = rng.choices([loc for loc, _ in vocab.LOCALES], [w for _, w in vocab.LOCALES], k=n)
        people: list[Person] = []
        members: dict[int, list[int]] = {}
        for i, loc in enumerate(locales):
            female = rnd() < 0.5
            given = self.pick(loc.given_f if female else loc.given_m)
            family = vocab.gendered(self.pick(loc.family), female)
            middle = self.maybe(0.35, loc.middle_f if female else loc.middle_m)
            if loc.family_first:
                display = f"{family} {given}"
            else:
                display = f"{given} {middle} {family}" if middle else f"{given} {family}"
            org: Org | None = self.pick(by_country[loc.country]) if rnd() < 0.7 else None
            status = rng.choices(statuses, status_weights)[0] if statuses else None
            people.append(
                Person(loc, female, given, middle, family, display, org,
                        status[1] if status else None, status[0] if status else None)
            )  # fmt: skip
            if org is not None:
                members.setdefault(org.id, []).append(i)
        for group in members.values():
            if len(group) > 1:
                for i in group:
                    other = self.pick(group)
                    people[i].colleague = other if other != i else -1
        return people

    def plan(
        self, people: list[Person], counts: list[int]
    ) -> tuple[list[int], list[int], list[int]]:
        """Interaction keys ``person << KEY_SHIFT | time << 1 | with colleague``, sorted,
        and each person's first and last interaction time (-1: none).

        Contact-major order makes the timeline index and the link table's
        primary key grow at their ends: twice as fast as inserting by time.
        """
        rnd, span = self.rnd, WINDOW * WORK_SPAN
        keys: list[int] = []
        add = keys.append
        for i, k in enumerate(counts):
            high = i << KEY_SHIFT
            if people[i].colleague < 0:
                for _ in range(k):
                    add(high | int(rnd() * span) << 1)
            else:
                for _ in range(k):
                    add(high | int(rnd() * span) << 1 | (rnd() < 0.04))
        keys.sort()
        first, last, mask = [-1] * len(people), [-1] * len(people), (1 << KEY_SHIFT) - 1
        for order, target in ((keys, last), (reversed(keys), first)):
            for key in order:
                target[key >> KEY_SHIFT] = (key & mask) >> 1
        for key in keys:
            if key & 1:
                other, t = people[key >> KEY_SHIFT].colleague, (key & mask) >> 1
                last[other] = max(last[other], t)
                first[other] = t if first[other] < 0 else min(first[other], t)
        return keys, first, last

    def contacts(
        self, cur: sqlite3.Cursor, people: list[Person], first: list[int], last: list[int]
    ) -> None:
        rng, rnd, n = self.rng, self.rnd, len(people)
        tags = self.tags(cur)
        sources = self.lead_sources(cur)
        source_weights = _SOURCE_WEIGHTS[: len(sources)] or None
        rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in _CONTACT_TABLES}
        for i, p in enumerate(people):
            cid, loc = self.cbase + i + 1, p.locale
            title = None
            if p.org is not None and rnd() < 0.8:
                title = vocab.gendered(self.pick(loc.titles), p.female)
            month = day = year = None
            if i == 2 or rnd() < 0.85:  # contact 3 is a leap-day birthday: there is always one
                forced = i == 2 or rnd() < 0.01
                month, day = (2, 29) if forced else _LEAP_DAYS[int(rnd() * 366)]
                leap = (month, day) == (2, 29)  # drawn from the calendar too, 1 day in 366
                if i == 2 or rnd() < 0.8:
                    year = self.today.year - self.between(20, 75)
                    if leap:
                        year -= (
                            year % 4
                        )  # a leap year (2000 is one; 1900 and 2100 are not in range)
            notes = self.maybe(0.2, loc.texts["contact"])
            interests = ", ".join(rng.sample(vocab.INTERESTS, 2)) if rnd() < 0.15 else None
            preferences = "No calls before 10:00." if rnd() < 0.05 else None
            created_day = (
                first[i] // WORK_SPAN - WINDOW - self.between(1, 60)
                if first[i] >= 0
                else -self.between(1, WINDOW)
            )
            created = self.stamp(created_day)
            last_at = self.interaction_time(last[i]) if last[i] >= 0 else None
            rows["contact"].append((
                cid, p.given, p.middle, p.family, p.display, self.sort_key(p),
                p.org.id if p.org else None, title, month, day, year,
                rng.choices(sources, source_weights)[0] if sources and rnd() < 0.6 else None,
                p.status_id, self.maybe(0.3, vocab.CHANNELS), interests, preferences, notes,
                self.pick((14, 30, 60, 90, 180)) if rnd() < 0.2 else None,
                last_at, created, last_at or created,
            ))  # fmt: skip
            emails = self.emails(rows["email"], cid, p)
            phones = self.phones(rows["phone"], cid, loc)
            if rnd() < 0.35:
                label = "work" if p.org and rnd() < 0.5 else "home"
                city = self.pick(loc.cities)
                address = (cid, label, self.street(loc), city, self.postal(loc), loc.country_name)
                rows["address"].append(address)
            for _ in range(self.pick((0, 0, 0, 0, 0, 0, 1, 1, 1, 2))):
                label = self.pick(vocab.DATE_LABELS[: 3 if loc.code in ("el", "hu") else 2])
                m, d = _LEAP_DAYS[int(rnd() * 366)]
                known = self.between(1995, self.today.year - 1) if rnd() < 0.6 else None
                rows["date"].append((cid, label, m, d, 2016 if (m, d) == (2, 29) else known))
            tag_names = []
            for tag_id, tag_name in rng.sample(tags, self.pick((0, 0, 0, 1, 1, 2, 3))):
                rows["tag"].append((tag_id, cid))
                tag_names.append(tag_name)
            if rnd() < 0.3:
                self.consents(rows["consent"], cid, created_day)
            rows["contact_fts"].append((
                cid,
                " ".join(self.fold(x) for x in (p.display, p.given, p.middle, p.family, title)
                         if x),
                p.org.folded if p.org else "",
                " ".join(emails),
                " ".join(dict.fromkeys(phones)),
                " ".join(tag_names),
                " ".join(self.fold(x) for x in (notes, interests, preferences) if x),
            ))  # fmt: skip
            if (i + 1) % CHUNK == 0 or i + 1 == n:
                for table in _CONTACT_TABLES:
                    self.insert(cur, table, rows[table])
                    rows[table].clear()
                self.check("contacts", i + 1, n)

    def sort_key(self, p: Person) -> str:
        return self.fold(p.display)  # names hold single spaces, so this is text.sort_key

    def ascii(self, name: str) -> str:
        found = self.folded.get("\0" + name)
        if found is None:
            found = self.folded["\0" + name] = ascii_name(self.fold(name))
        return found

    def interaction_time(self, t: int) -> str:
        day, second = divmod(t, WORK_SPAN)
        return self.days[BACK - WINDOW + day] + self.tods[second]

    def emails(self, rows: list[tuple[Any, ...]], cid: int, p: Person) -> list[str]:
        rnd = self.rnd
        if rnd() < 0.08:
            return []
        given, family = self.ascii(p.given), self.ascii(p.family)
        style = rnd()
        local = (
            f"{given}.{family}" if style < 0.6
            else f"{given[0]}{family}" if style < 0.8
            else f"{given}{family}{self.between(1, 99)}"
        )  # fmt: skip
        found = []
        if p.org is not None and rnd() < 0.7:
            found.append((f"{local}@{p.org.domain}", "work"))
        if not found or rnd() < 0.15:
            domain = self.pick(p.locale.mail_domains)
            found.append((f"{given}.{family}{self.between(1, 999)}@{domain}", "personal"))
        for position, (address, label) in enumerate(found):
            rows.append((cid, label, address, address, position))
        return [address for address, _ in found]

    def phones(self, rows: list[tuple[Any, ...]], cid: int, loc: vocab.Locale) -> list[str]:
        """Write the contact's phones; return their search keys (``search_index.phone_keys``)."""
        rnd, keys = self.rnd, []
        count = 0 if rnd() < 0.1 else 2 if rnd() < 0.25 else 1
        for position in range(count):
            plan = loc.phones[0] if position == 0 else self.pick(loc.phones)
            lead = self.pick(plan.pattern)
            rest = plan.length - len(lead) - 1
            nsn = f"{lead}{self.between(2, 9)}{self.below(10**rest):0{rest}d}"
            groups, start = [], 0
            for size in plan.groups:
                groups.append(nsn[start : start + size])
                start += size
            code, r = loc.calling_code, rnd()
            if r < 0.3 and loc.country == "US":
                raw = f"({groups[0]}) {groups[1]}-{groups[2]}"
            elif r < 0.3:
                raw = loc.trunk + " ".join(groups)
            elif r < 0.8:
                raw = f"+{code} " + " ".join(groups)
            elif r < 0.9:
                raw = f"00{code} " + " ".join(groups)
            else:
                raw = f"+{code}-" + "-".join(groups)
            e164 = f"+{code}{nsn}"
            rows.append((cid, plan.label, raw, e164, position))
            keys += search_index.phone_keys(raw, e164)
        return keys

    def consents(self, rows: list[tuple[Any, ...]], cid: int, created_day: int) -> None:
        purpose, method, wording = self.pick(vocab.CONSENT_PURPOSES)
        day = min(-1, created_day + self.between(0, 30))
        rows.append((cid, purpose, 1, self.stamp(day, self.between(8, 11) * 3600), method, wording))
        if self.rnd() < 0.15:  # withdrawn later: a second record, never an edit
            withdrawn = self.stamp(self.between(day, -1), self.between(12, 17) * 3600)
            rows.append((cid, purpose, 0, withdrawn, "e-mail", "Asked to be removed."))

    def tags(self, cur: sqlite3.Cursor) -> list[tuple[int, str]]:
        """(id, folded name) of the demo tags, creating those that are missing."""
        folded = [fold(t).strip() for t in vocab.TAGS]
        cur.executemany(
            "INSERT OR IGNORE INTO tag (name, folded) VALUES (?, ?)",
            zip(vocab.TAGS, folded, strict=True),
        )
        marks = ",".join("?" * len(folded))
        sql = f"SELECT id, name FROM tag WHERE folded IN ({marks}) ORDER BY id"
        return [(int(i), fold(str(n))) for i, n in cur.execute(sql, folded)]  # folded for FTS

    def lead_sources(self, cur: sqlite3.Cursor) -> list[int]:
        ids = []
        created = self.stamp(-WINDOW - 30)
        for name, channel, cost, currency, back, length in vocab.LEAD_SOURCES:
            cur.execute(
                "INSERT OR IGNORE INTO lead_source (name, channel, cost_minor, currency,"
                " starts_on, ends_on, created_at) VALUES (?,?,?,?,?,?,?)",
                (
                    name, channel, cost * 100 if cost else None, currency if cost else None,
                    self.day(-back) if back else None, self.day(length - back) if back else None,
                    created,
                ),
            )  # fmt: skip
            row = cur.execute("SELECT id FROM lead_source WHERE name = ?", (name,)).fetchone()
            ids.append(int(row[0]))
        return ids


_CONTACT_TABLES = ("contact", "email", "phone", "address", "date", "tag", "consent", "contact_fts")
