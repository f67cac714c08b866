"""File → Connect to a server…: the address of a shared PostgreSQL database, and its password.

The address is `postgresql://user@host[:port]/database` (libpq's `?host=/folder` for a socket);
the password, if the server asks for one, is typed apart and never stored (the next start asks
again, unless libpq's ~/.pgpass holds it). Connecting is `DatabaseSwitcher.connect_server`.

Signals: none (a QDialog: accepted when Connect is pressed).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from verkstad.i18n import _


class ConnectDialog(QDialog):
    """Asks for a server's address and password."""

    def __init__(self, parent: QWidget | None = None, address: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("connectDialog")
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.address = QLineEdit(address)
        self.address.setObjectName("serverAddress")
        self.address.setMinimumWidth(420)
        self.password = QLineEdit()
        self.password.setObjectName("serverPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.address_label, self.password_label = QLabel(), QLabel()
        self.address_label.setBuddy(self.address)
        self.password_label.setBuddy(self.password)
        form.addRow(self.address_label, self.address)
        form.addRow(self.password_label, self.password)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.connect_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.address.textChanged.connect(lambda _text: self._update())
        self.retranslate_ui()
        self._update()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Connect to a server"))
        self.intro.setText(_("A team can share one PostgreSQL database: everyone connected works on the same "
                             "programmes. Ask the server's administrator for its address."))
        self.address_label.setText(_("&Address:"))
        self.address.setPlaceholderText(_("postgresql://user@host/database"))
        self.password_label.setText(_("&Password (if asked):"))
        self.connect_button.setText(_("&Connect"))

    def _update(self) -> None:
        from verkstad.services.servers import is_server_url

        self.connect_button.setEnabled(is_server_url(self.address.text().strip()))

    def url(self) -> str:
        """The address with the password typed (if any) put in."""
        from verkstad.services.servers import with_password

        return with_password(self.address.text().strip(), self.password.text())
