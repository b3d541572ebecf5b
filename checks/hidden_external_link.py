"""SL101 hidden-external-link."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sitelint.check import PageCheck
from sitelint.darklinks import Judge, lists
from sitelint.findings import Finding, Severity
from sitelint.links import offsite_links
from sitelint.page import Page


@dataclass(frozen=True)
class Options:
    #: 追加的信任主机（按后缀匹配）：隐藏或跳转到这些主机都不报告
    trusted_hosts: tuple[str, ...] = ()
    #: 追加的常见平台主机（按后缀匹配）：藏在下拉菜单、分享面板里的链接是正常界面
    benign_hosts: tuple[str, ...] = ()
    #: 是否以“提示”级别报告藏在界面组件里、指向常见平台的链接
    report_benign: bool = False


_CHECKED = frozenset({"a", "area", "iframe", "frame", "meta"})  # links a reader follows, frames, refresh


class HiddenExternalLink(PageCheck):
    """页面中有读者看不见的外部链接（暗链），或把访客跳转到外部网站的代码。

    ## 检查内容

    **隐藏的外部链接**：`<a>`、`<area>`、`<iframe>` 指向外部网站，读者却看不见——`display:none`、
    `visibility:hidden`、`opacity:0`、`left:-9999px` 之类移出屏幕、`font-size:0`、宽高为 0 且溢出隐藏、
    文字颜色与背景色相同、宽或高为 1 的 `<marquee>`、`width="0"` 的 `<iframe>`、写在 `<noscript>` 里，
    或被页面 `<style>` 中的类、id 规则隐藏。隐藏不等于暗链（下拉菜单、分享面板、对话框都先隐藏），
    所以按**去向**和**隐藏手法**定级：

    - 链接文字、`title`、图片 `alt` 或地址含赌博、色情等违规词语（先解码 `&#28595;` 实体、`\\uXXXX` 与
      `%XX` 转义、全角字符），或指向广告联盟、`.tk .ga .ml .cf .gq` 等常被滥用的域名——错误；
    - 指向未知网站，用移出屏幕、字号为 0、同色、微型 marquee、零尺寸等暗链手法隐藏，且不在菜单、下拉框、
      分享面板、对话框、二维码弹层等界面组件里——错误；
    - 其余指向未知网站的隐藏链接（`display:none` 等界面常用的隐藏方式，或在界面组件里）——警告，
      消息写明去向和隐藏原因，请人工确认；
    - 指向微博、QQ 空间等分享服务，搜索引擎、应用商店、视频平台等常见平台，用界面方式隐藏——视为正常
      界面，不报告（`report-benign = true` 时以“提示”列出）；用暗链手法隐藏——警告。

    **跳转到外部网站**：`<meta http-equiv="refresh">` 跳到外部网站——警告，写在 `<noscript>` 里（只对
    搜索引擎爬虫跳转）或去向含违规词语——错误。脚本给 `location`、`location.href`、`top.location` 赋值
    或调用 `location.replace()` 跳到外部网站：以 `document.referrer`（从搜索引擎来才跳）或爬虫
    User-Agent 为条件——错误（搜索引擎劫持）；只以浏览器类型为条件——警告（请确认是本站手机版）；去向
    违规——错误；没有条件的跳转（搜索框、按钮的点击处理）不报告。

    **脚本写入的链接**：页面内联脚本中 `document.write`、`innerHTML` 要写入的 HTML。先把字符串拼接、
    `unescape("%3C…")`、`decodeURIComponent`、`\\uXXXX`/`\\xXX`、`String.fromCharCode(…)`、
    `['gam','bling'].join('')`、`atob(…)`、`"…".split("").reverse().join("")` 还原（不执行脚本），再按上面的
    规则检查；写入含违规词语的链接即使看得见也是错误。只有页面脚本用到 `location`、`document.write`、
    `innerHTML`、`unescape`、`fromCharCode` 等时才做这一步。

    不报告：站内链接、与本站同一注册域名的链接（配置 `domains` 或 `SiteDomain` 元数据，
    `m.example.com.cn` 与 `www.example.com.cn` 同站）、`*.gov.cn`、`conac.cn`（党政机关网站标识
    `_ideConac` 脚本）、`beian.miit.gov.cn`、`beian.gov.cn` 与党媒、教育网站、访问统计——除非链接含
    品牌类违规词语（被入侵的政府网站互相挂的博彩链接）；看得见的外部链接（由 `ad-link` 检查违规词语）；
    隐藏的站内违规链接（由 `ad-link` 报告）；链接自身 `text-indent:-9999px` 的图片标识。

    处理：错误多半是网站被入侵——删除注入的代码后还要排查模板、服务器后门和账号口令，否则会再被挂上；
    警告中确属本站界面的，把主机加入 `trusted-hosts` 或 `benign-hosts`。

    ## 原因与依据

    韶关市政府网站管理办法（韶府办〔2023〕5号）第二十六条：“发布的信息要经严格检查，不得隐含外部链接”
    （地方文件，二手来源）；《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）把“发布或链接反动、
    暴力、色情等内容”“页面被挂马、内容被篡改”列为单项否决项（已确认），整个网站直接不合格。暗链是
    网站被入侵后最常见的篡改方式：博彩、色情站点把链接藏在政府网站里骗取搜索引擎排名，或只在访客
    来自搜索引擎时跳转，网站管理员自己打开页面什么也看不见。隐藏手法与判定规则来自公开的暗链检测工具
    源码（已确认），“隐藏不等于暗链”的例外（党政机关标识、友情链接下拉框、离站提示框、跳转本站手机版）
    来自真实政府网站模板（二手来源）。

    ## 错误示例

    ```html
    <div style="position:absolute;left:-9999px">
    <a href="http://www.bet365-vip.com/">体育投注</a>  <!-- expect: hidden-external-link -->
    </div>
    <marquee height="1" width="1">
    <a href="http://www.example-casino.com/">娱乐城</a>  <!-- expect: hidden-external-link -->
    </marquee>
    <div style="display:none">
    <a href="http://xpj.example.tk/">&#28595;&#38376;&#26032;&#33889;&#20140;</a>  <!-- expect: hidden-external-link -->
    </div>
    <noscript>
    <meta http-equiv="refresh" content="0;url=http://www.example-bet.ga/">  <!-- expect: hidden-external-link -->
    </noscript>
    <script>
    if (/\\.(baidu|sogou|so|google)\\./i.test(document.referrer)) {
      location.href = "http://www.example-game.com/";  // expect: hidden-external-link
    }
    </script>
    ```

    ## 正确示例

    ```html
    <ul id="nav"><li class="sub" style="display:none"><a href="https://www.gd.gov.cn/">广东省人民政府</a></li></ul>
    <li id="login" style="display: none"><a href="https://www.gz.gov.cn/tyrzLogin/loginPage">用户登录</a></li>
    <div class="share-more" style="display:none">
    <a href="http://sns.qzone.qq.com/cgi-bin/qzshare/cgi_qzshare_onekey?url=https%3A%2F%2Fwww.example.gov.cn%2F">QQ空间</a>
    </div>
    <div style="opacity:0;text-indent:-9999px;width:0;height:0;overflow:hidden"><a href="/wza/">无障碍说明</a></div>
    <a href="https://www.people.com.cn/">人民网</a> <a href="https://www.example-news.com/">新闻网</a>
    <script>
    document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E%3Cscript src='http://dcs.conac.cn/js/33/000/" +
      "0000/60942981/CA330000000609429810003.js' type='text/javascript'%3E%3C/script%3E"));
    </script>
    ```

    ## 选项

    - `trusted-hosts`（字符串列表，默认空）：追加的信任主机，按后缀匹配（`example.com` 也匹配
      `www.example.com`），隐藏或跳转到这些主机不报告（含品牌类违规词语时除外）。`*.gov.cn`、
      `conac.cn` 与内置的党媒、教育、访问统计主机始终信任。
    - `benign-hosts`（字符串列表，默认空）：追加的常见平台主机（如本站合作的政务 App 下载地址），藏在
      界面组件里或用 `display:none` 隐藏时视为正常界面；用暗链手法隐藏或含违规词语时仍报告。
    - `report-benign`（布尔，默认 `false`）：为 `true` 时以“提示”（info）级别列出这些正常界面中的链接，
      便于复核。
    """

    code = "SL101"
    name = "hidden-external-link"
    default_severity = Severity.ERROR
    Options = Options

    def check(self, page: Page) -> Iterator[Finding]:
        opts = self.options
        judge = Judge(page, *lists(opts.trusted_hosts, opts.benign_hosts), opts.report_benign)
        for link in page.shared(offsite_links):
            if link.tag not in _CHECKED or not link.external:
                continue
            if not judge.foreign(link) and judge.spam(link) is None:
                continue  # own or trusted host: only a spam word makes it 暗链; visibility is not even asked
            if link.tag == "meta":
                verdict = judge.refresh(link)
            else:
                reason = page.hidden_reason(link.element)
                verdict = judge.hidden(link, reason) if reason else None
            if verdict is not None:
                yield self.finding(link, verdict.message, severity=verdict.severity)
        for line, verdict in judge.scripts():
            yield self.finding(line, verdict.message, severity=verdict.severity)
