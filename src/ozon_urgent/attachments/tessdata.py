"""Where the OCR engine's language models are, shared by the reading (`ocr`) and the verdict cache's
fingerprint (`verdict_cache`, which must not import the personal-data rules `ocr` loads)."""

from __future__ import annotations

import os

ENGINE_ENV = "OZON_URGENT_TESSERACT"  # a `tesseract` program to run instead of the in-process engine
LANGUAGES = "rus+eng"
# TESSDATA_PREFIX aside: Debian/Ubuntu, Fedora/Arch, a source build, Homebrew (Apple, Intel), MacPorts,
# the UB-Mannheim installer on Windows.
TESSDATA_GLOBS = (
    "/usr/share/tesseract-ocr/*/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
    "/opt/local/share/tessdata",
    "C:/Program Files/Tesseract-OCR/tessdata",
)


def tessdata_folders() -> list[str]:
    """Every folder that may hold the models, newest Tesseract first; TESSDATA_PREFIX, when set, is the
    only one, as Tesseract itself does."""
    from glob import glob

    prefix = os.environ.get("TESSDATA_PREFIX")
    if prefix:
        return [prefix]
    return [folder for pattern in TESSDATA_GLOBS for folder in sorted(glob(pattern), reverse=True)]


def find_tessdata() -> str | None:
    """The first folder holding every language model the reading needs, or None."""
    for folder in tessdata_folders():
        if all(os.path.isfile(os.path.join(folder, f"{lang}.traineddata")) for lang in LANGUAGES.split("+")):
            return folder
    return None
