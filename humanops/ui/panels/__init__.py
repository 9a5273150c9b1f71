"""Dock panels of the main window: layers, attribute table, feature form, marking, alerts, time."""
