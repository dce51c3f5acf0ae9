"""The contact editor: every field round-trips, problems show inline, nothing is lost silently."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from support.qt import wait_idle

from crm_desktop.domain.dates import PartialDate
from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.dialogs.contact_editor import ContactEditorDialog, DiscardChoice
from crm_desktop.services.dto import Address, ContactInput, ImportantDate, LabeledValue
from crm_desktop.services.registry import Services

Opener = Callable[..., ContactEditorDialog]


@pytest.fixture
def open_editor(qtbot: Any, gui_ctx: GuiContext) -> Iterator[Opener]:
    """Open an editor (new or for an id), shown and loaded; closed without prompting after."""
    opened: list[ContactEditorDialog] = []

    def open_(contact_id: int | None = None) -> ContactEditorDialog:
        dialog = ContactEditorDialog(gui_ctx, contact_id)
        opened.append(dialog)
        with qtbot.waitSignal(dialog.loaded, timeout=5000):
            dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        return dialog

    yield open_
    for dialog in opened:
        if shiboken6.isValid(dialog):
            dialog._confirm_discard = lambda: DiscardChoice.DISCARD  # type: ignore[method-assign]
            dialog.close()
    wait_idle(qtbot, gui_ctx.runner)


def save(qtbot: Any, dialog: ContactEditorDialog) -> int:
    with qtbot.waitSignal(dialog.saved, timeout=5000) as blocker:
        dialog.save_button.click()
    return int(blocker.args[0])


def leave(qtbot: Any, widget: QWidget, to: QWidget) -> None:
    """Focus ``widget``, then move to ``to``, as a user tabbing through the form."""
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    to.setFocus()
    qtbot.waitUntil(to.hasFocus)


def contact_count(services: Services) -> int:
    return len(services.contacts.ids())


def test_new_contact_with_every_field_round_trips(
    qtbot: Any, open_editor: Opener, services: Services
) -> None:
    dialog = open_editor()
    g = dialog.general
    g.given.setText("Ελένη")
    g.middle.setText("Μαρία")
    g.family.setText("Παπαδοπούλου")
    assert g.display.placeholderText() == "Ελένη Μαρία Παπαδοπούλου"
    g.display.setText("Ελένη Π.")
    g.organization.setText("Ωμέγα Α.Ε.")
    g.job_title.setText("Διευθύντρια πωλήσεων")
    g.birthday.set_value(PartialDate(2, 29))
    g.status.setCurrentIndex(g.status.findData("customer"))
    g.lead_source.setEditText("Έκθεση Θεσσαλονίκης")
    g.channel.setCurrentIndex(g.channel.findData("phone"))
    g.tags.setText("vip, Ελληνικά, vip")
    g.cadence.setValue(30)

    emails = dialog.details.emails
    emails.rows()[0].value.setText("eleni@example.gr")
    second = emails.add_row()
    second.label.set_value("home")
    second.value.setText("eleni.home@example.com")
    dialog.details.phones.rows()[0].value.setText("+30 691 234 5678")
    address = dialog.details.addresses.add_row()
    address.label.setEditText("εξοχικό")
    address.street.setText("Οδός Ερμού 12")
    address.extended.setText("3ος όροφος")
    address.postal_code.setText("105 63")
    address.city.setText("Αθήνα")
    address.region.setText("Αττική")
    address.country.setText("Ελλάδα")
    name_day = dialog.dates.list.add_row()
    name_day.label.setText("Ονομαστική εορτή")
    name_day.date.set_value(PartialDate(5, 21))
    anniversary = dialog.dates.list.add_row()
    anniversary.label.setText("Anniversary")
    anniversary.date.set_value(PartialDate(6, 12, 2010))
    dialog.notes.interests.setPlainText("Ιστιοπλοΐα\nφωτογραφία")
    dialog.notes.preferences.setPlainText("Calls after 10:00")
    dialog.notes.notes.setPlainText("Met at the fair.\nFollow up in May.")

    contact_id = save(qtbot, dialog)
    wait_idle(qtbot, dialog.ctx.runner)

    got = services.contacts.get(contact_id).to_input()
    assert got == ContactInput(
        given_name="Ελένη",
        middle_name="Μαρία",
        family_name="Παπαδοπούλου",
        display_name="Ελένη Π.",
        organization="Ωμέγα Α.Ε.",
        job_title="Διευθύντρια πωλήσεων",
        emails=(
            LabeledValue("eleni@example.gr", "work"),
            LabeledValue("eleni.home@example.com", "home"),
        ),
        phones=(LabeledValue("+30 691 234 5678", "mobile"),),
        addresses=(
            Address(
                "εξοχικό", "Οδός Ερμού 12", "3ος όροφος", "Αθήνα", "Αττική", "105 63", "Ελλάδα"
            ),
        ),
        birthday=PartialDate(2, 29),
        dates=got.dates,
        tags=("vip", "Ελληνικά"),
        lead_source="Έκθεση Θεσσαλονίκης",
        status="customer",
        preferred_channel="phone",
        interests="Ιστιοπλοΐα\nφωτογραφία",
        preferences="Calls after 10:00",
        notes="Met at the fair.\nFollow up in May.",
        stay_in_touch_days=30,
    )
    assert set(got.dates) == {
        ImportantDate("Ονομαστική εορτή", PartialDate(5, 21)),
        ImportantDate("Anniversary", PartialDate(6, 12, 2010)),
    }


def test_edit_loads_changes_and_saves(qtbot: Any, open_editor: Opener, services: Services) -> None:
    contact_id = services.contacts.create(
        ContactInput(
            given_name="Éva",
            family_name="Kovács-Szőke",
            organization="Győri Őrség Kft.",
            emails=(LabeledValue("eva@example.hu", "work"), LabeledValue("eva@otthon.hu", "home")),
            birthday=PartialDate(3, 15, 1980),
            tags=("ügyfél",),
            stay_in_touch_days=14,
        )
    ).id
    dialog = open_editor(contact_id)
    g = dialog.general
    assert dialog.windowTitle().endswith("Éva Kovács-Szőke")
    assert (g.given.text(), g.family.text(), g.display.text()) == ("Éva", "Kovács-Szőke", "")
    assert g.organization.text() == "Győri Őrség Kft."
    assert g.birthday.value() == PartialDate(3, 15, 1980)
    assert g.tags.tags() == ("ügyfél",)
    assert g.cadence.value() == 14
    assert [r.value.text() for r in dialog.details.emails.rows()] == [
        "eva@example.hu",
        "eva@otthon.hu",
    ]
    assert not dialog.is_dirty()

    g.given.setText("Évike")
    g.job_title.setText("Ügyvezető")
    g.cadence.setValue(0)  # "none"
    dialog.details.emails.remove_row(dialog.details.emails.rows()[1])
    dialog.details.phones.rows()[0].value.setText("06 30 123 4567")
    assert dialog.is_dirty()
    assert save(qtbot, dialog) == contact_id

    got = services.contacts.get(contact_id)
    assert got.given_name == "Évike"
    assert got.display_name == "Évike Kovács-Szőke"  # still derived from the name
    assert got.job_title == "Ügyvezető"
    assert got.stay_in_touch_days is None
    assert [e.address for e in got.emails] == ["eva@example.hu"]
    assert [(p.raw, p.e164) for p in got.phones] == [("06 30 123 4567", "+36301234567")]


def test_invalid_email_is_shown_next_to_it_and_save_is_refused(
    qtbot: Any, open_editor: Opener, services: Services
) -> None:
    before = contact_count(services)
    dialog = open_editor()
    dialog.general.given.setText("Anna")
    dialog.tabs.setCurrentIndex(1)
    row = dialog.details.emails.rows()[0]
    row.value.setText("anna@")
    leave(qtbot, row.value, row.label)
    assert row.error.isVisible()
    assert row.error.text() == (
        "E-mail is not a valid e-mail address: the part after @ is missing."
    )
    assert row.value.accessibleDescription() == row.error.text()

    dialog.tabs.setCurrentIndex(0)
    dialog.general.given.setFocus()
    saved: list[int] = []
    dialog.saved.connect(saved.append)
    dialog.save_button.click()
    wait_idle(qtbot, dialog.ctx.runner)
    assert saved == []
    assert contact_count(services) == before
    assert dialog.tabs.currentIndex() == 1  # taken to the bad field
    qtbot.waitUntil(row.value.hasFocus)
    assert dialog.isVisible()

    row.value.setText("anna@example.org")  # fixing it clears the message at once
    assert not row.error.isVisible()
    save(qtbot, dialog)
    assert contact_count(services) == before + 1


def test_bad_text_shows_under_the_field_when_leaving_it(qtbot: Any, open_editor: Opener) -> None:
    dialog = open_editor()
    g = dialog.general
    g.family.setText("Nagy\u202eevil")  # a bidi override disguises names
    leave(qtbot, g.family, g.display)
    error = g.targets["Family name"].label
    assert error.isVisible()
    assert "control character" in error.text()
    assert error.text().startswith("Family name ")


def test_yearless_birthday_and_29_february(
    qtbot: Any, open_editor: Opener, services: Services
) -> None:
    dialog = open_editor()
    g = dialog.general
    g.given.setText("Leap")
    g.birthday.day.setValue(29)
    g.birthday.month.setCurrentIndex(2)
    g.birthday.year.setText("2023")
    leave(qtbot, g.birthday.year, g.tags)
    error = g.targets["Birthday"].label
    assert error.text() == "Birthday is 29 February in a year that is not a leap year."
    dialog.save_button.click()
    qtbot.waitUntil(g.birthday.year.hasFocus)

    g.birthday.year.setText("")  # unknown year: 29 February is fine
    assert not error.isVisible()
    contact_id = save(qtbot, dialog)
    assert services.contacts.get(contact_id).birthday == PartialDate(2, 29)


def test_day_without_month_is_explained(qtbot: Any, open_editor: Opener) -> None:
    dialog = open_editor()
    g = dialog.general
    g.birthday.day.setValue(12)
    leave(qtbot, g.birthday.day, g.birthday.month)  # moving inside the date: no message yet
    assert not g.targets["Birthday"].label.isVisible()
    leave(qtbot, g.birthday.year, g.tags)
    assert g.targets["Birthday"].label.text() == "Birthday needs both a day and a month."


def test_birthday_reminders_default_muted_and_custom_round_trip(
    qtbot: Any, open_editor: Opener, services: Services
) -> None:
    dialog = open_editor()
    g = dialog.general
    assert g.reminders.mode.currentText() == "Default (7 and 0 days before)"
    assert g.reminders.mode.accessibleName() == "Birthday reminders"
    assert not g.reminders.days.isEnabled()
    g.given.setText("Ilka")
    g.birthday.set_value(PartialDate(5, 2))
    g.reminders.mode.setCurrentIndex(g.reminders.CUSTOM)
    assert g.reminders.days.isEnabled()
    g.reminders.days.setText("1, 7; 0 1")  # any separator; duplicates dropped
    contact_id = save(qtbot, dialog)
    got = services.contacts.get(contact_id)
    assert got.birthday_reminder_days == (7, 1, 0)

    dialog = open_editor(contact_id)
    g = dialog.general
    assert g.reminders.mode.currentIndex() == g.reminders.CUSTOM
    assert g.reminders.days.text() == "7, 1, 0"
    assert not dialog.is_dirty()
    g.reminders.mode.setCurrentIndex(g.reminders.MUTED)
    assert dialog.is_dirty() and not g.reminders.days.isEnabled()
    assert save(qtbot, dialog) == contact_id
    assert services.contacts.get(contact_id).birthday_reminder_days == ()

    dialog = open_editor(contact_id)
    g = dialog.general
    assert g.reminders.mode.currentText() == "Don't remind"
    g.reminders.mode.setCurrentIndex(g.reminders.DEFAULT)
    assert save(qtbot, dialog) == contact_id
    assert services.contacts.get(contact_id).birthday_reminder_days is None


@pytest.mark.parametrize(
    ("setting", "label", "custom"),
    [
        ((3,), "Default (3 days before)", "3"),
        ((1,), "Default (1 day before)", "1"),
        ((0,), "Default (on the day)", "0"),
        ((14, 2, 0), "Default (14, 2 and 0 days before)", "14, 2, 0"),
        ((), "Default (no reminder)", "7, 0"),
    ],
)
def test_default_birthday_choice_shows_the_users_setting(
    open_editor: Opener,
    services: Services,
    setting: tuple[int, ...],
    label: str,
    custom: str,
) -> None:
    services.reminders.set_birthday_days(setting)  # Settings > Reminders
    dialog = open_editor()
    g = dialog.general
    assert g.reminders.mode.itemText(g.reminders.DEFAULT) == label
    assert g.reminders.mode.currentText() == label
    assert not dialog.is_dirty()
    g.reminders.mode.setCurrentIndex(g.reminders.CUSTOM)
    assert g.reminders.days.text() == custom  # "Custom" starts from the default in force


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Birthday reminders needs at least one number of days, such as 7, 1, 0."),
        ("7, soon", "Birthday reminders must be whole numbers of days, separated by commas."),
        ("90", "Birthday reminders must be between 0 and 60 days before."),
        ("6 5 4 3 2 1", "Birthday reminders has too many entries (at most 5)."),
    ],
)
def test_bad_birthday_reminder_days_are_explained_and_refused(
    qtbot: Any, open_editor: Opener, services: Services, typed: str, message: str
) -> None:
    dialog = open_editor()
    g = dialog.general
    g.given.setText("Ilka")
    g.reminders.mode.setCurrentIndex(g.reminders.CUSTOM)
    g.reminders.days.setText(typed)
    leave(qtbot, g.reminders.days, g.organization)
    error = g.targets["Birthday reminders"].label
    assert error.isVisible() and error.text() == message
    dialog.save_button.click()
    qtbot.waitUntil(g.reminders.days.hasFocus)
    assert contact_count(services) == 0

    g.reminders.days.setText("3")  # fixed: the message goes away as the user types
    assert not error.isVisible()
    contact_id = save(qtbot, dialog)
    assert services.contacts.get(contact_id).birthday_reminder_days == (3,)


def test_service_error_is_shown_next_to_the_named_field(
    qtbot: Any, open_editor: Opener, services: Services
) -> None:
    dialog = open_editor()
    dialog.save_button.click()  # nothing at all: the service wants a name
    given_error = dialog.general.targets["Given name"].label
    qtbot.waitUntil(given_error.isVisible)
    assert "is required" in given_error.text()
    assert dialog.save_button.isEnabled()
    assert dialog.general.given.hasFocus()

    dialog.general.given.setText("Zsófia")
    dialog.general.status.addItem("retired", "retired")  # not a configured status
    dialog.general.status.setCurrentIndex(dialog.general.status.count() - 1)
    dialog.save_button.click()
    status_error = dialog.general.targets["Status"].label
    qtbot.waitUntil(status_error.isVisible)
    assert status_error.text().startswith("Status is not one of the configured")
    assert contact_count(services) == 0


def test_cancel_without_changes_closes_without_asking(qtbot: Any, open_editor: Opener) -> None:
    dialog = open_editor()
    asked: list[DiscardChoice] = []
    answer = DiscardChoice.KEEP_EDITING

    def confirm() -> DiscardChoice:
        asked.append(answer)
        return answer

    dialog._confirm_discard = confirm  # type: ignore[method-assign]
    dialog.reject()
    assert asked == []
    assert not dialog.isVisible()


def test_discard_prompt_keep_editing_then_discard(
    qtbot: Any, open_editor: Opener, services: Services
) -> None:
    dialog = open_editor()
    dialog.general.given.setText("Ζωή")
    choices = [DiscardChoice.KEEP_EDITING, DiscardChoice.DISCARD]
    asked: list[DiscardChoice] = []

    def confirm() -> DiscardChoice:
        asked.append(choices[len(asked)])
        return asked[-1]

    dialog._confirm_discard = confirm  # type: ignore[method-assign]
    dialog.cancel_button.click()
    assert asked == [DiscardChoice.KEEP_EDITING]
    assert dialog.isVisible()
    assert dialog.general.given.text() == "Ζωή"
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == [DiscardChoice.KEEP_EDITING, DiscardChoice.DISCARD]
    assert not dialog.isVisible()
    assert contact_count(services) == 0


def test_discard_prompt_save_saves(qtbot: Any, open_editor: Opener, services: Services) -> None:
    dialog = open_editor()
    dialog.general.given.setText("Őrs")
    dialog._confirm_discard = lambda: DiscardChoice.SAVE  # type: ignore[method-assign]
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.close()
    assert [services.contacts.get(i).given_name for i in services.contacts.ids()] == ["Őrs"]


def test_ctrl_return_saves(qtbot: Any, open_editor: Opener, services: Services) -> None:
    dialog = open_editor()
    dialog.general.given.setText("Kata")
    dialog.general.given.setFocus()
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        QTest.keyClick(dialog.general.given, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert contact_count(services) == 1


def test_consent_records_are_appended_and_listed(
    qtbot: Any, open_editor: Opener, services: Services
) -> None:
    contact_id = services.contacts.create(ContactInput(given_name="Γιώργος")).id
    dialog = open_editor(contact_id)
    panel = dialog.consent
    assert panel.record_button.isEnabled()
    assert not panel.withdraw_button.isEnabled()
    with qtbot.waitSignal(panel.recorded, timeout=5000):
        panel.record("newsletter", granted=True, method="web form", wording="Yes, send it.")
    assert panel.history.topLevelItemCount() == 1
    item = panel.history.topLevelItem(0)
    assert item is not None
    assert [item.text(c) for c in (0, 1, 3)] == ["newsletter", "granted", "web form"]
    assert panel.withdraw_button.isEnabled()

    panel.history.setCurrentItem(item)
    assert panel.selected_purpose() == "newsletter"
    with qtbot.waitSignal(panel.recorded, timeout=5000):
        panel.record("newsletter", granted=False, method="phone call")
    assert panel.history.topLevelItemCount() == 2
    decisions = {panel.history.topLevelItem(i).text(1) for i in range(2)}  # type: ignore[union-attr]
    assert decisions == {"granted", "withdrawn"}
    consents = services.contacts.get(contact_id).consents
    assert [(c.purpose, c.granted) for c in consents] == [
        ("newsletter", True),
        ("newsletter", False),
    ]
    assert not dialog.is_dirty()  # recorded at once; nothing left to save


def test_new_contact_says_consent_comes_after_the_first_save(open_editor: Opener) -> None:
    dialog = open_editor()
    panel = dialog.consent
    assert not panel.record_button.isEnabled()
    assert "after the contact is saved" in panel.info.text()


def test_deleted_contact_shows_a_clear_message(open_editor: Opener, services: Services) -> None:
    contact_id = services.contacts.create(ContactInput(given_name="Gone")).id
    services.contacts.erase([contact_id])
    dialog = open_editor(contact_id)
    assert dialog.stack.currentWidget() is dialog.status_label
    assert "no longer exists" in dialog.status_label.text()
    assert not dialog.save_button.isEnabled()


def test_rows_add_and_remove_and_keep_tab_order(qtbot: Any, open_editor: Opener) -> None:
    dialog = open_editor()
    phones = dialog.details.phones
    phones.add_button.click()
    assert len(phones.rows()) == 2
    first, second = phones.rows()
    assert focus_order(phones.add_button, [first.value, second.label, second.value])
    second.remove.click()
    assert phones.rows() == [first]
    first.remove.click()
    assert phones.rows() == []
    assert not phones.empty.isHidden()


def focus_order(start: QWidget, expected: list[QWidget], limit: int = 400) -> bool:
    """True if ``expected`` come in this order in the focus chain after ``start``."""
    seen: list[QWidget] = []
    widget = start.nextInFocusChain()
    while widget is not start and len(seen) < limit:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            seen.append(widget)
        widget = widget.nextInFocusChain()
    positions = [seen.index(w) for w in expected if w in seen]
    return len(positions) == len(expected) and positions == sorted(positions)


def test_key_fields_have_accessible_names_and_tab_order(open_editor: Opener) -> None:
    dialog = open_editor()
    g = dialog.general
    key_fields = [
        g.given,
        g.middle,
        g.family,
        g.display,
        g.birthday.day,
        g.birthday.month,
        g.birthday.year,
        g.organization,
        g.job_title,
        g.status,
        g.lead_source,
        g.channel,
        g.tags,
        g.cadence,
        dialog.notes.interests,
        dialog.notes.preferences,
        dialog.notes.notes,
        dialog.details.emails.rows()[0].value,
        dialog.details.emails.rows()[0].label,
        dialog.details.phones.rows()[0].value,
        dialog.consent.history,
    ]
    for widget in key_fields:
        assert widget.accessibleName(), widget
    assert focus_order(g.given, key_fields[1:14])
    assert QApplication.focusWidget() is g.given  # the first field has the focus on open


def test_new_contact_with_birthday_greeting_ticked_is_opted_in(
    qtbot: Any, open_editor: Opener, services: Services
) -> None:
    from crm_desktop.mail.settings import MailSettingsService

    dialog = open_editor()
    g = dialog.general
    assert not g.greet.isChecked()
    assert g.greet.accessibleName()
    assert "Consent tab" in g.greet_hint.text()
    g.given.setText("Άννα")
    g.greet.setChecked(True)
    assert dialog.is_dirty()
    contact_id = save(qtbot, dialog)
    assert MailSettingsService(services.db).greeting_opt_in(contact_id) is True


def test_editing_unticks_the_birthday_greeting(
    qtbot: Any, open_editor: Opener, services: Services
) -> None:
    from crm_desktop.mail.settings import MailSettingsService

    contact_id = services.contacts.create(ContactInput(given_name="Νίκος")).id
    settings = MailSettingsService(services.db)
    settings.set_greeting_opt_in(contact_id, True)
    dialog = open_editor(contact_id)
    assert dialog.general.greet.isChecked()
    assert not dialog.is_dirty()
    dialog.general.greet.setChecked(False)
    assert save(qtbot, dialog) == contact_id
    assert settings.greeting_opt_in(contact_id) is False


def test_greeting_hint_is_accented_while_consent_is_missing(
    qtbot: Any, open_editor: Opener, services: Services
) -> None:
    from PySide6.QtGui import QPalette

    from crm_desktop.gui.panes.timeline_labels import accent_color
    from crm_desktop.mail.greetings import CONSENT_PURPOSE

    def accented() -> bool:
        colour = hint.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
        return hint.isEnabled() and colour == accent_color()

    contact_id = services.contacts.create(ContactInput(given_name="Σοφία")).id
    dialog = open_editor(contact_id)
    g = dialog.general
    hint = g.greet_hint
    assert not g.greet_hint_warns() and not accented()
    g.greet.setChecked(True)
    assert g.greet_hint_warns() and accented()
    with qtbot.waitSignal(dialog.consent.recorded, timeout=5000):
        dialog.consent.record(CONSENT_PURPOSE, granted=True, method="signed form")
    assert not g.greet_hint_warns() and not accented()
    with qtbot.waitSignal(dialog.consent.recorded, timeout=5000):
        dialog.consent.record(CONSENT_PURPOSE, granted=False, method="phone call")
    assert g.greet_hint_warns() and accented()
    g.greet.setChecked(False)
    assert not accented()


def test_greeting_hint_is_plain_when_consent_was_already_granted(
    open_editor: Opener, services: Services
) -> None:
    from crm_desktop.mail.greetings import CONSENT_PURPOSE

    contact_id = services.contacts.create(ContactInput(given_name="Ηλίας")).id
    services.contacts.add_consent(contact_id, purpose=CONSENT_PURPOSE, granted=True)
    dialog = open_editor(contact_id)
    dialog.general.greet.setChecked(True)
    assert not dialog.general.greet_hint_warns()


def test_greeting_checkbox_comes_after_reminders_in_tab_order(open_editor: Opener) -> None:
    dialog = open_editor()
    g = dialog.general
    assert focus_order(g.birthday.year, [g.reminders.mode, g.greet, g.organization])
