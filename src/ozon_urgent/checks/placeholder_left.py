"""C202: a placeholder `init` wrote for the seller to replace, left in the case."""

from __future__ import annotations

from collections.abc import Iterator

from ozon_urgent.casefile.placeholders import VIDEO_LINK, is_video_link_placeholder
from ozon_urgent.checks.base import CaseContext, Check, Hit
from ozon_urgent.findings import Severity
from ozon_urgent.findings.codes import Code


class PlaceholderLeft(Check):
    """A video link is still the placeholder `init` wrote, `https://disk.yandex.ru/TODO`. It is a valid
    link, so nothing else stops it, and the Russian letter would give it to the reviewer as the video
    («Видео распаковки: https://disk.yandex.ru/TODO»), a link that opens nothing.

    Wrong: `url: https://disk.yandex.ru/TODO` as `init` wrote it. Right: upload the video to Yandex Disk,
    turn on its public link and put that link in, e.g. `url: https://disk.yandex.ru/i/pG7xQm2LrT4vWa`.
    """

    code = Code.PLACEHOLDER_LEFT
    name = "placeholder-left"
    severity = Severity.ERROR

    def run(self, ctx: CaseContext) -> Iterator[Hit]:
        # reads `links` alone: a skeleton's empty seller fields must not hold this back to a later run
        for index, link in enumerate(ctx.case.links):
            if is_video_link_placeholder(link.url):
                yield Hit(("links", index, "url"), params={"url": VIDEO_LINK})
