"""What counts as English prose in a Chinese text a seller reads: what is left of it once code, paths,
identifiers, values quoted from the case and product names are set aside."""

from __future__ import annotations

import re

# Names Chinese text keeps in Latin letters: products, formats, standards, Ozon's own terms.
ALLOWED = frozenset(
    word.lower()
    for word in [
        "Ozon",
        "Seller",
        "Center",
        "SKU",
        "SKUs",
        "PDF",
        "PDFs",
        "JPEG",
        "JPG",
        "PNG",
        "HEIC",
        "WebP",
        "TIFF",
        "GIF",
        "GPS",
        "EXIF",
        "YAML",
        "JSON",
        "SARIF",
        "JUnit",
        "GitHub",
        "Actions",
        "CI",
        "DeepL",
        "Tesseract",
        "API",
        "URL",
        "URLs",
        "ID",
        "IDs",
        "PostgreSQL",
        "SQLite",
        "TOML",
        "UTF",
        "FIFO",
        "FBS",
        "FBO",
        "Client",
        "OCR",
        "MPO",
        "ICC",
        "XFA",
        "JavaScript",
        "AES",
        "RC4",
        "ZIP",
        "RAR",
        "HTTP",
        "HTTPS",
        "TLS",
        "DNS",
        "UB",
        "Mannheim",
        "Windows",
        "macOS",
        "Linux",
        "Debian",
        "Ubuntu",
        "Homebrew",
        "winget",
        "brew",
        "sudo",
        "apt",
        "Tab",
        "MiB",
        "KiB",
        "MB",
        "Excel",
        "Word",
        "Unicode",
        "CJK",
        "INN",
        "SNILS",
        "Luhn",
        "Telegram",
        "Yandex",
        "Google",
        "WhatsApp",
        "Viber",
        "WeChat",
        "QQ",
        "pre-commit",
        "rFBS",
        "FBP",
        "ERP",
        "Reference",
    ]
)
_SET_ASIDE = (
    re.compile(r"`[^`]*`"),  # code, commands, field names
    re.compile(r"\bozon-urgent(?: [a-z]+)?\b"),  # a command printed to copy (`status`'s next step)
    re.compile(r"«[^»]*»"),  # Russian quoted
    re.compile(r"“[^”]*”"),  # a value quoted from the case file
    re.compile(r"\"[^\"]*\""),
    re.compile(r"--?[A-Za-z][\w-]*"),  # options
    re.compile(r"\S*[/\\]\S*"),  # paths
    re.compile(r"\S+\.(?:pdf|jpe?g|png|heic|yaml|yml|toml|json|txt|md|sqlite3|webp|tiff?)\b", re.I),
    re.compile(r"\b\w+(?:\[\d+\])+[\w.\[\]]*"),  # a field path through a list: evidence[0].caption_ru
    re.compile(r"\b[\w.-]*[_.][\w.-]+\b"),  # identifiers: scenario keys, dotted field paths
    re.compile(r"\b[A-Z]\d{3}\b"),  # codes
    re.compile(r"\b[A-Z]{2,}[A-Z0-9_]*\b"),  # ALLCAPS metavars and environment variables
)
_WORD = re.compile(r"[A-Za-z]{3,}")


def english_words(text: str) -> list[str]:
    """The Latin words of three letters or more left once code, paths, identifiers and names go."""
    for pattern in _SET_ASIDE:
        text = pattern.sub(" ", text)
    return [word for word in _WORD.findall(text) if word.lower() not in ALLOWED]
