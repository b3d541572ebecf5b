"""sitelint.privacy: GB 11643 ID numbers, Luhn, mobiles, masking, the page text stream."""

from __future__ import annotations

import datetime

import lxml.html
import pytest

from sitelint.privacy import (
    CARD_RE,
    ID_RE,
    MOBILE_RE,
    column_header,
    id_birth_date,
    id_check_char,
    is_id_number,
    luhn_valid,
    mask,
    mobile_number,
    number_runs,
    scan,
    table_row,
)


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("11010519491231002X", True),  # GB 11643 test vector
        ("11010519491231002x", True),
        ("440304198501012342", True),
        ("110105194912310021", False),  # wrong check character
        ("110105194913310021", False),  # right check character, month 13
        ("91440300MA5FXXXX1K", False),  # 统一社会信用代码
        ("11440200007202400001", False),  # too long
        ("1101051949123100", False),
    ],
)
def test_is_id_number(number: str, expected: bool) -> None:
    assert is_id_number(number) is expected


def test_check_character_and_birth_date() -> None:
    assert id_check_char("11010519491231002") == "X"
    assert id_check_char("44052418800101001") == "4"
    assert id_birth_date("11010519491231002X") == datetime.date(1949, 12, 31)
    assert id_birth_date("110105194902300010") is None


def test_birth_year_range() -> None:
    # The standard's own example was born in 1880: valid per GB 11643, outside the default range.
    assert not is_id_number("440524188001010014")
    assert is_id_number("440524188001010014", min_year=1880)
    # A birth date after the build date is no birth date.
    assert is_id_number("110105209001010017")
    assert not is_id_number("110105209001010017", today=datetime.date(2024, 7, 1))


def test_id_regex_boundaries() -> None:
    assert ID_RE.search("身份证号：11010519491231002X。")
    assert not ID_RE.search("id=a11010519491231002X")
    assert not ID_RE.search("1101051949123100201")  # 19 digits
    assert not ID_RE.search("1101**********002X")


@pytest.mark.parametrize(
    ("digits", "expected"),
    [("6222021234567890128", True), ("6228480012345678903", True), ("6222021234567890127", False),
     ("4111111111111111", True), ("12a4", False)],
)
def test_luhn(digits: str, expected: bool) -> None:
    assert luhn_valid(digits) is expected


@pytest.mark.parametrize(
    ("text", "number"),
    [("电话13812345678", "13812345678"), ("手机：138-1234-5678", "13812345678"),
     ("+86 186 1234 5678", "18612345678"), ("8613912345678。", "13912345678")],
)
def test_mobile_regex(text: str, number: str) -> None:
    m = MOBILE_RE.search(text)
    assert m and mobile_number(m.group(0)) == number


@pytest.mark.parametrize(
    "text", ["138****1234", "热线12345", "0571-87654321", "400-162-2002", "b15052884926", "12812345678",
             "138123456789", "11010519491231002X"],
)
def test_mobile_regex_rejects(text: str) -> None:
    assert not MOBILE_RE.search(text)


def test_card_regex() -> None:
    assert CARD_RE.search("卡号：6222 0212 3456 7890 128").group(0) == "6222 0212 3456 7890 128"  # type: ignore[union-attr]
    assert CARD_RE.search("6222021234567890128")
    assert not CARD_RE.search("6222021234")


def test_mask() -> None:
    assert mask("11010519491231002X") == "1101**********002X"
    assert mask("13812345678", 3) == "138****5678"
    assert mask("6222 0212 3456 7890 128") == "6222***********0128"
    assert mask("1234") == "****"


def test_scan_stream_and_context() -> None:
    html = (
        "<html><head><script>var x='11010519491231002X';</script></head><body>"
        "<table><tr><th>姓名</th><th>银行卡号</th></tr><tr><td>张某</td><td>6222021234567890128</td></tr></table>"
        "<p>身份证：<b>11010519491231002X</b></p><img alt='号码 13812345678' src='a.png'></body></html>"
    )
    root = lxml.html.fromstring(html)
    ids = list(scan(root, ID_RE, html))
    assert [(h.value, h.element.tag, h.where) for h in ids] == [("11010519491231002X", "b", "text")]
    assert ids[0].before.endswith("身份证：")
    cards = list(scan(root, CARD_RE, html))
    assert len(cards) == 1 and cards[0].element.tag == "td"
    assert cards[0].before.endswith("\n张某\n")  # cells are separate lines
    assert column_header(cards[0].element) == "银行卡号"
    assert table_row(cards[0].element) == ("张某 6222021234567890128", "姓名 银行卡号")
    phones = list(scan(root, MOBILE_RE, html))
    assert [(h.value, h.where) for h in phones] == [("13812345678", "alt")]


def test_scan_needs_digits() -> None:
    root = lxml.html.fromstring("<p>没有号码</p>")
    assert list(scan(root, ID_RE, "<p>没有号码</p>")) == []


def test_column_header_outside_table() -> None:
    root = lxml.html.fromstring("<div><p>x</p></div>")
    assert column_header(root.find(".//p")) == ""
    assert table_row(root.find(".//p")) == ("", "")


def test_number_runs() -> None:
    text = ("<script>var t=1718697900000;</script><p>电话：138-1234-5678，卡号 6222 0212 3456 7890 128</p>"
            "<td>11010519491231002X</td><img src='/a/20230511102347160001.jpg'>短号 12345")
    runs = number_runs(text)
    assert any("1718697900000" in r for r in runs)
    assert any("138-1234-5678" in r for r in runs)
    assert any("6222 0212 3456 7890 128" in r for r in runs)
    assert any(r.startswith("11010519491231002X") for r in runs)  # the character after the digits is kept
    assert not any("12345" == r.strip() for r in runs)
    assert number_runs("<p>没有长数字 2024-07-01</p>") == ()


def test_full_width_digits_are_read_as_ascii() -> None:
    html = ("<p>身份证号：１１０１０５１９４９１２３１００２Ｘ</p><p title='手机 １３８－１２３４－５６７８'>"
            "卡号６２２２０２１２３４５６７８９０１２８</p>")
    assert number_runs(html) == ("11010519491231002X", " 138-1234-5678'", "6222021234567890128<")
    root = lxml.html.fromstring(html)
    assert [h.value for h in scan(root, ID_RE, html, accept=is_id_number)] == ["11010519491231002X"]
    assert [(h.value, h.where) for h in scan(root, MOBILE_RE, html)] == [("138-1234-5678", "title")]
    assert [h.value for h in scan(root, CARD_RE, html, accept=luhn_valid)] == ["6222021234567890128"]
    assert number_runs("<p>２０２４年７月</p>") == ()  # full-width years: read, nothing long enough


def test_scan_skips_pages_without_an_accepted_number() -> None:
    html = "<p>身份证：110105194912310021</p>"  # wrong check character
    root = lxml.html.fromstring(html)
    assert list(scan(root, ID_RE, html, accept=is_id_number)) == []
    assert [h.value for h in scan(root, ID_RE, html)] == ["110105194912310021"]
