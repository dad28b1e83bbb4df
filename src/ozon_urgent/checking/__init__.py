"""Checking one case: load, validate, run every check; and the findings only a batch of cases can make."""
