"""Personal data in text: real phones, IDs, cards and e-mails are found and masked; look-alikes are not."""

from __future__ import annotations

import re

import pytest
from report_helpers import render
from stdnum.cn import ric

from ozon_urgent.attachments import scan_personal_data
from ozon_urgent.attachments.masking import mask_number
from ozon_urgent.attachments.pd_numbers import snils_is_valid

RIC_BODY = "11010519491231002"
VALID_RIC = RIC_BODY + ric.calc_check_digit(RIC_BODY + "0")
WRONG_RIC = RIC_BODY + ("0" if VALID_RIC[-1] != "0" else "1")

FOUND = [
    ("Покупатель: +7 912 345-67-89", "P300", "", "+7 912 ***-**-89"),
    ("тел. 8 (912) 345-67-89", "P300", "", "8 (912) ***-**-89"),
    ("телефон 9123456789", "P300", "", "9123****89"),
    ("买家电话 13800138000", "P300", "", "1380*****00"),
    ("电话：+86 138 0013 8000", "P300", "", "+86 13* **** **00"),
    ("＋７ ９１２ ３４５－６７－８９", "P300", "", "+7 912 ***-**-89"),
    ("12 13800138000 2026 тел.", "P306", "phone", "1380*****00"),  # a phone's word only after it
    ("57195475-0050-3 +7 912 345-67-89", "P300", "", "+7 912 ***-**-89"),
    ("qty 3 phone 8 912 345 67 89 sum 1200", "P300", "", "8 912 *** ** 89"),
    ("WhatsApp 89123456789;", "P300", "", "8912*****89"),
    ("ИНН 500100732259", "P301", "inn", "5001******59"),
    (f"身份证 {VALID_RIC}", "P301", "ric", VALID_RIC[:4] + "*" * 12 + VALID_RIC[-2:]),
    ("СНИЛС 112-233-445 95", "P301", "snils", "112-2**-*** 95"),
    ("паспорт серия 45 06 123456", "P301", "passport", "45 06 ****56"),
    ("passport No. 4506 123456 issued", "P301", "passport", "4506 ****56"),
    ("паспорт 4506123456", "P301", "passport", "4506****56"),
    ("电话 010 6552 9988", "P300", "", "010 6*** **88"),
    ("card 4111 1111 1111 1111", "P302", "", "4111 **** **** **11"),
    ("карта 2200-1234-5678-9019", "P302", "", "2200-****-****-**19"),
    ("card 4111111111111111", "P302", "", "4111**********11"),
    ("write to ivan.petrov@mail.ru", "P303", "", "i***@mail.ru"),
    # passports as Russians write them, with and without «№» and the word
    ("паспорт серия 4510 № 123456", "P301", "passport", "4510 No ****56"),
    ("Паспорт РФ 4510 123456", "P301", "passport", "4510 ****56"),
    ("серия 45 10 номер 123456", "P301", "passport", "45 10 номер ****56"),
    ("СНИЛС 11223344595", "P301", "snils", "1122*****95"),
    # full names, however they are written
    ("Получатель: Иванов Иван Иванович", "P304", "", "И*** И*** И***"),
    ("ИВАНОВ ИВАН ИВАНОВИЧ", "P304", "", "И*** И*** И***"),
    ("привет, это иван петров", "P304", "", "и*** п***"),
    ("Recipient: Ivanov Ivan", "P304", "", "I*** I***"),
    ("Kuznetsova Yuliya", "P304", "", "K*** Y***"),
    ("Иванова А. С.", "P304", "", "И*** А. С."),
    ("Смирнов И.И.", "P304", "", "С*** И.И."),
    ("Покупатель Мария Сергеевна", "P304", "", "М*** С***"),
    # addresses
    ("Адрес доставки: г. Москва, ул. Ленина, д. 5, кв. 12", "P305", "", "г. М***, ул. Л***, д. *, кв. **"),
    (
        "123456, Московская обл., г. Химки, ул. Мира, д. 3",
        "P305",
        "",
        "***, М*** обл., г. Х***, ул. М***, д. *",
    ),
    ("пр-т Мира 10-45", "P305", "", "пр-т М*** **-**"),
    ("г. Нижний Новгород, Невский пр. 11-29", "P305", "", "г. Н*** Н***, Н*** п***. **-**"),
    # the grey zone: something to look at, not to be barred for
    ("89123456789", "P306", "phone", "8912*****89"),
    ("Мария Сергеевна", "P306", "name", "М*** С***"),
    ("ул. Льва Толстого, д. 16", "P306", "address", "ул. Л*** Т***, д. **"),
]


@pytest.mark.parametrize(("text", "code", "variant", "masked"), FOUND)
def test_found_and_masked(text: str, code: str, variant: str, masked: str) -> None:
    hits = scan_personal_data(text)
    assert [(hit.code, hit.variant, hit.params["masked"]) for hit in hits] == [(code, variant, masked)]
    for lang in ("en", "zh"):
        message, _ = render(hits[0], lang)
        assert masked in message


NEAR_MISSES = [
    "Posting 57195475-0050-3, order 57195475-0050",  # Ozon IDs
    "SKU 498274975, product 180550365, SKU 2345678901, SKU 9123456789",
    "Client-Id 1234567, offer 250-7898-1",
    "2026-11-20, 12.11.2026 14:35, 1 234 567,89 ₽",
    "ИНН 7707083893 (a company, not a person)",
    "ИНН 500100732258",  # personal INN with a wrong check digit
    WRONG_RIC,
    "4111 1111 1111 1112",  # Luhn fails
    "48531234-0050-3 2 4111 11",  # a posting number and a SKU that add up to a Luhn-valid run
    "5839 12345678 1232",  # Luhn-valid digits, not grouped as a card is printed
    "3530 1113 3330 0000",  # JCB: not a prefix a Russian or Chinese buyer's card starts with here
    "112-233-445 96",  # SNILS checksum fails
    "45 06 123456",  # passport-shaped, but no passport word nearby
    "SKU 1031157650, 1099887766",  # ten digits from "10": a Beijing landline only with its trunk 0
    "Покупатель указал паспорт\n1031157650 Артикул",  # bare ten digits on the next line: a SKU
    "4506123456 SKU, данные паспорта не нужны",  # bare ten digits before the word
    "icon@2x.png, tracking RU123456789CN, 80085012345678",
    "",
    # what a table or a chat shows that is never a buyer's
    "05.11.2026 18:57",
    "0511 2026 18.57",  # a date and time whose dots OCR lost
    "98 604 ₽   87 773,00 ₽",
    "30281234   05.11.2026",  # a document number and the next column's date
    "ИНН 7707083893, ОГРН 1027700132195",  # a company's
    "ИНН продавца 500100732259",  # an entrepreneur seller's own
    "support@ozon.ru, noreply@shop.ru",  # role mailboxes are a business's
    "Здравствуйте! Меня зовут Анна, служба поддержки Ozon",  # a lone first name names nobody
    "Склад Хоругвино, Московская обл., Солнечногорский р-н, д. Хоругвино, стр. 1",  # a warehouse
    "Отправитель: ООО «Ромашка», г. Москва, ул. Ленина, д. 5",  # the sender's block of a label
    "Заказ Tracking Tracking доставлено",  # Latin words a transliteration would call names
    "4510 123456",  # passport-shaped, but no passport word
    "ул. Ленина",  # a street alone is no address
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_do_not_match(text: str) -> None:
    assert scan_personal_data(text) == []


def test_card_is_not_also_a_phone() -> None:
    assert [hit.code for hit in scan_personal_data("4111 1111 1111 1111 / +7 912 345-67-89")] == [
        "P302",
        "P300",
    ]


@pytest.mark.parametrize(("text", "_code", "_variant", "_masked"), FOUND)
def test_mask_never_shows_the_whole_value(text: str, _code: str, _variant: str, _masked: str) -> None:
    for hit in scan_personal_data(text):
        masked = str(hit.params["masked"])
        assert "*" in masked
        if hit.code in ("P300", "P301", "P302") or hit.variant in ("phone", "id", "card"):
            shown = re.sub(r"\D", "", masked)
            assert len(shown) <= len(re.sub(r"\D", "", text)) - 4

        if hit.code in ("P304", "P305"):  # no word of a name or a street is shown whole
            words = set(re.findall(r"[^\W\d_]{3,}", text)) - {"Получатель", "Адрес", "доставки"}
            assert not words & set(re.findall(r"[^\W\d_]{3,}", masked)) - {"обл", "ул", "кв"}


def test_mask_hides_at_least_four_digits_of_short_numbers() -> None:
    assert mask_number("345-67-89") == "3**-**-89"
    assert mask_number("12345") == "****5"


def test_snils_checksum() -> None:
    assert snils_is_valid("11223344595")
    assert not snils_is_valid("11223344596")
    assert not snils_is_valid("00100199800")  # numbers up to 001-001-998 carry no checksum


def test_table_cells_are_never_joined_into_a_value() -> None:
    """A document number and the next column's day stand apart: no phone across the gap."""
    from ozon_urgent.attachments.pd_layout import from_text
    from ozon_urgent.attachments.personal_data import find_personal_data

    rows = "30281234      05 11 2026\n91234567      89 10 2026"
    assert find_personal_data(from_text(rows)) == []
    # the same digits written as one value are a phone
    assert [found.code for found in find_personal_data(from_text("тел. 3028123405"))] == ["P300"]


def test_the_lines_of_a_table_are_never_joined() -> None:
    """The end of one row and the start of the next made 19 false phones; each line stands alone."""
    rows = "Документ 30281234\n05 2026 Принят"
    assert scan_personal_data(rows) == []


def test_an_address_split_over_three_lines_is_one_finding() -> None:
    text = "Получатель:\nг. Москва,\nул. Ленина, д. 5,\nкв. 12"
    hits = [hit for hit in scan_personal_data(text) if hit.code == "P305"]
    assert [hit.params["masked"] for hit in hits] == ["г. М***, ул. Л***, д. *, кв. **"]


def test_the_sellers_own_names_and_addresses_are_not_a_buyers() -> None:
    from ozon_urgent.attachments.personal_data import Own

    own = Own(names=("Петров Пётр",), addresses=("г. Химки, ул. Мира, д. 3",))
    text = "Петров Пётр\nг. Химки, ул. Мира, д. 3, стр. 2"
    assert scan_personal_data(text, own) == []
    assert {hit.code for hit in scan_personal_data(text)} == {"P304", "P305"}


def test_a_name_in_a_street_is_no_person() -> None:
    assert [hit.code for hit in scan_personal_data("ул. Льва Толстого, д. 16, кв. 4")] == ["P305"]


def test_possible_personal_data_is_never_masked() -> None:
    from ozon_urgent.attachments.masking import PERSONAL_DATA

    assert "P306" not in PERSONAL_DATA and {"P304", "P305"} <= PERSONAL_DATA
