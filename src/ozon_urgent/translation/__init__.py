"""`ozon-urgent translate`: the seller's text into Russian with DeepL, written back into the case file."""
