"""Sharing in the desktop app: own identity, partners and keys, sending and receiving
packages, conflicts, the audit log and the "what could I send to…" map filter.

Everything here calls the engine in ``humanops.sharing``; nothing decides about sharing on
its own. ``extension`` registers the menu, the panel and the toolbar with the main window.
"""
