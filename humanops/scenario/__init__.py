"""Scenarios: the deterministic demo region used by `humanops demo`, tests and benchmarks."""
