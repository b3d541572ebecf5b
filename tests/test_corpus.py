"""The real government pages in ../shared/corpus/real lint without crashing and without false alarms.

Each finding pinned here was read against the page and is a real defect of the page as published
(see the corpus MANIFEST files). Everything else there — hidden login boxes and dropdowns, share
panels, friendly-link lists, the conac badge, 资料来源 lines, rules quoted in the text, real 文号 —
must stay quiet. Left out: broken-internal-link (the saved copies do not carry their sites' other
files) and the column-freshness checks (a folder of unrelated pages is not a site's columns).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from clirun import found, run
from conftest import SHARED

CORPUS = SHARED / "corpus" / "real"

EXPECTED = [
    # hrss look-alikes: a business-system page with no footer at all; the login page lacks the 找错 entry
    # (grouped per template with the cac page, which lacks it too).
    ("cjcx-admin-clone-hrss-gd/clone-hrss-gd-gwyks-center.html", 62, "missing-footer-item"),
    ("cjcx-admin-clone-hrss-gd/clone-hrss-gd-login.html", 2664, "missing-footer-item"),
    # ccgp: no Column* tags; PubDate without a time.
    ("hbjiance-ccgp-hebei/ccgp-hebei-zbgg-detail.html", 3, "missing-metadata-tag"),
    ("hbjiance-ccgp-hebei/ccgp-hebei-zbgg-detail.html", 9, "invalid-metadata-tag"),
    # cac: no government meta tags at all; footer has neither 主办单位 nor 网站标识码.
    ("mhxqwer-altered-gov-clones/clone-cac.gov.cn-article.html", 3, "missing-metadata-tag"),
    ("mhxqwer-altered-gov-clones/clone-cac.gov.cn-article.html", 153, "missing-footer-item"),
    ("mhxqwer-altered-gov-clones/clone-cac.gov.cn-article.html", 153, "missing-footer-item"),
    # fcgs: `Sitename` (names are case-sensitive), no ColumnDescription / ColumnKeywords.
    ("mhxqwer-altered-gov-clones/clone-fcgs.gov.cn-article.html", 4, "missing-metadata-tag"),
    # liaoyang (both uploads): visible 来源 辽阳日报 but ContentSource 辽阳网站.
    ("mhxqwer-altered-gov-clones/clone-liaoyang.gov.cn-article-final.html", 58, "unattributed-repost"),
    ("mhxqwer-altered-gov-clones/clone-liaoyang.gov.cn-article-first-upload.html", 58, "unattributed-repost"),
    # miit: no ColumnDescription / ColumnKeywords; PubDate 2023-05-12 but the page shows 2009-09-30.
    ("mhxqwer-altered-gov-clones/clone-miit.gov.cn-article.html", 3, "missing-metadata-tag"),
    ("mhxqwer-altered-gov-clones/clone-miit.gov.cn-article.html", 32, "invalid-metadata-tag"),
    ("mhxqwer-altered-gov-clones/clone-moe.gov.cn-policy-notice.html", 3, "missing-metadata-tag"),
    # shanghai: PubDate written with the full-width ratio sign `10∶08`.
    ("mhxqwer-altered-gov-clones/clone-shanghai.gov.cn-article.html", 23, "invalid-metadata-tag"),
    # wanzai 2015: empty ContentSource, PubDate 2022 against a shown 2017 date, an empty 来源 cell.
    ("simonxinw-job/wanzai-2015-tjgb-article.html", 3, "missing-metadata-tag"),
    ("simonxinw-job/wanzai-2015-tjgb-article.html", 21, "invalid-metadata-tag"),
    ("simonxinw-job/wanzai-2015-tjgb-article.html", 298, "empty-disclosure-field"),
    # yichun-jiangxi: reposts the provincial bulletin (ContentSource 江西统计 公众号) with no visible 来源.
    ("simonxinw-job/yichun-jiangxi-2022-tjgb-xxgk.html", 251, "unattributed-repost"),
    # nfra: no ColumnDescription / ColumnKeywords.
    ("yuhamixli-nfra/nfra-penalty-detail-rendered-1.html", 1, "missing-metadata-tag"),
    ("yuhamixli-nfra/nfra-penalty-detail-rendered-2.html", 1, "missing-metadata-tag"),
]


@pytest.fixture(scope="module")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the real-page corpus is not present at {CORPUS}")
    return CORPUS


def test_real_pages_findings_are_exactly_the_known_defects(corpus: Path, tmp_path: Path) -> None:
    import json

    result = run(["--format", "json", "-j2", "--no-cache", "--today", "2025-12-31",
                  "--ignore", "broken-internal-link,stale-column,blank-column", "."], corpus)
    doc = json.loads(result.stdout)
    assert not [d for d in doc["diagnostics"] if d["rule"] == "internal-error"]
    assert sorted(found(doc)) == sorted(EXPECTED)
    assert doc["summary"]["files"] == sum(1 for p in corpus.rglob("*") if p.suffix in (".html", ".md"))


def test_the_content_checks_of_issue_3_are_quiet_on_accepted_content(corpus: Path) -> None:
    import json

    content = "hidden-external-link,ad-link,unattributed-repost,missing-policy-interpretation,unlabeled-archive,"
    result = run(["--format", "json", "-j2", "--no-cache", "--select", content + "nonstandard-map", "."], corpus)
    assert sorted(found(json.loads(result.stdout))) == sorted(e for e in EXPECTED if e[2] == "unattributed-repost")
