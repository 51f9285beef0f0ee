"""Files in general: safe YAML, YAML into pydantic models, and output written all or nothing."""
