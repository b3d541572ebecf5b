"""sitelint.dates: the date forms government pages write."""

from __future__ import annotations

import datetime

import pytest

from sitelint.dates import find_dates, is_no_date, parse_date, parse_datetime

D = datetime.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-10-12 14:40", D(2023, 10, 12)),
        ("发布时间:2024年7月1日", D(2024, 7, 1)),
        ("2023年08月03日", D(2023, 8, 3)),
        ("2024 年 7 月 1 日", D(2024, 7, 1)),
        ("2024/7/1", D(2024, 7, 1)),
        ("2024.07.01", D(2024, 7, 1)),
        ("２０２４－０７－０１", D(2024, 7, 1)),
        ("成文日期:2025-05-28 17:02:50", D(2025, 5, 28)),
        ("二〇二四年七月十一日", D(2024, 7, 11)),
        ("二〇二三年十二月三十一日", D(2023, 12, 31)),
        ("2023-02-30", None),
        ("2024-13-01", None),
        ("0000-00-00", None),
        ("———", None),
        ("v2024.7.1.5", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(text: str | None, expected: datetime.date | None) -> None:
    assert parse_date(text) == expected


def test_parse_datetime_with_times() -> None:
    assert parse_datetime("2023-10-12 14:40") == datetime.datetime(2023, 10, 12, 14, 40)
    assert parse_datetime("2025-07-14 10∶08") == datetime.datetime(2025, 7, 14, 10, 8)  # full-width ratio sign
    assert parse_datetime("2025-05-28T17:02:50") == datetime.datetime(2025, 5, 28, 17, 2, 50)
    assert parse_datetime("2024年7月1日") == datetime.datetime(2024, 7, 1)
    assert parse_datetime("无") is None


def test_find_dates_keeps_offsets() -> None:
    text = "生效时间:2021-06-29 11:05:52 废止时间:0000-00-00"
    found = list(find_dates(text))
    assert len(found) == 1
    assert text[found[0].start:found[0].end] == found[0].raw == "2021-06-29 11:05:52"
    text = "２０２４年７月１日印发"
    (only,) = find_dates(text)
    assert only.raw == "２０２４年７月１日"


def test_find_dates_many() -> None:
    dates = [f.date for f in find_dates("自2024年1月1日起施行，有效期至2028年12月31日。")]
    assert dates == [D(2024, 1, 1), D(2028, 12, 31)]


@pytest.mark.parametrize("text", ["", "  ", "0000-00-00", "0000-00-00 00:00:00", "———", "——", "-", "无", "暂无",
                                  "0000年00月00日", None])
def test_no_date(text: str | None) -> None:
    assert is_no_date(text)


@pytest.mark.parametrize("text", ["2024-07-01", "长期", "有效"])
def test_not_no_date(text: str) -> None:
    assert not is_no_date(text)
