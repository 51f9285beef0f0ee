"""Rule files: the pydantic models of rules (the one schema) and loading a rule set folder."""
