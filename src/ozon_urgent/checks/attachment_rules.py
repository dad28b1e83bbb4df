"""Rules reported by the attachment inspector (A2xx) and the personal-data scan (P3xx)."""

from __future__ import annotations

from ozon_urgent.attachments import codes
from ozon_urgent.checks.base import Rule
from ozon_urgent.findings import Severity


class AttachmentUnreadable(Rule):
    """The evidence file cannot be read: gone, no permission, a folder, a pipe, a symlink, or changing.

    Files are read once, without following links, and never from devices or pipes.
    Fail: `file: evidence/scans` (a folder named like a file), or a link to a file elsewhere.
    Pass: `file: evidence/tracking.pdf`, a regular file you can read.
    """

    code = codes.UNREADABLE
    name = "attachment-unreadable"
    severity = Severity.ERROR


class AttachmentTooLarge(Rule):
    """The file is over 5 MB (5,242,880 bytes), the most Ozon accepts per attachment.

    Fail: a 7.4 MB photo straight from the phone. Pass: the same photo re-encoded to 2.1 MB
    (`build --fix` does that for JPEG), or a PDF exported with a lower image quality.
    """

    code = codes.TOO_LARGE
    name = "attachment-too-large"
    severity = Severity.ERROR


class AttachmentWrongFormat(Rule):
    """The file is not a PDF or a JPEG, judged by its content, not by its name.

    Fail: `chat.jpg` that is really a PNG screenshot; `orders.xlsx`; `unboxing.mp4`.
    Pass: the PNG converted to JPEG (`build --fix`), the table exported to PDF, the video uploaded and
    listed under `links:`.
    """

    code = codes.WRONG_FORMAT
    name = "attachment-wrong-format"
    severity = Severity.ERROR


class AttachmentDamaged(Rule):
    """The file is empty, truncated or damaged: Ozon's viewer would show nothing or an error.

    Fail: a JPEG whose download was cut off; a PDF with bytes written before `%PDF-`.
    Pass: the screenshot taken again; the PDF exported again from the program that made it.
    """

    code = codes.DAMAGED
    name = "attachment-damaged"
    severity = Severity.ERROR


class AttachmentPassword(Rule):
    """The PDF needs a password to open, so Ozon's reviewer cannot read it.

    Fail: a bank statement PDF protected with a password. Pass: the same statement printed to a new PDF
    (Print → Save as PDF), which has no password.
    """

    code = codes.PASSWORD
    name = "attachment-password"
    severity = Severity.ERROR


class AttachmentActiveContent(Rule):
    """The PDF runs JavaScript, launches programs, submits forms, or carries embedded/attached files.

    Such PDFs are treated as malware risks. Fail: an ERP export with an "open" script and the source
    spreadsheet embedded. Pass: the export printed to a new PDF, the spreadsheet attached as its own PDF.
    """

    code = codes.ACTIVE_CONTENT
    name = "attachment-active-content"
    severity = Severity.ERROR


class AttachmentNoPages(Rule):
    """The PDF has no pages at all.

    Fail: a PDF saved from an empty print job. Pass: the document exported again, with its pages.
    """

    code = codes.NO_PAGES
    name = "attachment-no-pages"
    severity = Severity.ERROR


class AttachmentEncrypted(Rule):
    """The PDF is encrypted: it opens with an empty password, or uses AES that could not be checked here.

    Some viewers still ask for a password or refuse such files, and an AES file's text (and any personal
    data in it) cannot be read. Fail: a PDF "protected" against printing. Pass: the same PDF saved again
    without encryption (Print → Save as PDF).
    """

    code = codes.EMPTY_PASSWORD
    name = "attachment-encrypted"
    severity = Severity.WARNING


class AttachmentBomb(Rule):
    """The file expands far beyond its size: a compressed stream or image dimensions built to exhaust memory.

    Fail: a 500 KB PDF whose page unpacks to 500 MB; a JPEG header claiming 60000×60000 pixels.
    Pass: the document exported again normally; the picture resized to a normal size.
    """

    code = codes.BOMB
    name = "attachment-bomb"
    severity = Severity.ERROR


class AttachmentExtensionMismatch(Rule):
    """A valid PDF or JPEG whose name says otherwise; the pack renames the copy to match its content.

    Fail: `screenshot.pdf` that is a JPEG. Pass: `screenshot.jpg`.
    """

    code = codes.EXTENSION_MISMATCH
    name = "attachment-extension-mismatch"
    severity = Severity.WARNING


class AttachmentNotChecked(Rule):
    """Checking the file took too long, crashed or ran out of memory, so it could not be judged.

    Files are parsed in separate processes with a time and memory limit; a file that breaks them likely
    breaks Ozon's viewer too. Fail: a PDF that takes minutes to parse. Pass: the PDF printed anew.
    """

    code = codes.NOT_CHECKED
    name = "attachment-not-checked"
    severity = Severity.ERROR


class AttachmentLowResolution(Rule):
    """The picture is under 600 pixels on its short side, too small for a reviewer to read.

    Fail: a 320×480 chat thumbnail. Pass: the full-screen screenshot, e.g. 1080×2340.
    """

    code = codes.LOW_RESOLUTION
    name = "attachment-low-resolution"
    severity = Severity.WARNING


class AttachmentBlurry(Rule):
    """The picture is blurry: the sharpness of its text and edges is below what stays readable.

    Fail: a photo of a screen taken while moving. Pass: a real screenshot, or a photo taken in focus.
    """

    code = codes.BLURRY
    name = "attachment-blurry"
    severity = Severity.WARNING


class AttachmentExifPrivate(Rule):
    """The photo's EXIF or XMP metadata holds the GPS position where it was taken or the device serial.

    Fail: a warehouse photo with GPS coordinates. Pass: the same photo after `build --fix`, which removes
    position and serials losslessly and keeps orientation and colour profile.
    """

    code = codes.EXIF_PRIVATE
    name = "attachment-exif-private"
    severity = Severity.WARNING


class AttachmentTrailingData(Rule):
    """Data hidden after the end of the picture, or a ZIP archive inside a PDF (a polyglot file).

    Fail: `photo.jpg` with a ZIP appended after the image. Pass: the picture saved again (or
    `build --fix`, which cuts the extra bytes off).
    """

    code = codes.TRAILING_DATA
    name = "attachment-trailing-data"
    severity = Severity.WARNING


class AttachmentScanned(Rule):
    """The PDF has no text layer (a scan), so personal data in it could not be checked automatically.

    Informational. Fail: a scanned carrier statement. Pass: the statement exported as a PDF with text,
    or a scan you checked yourself for buyers' phones, passports and card numbers.
    """

    code = codes.SCANNED
    name = "attachment-scanned"
    severity = Severity.INFO


class PersonalPhone(Rule):
    """A Russian or Chinese phone number in the evidence text; Ozon rejects buyers' personal data.

    Fail: `Покупатель: +7 912 345-67-89`. Pass: `Покупатель: +7 912 ***-**-89`, or
    `personal_data_ok: true` when the number is your own or your carrier's.
    """

    code = codes.PHONE
    name = "personal-phone"
    severity = Severity.ERROR


class PersonalIdNumber(Rule):
    """An identity number: Russian personal INN, SNILS or passport, or a Chinese resident ID.

    Each is confirmed by its checksum (a passport by a nearby "паспорт"/"серия"/"护照").
    Fail: `СНИЛС 112-233-445 95`. Pass: `СНИЛС ***-***-*** **`.
    """

    code = codes.ID_NUMBER
    name = "personal-id-number"
    severity = Severity.ERROR


class PersonalBankCard(Rule):
    """A bank card number (16-19 digits, valid Luhn checksum, Visa/Mastercard/Mir/UnionPay prefix).

    Fail: `4111 1111 1111 1111`. Pass: `**** **** **** 1111`.
    """

    code = codes.BANK_CARD
    name = "personal-bank-card"
    severity = Severity.ERROR


class PersonalEmail(Rule):
    """An e-mail address in the evidence text: a buyer's must be masked, a business one may stay.

    Fail: `ivan.petrov@mail.ru` in a chat export. Pass: `i***@mail.ru`, or your own support address with
    `personal_data_ok: true`.
    """

    code = codes.EMAIL
    name = "personal-email"
    severity = Severity.WARNING


ATTACHMENT_RULES: tuple[type[Rule], ...] = (
    AttachmentUnreadable,
    AttachmentTooLarge,
    AttachmentWrongFormat,
    AttachmentDamaged,
    AttachmentPassword,
    AttachmentActiveContent,
    AttachmentNoPages,
    AttachmentEncrypted,
    AttachmentBomb,
    AttachmentExtensionMismatch,
    AttachmentNotChecked,
    AttachmentLowResolution,
    AttachmentBlurry,
    AttachmentExifPrivate,
    AttachmentTrailingData,
    AttachmentScanned,
    PersonalPhone,
    PersonalIdNumber,
    PersonalBankCard,
    PersonalEmail,
)
