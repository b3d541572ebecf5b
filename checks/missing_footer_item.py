"""SL503 missing-footer-item."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sitelint import standards
from sitelint.check import PageCheck
from sitelint.config import ConfigError
from sitelint.findings import Finding, Severity
from sitelint.page import Page

ITEMS = standards.FOOTER_ITEMS
W = Severity.WARNING


@dataclass(frozen=True)
class Options:
    #: 要求的页脚项目：sponsor contact site-id-code icp public-security conac error-report
    require: tuple[str, ...] = tuple(ITEMS)
    #: 运行时写入页脚的脚本或框架页文件名中的词（footer.js、foot.js、bottom.js……）
    footer_loaders: tuple[str, ...] = ("footer", "foot", "bottom", "dibu", "unitbuild")

    def __post_init__(self) -> None:
        unknown = [r for r in self.require if r not in ITEMS]
        if unknown:
            known = "、".join(ITEMS)
            raise ConfigError(f"missing-footer-item 的选项 `require` 中有未知项目 `{unknown[0]}`（可用：{known}）")


_Options = Options


class MissingFooterItem(PageCheck):
    """页脚缺少主办单位、联系方式、网站标识码、ICP 备案号、公安机关备案号、党政机关网站标识或找错入口。

    ## 检查内容

    页面（包括脚本写出的页脚）中应有下列项目，每项都可用选项 `require` 关闭：

    - 主办单位：“主办单位：…”或“主办：…”（“由……主办”这样的正文说法不算）；
    - 联系方式：“电话：”“邮箱：”“地址：”、电话号码、电子邮件地址、`mailto:` 链接或“联系我们”；
    - 网站标识码：`网站标识码：` 加 10 位数字或 `bm` 加 8 位数字，且与 `SiteIDCode` 标签一致；
    - ICP 备案号（如 `京ICP备07017245号-2`），并链接到 `https://beian.miit.gov.cn/`（经 IPv6 转换网关改写的
      `beian.miit.gov.cn.ipv6.…` 也算；旧地址 `www.miibeian.gov.cn` 算有链接，由 `insecure-resource` 提示更换）；
    - 公安机关备案号（`京公网安备 11010502030880号`），并链接到 `www.beian.gov.cn`，链接的 `recordcode`
      与备案号相同；
    - 党政机关网站标识：`_ideConac` 标识，或指向 `conac.cn` 的标识链接、脚本；
    - “我为政府网站找错”入口：`_jiucuo_` 脚本、`zfwzgl.www.gov.cn`/`zfwzzc.www.gov.cn` 链接，或“找错”字样。

    由脚本写出的页脚也算：`var pcFooterStr='…'+'…'` 之类的字符串、`document.write(unescape("%3Cspan
    id='_ideConac'…"))`。一项都找不到时：页面在运行时载入页脚（空的 `<div id="footer"></div>` 占位、
    `footer.js` 一类脚本或框架页、`<!--#include …-->` 服务器端包含），从文件里看不到页脚，不报告；
    否则报告一条“页面没有页脚”（警告：完全没有页脚的多是弹窗、打印页、业务系统页面；模板丢了页脚时，
    所有页面都会报这一条，合并后一眼可见）。

    每个缺项报告一次，位置在页脚元素（`<footer>`，id/class 含 footer、foot、bottom、copyright 的元素），
    没有则在 `<body>`；消息不含页面自己的内容，同一模板的所有页面合并为一条（注明页面数）。
    只检查完整的 HTML 页面（见 `missing-metadata-tag`）。

    ## 原因与依据

    网站开办须取得党政机关网站标识、ICP 备案、公安机关备案和政府网站标识码，并“将网站标识代码加入
    网站页面”（临沂市政府网站开办流程，证据级别：confirmed）；ICP 备案号应在主页底部的中央位置标明
    并链接到备案系统（confirmed）。主办单位、联系方式和“我为政府网站找错”入口是监管平台从页脚抽取的
    项目（公开的监测平台源码，secondary；《政府网站发展指引》本身的清单尚未确认）。因此缺少网站标识码、
    ICP 备案号、公安机关备案号、党政机关网站标识，或网站标识码与 `SiteIDCode` 不一致时报错误；缺少主办单位、
    联系方式、找错入口，以及备案号没有链接或链接不符时报警告（REGULATIONS §8）。

    ## 错误示例

    ```html
    <html><head><title>关于开展2024年度安全生产检查的通知</title></head>
    <body>
    <div id="zoom"><p>各乡镇人民政府……</p></div>
    <!-- expect-next-line: missing-footer-item, missing-footer-item, missing-footer-item, missing-footer-item -->
    <div class="footer">
    <p>主办：万载县人民政府　联系电话：0795-8819792</p>
    <p>赣ICP备11002306号-1　网站标识码：3609220011</p>
    </div>
    </body></html>
    ```

    ## 正确示例

    ```html
    <html><head><title>万载县2022年国民经济和社会发展统计公报</title>
    <meta name="SiteIDCode" content="3609220011"></head>
    <body>
    <div id="zoom"><p>全年地区生产总值……</p></div>
    <div class="footer_copyright">主办：万载县人民政府　技术支持：万载县信息中心(0795-8819792)<br>
    <a href="https://beian.miit.gov.cn/" target="_blank">赣ICP备11002306号-1</a>　网站标识码：3609220011
    <a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=36092202000105">
    赣公网安备 36092202000105号</a>
    </div>
    <div class="footer_wzbs">
    <script type="text/javascript">document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E" +
    "%3Cscript src='http://dcs.conac.cn/js/05/000/0000/60849783/CA050000000608497830001.js'%3E%3C/script%3E"));</script>
    <script id="_jiucuo_" sitecode="3609220011" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script>
    </div>
    </body></html>
    ```

    ## 选项

    - `require`（字符串列表）：要求的项目，默认全部——`sponsor` 主办单位、`contact` 联系方式、
      `site-id-code` 网站标识码、`icp` ICP 备案号、`public-security` 公安机关备案号、`conac` 党政机关网站标识、
      `error-report` “我为政府网站找错”入口。去掉某项即不再检查。
    - `footer-loaders`（字符串列表，默认 `footer foot bottom dibu unitbuild`）：运行时写入页脚的脚本或
      框架页的文件名中出现这些词，且页面自身没有页脚时，不报告。
    """

    code = "SL503"
    name = "missing-footer-item"
    default_severity = Severity.ERROR
    formats = ("html",)
    per_template = True
    Options = Options

    def check(self, page: Page) -> Iterator[Finding]:
        if not standards.is_full_page(page):
            return
        opts: _Options = self.options
        view = standards.FooterView(page, tuple(w.lower() for w in opts.footer_loaders))
        found = standards.find_footer_items(page, view)
        if not any(found.values()):
            if view.placeholder or not opts.require:
                return  # the footer is written at run time: nothing here to check
            names = "、".join(ITEMS[item][0] for item in opts.require)
            yield self.finding(view.anchor, f"页面没有页脚：{names}都没有找到", severity=W)
            return
        for item in opts.require:
            if not found[item]:
                short, detail, confirmed = ITEMS[item]
                yield self.finding(view.anchor, f"页脚缺少{short}（{detail}）", severity=None if confirmed else W)
        for message, severity in self._values(page, view, found, opts.require):
            yield self.finding(view.anchor, message, severity=severity)

    @staticmethod
    def _values(page: Page, view: standards.FooterView, found: dict[str, Any],
                require: tuple[str, ...]) -> Iterator[tuple[str, Severity | None]]:
        codes, meta_code = found["site-id-code"], page.meta.get("SiteIDCode", "")
        if "site-id-code" in require and codes and meta_code and meta_code not in codes:
            yield f"页脚的网站标识码 `{codes[0]}` 与 SiteIDCode 标签 `{meta_code}` 不一致", None
        if "icp" in require and found["icp"] and not any(standards.icp_host(h) for h in view.hosts):
            yield f"ICP 备案号 `{found['icp'].group(0)}` 没有链接到备案系统 https://beian.miit.gov.cn/", W
        numbers, records = found["public-security"], standards.record_codes(view)
        if "public-security" in require and numbers and not set(numbers) & set(records):
            if records:
                yield f"公安机关备案号 `{numbers[0]}` 与备案链接的 recordcode `{records[0]}` 不一致", W
            else:
                yield f"公安机关备案号 `{numbers[0]}` 没有链接到全国互联网安全管理服务平台（www.beian.gov.cn）", W
