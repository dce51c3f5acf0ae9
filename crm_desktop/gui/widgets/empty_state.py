"""What a first run shows instead of an empty table: a way to start."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from crm_desktop.gui import icons


class EmptyState(QWidget):
    demo_clicked = Signal()
    new_clicked = Signal()
    import_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        picture = QLabel(self)
        picture.setPixmap(icons.icon("empty").pixmap(48, 48))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel(self.tr("No customers yet"), self)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        text = QLabel(
            self.tr(
                "Add your first contact, or look around with a database of realistic "
                "demo customers first. Everything stays on this computer."
            ),
            self,
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        new = QPushButton(icons.icon("contact-new"), self.tr("New contact"), self)
        demo = QPushButton(icons.icon("demo"), self.tr("Explore with demo data"), self)
        self.import_button = QPushButton(icons.icon("import"), self.tr("Import contacts…"), self)
        self.import_button.setToolTip(
            self.tr("Contacts from Google, Outlook, a CSV file or a phone's vCard file")
        )
        new.clicked.connect(self.new_clicked)
        demo.clicked.connect(self.demo_clicked)
        self.import_button.clicked.connect(self.import_clicked)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (picture, title, text):
            layout.addWidget(widget)
        layout.addSpacing(12)
        for button in (new, demo, self.import_button):
            button.setMinimumWidth(220)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        layout.setContentsMargins(24, 24, 24, 24)
