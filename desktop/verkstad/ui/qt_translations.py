"""Qt's own strings (dialog buttons, context menus) in the interface language.

PySide6 ships qtbase_da/sv/fi.qm but no Bokmål catalog, so Verkstad supplies the
Bokmål words of the standard buttons itself (context QPlatformTheme and friends).
One translator object stays installed; switching the language swaps what it serves.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QTranslator

# Qt's standard button and editing texts, in Norwegian Bokmål.
BOKMAAL = {
    "OK": "OK",
    "&OK": "&OK",
    "Cancel": "Avbryt",
    "&Cancel": "&Avbryt",
    "Save": "Lagre",
    "&Save": "&Lagre",
    "Save All": "Lagre alle",
    "Open": "Åpne",
    "&Open": "&Åpne",
    "Close": "Lukk",
    "&Close": "&Lukk",
    "Apply": "Bruk",
    "Reset": "Tilbakestill",
    "Help": "Hjelp",
    "Discard": "Forkast",
    "Don't Save": "Ikke lagre",
    "Close without Saving": "Lukk uten å lagre",
    "&Yes": "&Ja",
    "&No": "&Nei",
    "Yes": "Ja",
    "No": "Nei",
    "Yes to &All": "Ja til &alle",
    "N&o to All": "N&ei til alle",
    "Abort": "Avbryt",
    "Retry": "Prøv igjen",
    "Ignore": "Ignorer",
    "Restore Defaults": "Gjenopprett standardverdier",
    "&Undo": "&Angre",
    "&Redo": "&Gjør om",
    "Cu&t": "Klipp &ut",
    "&Copy": "&Kopier",
    "&Paste": "&Lim inn",
    "Delete": "Slett",
    "Select All": "Merk alt",
    "&Delete": "&Slett",
    "Choose": "Velg",
    "Look in:": "Se i:",
    "File &name:": "Fil&navn:",
    "Files of type:": "Filtype:",
    "Back": "Tilbake",
    "Forward": "Fremover",
    "Parent Directory": "Overordnet mappe",
    "Create New Folder": "Opprett ny mappe",
    "Detail View": "Detaljvisning",
    "List View": "Listevisning",
    # Qt's own file dialog (QFileDialog) and its file list (QFileSystemModel): the dialog
    # showed "Look in", "Files of type", "Name", "Size" and "Date Modified" in English.
    "&Look in:": "&Se i:",
    "Files of &type:": "Fil&type:",
    "&Choose": "&Velg",
    "&Rename": "&Gi nytt navn",
    "Show &hidden files": "Vis &skjulte filer",
    "&New Folder": "&Ny mappe",
    "New Folder": "Ny mappe",
    "Recent Places": "Nylig brukte steder",
    "Name": "Navn",
    "Size": "Størrelse",
    "Type": "Type",
    "Date Modified": "Endret",
    "Kind": "Type",
    "Computer": "Datamaskin",
    "My Computer": "Min datamaskin",
    "Folder": "Mappe",
    "File": "Fil",
    "Drive": "Stasjon",
    "Unknown": "Ukjent",
    "All Files (*)": "Alle filer (*)",
    "Directory:": "Mappe:",
    "File name:": "Filnavn:",
}
# The file dialog's two labels that Qt's own da, sv and fi catalogs lack (qfiledialog.ui's
# "&Look in:" and "Files of &type:"; the catalogs have only the forms without the mnemonic).
MISSING = {
    "da": {"&Look in:": "&Søg i:", "Files of &type:": "Fil&typer:"},
    "sv": {"&Look in:": "&Leta i:", "Files of &type:": "Fil&typ:"},
    "fi": {"&Look in:": "&Sijainti:", "Files of &type:": "Tiedosto&tyyppi:"},
}
BOKMAAL_CONTEXTS = {"QPlatformTheme", "QDialogButtonBox", "QMessageBox", "QLineEdit",
                    "QWidgetTextControl", "QFileDialog", "QFileSystemModel", "QGnomeTheme", "QShortcut"}


class QtTranslator(QTranslator):
    """Serves Qt's catalog for the current language; Bokmål from the table above."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._language = "en"  # not `language`: that is QTranslator's own method
        self._qm: QTranslator | None = None

    def set_language(self, language: str) -> None:
        self._language = language
        self._qm = None
        if language in ("da", "sv", "fi"):
            qm = QTranslator(self)
            if qm.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                self._qm = qm

    def translate(self, context, source_text, disambiguation=None, n=-1):
        """The translation, or None (a null QString) so Qt falls back to its English text;
        an empty string would blank the text out."""
        if self._language == "nb":
            return BOKMAAL.get(source_text) if context in BOKMAAL_CONTEXTS else None
        if self._qm is not None:
            return (self._qm.translate(context, source_text, disambiguation, n)
                    or (MISSING.get(self._language, {}).get(source_text) if context == "QFileDialog" else None)
                    or None)
        return None

    def isEmpty(self) -> bool:
        return False
