"""The PySide6 user interface: windows, views and Qt models over the services."""
