"""Custom keyword and regex rules declared in the configuration, without Python."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirun import found, run, run_json, write

CONFIG = '''
[[rules]]
name = "banned-word"
code = "QS001"
message = "出现本县禁用词 `{match}`"
words = ["某某牌", "最高级"]
where = ["text", "title"]
severity = "warning"

[[rules]]
name = "old-hotline"
code = "QS002"
message = "旧热线号码 `{match}` 已停用"
patterns = ['0000-?8888\\d{4}']
where = ["text", "links", "attributes"]
'''

PAGE = """<html><head><title>最高级的服务</title></head><body>
<p>欢迎使用某某牌产品。</p>
<p><a href="tel:0000-88881234">咨询</a></p>
<img src="x.png" alt="热线 0000-88885678">
<script>var s = "某某牌";</script>
<p>正常内容</p>
</body></html>
"""


def test_words_and_patterns_in_the_places_named(tmp_path: Path) -> None:
    write(tmp_path, {"sitelint.toml": CONFIG, "a.html": PAGE})
    code, doc = run_json(["--select", "QS", "a.html"], tmp_path)
    assert code == 1
    assert found(doc) == [("a.html", 1, "banned-word"), ("a.html", 2, "banned-word"), ("a.html", 3, "old-hotline"),
                          ("a.html", 4, "old-hotline")]
    assert {d["code"] for d in doc["diagnostics"]} == {"QS001", "QS002"}
    assert [d["severity"] for d in doc["diagnostics"]][:2] == ["warning", "warning"]


def test_custom_rules_are_selectable_and_listed(tmp_path: Path) -> None:
    write(tmp_path, {"sitelint.toml": CONFIG, "a.html": PAGE})
    _code, doc = run_json(["--select", "QS,broken-internal-link", "--ignore", "QS", "a.html"], tmp_path)
    assert {r for _p, _l, r in found(doc)} == {"broken-internal-link"}
    _code, doc = run_json(["--select", "old-hotline", "a.html"], tmp_path)
    assert {r for _p, _l, r in found(doc)} == {"old-hotline"}


def test_a_catastrophic_pattern_times_out_instead_of_hanging(tmp_path: Path) -> None:
    config = '[[rules]]\nname = "slow"\ncode = "QS009"\npatterns = ["(a|aa)+b"]\ntimeout = 0.05\n'
    write(tmp_path, {"sitelint.toml": config, "a.html": "<p>" + "a" * 40 + "!</p>"})
    result = run(["--format", "json", "-j1", "--select", "QS", "a.html"], tmp_path)
    doc = json.loads(result.stdout)
    assert [(d["rule"], d["severity"]) for d in doc["diagnostics"]] == [("slow", "warning")]


@pytest.mark.parametrize(
    ("rule", "key"),
    [
        ('name = "x"\ncode = "SL999"\nwords = ["a"]', "code"),
        ('name = "Bad Name"\ncode = "QS001"\nwords = ["a"]', "name"),
        ('name = "x"\ncode = "QS001"', "words"),
        ('name = "x"\ncode = "QS001"\npatterns = ["(unclosed"]', "patterns"),
        ('name = "x"\ncode = "QS001"\nwords = ["a"]\nwhere = ["body"]', "where"),
        ('name = "x"\ncode = "QS001"\nwords = ["a"]\ncolour = 1', "colour"),
        ('name = "broken-internal-link"\ncode = "QS001"\nwords = ["a"]', "broken-internal-link"),
    ],
)
def test_invalid_custom_rules_exit_2(tmp_path: Path, rule: str, key: str) -> None:
    write(tmp_path, {"sitelint.toml": f"[[rules]]\n{rule}\n", "a.html": PAGE})
    result = run(["a.html"], tmp_path)
    assert result.exit_code == 2 and key in result.stderr


def test_rules_and_explain_know_the_configured_rules(tmp_path: Path) -> None:
    write(tmp_path, {"sitelint.toml": CONFIG})
    listed = run(["rules", "--format", "json"], tmp_path)
    assert {"code": "QS001", "name": "banned-word", "severity": "warning", "origin": "config"}.items() <= next(
        r for r in json.loads(listed.stdout) if r["code"] == "QS001").items()
    explained = run(["explain", "QS002"], tmp_path)
    assert explained.exit_code == 0 and "0000-?8888" in explained.stdout
