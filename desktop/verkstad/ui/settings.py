"""User preferences: declared once here, stored in QSettings, edited in a dialog built from the list."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from verkstad.i18n import LANGUAGES, N_, _, current_language
from verkstad.ui import mnemonics


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: object
    title: str  # N_ marked
    choices: tuple[tuple[str, str], ...] = ()  # (value, label shown as is)


SETTINGS = (
    Setting("interface/language", str, "en", N_("Interface language"), tuple(LANGUAGES.items())),
    Setting("start/open_last_programme", bool, True, N_("Open the last programme at startup")),
)
LAST_PROGRAMME = "state/last_programme"


def get(settings: QSettings, name: str):
    spec = next(s for s in SETTINGS if s.name == name)
    value = settings.value(name, spec.default)
    if spec.type is bool:
        return value in (True, "true", "1", 1)
    value = spec.type(value)
    if spec.choices and value not in dict(spec.choices):
        return spec.default
    return value


def shown(settings: QSettings, name: str):
    """What the dialog shows for a setting: the stored value, but for the interface language the
    one in use (a start with `--lang` uses one it does not store)."""
    return current_language() if name == "interface/language" else get(settings, name)


class SettingsDialog(QDialog):
    """The preferences, one editor per declared setting; OK stores the ones the user changed."""

    def __init__(self, settings: QSettings, parent=None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.editors: dict[str, QCheckBox | QComboBox] = {}
        self._labels: dict[str, QLabel] = {}
        form = QFormLayout()
        for spec in SETTINGS:
            editor: QCheckBox | QComboBox
            if spec.type is bool:
                editor = check = QCheckBox()
                check.setChecked(shown(settings, spec.name))
            else:
                editor = combo = QComboBox()
                for value, label in spec.choices:
                    combo.addItem(label, value)
                combo.setCurrentIndex(combo.findData(shown(settings, spec.name)))
            editor.setObjectName(spec.name.replace("/", "_"))
            self.editors[spec.name] = editor
            self._labels[spec.name] = QLabel()
            form.addRow(self._labels[spec.name], editor)
        self._initial = self.values()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        mnemonics.keep(self, letters=False)  # accessible names; the button box has Qt's letters

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Settings"))
        for spec in SETTINGS:
            self._labels[spec.name].setText(_(spec.title) + ":")

    def values(self) -> dict:
        out = {}
        for spec in SETTINGS:
            editor = self.editors[spec.name]
            out[spec.name] = editor.isChecked() if isinstance(editor, QCheckBox) else editor.currentData()
        return out

    def store(self) -> None:
        for name, value in self.values().items():
            if value != self._initial[name]:
                self.settings.setValue(name, value)
        self.settings.sync()
