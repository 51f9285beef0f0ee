"""A municipality's own setup: its profile, its leadership rules, and whether its
leaders are ready for result responsibility."""
