"""Active content in a PDF: scripts, launch and submit actions, links to other files, attached files.

Looked for where a viewer finds it, each place directly: the catalog's /OpenAction and /AA, the
/JavaScript and /EmbeddedFiles name trees, associated files (/AF), every page's /AA and its
annotations' /A and /AA (with their /Next chains and their fields' /Parent chains), the outlines, the
AcroForm field tree and its XFA. A generic walk of every object under a budget used to do this, and
a crafted file could spend the budget on a dummy array before the walk reached /OpenAction: a pass by
omission. Here a budget that runs out (too many objects, too deep) makes the scan report that it is
incomplete, and the file is refused, never passed. Objects already seen in the same role are skipped,
so reference cycles end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pypdf.errors import LimitReachedError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject, StreamObject

_ACTIONS = {
    "/JavaScript": "javascript",
    "/Launch": "launch",
    "/SubmitForm": "submit_form",
    "/ImportData": "submit_form",
    "/GoToE": "embedded_file",
}
# A link to another document (/GoToR, or /GoToE into an embedded file of another document) makes the
# viewer open a file that is not part of the evidence. /URI only opens a web page: not active.
_REMOTE = frozenset({"/GoToR", "/GoToE"})
# Annotations that carry files or media the viewer plays: as good as an attachment.
_ATTACHING = {"/FileAttachment": "file_attachment", "/RichMedia": "embedded_file"}
_XFA_SCRIPT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?script\b", re.IGNORECASE)


class _TooComplexError(Exception):
    """The structure needs more objects or levels than the budget allows."""


@dataclass
class ActiveContent:
    """Variant → where it was first seen (a key path such as /Root/OpenAction), one entry per kind;
    `complete` is False when the budget ran out before every place was looked at."""

    found: dict[str, str] = field(default_factory=dict)
    complete: bool = True


def find_active_content(root: PdfObject, max_objects: int, max_depth: int) -> ActiveContent:
    """Every place a viewer runs or opens something from, looked at within the budget.

    pypdf's own limits (an array of more than 100 000 elements, a stream that inflates too far) stop
    the scan the same way: skipping such an object, as a generic walk may, could skip a script.
    """
    scan = _Scan(max_objects, max_depth)
    try:
        scan.catalog(root)
    except (_TooComplexError, LimitReachedError):
        scan.result.complete = False
    return scan.result


class _Scan:
    def __init__(self, max_objects: int, max_depth: int) -> None:
        self.result = ActiveContent()
        self.max_objects = max_objects
        self.max_depth = max_depth
        self.visited = 0
        self.seen: set[tuple[str, int, int]] = set()

    # ---- places ------------------------------------------------------------------------------------

    def catalog(self, node: PdfObject) -> None:
        root = self.dictionary(node, "catalog", 0)
        if root is None:
            return
        self.action(root.get("/OpenAction"), "/Root/OpenAction", 1)
        self.triggers(root.get("/AA"), "/Root/AA", 1)
        names = self.dictionary(root.get("/Names"), "names", 1)
        if names is not None:
            self.name_tree(names.get("/JavaScript"), "/Root/Names/JavaScript", "javascript", 2)
            self.name_tree(names.get("/EmbeddedFiles"), "/Root/Names/EmbeddedFiles", "embedded_file", 2)
        self.associated(root.get("/AF"), "/Root/AF", 1)
        self.form(root.get("/AcroForm"))
        self.page_tree(root.get("/Pages"), "/Root/Pages", [0], 1)
        outlines = self.dictionary(root.get("/Outlines"), "outlines", 1)
        if outlines is not None:
            self.outline_items(outlines.get("/First"), "/Root/Outlines", 2)

    def page_tree(self, node: PdfObject | None, where: str, counter: list[int], depth: int) -> None:
        tree = self.dictionary(node, "pages", depth)
        if tree is None:
            return
        kids = tree.get("/Kids")
        if _value(tree, "/Type") == "/Pages" or kids is not None:
            for kid in self.elements(kids):
                self.page_tree(kid, where, counter, depth + 1)
            return
        counter[0] += 1
        page = f"/Page{counter[0]}"
        self.triggers(tree.get("/AA"), f"{page}/AA", depth + 1)
        self.associated(tree.get("/AF"), f"{page}/AF", depth + 1)
        for annotation in self.elements(tree.get("/Annots")):
            self.annotation(annotation, f"{page}/Annots", depth + 1)

    def annotation(self, node: PdfObject | None, where: str, depth: int) -> None:
        annotation = self.dictionary(node, "annotation", depth)
        if annotation is None:
            return
        subtype = _value(annotation, "/Subtype")
        if isinstance(subtype, str) and subtype in _ATTACHING:
            self.record(_ATTACHING[subtype], where)
            return  # an attached file is reported as that, not also as its embedded file
        self.action(annotation.get("/A"), f"{where}/A", depth + 1)
        self.triggers(annotation.get("/AA"), f"{where}/AA", depth + 1)
        # A widget's scripts often live on its field (format, keystroke, calculate), up the /Parent chain.
        parent, level = annotation.get("/Parent"), depth + 1
        while (field_node := self.dictionary(parent, "parent", level)) is not None:
            self.action(field_node.get("/A"), f"{where}/Parent/A", level + 1)
            self.triggers(field_node.get("/AA"), f"{where}/Parent/AA", level + 1)
            parent, level = field_node.get("/Parent"), level + 1

    def form(self, node: PdfObject | None) -> None:
        form = self.dictionary(node, "acroform", 1)
        if form is None:
            return
        for field_node in self.elements(form.get("/Fields")):
            self.form_field(field_node, "/Root/AcroForm/Fields", 2)
        self.xfa(form.get("/XFA"))

    def form_field(self, node: PdfObject | None, where: str, depth: int) -> None:
        field_node = self.dictionary(node, "field", depth)
        if field_node is None:
            return
        self.action(field_node.get("/A"), f"{where}/A", depth + 1)
        self.triggers(field_node.get("/AA"), f"{where}/AA", depth + 1)
        for kid in self.elements(field_node.get("/Kids")):
            self.form_field(kid, f"{where}/Kids", depth + 1)

    def xfa(self, node: PdfObject | None) -> None:
        """XFA forms carry scripts as <script> elements in XML packets (a stream, or name/stream pairs)."""
        xfa = _resolve(node) if isinstance(node, IndirectObject) else node
        packets = [xfa] if isinstance(xfa, StreamObject) else list(self.elements(xfa))
        for packet in packets:
            data = _stream_data(packet)
            if data is not None and _XFA_SCRIPT.search(data):
                self.record("javascript", "/Root/AcroForm/XFA")
                return

    def outline_items(self, node: PdfObject | None, where: str, depth: int) -> None:
        while (item := self.dictionary(node, "outline", depth)) is not None:
            self.action(item.get("/A"), f"{where}/A", depth + 1)
            self.outline_items(item.get("/First"), where, depth + 1)
            node = item.get("/Next")  # siblings: a loop, counted by the budget, ended by `seen`

    def name_tree(self, node: PdfObject | None, where: str, variant: str, depth: int) -> None:
        """Any value in these trees is a script or a file; one is enough, so stop at the first."""
        tree = self.dictionary(node, f"tree{variant}", depth)
        if tree is None or variant in self.result.found:
            return
        names = list(self.elements(tree.get("/Names")))
        if len(names) >= 2:
            self.record(variant, where)
            return
        for kid in self.elements(tree.get("/Kids")):
            self.name_tree(kid, where, variant, depth + 1)

    def associated(self, node: PdfObject | None, where: str, depth: int) -> None:
        """PDF 2.0 / PDF/A-3 associated files (/AF): file specifications that may embed a file."""
        for spec in self.elements(node):
            file_spec = self.dictionary(spec, "filespec", depth + 1)
            if file_spec is not None and "/EF" in file_spec:
                self.record("embedded_file", where)
                return

    def triggers(self, node: PdfObject | None, where: str, depth: int) -> None:
        """An additional-actions dictionary: trigger name (/O, /C, /K, /Fo…) → action."""
        triggers = self.dictionary(node, "triggers", depth)
        if triggers is None:
            return
        for name, value in triggers.items():
            self.action(value, f"{where}/{name.lstrip('/')}", depth + 1)

    def action(self, node: PdfObject | None, where: str, depth: int) -> None:
        action = self.dictionary(node, "action", depth)
        if action is None:
            return
        kind = _value(action, "/S")
        if isinstance(kind, str) and kind in _ACTIONS:
            self.record(_ACTIONS[kind], where)
        if "/JS" in action:  # also a rendition action's script
            self.record("javascript", where)
        target = _value(action, "/F")
        if kind in _REMOTE and target is not None:
            self.record("remote_file", where)
        if isinstance(target, DictionaryObject) and "/EF" in target:
            self.record("embedded_file", where)
        following = action.get("/Next")  # kept a reference when it is one, so `seen` ends a cycle
        steps = _resolve(following) if isinstance(following, IndirectObject) else following
        for step in self.elements(steps) if isinstance(steps, ArrayObject) else [following]:
            self.action(step, f"{where}/Next", depth + 1)

    # ---- budget ------------------------------------------------------------------------------------

    def record(self, variant: str, where: str) -> None:
        self.result.found.setdefault(variant, where)

    def dictionary(self, node: PdfObject | None, role: str, depth: int) -> DictionaryObject | None:
        """The dictionary behind `node`, counted against the budget; None when absent, seen or broken."""
        if node is None:
            return None
        if depth > self.max_depth:
            raise _TooComplexError
        self.tick()
        if isinstance(node, IndirectObject):
            key = (role, node.idnum, node.generation)
            if key in self.seen:
                return None
            self.seen.add(key)
            node = _resolve(node)
        return node if isinstance(node, DictionaryObject) else None

    def elements(self, node: PdfObject | None) -> list[PdfObject]:
        """An array's items (each counted), or nothing."""
        array = _resolve(node) if isinstance(node, IndirectObject) else node
        if not isinstance(array, ArrayObject):
            return []
        items: list[PdfObject] = []
        for item in array:  # ArrayObject iteration does not resolve references
            self.tick()
            items.append(item)
        return items

    def tick(self) -> None:
        self.visited += 1
        if self.visited > self.max_objects:
            raise _TooComplexError


def _stream_data(node: PdfObject) -> bytes | None:
    stream = _resolve(node) if isinstance(node, IndirectObject) else node
    if not isinstance(stream, StreamObject):
        return None
    try:
        return stream.get_data()
    except (MemoryError, LimitReachedError):
        raise
    except Exception:  # a stream no viewer can decode runs no script
        return None


def _value(node: DictionaryObject, key: str) -> object:
    value = node.get(key)  # dict.get: unlike [], pypdf does not resolve references here
    return _resolve(value) if isinstance(value, IndirectObject) else value


def _resolve(node: IndirectObject) -> PdfObject | None:
    try:
        return node.get_object()
    except (MemoryError, LimitReachedError):
        raise
    except Exception:  # a dangling or broken reference hides nothing we could report
        return None
