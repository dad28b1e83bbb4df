"""ozon-urgent: checked Ozon urgent performance-review ticket packs from YAML case files."""

__version__ = "0.1.0"
