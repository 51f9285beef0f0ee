"""The evaluator: runs fact combinations through the rules and remembers each decision."""
