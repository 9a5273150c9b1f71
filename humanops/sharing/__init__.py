"""Sharing that is enforced: partner directory, keys, marking policy, exchange packages, audit."""
