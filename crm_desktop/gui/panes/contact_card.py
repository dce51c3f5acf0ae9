"""The customer card: who they are, how to reach them, and where the relationship stands.

Loaded through the runner under one key ("detail-card"), so when the user
arrows through the list only the last selection's card is drawn. The next
meeting comes in a second, later job: expanding recurring events can cost
more than the rest, and it must not hold up the timeline's first page.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLocale,
    QRect,
    QSize,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.dates import Feb29Policy, PartialDate
from crm_desktop.domain.money import format_amount
from crm_desktop.gui import icons
from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.panes.timeline_labels import accent_color
from crm_desktop.gui.plurals import ago, plurals
from crm_desktop.services.dto import ContactDetail, DealRow, EventOccurrence

CARD_KEY = "detail-card"
MEETING_KEY = "detail-next-meeting"


# -- plain-language facts (pure functions, easy to test) ---------------------------------


def day_month(month: int, day: int) -> str:
    return QLocale().toString(QDate(2000, month, day), "d MMMM")


def birthday_text(birthday: PartialDate, today: date) -> str:
    """ "12 March (turns 46)", "12 March (46 today)", or just "12 March" without a year."""
    text = day_month(birthday.month, birthday.day)
    upcoming = birthday.next_on_or_after(today, Feb29Policy.MAR_1)
    age = birthday.age_on(upcoming)
    if upcoming == today:
        if age is None:
            return QCoreApplication.translate("ContactCard", "%1 (today)").replace("%1", text)
        return (
            QCoreApplication.translate("ContactCard", "%1 (%2 today)")
            .replace("%1", text)
            .replace("%2", str(age))
        )
    if age is not None:
        text = (
            QCoreApplication.translate("ContactCard", "%1 (turns %2)")
            .replace("%1", text)
            .replace("%2", str(age))
        )
    days = (upcoming - today).days
    if days <= 14:
        text += " · " + (
            QCoreApplication.translate("ContactCard", "tomorrow")
            if days == 1
            else plurals().in_days(days)
        )
    return text


def losing_touch(detail: ContactDetail, now: datetime) -> bool:
    """No interaction within the contact's cadence (the same rule as the list filter)."""
    if detail.stay_in_touch_days is None:
        return False
    last = detail.last_contacted_at
    return last is None or (now - last) > timedelta(days=detail.stay_in_touch_days)


def open_deals_text(deals: list[DealRow]) -> str:
    if not deals:
        return ""
    totals: dict[str, int] = {}
    for deal in deals:
        totals[deal.currency] = totals.get(deal.currency, 0) + deal.value_minor
    money = " + ".join(format_amount(v, c) for c, v in sorted(totals.items()))
    return plurals().open_deals(len(deals)) + " · " + money


# -- widgets --------------------------------------------------------------------------------


class ChipRow(QWidget):
    """Status and tags as small rounded chips on one line; what does not fit becomes "+N"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chips: list[tuple[str, bool]] = []  # (text, strong)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Status and tags"))

    def set_chips(self, chips: list[tuple[str, bool]]) -> None:
        self.chips = chips
        names = ", ".join(text for text, _ in chips)
        self.setToolTip(names)
        self.setAccessibleDescription(names)
        self.setVisible(bool(chips))
        self.updateGeometry()
        self.update()

    def _font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() * 0.85, 7.0))
        return font

    def sizeHint(self) -> QSize:
        return QSize(200, QFontMetrics(self._font()).height() + 6)

    def minimumSizeHint(self) -> QSize:
        return QSize(40, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = self._font()
        painter.setFont(font)
        metrics = QFontMetrics(font)
        pal = self.palette()
        base, text = pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Text)
        accent = pal.color(QPalette.ColorRole.Highlight)
        x, h = 0, self.height() - 2
        for i, (label, strong) in enumerate(self.chips):
            width = metrics.horizontalAdvance(label) + 16
            rest = len(self.chips) - i
            more = f"+{rest}"
            if x + width > self.width() - (metrics.horizontalAdvance(more) + 16 if rest > 1 else 0):
                painter.setPen(text)
                painter.drawText(
                    QRect(x, 1, self.width() - x, h), Qt.AlignmentFlag.AlignVCenter, more
                )
                break
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(_blend(accent if strong else text, base, 0.22 if strong else 0.12))
            painter.drawRoundedRect(QRect(x, 1, width, h), h / 2, h / 2)
            painter.setPen(text)
            painter.drawText(QRect(x, 1, width, h), Qt.AlignmentFlag.AlignCenter, label)
            x += width + 4
        painter.end()


def _blend(fg: QColor, bg: QColor, amount: float) -> QColor:
    return QColor(
        round(fg.red() * amount + bg.red() * (1 - amount)),
        round(fg.green() * amount + bg.green() * (1 - amount)),
        round(fg.blue() * amount + bg.blue() * (1 - amount)),
    )


@dataclass(frozen=True, slots=True)
class CardData:
    detail: ContactDetail
    open_deals: list[DealRow]


class ContactCard(QWidget):
    edit_requested = Signal(int)
    meeting_requested = Signal(int)
    loaded = Signal(object)  # ContactDetail, or None when the contact is gone

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.contact_id = 0
        self.detail: ContactDetail | None = None
        self.setObjectName("contactCard")
        self.setAccessibleName(self.tr("Customer card"))

        self.name = QLabel(self)
        self.name.setObjectName("cardName")
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.name.setAccessibleName(self.tr("Customer name"))
        self.name.setWordWrap(True)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.name.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name.setFont(font)
        self.edit = self._button("contact-edit", self.tr("&Edit"), self.tr("Edit this customer"))
        self.edit.clicked.connect(lambda: self.edit_requested.emit(self.contact_id))
        self.meeting = self._button(
            "meeting-new", self.tr("&Meeting"), self.tr("New meeting with this customer")
        )
        self.meeting.clicked.connect(lambda: self.meeting_requested.emit(self.contact_id))
        self.mail = self._button(
            "kind-email", self.tr("E-&mail"), self.tr("Write an e-mail to this customer")
        )
        self.mail.clicked.connect(self._compose)
        self.work = self._label(self.tr("Organization and job title"))
        self.chips = ChipRow(self)
        self.reach = self._label(self.tr("E-mail and phone"))
        self.reach.setTextFormat(Qt.TextFormat.RichText)
        self.reach.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.reach.setOpenExternalLinks(True)

        self.facts = QFormLayout()
        self.facts.setContentsMargins(0, 4, 0, 0)
        self.facts.setHorizontalSpacing(12)
        self.facts.setVerticalSpacing(2)
        self.facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fact: dict[str, QLabel] = {}
        for key, label in (
            ("birthday", self.tr("Birthday")),
            ("last", self.tr("Last contacted")),
            ("touch", self.tr("Stay in touch")),
            ("meeting", self.tr("Next meeting")),
            ("deals", self.tr("Open deals")),
        ):
            value = self._label(label)
            self.fact[key] = value
            if key == "touch":
                value.setTextFormat(Qt.TextFormat.RichText)
            caption = QLabel(label + ":", self)
            caption.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            caption.setBuddy(value)
            self.facts.addRow(caption, value)

        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(self.name, 1)
        top.addWidget(self.edit, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.meeting, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.mail, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.work)
        layout.addWidget(self.chips)
        layout.addWidget(self.reach)
        layout.addLayout(self.facts)

    def _compose(self) -> None:
        """Open the e-mail composer (follow-up template) for the shown customer."""
        from crm_desktop.gui.dialogs.mail_compose import ComposeDialog

        if self.contact_id:
            ComposeDialog(self.ctx, self.contact_id, self).open()

    def _button(self, icon: str, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(icons.icon(icon))
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setAutoRaise(True)
        return button

    def _label(self, accessible: str) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setAccessibleName(accessible)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # -- loading --------------------------------------------------------------------------

    def load(self, contact_id: int) -> None:
        self.contact_id = contact_id
        ctx = self.ctx

        def job() -> CardData:
            services = ctx.services
            return CardData(
                services.contacts.get(contact_id), services.deals.list(contact_id=contact_id)
            )

        ctx.runner.run(job, self._show, self._gone, key=CARD_KEY)
        ctx.runner.run(
            lambda: ctx.services.events.upcoming_for_contact(contact_id, limit=1),
            self._show_meeting,
            lambda _exc: self._show_meeting([]),
            key=MEETING_KEY,
        )

    def _gone(self, exc: BaseException) -> None:
        self.detail = None
        self.loaded.emit(None)

    def _show(self, data: CardData) -> None:
        d = data.detail
        self.detail = d
        today = self.ctx.local_now().date()
        self.name.setText(d.display_name)
        self.setAccessibleDescription(d.display_name)
        work = " · ".join(p for p in (d.organization, d.job_title) if p)
        self.work.setText(work)
        self.work.setVisible(bool(work))
        chips = [(d.status, True)] if d.status else []
        self.chips.set_chips(chips + [(t, False) for t in d.tags])
        links = []
        if d.emails:
            address = html.escape(d.emails[0].address)
            links.append(f'<a href="mailto:{address}">{address}</a>')
        if d.phones:
            phone = d.phones[0]
            links.append(
                f'<a href="tel:{html.escape(phone.e164 or phone.raw)}">{html.escape(phone.raw)}</a>'
            )
        self.reach.setText(" &nbsp;·&nbsp; ".join(links))
        self.reach.setVisible(bool(links))
        self._set_fact("birthday", birthday_text(d.birthday, today) if d.birthday else "")
        last = d.last_contacted_at
        self._set_fact(
            "last",
            ago(last.astimezone(self.ctx.zone).date(), today) if last else self.tr("never"),
        )
        self._show_touch(d)
        self._set_fact("deals", open_deals_text(data.open_deals))
        self.loaded.emit(d)

    def _show_touch(self, d: ContactDetail) -> None:
        if d.stay_in_touch_days is None:
            self._set_fact("touch", "")
            return
        days = d.stay_in_touch_days
        every = self.tr("every day") if days == 1 else self.tr("every %n days", "", days)
        if losing_touch(d, self.ctx.now()):
            colour = accent_color(
                dark=self.palette().color(QPalette.ColorRole.Base).lightness() < 128
            )
            self._set_fact(
                "touch",
                f'<b style="color:{colour.name()}">{html.escape(self.tr("Losing touch"))}</b>'
                f" · {html.escape(every)}",
            )
        else:
            assert d.last_contacted_at is not None
            due = (d.last_contacted_at + timedelta(days=d.stay_in_touch_days)).astimezone(
                self.ctx.zone
            )
            by = self.tr("next by %1").replace("%1", day_month(due.month, due.day))
            self._set_fact("touch", html.escape(f"{every} · {by}"))

    def _show_meeting(self, found: list[EventOccurrence]) -> None:
        if not found:
            self._set_fact("meeting", "")
            return
        event = found[0]
        start = event.start.astimezone(self.ctx.zone)
        when = QDateTime(QDate(start.year, start.month, start.day), QTime(start.hour, start.minute))
        pattern = "ddd d MMM" if event.all_day else "ddd d MMM, HH:mm"
        self._set_fact("meeting", f"{QLocale().toString(when, pattern)} · {event.title}")

    def _set_fact(self, key: str, text: str) -> None:
        label = self.fact[key]
        label.setText(text)
        self.facts.setRowVisible(label, bool(text))

    def clear(self) -> None:
        self.contact_id = 0
        self.detail = None
