"""Phrases with a number in them, translated with plural forms.

``pyside6-lupdate`` marks a message as plural ("numerus") only for
``self.tr(text, "", n)`` inside a class, not for
``QCoreApplication.translate(..., n)``; so every counted phrase that code
outside a QObject needs lives here, as a method of one QObject.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject


class _Plurals(QObject):
    def days_ago(self, n: int) -> str:
        return self.tr("%n day(s) ago", "", n)

    def weeks_ago(self, n: int) -> str:
        return self.tr("%n week(s) ago", "", n)

    def months_ago(self, n: int) -> str:
        return self.tr("%n month(s) ago", "", n)

    def years_ago(self, n: int) -> str:
        return self.tr("%n year(s) ago", "", n)

    def in_days(self, n: int) -> str:
        return self.tr("in %n day(s)", "", n)

    def default_days_before(self, n: int) -> str:
        """The contact editor's "Default" birthday choice for one lead day."""
        return self.tr("Default (%n day(s) before)", "", n)

    def open_deals(self, n: int) -> str:
        return self.tr("%n open", "", n)

    def today(self) -> str:
        return self.tr("today")

    def yesterday(self) -> str:
        return self.tr("yesterday")


_instance: _Plurals | None = None


def plurals() -> _Plurals:
    global _instance
    if _instance is None:
        _instance = _Plurals()
    return _instance


def ago(then: date, today: date) -> str:
    """ "today", "3 days ago", "5 weeks ago", "7 months ago": what a salesperson scans for."""
    days = (today - then).days
    words = plurals()
    if days <= 0:
        return words.today()
    if days == 1:
        return words.yesterday()
    if days < 14:
        return words.days_ago(days)
    if days < 60:
        return words.weeks_ago(days // 7)
    if days < 730:
        return words.months_ago(days // 30)
    return words.years_ago(days // 365)
