"""Entry point of the built app (``packaging/humanops.spec``): the ``humanops`` command line.

Started with no arguments, as a double-click or a menu entry does, it opens the app:
``humanops app``. Any argument runs the CLI as ``humanops.cli:main`` does from a source install.
"""

from __future__ import annotations

import sys

from humanops.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["app"]))
