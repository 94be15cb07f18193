"""``python -m bot`` is the same as the ``karierbot`` command."""

from bot.cli import main

raise SystemExit(main())
