"""A DeepL API stand-in on pytest-httpserver: the v2/v3 endpoints the `deepl` library calls, as DeepL answers.

It checks what DeepL checks (the `Authorization: DeepL-Auth-Key` header, the 128 KiB request limit, the
parameters, the quota) and answers with DeepL's JSON shapes and status codes, so the real library runs
its real code path, retries included. "Translation" is deterministic: known sentences map to Russian,
anything else becomes `[ru] <text>` with the glossary's terms put in, so a test can see the glossary used.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

KEY = "5d1f0a9e-8c7b-4a2f-9e6d-3c1b0a9f8e7d"
REQUEST_LIMIT = 128 * 1024
CREATED = "2026-11-26T10:00:00.123Z"
_ERRORS = {
    403: "Authorization failure",
    413: "Request Entity Too Large",
    429: "Too many requests",
    456: "Quota Exceeded",
    500: "Internal server error",
}


@dataclass
class Seen:
    method: str
    path: str
    size: int
    body: dict[str, Any]


@dataclass
class FakeGlossary:
    glossary_id: str
    name: str
    source_lang: str
    target_lang: str
    entries: dict[str, str]
    multilingual: bool


@dataclass
class FakeDeepL:
    key: str = KEY
    translations: dict[str, str] = field(default_factory=dict)
    character_count: int = 0
    character_limit: int = 500_000
    # Statuses answered, one per request, before the fake behaves again; `always` never stops.
    fail_next: list[int] = field(default_factory=list)
    always: int | None = None
    failing_path: str = "/"  # where `fail_next` and `always` apply
    glossary_pairs: tuple[tuple[str, str], ...] = (("zh", "ru"), ("en", "ru"), ("ru", "zh"), ("en", "de"))
    glossaries: dict[str, FakeGlossary] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    # Runs while a translation is "in progress": a test edits the case file here.
    during_translate: Callable[[], None] | None = None
    # Replaces the default "[ru] <text>" for texts not in `translations`.
    render: Callable[[str], str] | None = None
    # Answer a translation request with this many translations fewer than texts sent (a broken server).
    missing_translations: int = 0
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def install(self, server: HTTPServer) -> str:
        """Serve every /v2 and /v3 path; returns the URL for DEEPL_SERVER_URL."""
        server.expect_request(re.compile(r"^/v[23]/")).respond_with_handler(self.handle)
        return server.url_for("/").rstrip("/")

    def translate_requests(self) -> list[Seen]:
        """Requests into Russian; the back-translations are `back_requests`."""
        return [s for s in self.seen if s.path == "/v2/translate" and s.body.get("target_lang") == "RU"]

    def back_requests(self) -> list[Seen]:
        return [s for s in self.seen if s.path == "/v2/translate" and s.body.get("source_lang") == "RU"]

    def handle(self, request: Request) -> Response:
        raw = request.get_data()
        body = _body(request, raw)
        self.seen.append(Seen(request.method, request.path, len(raw), body))
        if request.headers.get("Authorization") != f"DeepL-Auth-Key {self.key}":
            return _error(403)
        if self.fail_next and request.path.startswith(self.failing_path):
            return _error(self.fail_next.pop(0))
        if self.always is not None and request.path.startswith(self.failing_path):
            return _error(self.always)
        route = {
            ("POST", "/v2/translate"): self._translate,
            ("GET", "/v2/usage"): self._usage,
            ("GET", "/v2/glossary-language-pairs"): self._pairs,
            ("GET", "/v3/glossaries"): self._list_v3,
            ("POST", "/v3/glossaries"): self._create_v3,
            ("GET", "/v2/glossaries"): self._list_v2,
            ("POST", "/v2/glossaries"): self._create_v2,
        }.get((request.method, request.path))
        if route is None:
            return _json({"message": f"no such endpoint: {request.method} {request.path}"}, 404)
        return route(body, len(raw))

    def _translate(self, body: dict[str, Any], size: int) -> Response:
        if size > REQUEST_LIMIT:
            return _error(413)
        texts = body.get("text")
        if body.get("source_lang") == "RU":
            return self._back(body, texts)
        problem = _translate_problem(body, texts)
        glossary = self.glossaries.get(str(body.get("glossary_id"))) if body.get("glossary_id") else None
        if body.get("glossary_id") and (
            glossary is None or glossary.source_lang != body["source_lang"].lower()
        ):
            problem = "glossary does not exist or does not match source_lang"
        if problem:
            return _json({"message": problem}, 400)
        assert isinstance(texts, list)
        characters = sum(len(text) for text in texts)
        if self.character_count + characters > self.character_limit:
            return _error(456)
        self.character_count += characters
        if self.during_translate is not None:
            self.during_translate()
        source = body["source_lang"]
        answered = texts[: max(len(texts) - self.missing_translations, 0)]
        return _json(
            {
                "translations": [
                    {
                        "detected_source_language": source,
                        "text": self._russian(t, glossary),
                        "billed_characters": len(t),
                    }
                    for t in answered
                ]
            }
        )

    def _russian(self, text: str, glossary: FakeGlossary | None) -> str:
        if text in self.translations:
            return self.translations[text]
        if self.render is not None:
            return self.render(text)
        out = text
        for term in sorted(glossary.entries if glossary else {}, key=len, reverse=True):
            out = out.replace(term, glossary.entries[term] if glossary else term)
        return f"[ru] {out}"

    def _usage(self, body: dict[str, Any], size: int) -> Response:
        return _json({"character_count": self.character_count, "character_limit": self.character_limit})

    def _pairs(self, body: dict[str, Any], size: int) -> Response:
        pairs = [{"source_lang": s, "target_lang": t} for s, t in self.glossary_pairs]
        return _json({"supported_languages": pairs})

    def _list_v3(self, body: dict[str, Any], size: int) -> Response:
        return _json({"glossaries": [_info_v3(g) for g in self.glossaries.values() if g.multilingual]})

    def _create_v3(self, body: dict[str, Any], size: int) -> Response:
        dictionaries = body.get("dictionaries") or []
        if not body.get("name") or len(dictionaries) != 1:
            return _json({"message": "one dictionary expected"}, 400)
        d = dictionaries[0]
        return self._store(body["name"], d["source_lang"], d["target_lang"], d, multilingual=True)

    def _list_v2(self, body: dict[str, Any], size: int) -> Response:
        return _json({"glossaries": [_info_v2(g) for g in self.glossaries.values() if not g.multilingual]})

    def _create_v2(self, body: dict[str, Any], size: int) -> Response:
        return self._store(body["name"], body["source_lang"], body["target_lang"], body, multilingual=False)

    def _store(
        self, name: str, source: str, target: str, spec: dict[str, Any], *, multilingual: bool
    ) -> Response:
        if spec.get("entries_format") != "tsv":
            return _json({"message": "entries_format must be tsv"}, 400)
        entries: dict[str, str] = {}
        for line in str(spec["entries"]).split("\n"):
            term, _, russian = line.partition("\t")
            if not term.strip() or not russian.strip() or term in entries:
                return _json({"message": f"Invalid glossary entry: {line!r}"}, 400)
            entries[term] = russian
        glossary = FakeGlossary(
            f"g-{next(self._ids)}", name, source.lower(), target.lower(), entries, multilingual
        )
        self.glossaries[glossary.glossary_id] = glossary
        return _json(_info_v3(glossary) if multilingual else _info_v2(glossary), 201)

    def _back(self, body: dict[str, Any], texts: object) -> Response:
        """Russian back into the seller's language: `[zh] <Russian>`, so a test sees what was sent back."""
        target = BACK_TARGETS.get(str(body.get("target_lang")))
        if target is None or "glossary_id" in body or "formality" in body:
            return _json({"message": f"back-translation not as DeepL takes it: {body}"}, 400)
        if not isinstance(texts, list) or not texts or not all(isinstance(t, str) and t for t in texts):
            return _json({"message": "Parameter 'text' not specified"}, 400)
        self.character_count += sum(len(t) for t in texts)
        answers = [{"text": f"[{target}] {t}", "billed_characters": len(t)} for t in texts]
        return _json({"translations": answers})


def _body(request: Request, raw: bytes) -> dict[str, Any]:
    """The body as the library sends it: JSON for translate and glossaries; DeepL also takes a form."""
    if request.mimetype == "application/json":
        loaded = json.loads(raw or b"{}")
        return loaded if isinstance(loaded, dict) else {}
    form = request.form
    return {key: form.getlist(key) if key == "text" else form.get(key) for key in form}


BACK_TARGETS = {"ZH-HANS": "zh", "EN-GB": "en"}


def _translate_problem(body: dict[str, Any], texts: object) -> str:
    if not isinstance(texts, list) or not texts or not all(isinstance(t, str) and t for t in texts):
        return "Parameter 'text' not specified"
    if len(texts) > 50:
        return "Too many texts"
    if body.get("target_lang") != "RU":
        return f"Value for 'target_lang' not supported: {body.get('target_lang')}"
    if body.get("source_lang") not in ("ZH", "EN"):
        return f"Value for 'source_lang' not supported: {body.get('source_lang')}"
    if body.get("formality") != "prefer_more":
        return "formality must be prefer_more here"
    if not isinstance(body.get("context"), str) or not body["context"]:
        return "context missing"
    return ""


def _info_v3(glossary: FakeGlossary) -> dict[str, Any]:
    return {
        "glossary_id": glossary.glossary_id,
        "name": glossary.name,
        "dictionaries": [
            {
                "source_lang": glossary.source_lang,
                "target_lang": glossary.target_lang,
                "entry_count": len(glossary.entries),
            }
        ],
        "creation_time": CREATED,
    }


def _info_v2(glossary: FakeGlossary) -> dict[str, Any]:
    return {
        "glossary_id": glossary.glossary_id,
        "name": glossary.name,
        "ready": True,
        "source_lang": glossary.source_lang,
        "target_lang": glossary.target_lang,
        "creation_time": CREATED,
        "entry_count": len(glossary.entries),
    }


def _json(data: dict[str, Any], status: int = 200) -> Response:
    return Response(json.dumps(data, ensure_ascii=False), status=status, content_type="application/json")


def _error(status: int) -> Response:
    return _json({"message": _ERRORS.get(status, "error")}, status)
