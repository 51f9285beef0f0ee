"""A municipality's own setup: its profile (delegation, budget allocation, leader
agreements), what the profile adds to a classification, and its leadership rules."""
