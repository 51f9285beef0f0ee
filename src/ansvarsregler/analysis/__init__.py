"""Reports that prove or assess: a rule set's outcome over every fact combination
(``check``), what a change to it does (``diff``), and whether a municipality's
leaders are ready for result responsibility (``readiness``)."""
