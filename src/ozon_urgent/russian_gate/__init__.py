"""The Russian quality gate: pure text analyses over the Russian a seller puts into a ticket."""

from ozon_urgent.russian_gate.gate import TextReport, WordAt, analyse
from ozon_urgent.russian_gate.lexicon import allowed

__all__ = ["TextReport", "WordAt", "allowed", "analyse"]
