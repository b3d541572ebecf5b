"""Template chrome is not content: content roots, fields, publishers (sitelint/content.py)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from sitelint.config import Config
from sitelint.content import (
    css_xpath,
    is_column_index,
    is_government_body,
    is_local_media,
    is_own_source,
    locality,
    normalize_label,
    same_organisation,
)
from sitelint.decode import decode_bytes
from sitelint.page import Page

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"

HEADER = """<div class="header"><a href="/">某某市人民政府</a></div>
<ul class="mainnav"><li><a href="/zcjd/">政策解读</a></li><li><a href="/zz/">转载信息</a></li>
<li><a href="/ly/index.html">来源：本站</a></li></ul>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/tjsj/">统计数据</a></div>"""
FOOTER = """<div class="footer"><p>主办单位：某某市人民政府 承办：某某市人民政府办公室</p>
<p>来源：某某市大数据中心 网站标识码：4401000004</p></div>"""


def page(body: str, path: str = "a.html", head: str = "", selectors: tuple[str, ...] = ()) -> Page:
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    fmt = "markdown" if path.endswith(".md") else "html"
    return Page(path, html if fmt == "html" else body, Config(content_selectors=selectors), fmt=fmt)


def first(p: Page, xpath: str) -> object:
    found = p.root.xpath(xpath)
    assert found, xpath
    return found[0]


TRS = f"""{HEADER}
<div class="main">
 <h1>万载县2022年国民经济和社会发展统计公报</h1>
 <div class="info">发布时间：2023-08-16 来源：万载县统计局 浏览次数：<span id="c">12</span></div>
 <div id="zoom"><div class="TRS_Editor">
  <p>2022年，全县上下坚持以习近平新时代中国特色社会主义思想为指导，积极应对经济下行压力，全年实现生产总值262.6亿元。</p>
  <p>全年农业总产值41.6亿元，按可比价计算增长3.9%。粮食播种面积66.5万亩，粮食产量25.9万吨。</p>
  <table><tr><td>指标</td><td>数值</td></tr><tr><td>GDP</td><td>262.6</td></tr></table>
  <p><b>资料来源：</b></p><p>本公报中财政数据来自县财政局；外贸出口数据来自县商务局。</p>
  <p>发布时间：2024年3月1日至3月5日，逾期不予受理。</p>
 </div></div>
</div>
{FOOTER}"""


def test_trs_roots_exclude_chrome() -> None:
    p = page(TRS)
    zoom = first(p, "//*[@id='zoom']")
    assert p.in_content(zoom)
    assert p.in_content(first(p, "//h1"))
    assert p.in_content(first(p, "//div[@class='info']"))
    for chrome in ("//ul[@class='mainnav']", "//div[@class='position']", "//div[@class='footer']",
                   "//div[@class='header']"):
        assert not p.in_content(first(p, chrome)), chrome
    assert p.content_body.get("class") == "TRS_Editor" or p.content_body.get("id") == "zoom"


def test_trs_info_bar_fields_split_on_next_label() -> None:
    p = page(TRS)
    assert list(p.fields) == ["发布时间", "来源"]
    assert p.fields["来源"].value == "万载县统计局"
    assert p.fields["发布时间"].value == "2023-08-16"
    assert p.fields["来源"].line == p.fields["发布时间"].line
    assert "资料来源" not in p.fields  # body text, under a table
    assert p.publishers[0] == "某某市人民政府"  # footer 主办单位, not its 来源 line


HANWEB = f"""{HEADER}
<div class="xxgk-detail">
 <table class="xxgk-table">
  <tr><td class="label">索 引 号：</td><td>11440100MB2C92012N/2024-00123</td>
      <td class="label">发布机构：</td><td><span>广州市统计局</span></td></tr>
  <tr><td>发文字号：</td><td>穗统〔2024〕5号</td><td>成文日期：</td><td></td></tr>
  <tr><th>主题分类</th><td>统计信息</td><th>有 效 性</th><td>有效</td></tr>
 </table>
 <h1 class="article-title">关于开展2024年统计执法检查的通知</h1>
 <div class="article-content" id="zoomcon"><p>各区统计局：为进一步加强统计执法，现将有关事项通知如下。</p>
 <p>一、检查范围。全市规模以上工业企业和限额以上批发零售企业。</p></div>
</div>
{FOOTER}"""


def test_hanweb_disclosure_table_pairs() -> None:
    f = page(HANWEB).fields
    assert f["索引号"].value == "11440100MB2C92012N/2024-00123"
    assert f["索引号"].label == "索 引 号"
    assert f["发布机构"].value == "广州市统计局"
    assert f["发文字号"].value == "穗统〔2024〕5号"
    assert f["成文日期"].value == ""  # present but empty
    assert f["主题分类"].value == "统计信息"  # label cell without a colon
    assert f["有效性"].value == "有效"
    assert "文号" not in f


@pytest.mark.parametrize(
    ("snippet", "key", "value"),
    [
        ("<span>来源：<em>某某局</em></span>", "来源", "某某局"),
        ('<span id="laiyuan">来源：广州日报\n   <!-- <b>广州日报</b> -->\n </span>', "来源", "广州日报"),
        ("<p>信息来源: 市人民政府办公室</p>", "信息来源", "市人民政府办公室"),
        ("<span>來源：新華社</span>", "来源", "新華社"),
        ("<div>发 布 机 构：某某县民政局</div>", "发布机构", "某某县民政局"),
        ('<li>来源:\n     绵阳市政务网\n  </li>', "来源", "绵阳市政务网"),
        ("<span class='ly'>来源  :  南方日报网络版</span>", "来源", "南方日报网络版"),
        ("<b>稿源：</b>人民日报<span>责任编辑：张三</span>", "稿源", "人民日报"),
        ("<div>发布日期：2024-06-13　来源：教育部　<a href='#'>下载</a></div>", "来源", "教育部"),
        ("<span>来源：<b></b></span><span>访问量：<b>199</b></span>", "来源", ""),
    ],
)
def test_info_bar_forms(snippet: str, key: str, value: str) -> None:
    body = "<p>" + "正文内容，" * 40 + "</p>"
    p = page(f'{HEADER}<div class="article"><h1>标题</h1><div class="info">{snippet}</div>'
             f'<div id="zoom">{body}</div></div>{FOOTER}')
    assert p.fields[key].value == value


def test_meta_and_footer_are_not_fields() -> None:
    head = '<meta name="ContentSource" content="新华社">'
    p = page(f'{HEADER}<div id="zoom"><p>{"正文内容，" * 40}</p></div>{FOOTER}', head=head)
    assert "来源" not in p.fields
    assert p.meta["ContentSource"] == "新华社"


def test_body_paragraph_labels_are_not_fields() -> None:
    p = page(f'<div id="zoom"><p>{"正文内容，" * 40}</p><p>来源：网络</p><p>发布时间：每周一</p></div>')
    assert p.fields == {}
    assert [c.value for c in p.content.credits] == ["网络"]


def test_wrapper_class_content_prefers_the_article() -> None:
    html = f"""<div class="content">{HEADER}
      <div class="left"><ul><li><a href="/a/">栏目一</a></li><li><a href="/b/">栏目二</a></li></ul></div>
      <div class="detail"><h1>标题</h1><p class="info">发布日期：2024-01-02</p>
        <div class="detail-text"><p>{"这是正文内容。" * 50}</p><p>{"第二段正文。" * 30}</p></div></div>
      {FOOTER}</div>"""
    p = page(html)
    assert p.content_body.get("class") == "detail-text"
    assert not p.in_content(first(p, "//div[@class='footer']"))
    assert not p.in_content(first(p, "//ul[@class='mainnav']"))
    assert p.fields["发布日期"].value == "2024-01-02"


def test_text_density_fallback() -> None:
    html = f"""{HEADER}<table><tr><td width="200"><a href="/x/">栏目</a><br><a href="/y/">栏目</a></td>
      <td>{"没有任何标记的旧模板正文。" * 30}<br>{"第二段。" * 20}</td></tr></table>{FOOTER}"""
    p = page(html)
    assert p.content_body.tag == "td"
    assert not p.in_content(first(p, "//div[@class='footer']"))


def test_configured_selectors_win() -> None:
    html = f'{HEADER}<div class="wz"><p>{"正文。" * 80}</p></div><div id="zoom"><p>短</p></div>{FOOTER}'
    p = page(html, selectors=("div.wz",))
    assert p.content_roots == [first(p, "//div[@class='wz']")]
    assert not p.in_content(first(p, "//*[@id='zoom']"))


def test_css_subset() -> None:
    p = page('<div id="a" class="x y"><p class="z" data-k="v">t</p></div>')
    assert len(p.root.xpath(css_xpath("div#a.y > p.z"))) == 1
    assert len(p.root.xpath(css_xpath("div p[data-k=v], span"))) == 1
    assert len(p.root.xpath(css_xpath("[data-k^=v]"))) == 1


def test_markdown_body_is_content() -> None:
    text = "---\ntitle: 关于某某的通知\nrepost: true\nsource: 新华社\n---\n\n# 标题\n\n正文第一段。\n\n来源：新华社\n"
    p = Page("news/a.md", text, Config(), fmt="markdown")
    assert p.content_roots == [p.root.find("body")]
    assert p.in_content(first(p, "//p"))
    assert [c.value for c in p.content.credits] == ["新华社"]


def test_links_to_column_indexes() -> None:
    p = page(f'{HEADER}<div id="zoom"><p>{"正文。" * 60}<a href="/zcjd/2024/t1.html">解读</a>'
             f'<a href="/zcjd/">栏目</a></p></div>')
    by_raw = {link.raw: link for link in p.links}
    assert not p.is_chrome_link(by_raw["/zcjd/2024/t1.html"])
    assert p.is_chrome_link(by_raw["/zcjd/"])
    assert p.is_chrome_link(by_raw["/zcjd/"]) and p.is_chrome_link(by_raw["/ly/index.html"])


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("zcjd/", True), ("/zcjd/index.html", True), ("index.shtml", True), ("list_2.shtml", True),
        ("col/col123/index.html", True), ("ItemList.html?itemName=政策解读", True), ("", True),
        ("https://www.gov.cn/", True), ("zcjd", True), ("_index.md", True),
        ("zcjd/2024/t20240101_1.html", False), ("art/2024/5/10/art_1229679069_1662057.html", False),
        ("content/post_9360641.html", False), ("news/a.md", False), ("ItemDetail.html?docId=1", False),
    ],
)
def test_is_column_index(url: str, expected: bool) -> None:
    assert is_column_index(url) is expected


def test_names() -> None:
    assert normalize_label("發 佈 機 構：") == "发布机构"
    assert is_government_body("万载县统计局") and is_government_body("绵阳市政务网")
    assert is_government_body("www.gz.gov.cn") and is_government_body("中国政府网")
    assert not is_government_body("广州日报") and not is_government_body("某某科技有限公司")
    assert not is_government_body("江西统计 公众号")
    assert locality("万载县统计局") == "万载县" and locality("广州市人民政府办公厅") == "广州市"
    assert same_organisation("广州市人民政府", "广州市人民政府办公厅")
    assert not same_organisation("广州市人民政府", "广州日报")
    own = ("万载县人民政府",)
    for name in ("本站", "万载县统计局", "县统计局", "县政府办", "我局", "万载县人民政府门户网站"):
        assert is_own_source(name, own), name
    for name in ("宜春市统计局", "江西统计 公众号", "新华社", "某某科技有限公司"):
        assert not is_own_source(name, own), name
    assert is_local_media("广州日报", ("广州市人民政府",)) and not is_local_media("广州日报", ("深圳市人民政府",))


def test_dates_and_list_pages() -> None:
    p = page(TRS, head='<meta name="PubDate" content="2023-08-16 10:33">')
    assert p.pub_date == "2023-08-16 10:33"
    assert page(TRS).pub_date == "2023-08-16"
    items = "".join(f'<li><a href="/tjsj/2024/t{i}.html">第{i}条统计信息标题</a><span>2024-01-0{i % 9 + 1}</span></li>'
                    for i in range(20))
    assert page(f'{HEADER}<div class="list"><ul>{items}</ul></div>{FOOTER}').is_list_page
    assert page(TRS, path="tjsj/index.html").is_list_page
    assert not page(TRS, path="tjsj/2024/t1.html").is_list_page
    assert Page("news/_index.md", "---\ntitle: 新闻\n---\n", Config(), fmt="markdown").is_list_page
    assert not Page("news/a/index.md", "---\ntitle: 新闻\n---\n正文\n", Config(), fmt="markdown").is_list_page


def test_deep_nesting_and_empty_pages_do_not_crash() -> None:
    deep = "<div>" * 100_000 + "正文" + "</div>" * 100_000
    p = page(deep)
    assert isinstance(p.content_roots, list) and isinstance(p.fields, dict)
    for body in ("", "<p></p>", "<!-- only a comment -->"):
        q = page(body)
        assert q.fields == {} and len(q.content_roots) == 1


def test_fast_enough() -> None:
    body = TRS * 30
    p = page(body)
    p.root  # noqa: B018 - parse first, time only the analysis
    start = time.perf_counter()
    p.content  # noqa: B018
    assert time.perf_counter() - start < 0.5


# --- the real pages ---------------------------------------------------------------------------------------------

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/real is absent")


def corpus_page(name: str) -> Page:
    path = CORPUS / name
    return Page(path.name, decode_bytes(path.read_bytes()).text, Config())


@needs_corpus
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("simonxinw-job/wanzai-2022-tjgb-article.html",
         {"索引号": "014742224A/2023-0043406", "责任部门": "万载县统计局", "生成日期": "2023-05-11"}),
        ("simonxinw-job/yichun-2022-tjgb-xxgk.html",
         {"索引号": "014717475N/2023-0040295", "发布机构": "宜春市统计局"}),
        ("simonxinw-job/yichun-jiangxi-2022-tjgb-xxgk.html",
         {"索引号": "014717475N/2023-0032866", "发布机构": "宜春市统计局"}),
        ("simonxinw-job/wanzai-2015-tjgb-article.html", {"来源": "", "发布日期": "2017-05-15 10:49:00"}),
        ("mhxqwer-altered-gov-clones/clone-gz.gov.cn-article.html", {"来源": "广州日报"}),
        ("mhxqwer-altered-gov-clones/clone-miit.gov.cn-article.html",
         {"来源": "北京通信管理局", "发布时间": "2009-09-30 10:53"}),
        ("mhxqwer-altered-gov-clones/clone-shanghai.gov.cn-article.html", {"来源": "解放日报"}),
        ("mhxqwer-altered-gov-clones/clone-sc.gov.cn-article.html", {"来源": "绵阳市政务网"}),
        ("mhxqwer-altered-gov-clones/clone-gd.gov.cn-article.html", {"来源": "南方日报网络版"}),
        ("mhxqwer-altered-gov-clones/clone-cac.gov.cn-article.html", {"来源": "人民日报"}),
        ("mhxqwer-altered-gov-clones/clone-fcgs.gov.cn-article.html", {"来源": "防城港日报"}),
        ("mhxqwer-altered-gov-clones/clone-liaoyang.gov.cn-article-final.html", {"信息来源": "辽阳日报"}),
        ("mhxqwer-altered-gov-clones/clone-moe.gov.cn-policy-notice.html",
         {"来源": "教育部", "发文字号": "教思政厅函〔2024〕10号", "信息索引": "360A12-07-2024-0008-1"}),
        ("yuhamixli-nfra/nfra-penalty-detail-rendered-2.html", {"来源": "浙江监管局", "发布时间": "2025-06-03"}),
    ],
)
def test_corpus_fields(name: str, expected: dict[str, str]) -> None:
    fields = corpus_page(name).fields
    assert {k: fields[k].value for k in expected if k in fields} == expected
    assert "资料来源" not in fields


@needs_corpus
@pytest.mark.parametrize(
    ("name", "publisher"),
    [
        ("simonxinw-job/wanzai-2022-tjgb-article.html", "万载县人民政府"),
        ("simonxinw-job/yichun-2022-tjgb-xxgk.html", "宜春市人民政府"),
        ("mhxqwer-altered-gov-clones/clone-gz.gov.cn-article.html", "广州市人民政府"),
        ("mhxqwer-altered-gov-clones/clone-fcgs.gov.cn-article.html", "防城港市人民政府"),
        ("mhxqwer-altered-gov-clones/clone-gd.gov.cn-article.html", "广东省人民政府"),
    ],
)
def test_corpus_publishers(name: str, publisher: str) -> None:
    assert publisher in corpus_page(name).publishers


@needs_corpus
def test_corpus_body_paragraph_source_is_not_the_page_source() -> None:
    p = corpus_page("simonxinw-job/wanzai-2022-tjgb-article.html")
    zoom = p.root.xpath("//*[@id='zoomcon']")[0]
    assert p.in_content(zoom)
    assert not p.in_content(p.root.xpath("//div[@class='footer']")[0])
    assert not p.in_content(p.root.xpath("//div[contains(@class, 'xxgk-crumb')]")[0])
    # the moe page's 主办单位 inside the notice body is not the site's publisher
    moe = corpus_page("mhxqwer-altered-gov-clones/clone-moe.gov.cn-policy-notice.html")
    assert "教育部思想政治工作司" not in moe.publishers
