"""Greenhouse telemetry collector: calibration, spooling, dedupe, aggregation."""
