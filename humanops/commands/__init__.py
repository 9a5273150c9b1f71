"""Subcommands of the ``humanops`` CLI, one module per area (see ``humanops.cli``)."""
