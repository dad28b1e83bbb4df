"""Active content in a PDF: scripts, launch and submit actions, embedded and attached files."""

from __future__ import annotations

from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject

_ACTIONS = {
    "/JavaScript": "javascript",
    "/Launch": "launch",
    "/SubmitForm": "submit_form",
    "/ImportData": "submit_form",
    "/GoToE": "embedded_file",
}
# Every object reachable from the catalog is walked, not just /OpenAction and the page annotations:
# scripts also hide in outlines, form fields and name trees. The budget bounds a crafted object soup.
_MAX_NODES = 100_000
_BACK_LINKS = frozenset({"/Parent", "/P", "/Prev", "/Last", "/Dest"})


def find_active_content(root: PdfObject) -> dict[str, str]:
    """Variant → where it was first seen (a key path such as /Root/OpenAction), one entry per kind."""
    found: dict[str, str] = {}
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[PdfObject, str]] = [(root, "/Root")]
    visited = 0
    while stack and visited < _MAX_NODES:
        node, where = stack.pop()
        visited += 1
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            resolved = _resolve(node)
            if resolved is None:
                continue
            node = resolved
        if isinstance(node, DictionaryObject):
            if _judge(node, where, found):
                continue  # an attached file annotation is reported as that, not also as its file
            children = ((value, f"{where}{name}") for name, value in node.items() if name not in _BACK_LINKS)
        elif isinstance(node, ArrayObject):
            children = ((value, where) for value in node)
        else:
            continue
        stack.extend(
            child
            for child in children
            if isinstance(child[0], (IndirectObject, DictionaryObject, ArrayObject))
        )
    return found


def _judge(node: DictionaryObject, where: str, found: dict[str, str]) -> bool:
    """Record what this dictionary is; True when its subtree needs no further walking."""
    if _value(node, "/Subtype") == "/FileAttachment":
        found.setdefault("file_attachment", where)
        return True
    action = _value(node, "/S")
    if isinstance(action, str) and action in _ACTIONS:
        found.setdefault(_ACTIONS[action], where)
    if "/JS" in node:
        found.setdefault("javascript", where)
    if "/EF" in node:
        found.setdefault("embedded_file", where)
    return False


def _value(node: DictionaryObject, key: str) -> object:
    value = node.get(key)  # dict.get: unlike [], pypdf does not resolve references here
    return _resolve(value) if isinstance(value, IndirectObject) else value


def _resolve(node: IndirectObject) -> PdfObject | None:
    try:
        return node.get_object()
    except MemoryError:
        raise
    except Exception:  # a dangling or broken reference hides nothing we could report
        return None
