"""Builders for ordinary and hostile evidence files, made at test time instead of committed as blobs."""

from __future__ import annotations

import io
import random
import zipfile
import zlib
from collections.abc import Sequence

import pypdf
from PIL import Image, ImageDraw, ImageFilter, ImageFont

# ---- PDF ---------------------------------------------------------------------------------------------


def pdf_document(
    objects: Sequence[bytes], *, trailer_extra: bytes = b"", header: bytes = b"%PDF-1.7\n"
) -> bytes:
    """Numbered objects (1 = catalog) with a correct xref table, so any reader accepts the structure."""
    out = io.BytesIO()
    out.write(header)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, trailer_extra, xref)
    )
    return out.getvalue()


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def text_content(lines: Sequence[str]) -> bytes:
    body = b"".join(b"(%s) Tj T* " % line.encode("cp1252") for line in lines)
    return b"BT /F1 12 Tf 14 TL 72 760 Td " + body + b"ET"


def pdf_pages(
    contents: Sequence[bytes],
    *,
    root_extra: bytes = b"",
    page_extra: bytes = b"",
    more: Sequence[bytes] = (),
    trailer_extra: bytes = b"",
    content_extra: bytes = b"",
) -> bytes:
    """One page per content stream; objects in `more` are numbered after the pages' objects."""
    count = len(contents)
    first_more = 3 + 2 * count
    kids = b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + root_extra + b">>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
    ]
    for index, content in enumerate(contents):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R " % (4 + 2 * index)
            + b"/Resources << /Font << /F1 %d 0 R >> >> " % (first_more + len(more))
            + page_extra
            + b">>"
        )
        objects.append(stream(content, content_extra))
    objects.extend(more)
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return pdf_document(objects, trailer_extra=trailer_extra)


def text_pdf(
    *pages: Sequence[str], root_extra: bytes = b"", page_extra: bytes = b"", more: Sequence[bytes] = ()
) -> bytes:
    return pdf_pages(
        [text_content(lines) for lines in pages], root_extra=root_extra, page_extra=page_extra, more=more
    )


def deflate_zeros(size: int) -> bytes:
    """A zlib stream of `size` zero bytes (a multiple of 1 MiB), built in milliseconds.

    After a full flush deflate forgets its history, so every 1 MiB of zeros codes to the same ~1 KB
    block: repeat it. The Adler-32 of n zero bytes is A = 1, B = n mod 65521, no need to run it.
    """
    chunk = bytes(1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.flush(zlib.Z_FINISH)
    adler = ((size % 65521) << 16) | 1
    return b"\x78\xda" + block * (size // len(chunk)) + tail + adler.to_bytes(4, "big")


def flate_bomb_pdf(megabytes: int = 500) -> bytes:
    return pdf_pages([deflate_zeros(megabytes << 20)], content_extra=b"/Filter /FlateDecode ")


def nested_bomb_pdf() -> bytes:
    """Two Flate layers: the outer unpacks to 0.5 MB, the inner would unpack that to 500 MB."""
    inner = deflate_zeros(500 << 20)
    return pdf_pages([zlib.compress(inner, 9)], content_extra=b"/Filter [/FlateDecode /FlateDecode] ")


def huge_length_pdf() -> bytes:
    """A content stream declaring /Length 99999999999; every xref offset is still right."""
    content = b"BT /F1 12 Tf 72 720 Td (hello) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length 99999999999 >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return pdf_document(objects)


def scanned_page_pdf(width: int, height: int, filters: bytes, data: bytes) -> bytes:
    """One page that is only a grey picture declared `width`×`height` (a scan: no text layer)."""
    image = b"/Type /XObject /Subtype /Image /Width %d /Height %d " % (width, height)
    image += b"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter " + filters + b" "
    return pdf_document(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /XObject << /Im1 5 0 R >> >> >>",
            stream(b"q 595 0 0 842 0 0 cm /Im1 Do Q"),
            stream(data, image),
        ]
    )


def written_pdf(build: str) -> bytes:
    """PDFs that pypdf's writer makes best: encryption and embedded files."""
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    if build == "user_password":
        writer.encrypt("secret", algorithm="RC4-128")
    elif build == "empty_password":
        writer.encrypt("", owner_password="owner", algorithm="RC4-128")
    elif build == "embedded_file":
        writer.add_attachment("buyers.csv", b"name,phone\n")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf(algorithm: str, user_password: str, text: str = "Waybill") -> bytes:
    """One page of text, encrypted by pypdf's writer (RC4-128, AES-128, AES-256-R5 or AES-256 = R6)."""
    writer = pypdf.PdfWriter()
    writer.append(io.BytesIO(text_pdf([text])))
    writer.encrypt(user_password, owner_password="owner", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def aes_pdf() -> bytes:
    """Encrypted with AES-128 (V4, AESV2); the O/U entries are filler that no password matches."""
    encrypt = (
        b"<< /Filter /Standard /V 4 /R 4 /Length 128 /P -4 /StmF /StdCF /StrF /StdCF"
        b" /CF << /StdCF << /CFM /AESV2 /AuthEvent /DocOpen /Length 16 >> >>"
        b" /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>"
    )
    return pdf_pages([text_content(["x"])], more=[encrypt], trailer_extra=b"/Encrypt 5 0 R /ID [<01> <01>] ")


def javascript_pdf() -> bytes:
    return text_pdf(["Invoice"], root_extra=b"/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> ")


def names_javascript_pdf() -> bytes:
    tree = b"/Names << /JavaScript << /Names [(init) << /S /JavaScript /JS (this.print\\(\\)) >>] >> >> "
    return text_pdf(["Report"], root_extra=tree)


def submit_form_pdf() -> bytes:
    field = (
        b"<< /FT /Tx /T (phone) /Rect [0 0 10 10] /Subtype /Widget"
        b" /AA << /Bl << /S /SubmitForm /F (https://example.invalid/collect) >> >> >>"
    )
    return text_pdf(["Form"], root_extra=b"/AcroForm << /Fields [5 0 R] >> ", more=[field])


def launch_pdf() -> bytes:
    annotation = b"<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /Launch /F (calc.exe) >> >>"
    return text_pdf(["Click"], page_extra=b"/Annots [5 0 R] ", more=[annotation])


def file_attachment_pdf() -> bytes:
    annotation = (
        b"<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 20 20] "
        b"/FS << /Type /Filespec /F (a.txt) /EF << /F 6 0 R >> >> >>"
    )
    return text_pdf(
        ["See the attachment"], page_extra=b"/Annots [5 0 R] ", more=[annotation, stream(b"hello")]
    )


def xref_loop_pdf() -> bytes:
    """Two xref sections whose /Prev entries point at each other."""
    base = pdf_pages([text_content(["Loop"])], trailer_extra=b"/Prev PPPPPPPPPP ")
    first = int(base[base.rindex(b"startxref") + 10 :].split()[0])
    second = len(base)
    update = (
        b"xref\n0 1\n0000000000 65535 f \n"
        b"trailer\n<< /Size 6 /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n"
    )
    return base.replace(b"PPPPPPPPPP", b"%010d" % second) + update % (first, second)


def polyglot_pdf_zip() -> bytes:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr(_stamped("payload.exe"), b"MZ" + bytes(100))
    return text_pdf(["Polyglot"]) + archive.getvalue()


def slow_pdf(pages: int = 20, operators: int = 100_000) -> bytes:
    """A 6 KB PDF whose pages share one content stream of 100 000 text operators: seconds per page."""
    content = zlib.compress(b"BT /F1 1 Tf (a) Tj ET\n" * operators, 9)
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
    ]
    content_ref, font_ref = 3 + pages, 4 + pages
    for _ in range(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R " % content_ref
            + b"/Resources << /Font << /F1 %d 0 R >> >> >>" % font_ref
        )
    objects.append(stream(content, b"/Filter /FlateDecode "))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return pdf_document(objects)


def big_pdf(size: int) -> bytes:
    """A valid PDF of a little over `size` bytes: a comment in the page's content fills it."""
    return pdf_pages([b"%" + b"x" * size + b"\n" + text_content(["Big"])])


# ---- images ------------------------------------------------------------------------------------------


def screenshot(
    width: int = 1080, height: int = 1920, font_size: int = 28, density: float = 1.0, seed: int = 0
) -> Image.Image:
    """White background, dark lines of mixed Russian, Chinese and digits: what sellers attach most."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=font_size)
    words = [
        "Заказ",
        "отправление",
        "57195475-0050-3",
        "доставлено",
        "Tracking",
        "SKU 498274975",
        "2026-11-18",
    ]
    top = 20
    while top < height - font_size:
        if rng.random() < density:
            draw.text((20, top), " ".join(rng.choice(words) for _ in range(8)), fill=(30, 30, 30), font=font)
        top += int(font_size * 1.6)
    return image


def encode(image: Image.Image, fmt: str = "JPEG", **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def jpeg(width: int = 1080, height: int = 1920, **options: object) -> bytes:
    """A screenshot with a line of text in every third row: a valid, sharp JPEG whose OCR (~0.3-0.6 s)
    does not dominate the tests that only need a picture."""
    return encode(screenshot(width, height, density=0.3), "JPEG", **{"quality": 85, **options})


def blurred(image: Image.Image, per_mille: float) -> Image.Image:
    """Gaussian blur with a radius of `per_mille` thousandths of the long side."""
    return image.filter(ImageFilter.GaussianBlur(per_mille * max(image.size) / 1000))


def sof_patched_jpeg(width: int, height: int) -> bytes:
    data = bytearray(encode(Image.new("L", (16, 16), 128), "JPEG"))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 7] = height.to_bytes(2, "big")
    data[sof + 7 : sof + 9] = width.to_bytes(2, "big")
    return bytes(data)


def grey_jpeg(width: int, height: int) -> bytes:
    """A real, fully decodable mid-grey JPEG of any size in milliseconds, without the pixels in memory.

    With libjpeg's standard Huffman tables an all-128 block codes as DC difference 0 (`00`) then
    end-of-block (`1010`): six bits, so four blocks are exactly the three bytes 28 A2 8A.
    """
    blocks = (width // 8) * (height // 8)
    assert width % 8 == 0 and height % 8 == 0 and blocks % 4 == 0
    small = sof_patched_jpeg(width, height)
    sos = small.index(b"\xff\xda")
    scan = sos + 2 + int.from_bytes(small[sos + 2 : sos + 4], "big")
    return small[:scan] + b"\x28\xa2\x8a" * (blocks // 4) + b"\xff\xd9"


def truncated_jpeg() -> bytes:
    data = encode(Image.effect_noise((800, 800), 60).convert("RGB"), "JPEG", quality=90)
    return data[: len(data) // 2]


def _stamped(name: str) -> zipfile.ZipInfo:
    """A member dated once and for all: a ZIP written now would carry the second it was made in, and
    tests parametrised with its bytes would get other ids in each xdist worker, which refuses them."""
    member = zipfile.ZipInfo(name, date_time=(2026, 11, 26, 0, 0, 0))
    member.external_attr = 0o600 << 16  # as writestr(name) gives it
    return member


def zip_bytes(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(_stamped(name), content)
    return out.getvalue()


def exif_jpeg(
    *,
    gps: bool = True,
    serial: bool = True,
    orientation: int = 6,
    icc: bytes = b"ICC-PROFILE" * 20,
    serial_in_ifd0: bool = False,
) -> bytes:
    """A photo whose EXIF holds a GPS position and a BodySerialNumber (in the Exif IFD, or in IFD0
    where some writers, Pillow among them, put it)."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Phone maker"
    if gps:
        position = exif.get_ifd(0x8825)
        position.update({1: "N", 2: (55.0, 45.0, 30.0), 3: "E", 4: (37.0, 36.0, 0.0)})
    if serial and serial_in_ifd0:
        exif[0xA431] = "SN-0042-1337"
    elif serial:
        exif.get_ifd(0x8769)[0xA431] = "SN-0042-1337"
    return encode(screenshot(900, 1200), "JPEG", quality=85, exif=exif, icc_profile=icc)


def mpo(frames: int = 2, exif: Image.Exif | None = None, later: dict[str, object] | None = None) -> bytes:
    """A multi-picture JPEG; `exif` goes in before the MPF segment (MP offsets are relative to it);
    `later`: what Pillow writes into each further frame (its own `exif`, a `comment`)."""
    first = screenshot(800, 1000)
    rest = [screenshot(800, 1000, seed=index) for index in range(1, frames)]
    for frame in rest:
        frame.encoderinfo = dict(later or {})  # Pillow saves a further frame with its own options
    data = encode(first, "MPO", save_all=True, append_images=rest, quality=85)
    if exif is None:
        return data
    start = data.index(b"\xff\xe2")  # the MPF segment: put the EXIF just before it
    end = start
    payload = exif.tobytes()
    return data[:start] + b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload + data[end:]


# ---- other formats -----------------------------------------------------------------------------------


def office(kind: str) -> bytes:
    folder = {"docx": "word", "xlsx": "xl"}[kind]
    return zip_bytes({"[Content_Types].xml": b"<Types/>", f"{folder}/document.xml": b"<doc/>"})


def iso_media(brand: bytes) -> bytes:
    return b"\x00\x00\x00\x18ftyp" + brand + b"\x00\x00\x00\x00" + brand + b"mp41" + bytes(64)


OTHER_FORMATS: dict[str, tuple[bytes, str, str]] = {}  # name -> (bytes, format, A202 variant); filled below


def _others() -> dict[str, tuple[bytes, str, str]]:
    small = screenshot(64, 64)
    return {
        "png": (encode(small, "PNG"), "png", "convertible"),
        "webp": (encode(small, "WEBP"), "webp", "convertible"),
        "tiff": (encode(small, "TIFF"), "tiff", "convertible"),
        "gif": (encode(small, "GIF"), "gif", "image"),
        "bmp": (encode(small, "BMP"), "bmp", "image"),
        "heic": (iso_media(b"heic"), "heic", "image"),
        "docx": (office("docx"), "docx", "document"),
        "xlsx": (office("xlsx"), "xlsx", "document"),
        "zip": (zip_bytes({"a.pdf": b"%PDF-1.7"}), "zip", "archive"),
        "csv": (
            "номер;статус\n57195475-0050-3;доставлено\n57195475-0051-1;возврат\n".encode(),
            "csv",
            "document",
        ),
        "text": ("Здравствуйте, заказ доставлен.\n".encode(), "text", "document"),
        "mp4": (iso_media(b"isom"), "mp4", "video"),
        "mov": (iso_media(b"qt  "), "mov", "video"),
        "unknown": (bytes(range(256)) * 4, "", "unknown"),
    }


OTHER_FORMATS.update(_others())


# ---- files hidden in a JPEG ---------------------------------------------------------------------------

GPS_EXIF = {1: "N", 2: (55.0, 45.0, 30.0), 3: "E", 4: (37.0, 36.0, 0.0)}


def with_segment(data: bytes, marker: int, payload: bytes) -> bytes:
    """`data` with `payload` in as many `marker` segments as it takes, just after the SOI."""
    chunks = [payload[i : i + 65533] for i in range(0, len(payload), 65533)] or [b""]
    segments = b"".join(bytes([0xFF, marker]) + (len(c) + 2).to_bytes(2, "big") + c for c in chunks)
    return data[:2] + segments + data[2:]


def gps_photo(width: int = 900, height: int = 1200, seed: int = 7) -> bytes:
    """A second photo as a phone takes it: EXIF with the GPS position."""
    exif = Image.Exif()
    exif.get_ifd(0x8825).update(GPS_EXIF)
    return encode(screenshot(width, height, seed=seed), "JPEG", quality=80, exif=exif)


def camera_jpeg() -> bytes:
    """A camera's ordinary JPEG: EXIF with a JPEG thumbnail inside, a 100 KB ICC profile, XMP, a comment."""
    thumbnail = encode(screenshot(160, 120), "JPEG", quality=70)
    exif = Image.Exif()
    exif[0x010F] = "Phone maker"
    exif[0x0112] = 1
    exif.get_ifd(0x8769)[0x927C] = thumbnail  # the maker note: where the SOI of a thumbnail sits
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>' + b" " * 2000
    icc = b"\x00\x01\x86\xa0ICC-PROFILE-TABLES" + bytes(range(256)) * 390  # over one segment: chunked
    data = encode(screenshot(900, 1200), "JPEG", quality=85, exif=exif, icc_profile=icc, xmp=xmp)
    return with_segment(data, 0xFE, b"CREATOR: gd-jpeg v1.0 (using IJG JPEG v80), quality = 85\n")


def restart_jpeg() -> bytes:
    """Noise with restart markers every 4 MCUs: its scan is full of FF00 stuffing and RSTn markers."""
    noisy = Image.effect_noise((800, 640), 60).convert("RGB")
    return encode(noisy, "JPEG", quality=90, restart_marker_blocks=4)


# ---- active content where it lives ------------------------------------------------------------------

_JS = b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>"


def _dummy() -> bytes:
    """104 000 elements a generic walk of every object would spend a 100 000-object budget on before
    the script; in two halves, as pypdf refuses to parse any one array of more than 100 000 elements.
    Built when a test asks for it, not at import."""
    return b"[[" + b"[] " * 52_000 + b"] [" + b"[] " * 52_000 + b"]]"


def script_behind_dummy_pdf(route: str) -> bytes:
    """A script reached only one way, and a 104 000-element array hung from the catalog besides it.

    Objects in `more` are numbered from 5 (one page: catalog 1, pages 2, page 3, content 4).
    """
    root, page, more = b"", b"", [_dummy()]
    if route == "open_action":
        root += b"/OpenAction " + _JS + b" "
    elif route == "page_annotation":
        page = b"/Annots [6 0 R] "
        more.append(b"<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A " + _JS + b" >>")
    elif route == "field_kid":
        root += b"/AcroForm << /Fields [6 0 R] >> "
        more.append(b"<< /T (order) /Kids [7 0 R] >>")
        more.append(b"<< /T (phone) /Parent 6 0 R /FT /Tx /AA << /K " + _JS + b" >> >>")
    elif route == "name_tree_kids":
        root += b"/Names << /JavaScript << /Kids [6 0 R] >> >> "
        more.append(b"<< /Limits [(init) (init)] /Names [(init) " + _JS + b"] >>")
    elif route == "widget_parent":  # the field is in no /Fields array, only its widget is on the page
        page = b"/Annots [6 0 R] "
        more.append(b"<< /Type /Annot /Subtype /Widget /Rect [0 0 10 10] /Parent 7 0 R >>")
        more.append(b"<< /T (total) /FT /Tx /AA << /C " + _JS + b" >> >>")
    elif route == "next_chain":
        root += b"/OpenAction << /S /URI /URI (https://ozon.ru) /Next [6 0 R] >> "
        more.append(b"<< /S /Named /N /NextPage /Next " + _JS + b" >>")
    elif route == "xfa":
        root += b"/AcroForm << /Fields [] /XFA [(template) 6 0 R] >> "
        more.append(
            stream(b"<template><subform><event><script>app.alert(1)</script></event></subform></template>")
        )
    # Last in the catalog, so a last-in-first-out walk would pop it, and spend its budget, first.
    root += b"/Dummy 5 0 R "
    return pdf_pages([text_content(["Invoice"])], root_extra=root, page_extra=page, more=more)


def remote_link_pdf() -> bytes:
    return text_pdf(
        ["See the contract"], root_extra=b"/OpenAction << /S /GoToR /F (contract.pdf) /D [0 /Fit] >> "
    )


def harmless_links_pdf() -> bytes:
    """A web link whose /Next points back at itself: nothing active, and the cycle must end."""
    link = b"<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A 6 0 R >>"
    action = b"<< /S /URI /URI (https://ozon.ru) /Next 6 0 R >>"
    return text_pdf(["Tracking"], page_extra=b"/Annots [5 0 R] ", more=[link, action])


def deep_name_tree_pdf(depth: int = 200) -> bytes:
    """A /JavaScript name tree whose /Kids nest `depth` levels before the script: past any sane budget."""
    nodes = [b"<< /Kids [%d 0 R] >>" % (6 + level) for level in range(depth)]
    nodes.append(b"<< /Names [(init) " + _JS + b"] >>")
    return text_pdf(["Report"], root_extra=b"/Names << /JavaScript << /Kids [5 0 R] >> >> ", more=nodes)


def cyclic_name_tree_pdf() -> bytes:
    """Name tree nodes whose /Kids point at each other: a cycle, not a reason to refuse."""
    nodes = [b"<< /Kids [6 0 R] >>", b"<< /Kids [5 0 R] >>"]
    return text_pdf(["Report"], root_extra=b"/Names << /EmbeddedFiles 5 0 R >> ", more=nodes)


def many_annotations_pdf(count: int) -> bytes:
    links = b" ".join(
        b"<< /Subtype /Link /Rect [0 0 1 1] /A << /S /URI /URI (https://ozon.ru) >> >>" for _ in range(count)
    )
    return text_pdf(["Links"], page_extra=b"/Annots [" + links + b"] ")


def huge_annots_pdf() -> bytes:
    """A script link hidden among 104 000 /Annots entries: more than pypdf parses in one array."""
    link = b"<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A " + _JS + b" >>"
    return text_pdf(["Invoice"], page_extra=b"/Annots 6 0 R ", more=[link, b"[" + b"5 0 R " * 104_000 + b"]"])


def associated_file_pdf() -> bytes:
    """A PDF/A-3 style associated file: the catalog's /AF lists a file specification with the file."""
    spec = b"<< /Type /Filespec /F (buyers.xml) /AFRelationship /Data /EF << /F 6 0 R >> >>"
    return text_pdf(["Invoice"], root_extra=b"/AF [5 0 R] ", more=[spec, stream(b"<buyers/>")])
