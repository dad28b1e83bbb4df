"""The case file: reading it safely, its model and schema, the skeleton `init` writes, finding files."""
