"""Hostile and broken input through one contract check: see docs/limits.md, "How this is kept".

``contract.py`` is the check with its two runners (in-process for speed and
fuzzing, the installed ``ansvar`` under ``prlimit`` for bombs);
``catalogue.py`` names the hostile inputs per reader and ``inputs.py`` the
valid ones they break; the ``test_*`` files run the catalogue, the
``ansvar draft`` dialogue, inputs that are not regular files, and
Hypothesis fuzzing of every reader through the check.
"""
