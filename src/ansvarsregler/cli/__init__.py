"""The ``ansvar`` command: thin click front ends over the library."""

from ansvarsregler.cli.commands import main
from ansvarsregler.cli.documents import (
    arshjul_command,
    lederavtaler_command,
    report_command,
    resultater_command,
)

main.add_command(report_command)
main.add_command(lederavtaler_command)
main.add_command(resultater_command)
main.add_command(arshjul_command)

__all__ = ["main"]
