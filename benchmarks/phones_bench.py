"""Phone parsing and phone search keys: the library path against ``phone_fast``, per number.

Two sets of 100,000 numbers from the demo vocabulary's countries (Greece,
Hungary, Portugal, Romania, Kazakhstan, the UK, the US):

- ``import``: as ``benchmarks/import_bench.py`` writes them ("+30 210 ..."),
  parsed without a default region, as the import benchmark does;
- ``typed``: as people type them, parsed with the country as default region:
  national with the trunk prefix ("06 1 234 5678"), "+CC", "00CC", dashes,
  dots, parentheses ("(212) 555-0123"), a slash.

For each, ``parse_phone`` and then ``phone_keys`` on what it returned, the way
an import does (the parsed number handed over from ``remembering_numbers``),
and ``phone_keys`` alone from the stored E.164 (a reindex). "before" is the
library alone (``contact_points._parse_phone_reference`` and
``phone_keys._phone_keys_reference``), "after" the current code. CPU time,
best of ``--rounds`` (other processes on the machine inflate wall time).

    .venv/bin/python -m benchmarks.phones_bench [--numbers N] [--rounds R]
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable

import phonenumbers

from benchmarks.import_bench import _phone, phone_groups
from crm_desktop.domain import contact_points, phone_keys
from crm_desktop.domain.contact_points import Phone
from crm_desktop.services import demo_vocab as vocab

Case = tuple[str, str | None]


def import_numbers(count: int, seed: int = 7) -> list[Case]:
    rng = random.Random(seed)
    locales = [loc for loc, _ in vocab.LOCALES]
    weights = [w for _, w in vocab.LOCALES]
    return [(_phone(rng, rng.choices(locales, weights)[0]), None) for _ in range(count)]


def typed_numbers(count: int, seed: int = 8) -> list[Case]:
    rng = random.Random(seed)
    locales = [loc for loc, _ in vocab.LOCALES]
    weights = [w for _, w in vocab.LOCALES]
    found: list[Case] = []
    for _ in range(count):
        loc = rng.choices(locales, weights)[0]
        groups = phone_groups(rng, rng.choice(loc.phones))
        code, trunk, style = loc.calling_code, loc.trunk.strip(), rng.random()
        if style < 0.35:
            raw = (f"{trunk} " if trunk and rng.random() < 0.5 else trunk) + " ".join(groups)
        elif style < 0.5:
            raw = f"+{code} " + " ".join(groups)
        elif style < 0.6:
            raw = f"00{code} " + " ".join(groups)
        elif style < 0.7:
            raw = trunk + "-".join(groups)
        elif style < 0.8:
            raw = f"({trunk}{groups[0]}) " + " ".join(groups[1:])
        elif style < 0.9:
            raw = trunk + ".".join(groups)
        else:
            raw = f"{trunk}{groups[0]}/" + "".join(groups[1:])
        found.append((raw, loc.country))
    return found


ParseFn = Callable[..., Phone]
KeysFn = Callable[[str, str | None, phonenumbers.PhoneNumber | None], list[str]]


def _import_pass(cases: list[Case], parse: ParseFn, keys: KeysFn) -> float:
    """parse + keys per number as an import does; CPU seconds."""
    started = time.process_time()
    with contact_points.remembering_numbers():
        for raw, region in cases:
            phone = parse(raw, default_region=region)
            number = contact_points.remembered_number(phone.e164) if phone.e164 else None
            keys(phone.raw, phone.e164, number)
    return time.process_time() - started


def _split_pass(cases: list[Case], parse: ParseFn, keys: KeysFn) -> tuple[float, float, float]:
    """CPU seconds of parse alone, keys with the parsed number, keys from E.164 alone."""
    started = time.process_time()
    with contact_points.remembering_numbers():
        phones = [parse(raw, default_region=region) for raw, region in cases]
        parsed = time.process_time()
        numbers = [contact_points.remembered_number(p.e164) if p.e164 else None for p in phones]
    t0 = time.process_time()
    for p, n in zip(phones, numbers, strict=True):
        keys(p.raw, p.e164, n)
    t1 = time.process_time()
    for p in phones:
        keys(p.raw, p.e164, None)
    t2 = time.process_time()
    return parsed - started, t1 - t0, t2 - t1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--numbers", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    sides: dict[str, tuple[ParseFn, KeysFn]] = {
        "before": (contact_points._parse_phone_reference, phone_keys._phone_keys_reference),
        "after": (contact_points.parse_phone, phone_keys.phone_keys),
    }
    for name, cases in (
        ("import", import_numbers(args.numbers)),
        ("typed", typed_numbers(args.numbers)),
    ):
        best: dict[str, list[float]] = {}
        for _ in range(args.rounds):
            for side, (parse, keys) in sides.items():
                total = _import_pass(cases, parse, keys)
                parts = _split_pass(cases, parse, keys)
                found = [total, *parts]
                best[side] = [min(a, b) for a, b in zip(best.get(side, found), found, strict=True)]
        per = 1e6 / len(cases)
        print(f"{name}: {len(cases):,} numbers, us per number (CPU, best of {args.rounds})")
        print(f"  {'':8} {'parse+keys':>11} {'parse':>8} {'keys(num)':>10} {'keys(e164)':>11}")
        for side, (total, parse_s, keys_num, keys_e164) in best.items():
            print(
                f"  {side:8} {total * per:11.1f} {parse_s * per:8.1f} "
                f"{keys_num * per:10.1f} {keys_e164 * per:11.1f}"
            )
        before, after = best["before"][0], best["after"][0]
        print(f"  speed-up {before / after:.1f}x")


if __name__ == "__main__":
    main()
