"""Hostile and broken input: what ``ansvar`` guarantees, proved over a catalogue and by fuzzing.

For every input, however broken, a run of ``ansvar`` either succeeds with an
exit code the command documents (0, or 1 for unresolved goals, problems or
changes), or exits with 2 and one message on standard error that names the
file (``-`` for standard input) and, where there is one, the line, row,
item, goal, field or sheet. It never shows a Python traceback, never
crashes natively, never hangs, and stays inside a bounded memory. When it
fails, nothing is written to standard output and no output file appears;
the input files, and every other file in their folder, are byte for byte as
they were, and no temporary file is left behind.

``contract.py`` is that promise as one check with two runners (in-process
for speed and fuzzing, a real subprocess under ``prlimit --as`` for bombs);
``catalogue.py`` names the hostile inputs per reader; the ``test_*`` files
run the catalogue, the ``ansvar draft`` dialogue and Hypothesis fuzzing of
every reader through the check. Hostile files are generated in temporary
folders, never committed.
"""
