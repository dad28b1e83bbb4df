"""What `init` and `pull` write only for the seller to replace: C202 and C204 refuse it left in a case."""

from __future__ import annotations

# `init` writes one entry under `links:` per video the scenario asks for, with this URL in it: a valid
# link that opens nothing, which the Russian letter would otherwise quote as the video.
VIDEO_LINK = "https://disk.yandex.ru/TODO"


def is_video_link_placeholder(url: str) -> bool:
    """The skeleton's URL as left, however an editor recased it or added a slash at its end."""
    return url.strip().rstrip("/").casefold() == VIDEO_LINK.casefold()


# `pull` drafts a case from the Seller API, which does not give the store's name as Seller Center shows it.
STORE_NAME = "TODO"


def is_store_name_placeholder(name: str) -> bool:
    """The draft's store name as left, in any case, with or without spaces around it."""
    return name.strip().casefold() == STORE_NAME.casefold()
