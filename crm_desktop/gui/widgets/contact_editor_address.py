"""Postal addresses in the contact editor: one framed block per address."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from PySide6.QtWidgets import QFrame, QGridLayout, QLineEdit, QWidget

from crm_desktop.gui.widgets.contact_editor_fields import (
    ErrorLabel,
    FieldCheck,
    LabelCombo,
    or_none,
    remove_button,
    text_check,
    tr,
)
from crm_desktop.gui.widgets.multi_value import EditorRow, RowList
from crm_desktop.services.dto import Address

ADDRESS_LABELS = ("home", "work", "other")


class AddressRow(EditorRow):
    """Label, street, second line, postal code and city, region and country."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        frame = QFrame(self)
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        outer = QGridLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        self.label = LabelCombo(ADDRESS_LABELS, self.tr("Address label"), frame)
        self.street = self._edit(frame, self.tr("Street and number"))
        self.extended = self._edit(frame, self.tr("Address line 2"))
        self.postal_code = self._edit(frame, self.tr("Postal code"))
        self.city = self._edit(frame, self.tr("City"))
        self.region = self._edit(frame, self.tr("Region or state"))
        self.country = self._edit(frame, self.tr("Country"))
        self.remove = remove_button(self.tr("Remove address"), frame)
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        self.error = ErrorLabel(self.tr("Address"), frame)
        for narrow in (self.postal_code, self.region):
            narrow.setFixedWidth(170)

        grid = QGridLayout(frame)
        grid.setContentsMargins(8, 6, 6, 6)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.label, 0, 0)
        grid.addWidget(self.street, 0, 1, 1, 2)
        grid.addWidget(self.remove, 0, 3)
        grid.addWidget(self.extended, 1, 1, 1, 2)
        grid.addWidget(self.postal_code, 2, 1)
        grid.addWidget(self.city, 2, 2)
        grid.addWidget(self.region, 3, 1)
        grid.addWidget(self.country, 3, 2)
        grid.addWidget(self.error, 4, 1, 1, 2)
        grid.setColumnStretch(2, 1)

        self.checks = [FieldCheck(self.label, self.error, text_check(self.label, self.tr("Label")))]
        self.checks += [
            FieldCheck(edit, self.error, text_check(edit, edit.accessibleName()))
            for edit in self._parts()
        ]

    @staticmethod
    def _edit(parent: QWidget, name: str) -> QLineEdit:
        edit = QLineEdit(parent)
        edit.setPlaceholderText(name)
        edit.setAccessibleName(name)
        edit.setToolTip(name)
        return edit

    def _parts(self) -> list[QLineEdit]:
        return [self.street, self.extended, self.postal_code, self.city, self.region, self.country]

    def inputs(self) -> list[QWidget]:
        return [self.label, *self._parts(), self.remove]

    def first_input(self) -> QWidget:
        return self.street

    def state(self) -> Hashable:
        return (self.label.currentText(), *(e.text() for e in self._parts()))

    def set_address(self, address: Address) -> None:
        self.label.set_value(address.label)
        for edit, value in zip(
            self._parts(),
            (
                address.street,
                address.extended,
                address.postal_code,
                address.city,
                address.region,
                address.country,
            ),
            strict=True,
        ):
            edit.setText(value or "")

    def address(self) -> Address | None:
        street, extended, postal_code, city, region, country = (
            or_none(e.text()) for e in self._parts()
        )
        if not any((street, extended, postal_code, city, region, country)):
            return None
        return Address(
            label=self.label.value(),
            street=street,
            extended=extended,
            city=city,
            region=region,
            postal_code=postal_code,
            country=country,
        )


class AddressList(RowList[AddressRow]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            tr("Postal addresses"), tr("Add address"), tr("No postal address yet."), parent
        )

    def make_row(self) -> AddressRow:
        return AddressRow(self)

    def set_addresses(self, addresses: Sequence[Address]) -> None:
        self.clear_rows()
        for address in addresses:
            self.add_row().set_address(address)

    def addresses(self) -> tuple[Address, ...]:
        return tuple(a for row in self._rows if (a := row.address()) is not None)
