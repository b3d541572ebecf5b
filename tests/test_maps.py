"""sitelint.maps: the shortcut that passes a picture without building its context."""

from __future__ import annotations

import re
from pathlib import Path

from sitelint import maps
from sitelint.config import Config
from sitelint.decode import decode_bytes
from sitelint.page import Page

ROOT = Path(__file__).resolve().parent.parent
WORDS = tuple(w.lower() for w in maps.MAP_WORDS)


def test_folds_to_ascii_are_all_the_case_blind_matches_of_ascii_letters() -> None:
    letter = re.compile("[a-z]", re.IGNORECASE)
    found = "".join(chr(c) for c in range(0x80, 0x110000) if letter.fullmatch(chr(c)))
    assert found == maps._FOLDS_TO_ASCII


def test_telltales_cover_each_word_as_word_hit_reads_it() -> None:
    telltales = maps._telltales(("地图", "map", "kiss"))
    assert telltales is not None
    for text in ("S", "图", "P", "p", "s", "ſ", "S"):
        assert telltales.search(text), text
    assert telltales.search("这是一张照片 1234") is None
    assert maps._telltales(("地图", " ")) is None


def test_a_quiet_picture_has_no_map_word_and_no_review_number_around_it() -> None:
    """Wherever the shortcut says quiet, the full context agrees: no caption names a map, no text holds a 审图号."""
    checked = 0
    for path in sorted((ROOT / "fixtures").rglob("*.html")) + sorted((ROOT / "examples").rglob("*.html")):
        page = Page(path.name, decode_bytes(path.read_bytes()).text, Config())
        around = maps.Surroundings(page, WORDS)
        for el in page.iter("img", "iframe", "embed", "object"):
            if around.quiet(el):
                checked += 1
                for near in maps.context(page, el):
                    assert maps.word_hit(near.caption, WORDS, maps.EXEMPT) is None
                    assert not maps.find_review_numbers(near.text)
    assert checked > 20
