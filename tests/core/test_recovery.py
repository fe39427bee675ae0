"""Recovery key format and checksum."""

from __future__ import annotations

import re

import pytest

from expertise.errors import WrongPassphrase
from expertise.recovery import format_recovery_key, generate_recovery_key, parse_recovery_key

FIXED_KEY = bytes(range(32))
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def test_generated_key_has_the_documented_shape() -> None:
    key, text = generate_recovery_key()
    assert isinstance(key, bytearray) and len(key) == 32
    assert re.fullmatch(r"([A-Z2-7]{4}-){13}[A-Z2-7]{2}", text), text
    assert parse_recovery_key(text) == key


def test_keys_are_random() -> None:
    assert generate_recovery_key()[1] != generate_recovery_key()[1]


@pytest.mark.parametrize(
    "mangle",
    [
        str.lower,
        lambda t: t.replace("-", " "),
        lambda t: t.replace("-", ""),
        lambda t: "  " + t.replace("-", "\n") + "\t",
        lambda t: t.replace("-", " - "),
    ],
)
def test_parse_tolerates_case_spaces_and_dashes(mangle) -> None:  # type: ignore[no-untyped-def]
    text = format_recovery_key(FIXED_KEY)
    assert parse_recovery_key(mangle(text)) == bytearray(FIXED_KEY)


def test_every_single_character_typo_is_caught() -> None:
    compact = format_recovery_key(FIXED_KEY).replace("-", "")
    for position, original in enumerate(compact):
        for replacement in B32.replace(original, ""):
            typo = compact[:position] + replacement + compact[position + 1 :]
            with pytest.raises(WrongPassphrase, match="checksum does not match"):
                parse_recovery_key(typo)


def test_most_swaps_of_neighbours_are_caught() -> None:
    compact = format_recovery_key(FIXED_KEY).replace("-", "")
    caught = 0
    swaps = 0
    for position in range(len(compact) - 1):
        a, b = compact[position], compact[position + 1]
        if a == b:
            continue
        swaps += 1
        swapped = compact[:position] + b + a + compact[position + 2 :]
        try:
            parse_recovery_key(swapped)
        except WrongPassphrase:
            caught += 1
    assert caught >= swaps - 1


@pytest.mark.parametrize("text", ["", "ABCD", "A" * 60])
def test_wrong_length_is_refused(text: str) -> None:
    with pytest.raises(WrongPassphrase, match="wrong length"):
        parse_recovery_key(text)


@pytest.mark.parametrize("bad", ["0", "1", "8", "!", "é"])
def test_foreign_characters_are_refused(bad: str) -> None:
    compact = format_recovery_key(FIXED_KEY).replace("-", "")
    with pytest.raises(WrongPassphrase, match="not allowed"):
        parse_recovery_key(bad + compact[1:])


def test_format_refuses_a_short_key() -> None:
    with pytest.raises(ValueError):
        format_recovery_key(b"short")
