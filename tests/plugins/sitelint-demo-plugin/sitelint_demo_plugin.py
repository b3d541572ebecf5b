"""A third-party check: SL901 demo-banned-word (sitelint's plugin tests install this distribution)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sitelint.check import PageCheck
from sitelint.findings import Finding
from sitelint.page import Page

_SKIP = ("script", "style", "head", "title")


@dataclass(frozen=True)
class Options:
    #: 不允许出现在页面可见文字中的词
    word: str = "示例违禁词"


class DemoBannedWord(PageCheck):
    """页面可见文字中出现了配置的违禁词（插件示例）。

    ## 检查内容

    页面中读者能看到的文字含有选项 `word` 指定的词。

    ## 原因与依据

    示例插件，用于测试 sitelint 的插件机制。

    ## 错误示例

    ```html
    <p>这里有示例违禁词。</p>  <!-- expect: demo-banned-word -->
    ```

    ## 正确示例

    ```html
    <p>这里没有问题。</p>
    ```

    ## 选项

    `word`：违禁词，默认“示例违禁词”。
    """

    code = "SL901"
    name = "demo-banned-word"
    Options = Options

    def check(self, page: Page) -> Iterator[Finding]:
        word = self.options.word
        for el in page.iter():
            if not isinstance(el.tag, str) or el.tag in _SKIP:
                continue
            if el.text and word in el.text and page.visible(el):
                yield self.finding(el, f"可见文字中出现违禁词 `{word}`")
