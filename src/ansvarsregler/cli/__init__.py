"""The ``ansvar`` command: thin click front ends over the library."""

from ansvarsregler.cli.commands import main
from ansvarsregler.cli.documents import report_command

main.add_command(report_command)

__all__ = ["main"]
