"""公文 formats (GB/T 9704-2012): 文号, 成文日期, Chinese numerals, and the page text they are read from.

Shared by SL504 (nonstandard-document-number), SL505 (nonstandard-document-date),
SL506 (broken-numbering), SL507 (empty-disclosure-field) and SL107 (serious-wording-error).

* :func:`cn_to_int` / :func:`int_to_cn`: ordinals as written in 第一条 … 第九十九条 … 第一百零一条.
* :func:`find_doc_numbers`: 文号 candidates (机关代字 + bracketed year + 顺序号 + 号), each with what is
  wrong with it (GB/T 9704-2012 7.2.5) and its corrected form.
* :func:`find_padded_dates`: 成文日期 written with 虚位 (``2024年07月01日``, 7.3.5.4) and their corrections.
* :func:`suspect_doc_number` / :func:`suspect_padded_date`: cheap preconditions on the raw source.
* :func:`parse_item` / :func:`sequence_problem`: numbered headings (第一章, 第一条, （一）, 一、) and what is
  wrong when one comes out of sequence.
* :func:`wording_pairs`: the wrong → right list of ``sitelint/data/wording_errors.txt``.
* :func:`blocks`: the text of each paragraph-level element, inline markup joined, ``<br>`` as a line break;
  :func:`content_blocks` (the content's, ``page.shared(content_blocks)``: built once per page for every check)
  and :func:`body_blocks` (the article body's, taken from them).
* :class:`Source`: where a string read from the tree sits in ``page.text`` (the offsets of a Fix).

Format checks read what the page shows; positions for fixes always come from the raw source, and a string
the source spells differently (entities, markup inside) gets no fix rather than a wrong one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import lxml.etree as etree

from sitelint.positions import line_starts

# --- Chinese numerals ------------------------------------------------------------------------

CN_NUMERAL = "〇零一二三四五六七八九十百千"
_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNIT = {"十": 10, "百": 100, "千": 1000}
_CN_DIGITS = "零一二三四五六七八九"


def cn_to_int(text: str) -> int | None:
    """The value of an ordinal numeral ("十二" -> 12, "一百零一" -> 101), None if it is not a well-formed one."""
    total, pending, last_unit, zero = 0, None, 10**9, False
    for ch in text:
        if ch in _DIGIT:
            if pending is not None:
                return None  # "一二": positional digits are not an ordinal
            if _DIGIT[ch] == 0:
                if total == 0 or zero:
                    return None
                zero = True
            else:
                pending = _DIGIT[ch]
        elif ch in _UNIT:
            unit = _UNIT[ch]
            if unit >= last_unit:
                return None
            if pending is None:
                if unit != 10 or total:
                    return None
                pending = 1  # "十二"
            total, pending, last_unit, zero = total + pending * unit, None, unit, False
        else:
            return None
    if pending is not None:
        if last_unit not in (10, 10**9) and not zero:
            return None  # "一百二" is colloquial, not an ordinal
        total += pending
    elif zero:
        return None
    return total or None


def int_to_cn(n: int) -> str:
    """The ordinal numeral of ``n`` (1..9999): 12 -> "十二", 110 -> "一百一十", 101 -> "一百零一"."""
    if not 0 < n < 10000:
        raise ValueError(n)
    if n < 20:
        return ("十" if n >= 10 else "") + (_CN_DIGITS[n % 10] if n % 10 else "")
    parts: list[str] = []
    rest, zero, started = n, False, False
    for value, name in ((1000, "千"), (100, "百"), (10, "十")):
        digit, rest = divmod(rest, value)
        if digit:
            parts.append(("零" if zero else "") + _CN_DIGITS[digit] + name)
            zero, started = False, True
        elif started:
            zero = True
    if rest:
        parts.append(("零" if zero else "") + _CN_DIGITS[rest])
    return "".join(parts)


# --- 文号 ------------------------------------------------------------------------------------

_SP = r"[ \t\u00a0\u3000]*"
DOC_NUMBER_RE = re.compile(
    r"(?<![A-Za-z0-9Ａ-Ｚａ-ｚ０-９])(?P<code>[\u4e00-\u9fff]{1,12})" + _SP
    + r"(?P<open>[\[［【(（﹝〔〖])" + _SP + r"(?P<year>(?:19|20)\d{2}|\d{2})" + _SP
    + r"(?P<close>[\]］】)）﹞〕〗])" + _SP + r"(?P<di>第?)" + _SP + r"(?P<seq>\d{1,6})" + _SP
    + r"号(?![楼院室栋幢层])"
)
#: What a 机关代字 found in running text may carry before it ("根据国办发" is 国办发).
_LEAD = re.compile(r"^.*(?:根据|依据|按照|依照|参照|见|即|经|的|和|与|及|以)")


@dataclass(frozen=True, slots=True)
class DocNumber:
    """A 文号 found in a text."""

    #: the text as written, from the 机关代字 to 号
    text: str
    start: int
    end: int
    #: the 机关代字 as displayed (leading function words dropped)
    code: str
    #: where the part after the 机关代字 starts (the bracket, or the space before it): the text a fix replaces
    tail_start: int
    #: what is wrong, in Chinese (empty: standard)
    problems: tuple[str, ...]
    #: the corrected text from ``tail_start`` on
    corrected_tail: str
    #: the correction is mechanical (False when a two-digit year had to be expanded)
    safe: bool

    @property
    def corrected(self) -> str:
        return self.code + self.corrected_tail

    @property
    def shown(self) -> str:
        return self.code + self.text[self.tail_start - self.start:]


def find_doc_numbers(text: str, *, strict: bool = False, pivot_year: int = 2099) -> Iterator[DocNumber]:
    """文号 in ``text``, standard or not. ``strict`` also counts spaces inside the 文号 as a problem.

    A two-digit year ``yy`` becomes 20yy up to ``pivot_year`` and 19yy after it. 令号 (``国务院令第722号``) are
    not 文号 and are skipped.
    """
    for m in DOC_NUMBER_RE.finditer(text):
        code = m.group("code")
        if code.endswith("令"):
            continue
        problems: list[str] = []
        if (m.group("open"), m.group("close")) != ("〔", "〕"):
            problems.append(f"年份应使用六角括号“〔〕”，不用“{m.group('open')}{m.group('close')}”")
        year, safe = m.group("year"), True
        if len(year) == 2:
            full = 2000 + int(year)
            year = str(full if full <= pivot_year else full - 100)
            problems.append("年份应标全称（四位数字）")
            safe = False
        if m.group("di"):
            problems.append("发文顺序号不加“第”字")
        seq = m.group("seq").lstrip("0")
        if not seq:
            continue
        if seq != m.group("seq"):
            problems.append("发文顺序号不编虚位（1 不编为 01）")
        tail_start = m.end("code")
        if strict and re.search(r"\s", text[tail_start:m.end()]):
            problems.append("文号中不应有空格")
        shown = _LEAD.sub("", code) or code
        yield DocNumber(m.group(0), m.start(), m.end(), shown, tail_start, tuple(problems),
                        f"〔{year}〕{seq}号", safe)


@lru_cache(maxsize=4096)
def first_doc_number(text: str) -> DocNumber | None:
    """The first 文号 in ``text`` (:func:`find_doc_numbers` with its defaults), cached: a page's 文号 field is
    read by several checks."""
    return next(find_doc_numbers(text), None)


# --- 条款编号 --------------------------------------------------------------------------------

#: How an item of each level is written: 第一章, 第一节, 第一条, （一）, 一、.
ITEM_SHAPES = {"章": "第{}章", "节": "第{}节", "条": "第{}条", "（）": "（{}）", "、": "{}、"}
_N = f"[{CN_NUMERAL}]+"
_IWS = " \t\u00a0\u3000"
_ITEM = re.compile(
    rf"^(?:第(?P<h>{_N})(?P<kind>章|节|条|節|條)(?:(?=[{_IWS}:：、]|$)|(?<=[章节節])(?=[\u4e00-\u9fff]))"
    rf"|[（(](?P<p>{_N})[）)]|(?P<l>{_N})、|第(?P<g>{_N})(?=[{_IWS}]+\S))"
)
_ANNEX = re.compile(r"^附\s*件\s*[0-9一二三四五六七八九十]*\s*(?:[:：]|$)")


@dataclass(frozen=True, slots=True)
class Item:
    """A numbered heading at the start of a line."""

    #: a key of :data:`ITEM_SHAPES`
    level: str
    value: int
    #: the heading as written ("第四章", "（三）", "第十" when garbled)
    text: str
    #: the numeral of "第十  …": an article number that lost its tail and 条 (level is then 条)
    garbled: str | None = None


def parse_item(line: str) -> Item | None:
    """The numbered heading ``line`` starts with (leading spaces ignored), if any."""
    bare = line.lstrip(_IWS)
    m = _ITEM.match(bare)
    if m is None:
        return None
    kind = {"節": "节", "條": "条"}.get(m.group("kind"), m.group("kind"))
    if kind in ("章", "节") and len(bare) > 40:  # a chapter heading is short; this is a sentence
        return None
    level = kind or ("（）" if m.group("p") else "、" if m.group("l") else "条")
    numeral = m.group("h") or m.group("p") or m.group("l") or m.group("g")
    value = cn_to_int(numeral)
    if value is None:
        return None
    return Item(level, value, m.group(0).rstrip(_IWS), m.group("g"))


def is_annex(line: str) -> bool:
    """A line that starts an attachment (附件, 附件2, 附件：), after which numbering starts afresh."""
    return bool(_ANNEX.match(line.strip(_IWS)))


def sequence_problem(level: str, value: int, want: int) -> str:
    """What is wrong when item ``value`` of ``level`` comes where ``want`` was due (value != want)."""
    shape = ITEM_SHAPES[level]
    got, prev = shape.format(int_to_cn(value)), shape.format(int_to_cn(want - 1))
    if value > want:
        missing = shape.format(int_to_cn(want))
        if value > want + 1:
            missing += f"至{shape.format(int_to_cn(value - 1))}"
        return f"编号不连续：`{got}` 紧接在 `{prev}` 之后，缺少 {missing}"
    after = f"，按顺序应为 `{shape.format(int_to_cn(want))}`"
    if value == want - 1:
        return f"编号重复：`{got}` 出现了两次{after}"
    return f"编号顺序颠倒：`{got}` 出现在 `{prev}` 之后{after}"


# --- 表述错误词表 -------------------------------------------------------------------------------


def wording_pairs() -> dict[str, tuple[str, str]]:
    """``sitelint/data/wording_errors.txt``: normalised wrong form -> (right form, category)."""
    from sitelint.textnorm import load_wordlist, normalize

    pairs: dict[str, tuple[str, str]] = {}
    for category, entries in load_wordlist("wording_errors").items():
        for entry in entries:
            wrong, _, right = entry.partition("→")
            pairs[normalize(wrong.strip())] = (right.strip(), category)
    return pairs


def within_right(text: str, start: int, wrong: str, right: str) -> bool:
    """The wrong form found at ``start`` is part of the right form, written out in full here."""
    at = right.find(wrong)
    while at >= 0:
        if start - at >= 0 and text.startswith(right, start - at):
            return True
        at = right.find(wrong, at + 1)
    return False


# --- 成文日期 ---------------------------------------------------------------------------------

DATE_RE = re.compile(r"(?<![\d０-９])(?P<y>(?:19|20)\d{2}|\d{2})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")


@dataclass(frozen=True, slots=True)
class PaddedDate:
    text: str
    start: int
    end: int
    problems: tuple[str, ...]
    corrected: str
    safe: bool


def find_padded_dates(text: str, *, pivot_year: int = 2099) -> Iterator[PaddedDate]:
    """Dates written 年月日 with 虚位 (``2024年07月01日``) or a two-digit year (``24年7月1日``)."""
    for m in DATE_RE.finditer(text):
        y, mo, d = m.group("y"), m.group("m"), m.group("d")
        if not (1 <= int(mo) <= 12 and 1 <= int(d) <= 31):
            continue
        problems: list[str] = []
        safe = True
        if len(y) == 2:
            full = 2000 + int(y)
            y = str(full if full <= pivot_year else full - 100)
            problems.append("年份应标全称")
            safe = False
        if mo.startswith("0") or d.startswith("0"):
            problems.append("月、日不编虚位（1 不编为 01）")
        if problems:
            yield PaddedDate(m.group(0), m.start(), m.end(), tuple(problems), f"{y}年{int(mo)}月{int(d)}日", safe)


# --- cheap preconditions on the raw source --------------------------------------------------------

# Tried before each 号: a bracketed year and a number ending there.
_TSP = r"(?:\s|&nbsp;|&#160;)*"
_TAIL = re.compile(rf"([\[［【(（﹝〖〔]){_TSP}(\d{{2,4}}){_TSP}([\]］】)）﹞〗〕]){_TSP}(第?){_TSP}(\d{{1,6}})\s*号$")
_SPACE = re.compile(r"\s|&nbsp;|&#160;")


def suspect_doc_number(text: str) -> bool:
    """Whether the source has a 文号 that is not standard (bracket, year, 第, 虚位, spaces) anywhere."""
    i = text.find("号")
    while i >= 0:
        m = _TAIL.search(text, max(0, i - 48), i + 1)
        if m is not None and (
            m.group(1) + m.group(3) != "〔〕" or len(m.group(2)) == 2 or m.group(4) or m.group(5).startswith("0")
            or _SPACE.search(m.group(0)) or text[max(0, m.start() - 6):m.start()].endswith(("&nbsp;", "&#160;"))
            or text[m.start() - 1:m.start()].isspace()
        ):
            return True
        i = text.find("号", i + 1)
    return False


# A month or day with 虚位, and a two-digit year: the definitions. A pattern led by "0" stops at every zero of
# the page's markup and one led by a lookbehind at every character, so suspect_padded_date starts at 月, 日, 年.
_PADDED = re.compile(r"0\d\s*[月日]")
_SHORT_YEAR = re.compile(r"(?<![\d０-９])\d\d年\d{1,2}月")
_SHORT_YEAR_AT = re.compile(r"年(?<=(?<![\d０-９])\d\d年)\d{1,2}月")  # _SHORT_YEAR, found from its 年


def suspect_padded_date(text: str) -> bool:
    """Whether the source has a 年月日 date with 虚位 or a two-digit year anywhere (a cheap precondition)."""
    for unit in "月日":  # _PADDED: "0", a digit (\d is isdecimal), spaces (\s is isspace) before the unit
        i = text.find(unit)
        while i >= 0:
            j = i
            while j > 0 and text[j - 1].isspace():
                j -= 1
            if j >= 2 and text[j - 2] == "0" and text[j - 1].isdecimal():
                return True
            i = text.find(unit, i + 1)
    return _SHORT_YEAR_AT.search(text) is not None


# --- paragraph text -----------------------------------------------------------------------------

BLOCK_TAGS = frozenset(
    "p div td th li dd dt h1 h2 h3 h4 h5 h6 blockquote pre section article table tr tbody thead tfoot ul ol dl "
    "center caption form header footer main aside nav address figure figcaption body html title".split()
)
#: Elements whose text is not running text of the page (code and form controls included).
SKIP_TAGS = frozenset("script style noscript template textarea select pre code".split())
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")  # translate() is slow: only when there are any


@dataclass(slots=True)
class Block:
    """The text of one paragraph-level element (its own inline content; nested blocks are blocks of their own)."""

    element: Any
    #: inline text joined; a ``<br>`` or a nested block in between becomes "\n"; zero-width characters dropped
    text: str


def blocks(roots: Iterable[Any], *, soft_breaks: bool = False) -> list[Block]:
    """The blocks under ``roots`` in document order. ``soft_breaks`` keeps newlines of the text itself (Markdown).

    One iterative walk (no recursion, no per-node XPath): an element's text goes to the nearest block at or above
    it, its tail to the block of its parent. Checks of the page's content share :func:`content_blocks`.
    """
    found: dict[Any, list[str]] = {}
    hard = not soft_breaks
    get = found.get

    for root in roots:
        stack: list[Any] = []
        push, pop = stack.append, stack.pop
        walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
        for event, el in walker:
            if event == "start":
                tag = el.tag  # "start" comes for elements only (a non-string tag would be in no tag set anyway)
                block = el if el is root or tag in BLOCK_TAGS or not stack else stack[-1]
                push(block)
                if tag in SKIP_TAGS:
                    walker.skip_subtree()
                    continue
                if tag == "br":
                    text = "\n"
                elif not (text := el.text):
                    continue
                elif hard and ("\n" in text or "\r" in text):
                    text = text.replace("\r", " ").replace("\n", " ")
            else:
                if event == "end":
                    pop()
                if not stack or not (text := el.tail):  # a comment or processing instruction: only its tail
                    continue
                block = stack[-1]
                if hard and ("\n" in text or "\r" in text):
                    text = text.replace("\r", " ").replace("\n", " ")
                if event == "end" and el.tag in BLOCK_TAGS:
                    text = "\n" + text
            parts = get(block)
            if parts is None:
                found[block] = [text]
            else:
                parts.append(text)
    result = []
    for el, parts in found.items():
        text = "".join(parts)
        result.append(Block(el, text.translate(_ZERO_WIDTH) if _ZERO_WIDTH_RE.search(text) else text))
    return result


def content_blocks(page: Any) -> list[Block]:
    """``blocks(page.content_roots, soft_breaks=page.is_markdown)``: ask for it as ``page.shared(content_blocks)``,
    it is then built once per page for every check that reads the content."""
    return blocks(page.content_roots, soft_breaks=page.is_markdown)


def body_blocks(page: Any) -> list[Block]:
    """``blocks([page.content_body], soft_breaks=page.is_markdown)`` (the content roots' when there is no body).

    Taken from the shared :func:`content_blocks` when that walk reads the body exactly as a walk of the body alone
    would: the body is a block in exactly one content root, under no element whose text is skipped, and holds no
    other root. Its blocks are then those of the elements in its subtree (its tail went to its parent's block).
    """
    body, roots = page.content_body, page.content_roots
    if body is None:
        return page.shared(content_blocks)
    chain = [body, *body.iterancestors()]
    held = [i for i, node in enumerate(chain) for r in roots if r is node]  # the root (once) holding the body
    if len(held) == 1 and (held[0] == 0 or body.tag in BLOCK_TAGS) and not any(
            node.tag in SKIP_TAGS for node in chain[1:held[0] + 1]):
        inside = set(body.iter())
        if not any(r in inside and r is not body for r in roots):
            return [b for b in page.shared(content_blocks) if b.element in inside]
    return blocks([body], soft_breaks=page.is_markdown)


def lines(block: Block) -> Iterator[tuple[int, str]]:
    """(offset in ``block.text``, line) for each non-empty line of the block."""
    pos = 0
    for line in block.text.split("\n"):
        if line.strip(" \t\u00a0\u3000"):
            yield pos, line
        pos += len(line) + 1


# --- where tree text sits in the source -------------------------------------------------------------

_WINDOW = 20000


class Source:
    """Offsets in ``page.text`` for strings read from the tree (for Fix edits and exact lines)."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.text: str = page.text
        self._starts: list[int] | None = None
        self._cursor: dict[tuple[int, str], int] = {}

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = line_starts(self.text)  # LF, CRLF or a lone CR, as positions count lines
        return self._starts

    def offset_of(self, el: Any) -> int:
        line, col = self.page.position(el)
        starts = self.starts
        base = starts[min(max(line, 1), len(starts)) - 1]
        return base + (col - 1 if col else 0)

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def end_of(self, el: Any) -> int:
        """Where the element after ``el`` (not inside it) starts: the end of ``el``'s text in the source."""
        node = el
        while node is not None:
            nxt = node.getnext()
            while nxt is not None and not isinstance(nxt.tag, str):
                nxt = nxt.getnext()
            if nxt is not None:
                return self.offset_of(nxt)
            node = node.getparent()
        return len(self.text)

    def find(self, el: Any, needle: str, scope: Any = None) -> int | None:
        """The next occurrence of ``needle`` in the source of ``scope`` (default ``el``) at or after ``el``'s start
        tag (successive calls for the same element and needle return successive occurrences); None if the
        source spells it otherwise (entities, markup inside)."""
        if not needle:
            return None
        text = self.text
        origin = self.offset_of(el)
        key = (origin, needle)
        end = self.end_of(el if scope is None else scope)
        end = min(end if end > origin else origin + _WINDOW, origin + _WINDOW + len(needle))
        found = text.find(needle, self._cursor.get(key, origin), end)
        # Not in a tag, comment or script of the element; and "21年1月8日" is not the end of "2021年1月8日".
        while found >= 0 and (self._markup(origin, found) or (needle[0].isdigit() and text[found - 1:found].isdigit())
                              or (needle[-1].isdigit() and text[found + len(needle):][:1].isdigit())):
            found = text.find(needle, found + 1, end)
        if found < 0:
            return None
        self._cursor[key] = found + len(needle)
        return found

    def _markup(self, lo: int, pos: int) -> bool:
        """Whether ``pos`` (at or after the start tag at ``lo``) is inside markup rather than page text."""
        text = self.text
        if text.rfind("<!--", lo, pos) > text.rfind("-->", lo, pos):
            return True
        if self.page.format != "html":
            return False
        if text.rfind("<", lo, pos) > text.rfind(">", lo, pos):
            return True
        before = text[lo:pos].lower()
        return before.rfind("<script") > before.rfind("</script") or before.rfind("<style") > before.rfind("</style")

    def anchor(self, el: Any, offset: int | None) -> Any:
        """The element when the text is on its first line, else the exact line of ``offset``."""
        if offset is None:
            return el
        line = self.line_of(offset)
        return el if line == self.page.position(el)[0] else line
