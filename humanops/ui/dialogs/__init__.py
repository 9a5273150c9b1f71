"""Dialogs of the main window: import, export (sharing and analysis dialogs register via extensions)."""
