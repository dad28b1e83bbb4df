"""The test kit: helpers tests share, imported by name; conftest.py keeps only fixtures and hooks."""
