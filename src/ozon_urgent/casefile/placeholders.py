"""The values `init` writes only for the seller to replace: C202 refuses any left in a case."""

from __future__ import annotations

# `init` writes one entry under `links:` per video the scenario asks for, with this URL in it: a valid
# link that opens nothing, which the Russian letter would otherwise quote as the video.
VIDEO_LINK = "https://disk.yandex.ru/TODO"


def is_video_link_placeholder(url: str) -> bool:
    """The skeleton's URL as left, however an editor recased it or added a slash at its end."""
    return url.strip().rstrip("/").casefold() == VIDEO_LINK.casefold()
