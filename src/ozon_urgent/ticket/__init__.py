"""The ticket: its Russian content, the templates that render it, and the pack folder written whole."""
