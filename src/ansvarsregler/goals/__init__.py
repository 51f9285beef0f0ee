"""Goals in: the goal model and the files planners and budget tools send (YAML, JSON, CSV, XLSX)."""
