"""The ``ansvar`` command: thin click front ends over the library."""

from ansvarsregler.cli.main import main

__all__ = ["main"]
