"""The runs over many cases: `check` (batch) and `build`, each case's failure kept to that case."""
