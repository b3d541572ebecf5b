"""Every registered check keeps the contract: name, code, docs, fixtures, runnable examples."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from harness import FIXTURES, actual, expectations, lint, page_files, registry

from sitelint.check import CODE_RE, DOC_SECTIONS, NAME_RE, Check, PageCheck, SiteCheck
from sitelint.config import Config

CHECKS = registry().checks
BUILTIN = [c for c in CHECKS if c.origin == "sitelint"]
_CJK = re.compile(r"[\u4e00-\u9fff]")
_FENCE = re.compile(r"```(html|markdown|md)\n(.*?)```", re.DOTALL)


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("-"))


def test_registry_has_the_built_in_checks() -> None:
    assert any(c.name == "broken-internal-link" and c.code == "SL701" for c in BUILTIN)


def test_names_and_codes_are_unique() -> None:
    rules = registry().rules()
    assert len({r.name for r in rules}) == len(rules)
    assert len({r.code for r in rules}) == len(rules)


@pytest.mark.parametrize("cls", BUILTIN, ids=lambda c: c.name)
def test_declared_attributes(cls: type[Check]) -> None:
    assert NAME_RE.match(cls.name)
    assert CODE_RE.match(cls.code)
    assert issubclass(cls, (PageCheck, SiteCheck))
    assert cls.__name__ == _camel(cls.name)
    assert cls.__module__ == "sitelint_checks." + cls.name.replace("-", "_")
    assert set(cls.formats) <= {"html", "markdown"}


@pytest.mark.parametrize("cls", BUILTIN, ids=lambda c: c.name)
def test_docs_have_the_fixed_sections_in_chinese(cls: type[Check]) -> None:
    sections = cls.doc_sections()
    assert list(sections) == list(DOC_SECTIONS), f"{cls.name}: sections {list(sections)}"
    assert _CJK.search(cls.summary()), "the one-line summary is Chinese"
    for title, body in sections.items():
        assert body.strip(), f"{cls.name}: section {title} is empty"
        assert _CJK.search(body), f"{cls.name}: section {title} is not Chinese"
    assert _FENCE.search(sections["错误示例"]), "错误示例 has a runnable code block"
    assert _FENCE.search(sections["正确示例"]), "正确示例 has a runnable code block"


@pytest.mark.parametrize("cls", BUILTIN, ids=lambda c: c.name)
def test_fixtures_have_bad_and_good_cases(cls: type[Check]) -> None:
    directory = FIXTURES / cls.name
    assert directory.is_dir(), f"fixtures/{cls.name}/ is missing"
    files = list(page_files(directory))
    marked = [f for f in files if expectations(f, f.name)]
    assert marked, "at least one bad fixture with an expect: marker"
    assert len(marked) < len(files), "at least one good fixture without findings"


def _examples() -> list[tuple[type[Check], str, str, str]]:
    cases = []
    for cls in BUILTIN:
        sections = cls.doc_sections()
        for section in ("错误示例", "正确示例"):
            for m in _FENCE.finditer(sections.get(section, "")):
                cases.append((cls, section, m.group(1), m.group(2)))
    return cases


EXAMPLES = _examples()


@pytest.mark.parametrize(
    ("cls", "section", "lang", "code"),
    EXAMPLES,
    ids=[f"{c.name}-{s}-{i}" for i, (c, s, _l, _c) in enumerate(EXAMPLES)],
)
def test_doc_examples_run(tmp_path: Path, cls: type[Check], section: str, lang: str, code: str) -> None:
    """The docstring examples are fixtures too: bad ones find exactly what they mark, good ones nothing."""
    name = "example.md" if lang in ("markdown", "md") else "example.html"
    page = tmp_path / name
    page.write_text(code, encoding="utf-8")
    expected = expectations(page, name)
    if section == "错误示例":
        assert expected, "a bad example marks what it expects"
    else:
        assert not expected
    result = lint(tmp_path, [name], [cls.name], Config(base=tmp_path, root=tmp_path))
    assert actual(result) == expected + Counter()
