"""Each personal-data pattern finds what it should and leaves alike-looking text alone.

All numbers here are made up: the BSNs pass the 11-test by construction, the
IBANs are the registry's published examples, the phone numbers use ranges
that are not handed out to subscribers.
"""

from __future__ import annotations

import pytest

from expertise.privacy import NameMatcher, scan_text
from expertise.privacy.names import given_and_surname
from expertise.privacy.patterns import bsn_valid, iban_valid, phone_valid
from expertise.privacy.scan import redact, scan_values
from expertise.services.namevariants import name_variants


def kinds_found(text: str, names: NameMatcher | None = None) -> list[tuple[str, str]]:
    hits = scan_text(text, names=names) if names is not None else scan_text(text)
    return [(hit.kind, text[hit.start : hit.end]) for hit in hits]


TRUE_POSITIVES = [
    # BSN: nine digits that pass the 11-test, bare or grouped
    ("bsn", "BSN van betrokkene: 123456782.", "123456782"),
    ("bsn", "bsn 1234.56.782 bekend", "1234.56.782"),
    ("bsn", "nummer 123 456 782 in het dossier", "123 456 782"),
    ("bsn", "burgerservicenummer 111222333", "111222333"),
    # phone numbers
    ("phone", "bel 06-12345678 voor overleg", "06-12345678"),
    ("phone", "mobiel +31 6 1234 5678.", "+31 6 1234 5678"),
    ("phone", "kantoor 010-1234567 (ma-vr)", "010-1234567"),
    ("phone", "kantoor 0575 123456", "0575 123456"),
    ("phone", "vanuit het buitenland 0031 6 12345678", "0031 6 12345678"),
    ("phone", "vast (010) 123 4567", "(010) 123 4567"),
    ("phone", "+31 (0)20 123 4567 is het nummer", "+31 (0)20 123 4567"),
    ("phone", "UK desk +44 20 7946 0958", "+44 20 7946 0958"),
    ("phone", "0612345678", "0612345678"),
    # e-mail
    ("email", "mail naar j.jansen@example.org svp", "j.jansen@example.org"),
    ("email", "<p.de.vries+zaak@politie.example.nl>", "p.de.vries+zaak@politie.example.nl"),
    # IBAN (mod-97)
    ("iban", "rekening NL91 ABNA 0417 1643 00 van", "NL91 ABNA 0417 1643 00"),
    ("iban", "rekening NL91ABNA0417164300.", "NL91ABNA0417164300"),
    ("iban", "DE89 3704 0044 0532 0130 00 EUR", "DE89 3704 0044 0532 0130 00"),
    # postcode + house number
    ("postcode", "woont op 1234 AB 12 sinds", "1234 AB 12"),
    ("postcode", "adres 1234AB, 12a.", "1234AB, 12a"),
    ("postcode", "adres 2511CV 7-B", "2511CV 7-B"),
    # licence plates (sidecodes, with dashes)
    ("plate", "kenteken 12-ABC-3 gezien", "12-ABC-3"),
    ("plate", "een auto (AB-123-C) bij", "AB-123-C"),
    ("plate", "kenteken XX-99-99", "XX-99-99"),
    ("plate", "kenteken 1-KBB-99.", "1-KBB-99"),
    ("plate", "kenteken GBB-12-T", "GBB-12-T"),
    # dates of birth: a date in a birth context (only the date is marked)
    ("birth_date", "geboren op 3 maart 1998 te Utrecht", "3 maart 1998"),
    ("birth_date", "geb. 03-03-1998", "03-03-1998"),
    ("birth_date", "date of birth: 1998-03-03", "1998-03-03"),
    ("birth_date", "DOB 3/3/1998", "3/3/1998"),
    ("birth_date", "born on March 3, 1998", "March 3, 1998"),
    ("birth_date", "Geboortedatum: 12.07.2001", "12.07.2001"),
]


@pytest.mark.parametrize(("kind", "text", "matched"), TRUE_POSITIVES)
def test_pattern_finds_true_positive(kind: str, text: str, matched: str) -> None:
    assert kinds_found(text) == [(kind, matched)]


FALSE_POSITIVES = [
    # nine digits that fail the 11-test: a case number, not a BSN
    "zaaknummer 123456789 is gesloten",
    "registratie 2024.00.123 in behandeling",
    # numbers that are no phone numbers
    "een melding van 1234567890 bytes",
    "artikel 273f Sr, strafmaximum 12 jaar",
    "1.234.567 meldingen in 2023",
    "ongeveer 100.000 euro aan kosten",
    "projectcode 0012345678",
    # e-mail-like text without a domain
    "info@politie en @handle op sociale media",
    # IBAN-like strings that fail mod-97
    "NL91ABNA0417164301",
    "ordercode NL12 ABCD 1234 5678 90",
    # postcode without a house number; lower-case letters are words
    "het team in 2511 CV Den Haag",
    "in 2024 en 12 zaken",
    "1234 AB werkt mee",
    # plate-like words and codes
    "COVID-19, ISO-27001, WO-II en EU-landen",
    "productcode AB-1234-CD en ref 12-34-56",
    "artikel SR-12 en model TX-500",
    # dates without a birth context; year ranges
    "vergadering op 2024-05-01 en 3 maart 1998",
    "periode 2024–2025 en 2024-2025",
    "evaluatie 03-03-2024, besluit 12.07.2001",
    "in 1998 geboren initiatieven",
]


@pytest.mark.parametrize("text", FALSE_POSITIVES)
def test_pattern_leaves_false_positive_alone(text: str) -> None:
    assert kinds_found(text) == []


def test_bsn_eleven_test() -> None:
    assert bsn_valid("123456782")
    assert not bsn_valid("123456789")
    assert not bsn_valid("000000000")
    assert not bsn_valid("12345678")


def test_iban_mod97() -> None:
    assert iban_valid("NL91 ABNA 0417 1643 00")
    assert iban_valid("GB82WEST12345698765432")
    assert not iban_valid("GB82WEST12345698765433")
    assert not iban_valid("NL91")


def test_phone_digit_counts() -> None:
    assert phone_valid("06-12345678")
    assert not phone_valid("06-1234567")
    assert phone_valid("+31 6 1234 5678")
    assert not phone_valid("+31 6 1234 567")


def test_spaced_iban_does_not_swallow_the_next_word() -> None:
    text = "NL91 ABNA 0417 1643 00 TEST"
    assert kinds_found(text) == [("iban", "NL91 ABNA 0417 1643 00")]


def test_expert_names_and_their_variants() -> None:
    forms = name_variants("dr. Jan de Vries (rechercheur)", "rechercheur")
    names = NameMatcher(forms)
    text = "Overleg met Jan de Vries, later met J. de Vries en jan de vries."
    assert [k for k, _ in kinds_found(text, names)] == ["name"] * 3
    # whole words only, and a name not in the hub is not a hit
    assert kinds_found("De Vriesland en Piet Jansen", names) == []


def test_a_job_title_before_the_name_still_yields_the_bare_name() -> None:
    assert given_and_surname("Digitaal rechercheur Bram Zuidhoek") == ["Bram Zuidhoek"]
    assert given_and_surname("Rechercheur Jan van der Berg") == ["Jan van der Berg"]
    assert given_and_surname("Jan van der Berg") == []  # already the whole name
    assert given_and_surname("Kees Molenwaard") == []


def test_preview_never_holds_the_match() -> None:
    text = "bel 06-12345678, BSN 123456782, mail j.jansen@example.org"
    for hit in scan_text(text):
        matched = text[hit.start : hit.end]
        assert hit.preview != matched
        assert len(hit.preview) == len(matched)
        assert "12345678" not in hit.preview and "jansen" not in hit.preview
    assert redact("06-12345678") == "0•-••••••••"


def test_overlapping_kinds_keep_the_longer_hit() -> None:
    # a phone number holds nine digits that could pass as a BSN on their own
    assert kinds_found("tel 0612345678") == [("phone", "0612345678")]
    assert kinds_found("+31 123456782") == [("phone", "+31 123456782")]


def test_scan_values_reads_text_fields_and_structured_logs_but_not_codes() -> None:
    values = {
        "title": "Casus Noord",
        "summary": "contact 06-12345678",
        "body": "BSN 123456782",
        "evidence_level": "observed",
        "lessons": "mail j.jansen@example.org",
        "follow_ups": [{"date": "2025-01-02", "text": "geb. 03-03-1998 genoemd"}],
        "review_by": "2026-01-01",
    }
    hits = scan_values("practice", values)
    assert sorted((h.field, h.kind) for h in hits) == [
        ("body", "bsn"),
        ("follow_ups[0].text", "birth_date"),
        ("lessons", "email"),
        ("summary", "phone"),
    ]


def test_guarded_kinds_are_a_property_of_the_kind_in_the_registry() -> None:
    from expertise.fields import KIND_SPECS
    from expertise.privacy import GUARDED_KINDS, is_guarded

    assert GUARDED_KINDS == {kind for kind, spec in KIND_SPECS.items() if spec.anonymised}
    assert is_guarded("practice")
    assert not is_guarded("advice") and not is_guarded("expert")
    if "case" in KIND_SPECS:  # example cases are anonymised by rule
        assert is_guarded("case")


def test_structured_rows_are_scanned_in_their_text_columns_only() -> None:
    from types import SimpleNamespace

    from expertise.privacy.scan import _texts

    columns = (
        SimpleNamespace(name="date", type="date"),
        SimpleNamespace(name="author", type="ref"),
        SimpleNamespace(name="text", type="multiline"),
    )
    spec = SimpleNamespace(type="rows", columns=columns)
    rows = [{"date": "2026-01-02", "author": "Rechercheur Wietske Doornbos", "text": "bel 06-1"}]
    assert list(_texts("follow_ups", rows, spec)) == [("follow_ups[0].text", "bel 06-1")]
    # without a column table every string is read
    assert len(list(_texts("log", rows))) == 3
