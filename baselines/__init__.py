"""Baseline stance classifiers for sgpos."""
