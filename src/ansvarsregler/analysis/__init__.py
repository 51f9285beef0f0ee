"""Proving a rule set: its outcome over every fact combination (``check``) and
what a change does (``diff``)."""
