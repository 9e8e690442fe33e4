"""Benchmarks that measure newstrace against the reference data in ``../shared``."""
