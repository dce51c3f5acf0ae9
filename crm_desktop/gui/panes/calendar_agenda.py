"""The selected day's agenda: meetings, tasks (tick to finish) and birthdays.

A small, fully loaded list (one day), so a QListWidget is the right tool:
each item carries its kind and id; tasks are checkable.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from crm_desktop.domain.choices import EventStatus
from crm_desktop.gui import icons
from crm_desktop.gui.i18n import fmt
from crm_desktop.gui.panes.calendar_forms import kind_icon, status_labels
from crm_desktop.gui.panes.calendar_month import BIRTHDAY_COLOR, MEETING_COLOR, TASK_COLOR
from crm_desktop.services.calendar_items import Agenda, AgendaEvent, BirthdayItem
from crm_desktop.services.dto import EventOccurrence, TaskRow

KIND_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
CONTACT_ROLE = Qt.ItemDataRole.UserRole + 2
EVENT, TASK, BIRTHDAY = "event", "task", "birthday"


def time_range(occ: EventOccurrence, zone: ZoneInfo) -> str:
    start, end = occ.start.astimezone(zone), occ.end.astimezone(zone)
    if start == end:
        return start.strftime("%H:%M")
    return f"{start:%H:%M}–{end:%H:%M}"


class AgendaList(QListWidget):
    event_activated = Signal(int)
    task_activated = Signal(int)
    contact_activated = Signal(int)
    task_toggled = Signal(int, bool)
    event_menu_requested = Signal(int, QPoint)  # event id, global position

    def __init__(self, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone = zone
        self._filling = False
        self.setAccessibleName(self.tr("Agenda of the selected day"))
        self.setIconSize(QSize(18, 18))
        self.setWordWrap(True)
        self.setSpacing(1)
        self.setUniformItemSizes(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.itemActivated.connect(self.activate)
        self.itemChanged.connect(self._changed)

    # -- filling ---------------------------------------------------------------

    def set_agenda(self, agenda: Agenda) -> None:
        self._filling = True
        try:
            self.clear()
            for event in agenda.events:
                self.addItem(self._event_item(event))
            for task in agenda.tasks:
                self.addItem(self._task_item(task))
            for birthday in agenda.birthdays:
                self.addItem(self._birthday_item(birthday))
            if self.count() == 0:
                empty = QListWidgetItem(self.tr("Nothing planned for this day."))
                empty.setFlags(Qt.ItemFlag.NoItemFlags)
                self.addItem(empty)
        finally:
            self._filling = False

    def _event_item(self, event: AgendaEvent) -> QListWidgetItem:
        occ = event.occurrence
        when = self.tr("All day") if occ.all_day else time_range(occ, self.zone)
        details = [d for d in (occ.location, ", ".join(event.contact_names)) if d]
        if occ.status != EventStatus.PLANNED:
            details.append(status_labels().get(occ.status, occ.status))
        text = f"{when}   {occ.title}" + ("\n" + " · ".join(details) if details else "")
        item = QListWidgetItem(icons.icon(kind_icon(occ.kind), MEETING_COLOR.name()), text)
        item.setData(KIND_ROLE, EVENT)
        item.setData(ID_ROLE, occ.event_id)
        item.setData(CONTACT_ROLE, occ.contact_ids[0] if occ.contact_ids else 0)
        tip = [occ.title, when, *details]
        if occ.recurring:
            tip.append(self.tr("Repeats"))
        item.setToolTip("\n".join(tip))
        if occ.status in (EventStatus.CANCELLED, EventStatus.MISSED):
            font = QFont(self.font())
            font.setStrikeOut(occ.status == EventStatus.CANCELLED)
            item.setFont(font)
            item.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
        return item

    def _task_item(self, task: TaskRow) -> QListWidgetItem:
        text = task.title
        if task.due_at is not None:
            text = f"{task.due_at.astimezone(self.zone):%H:%M}   {text}"
        item = QListWidgetItem(
            icons.icon("task" if task.done else "task-open", TASK_COLOR.name()), text
        )
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if task.done else Qt.CheckState.Unchecked)
        item.setData(KIND_ROLE, TASK)
        item.setData(ID_ROLE, task.id)
        item.setData(CONTACT_ROLE, task.contact_id or 0)
        item.setToolTip(self.tr("Tick when done; double-click to edit"))
        if task.done:
            item.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
        return item

    def _birthday_item(self, birthday: BirthdayItem) -> QListWidgetItem:
        if birthday.age is not None:
            text = fmt(self.tr("%1 turns %2"), birthday.name, birthday.age)
        else:
            text = fmt(self.tr("%1's birthday"), birthday.name)
        item = QListWidgetItem(icons.icon("birthday", BIRTHDAY_COLOR.name()), text)
        item.setData(KIND_ROLE, BIRTHDAY)
        item.setData(ID_ROLE, birthday.contact_id)
        item.setData(CONTACT_ROLE, birthday.contact_id)
        item.setToolTip(self.tr("Double-click to open the contact"))
        return item

    # -- reading ---------------------------------------------------------------

    def items_of(self, kind: str) -> list[QListWidgetItem]:
        return [self.item(i) for i in range(self.count()) if self.item(i).data(KIND_ROLE) == kind]

    def texts(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())]

    def first_item(self) -> QListWidgetItem | None:
        for i in range(self.count()):
            if self.item(i).data(KIND_ROLE):
                return self.item(i)
        return None

    # -- actions ---------------------------------------------------------------

    def activate(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        kind, item_id = item.data(KIND_ROLE), item.data(ID_ROLE)
        if kind == EVENT:
            self.event_activated.emit(int(item_id))
        elif kind == TASK:
            self.task_activated.emit(int(item_id))
        elif kind == BIRTHDAY:
            self.contact_activated.emit(int(item_id))

    def _changed(self, item: QListWidgetItem) -> None:
        if self._filling or item.data(KIND_ROLE) != TASK:
            return
        self.task_toggled.emit(int(item.data(ID_ROLE)), item.checkState() == Qt.CheckState.Checked)

    def _menu(self, pos: QPoint) -> None:
        item = self.itemAt(pos)
        if item is not None and item.data(KIND_ROLE) == EVENT:
            self.setCurrentItem(item)
            self.event_menu_requested.emit(int(item.data(ID_ROLE)), self.mapToGlobal(pos))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if event.key() == Qt.Key.Key_Menu and item is not None and item.data(KIND_ROLE) == EVENT:
            rect = self.visualItemRect(item)
            self.event_menu_requested.emit(
                int(item.data(ID_ROLE)), self.viewport().mapToGlobal(rect.center())
            )
            return
        super().keyPressEvent(event)
