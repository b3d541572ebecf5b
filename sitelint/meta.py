"""The engine's own rules (SL0xx): problems with reading a file, not with its content."""

from __future__ import annotations

import errno
import inspect
from collections.abc import Mapping
from dataclasses import dataclass

from sitelint.findings import Severity


@dataclass(frozen=True)
class MetaRule:
    code: str
    name: str
    default_severity: Severity
    doc: str
    #: False for rules that cannot be turned off (an internal error is never hidden)
    can_ignore: bool = True
    formats: tuple[str, ...] = ("html", "markdown")
    origin: str = "sitelint"

    def summary(self) -> str:
        return self.docs().splitlines()[0]

    def docs(self) -> str:
        return inspect.cleandoc(self.doc)

    def doc_sections(self) -> Mapping[str, str]:
        return {}


INTERNAL_ERROR = MetaRule(
    "SL001", "internal-error", Severity.ERROR,
    """某项检查在该页面上运行出错（sitelint 或插件的缺陷）。

    出错的检查与页面都会写明；其余检查照常运行，但本次运行以退出码 2 结束，
    因为该页面没有被完整检查。请把消息中的异常信息报告给检查的维护者。""",
    can_ignore=False,
)
UNREADABLE_FILE = MetaRule(
    "SL002", "unreadable-file", Severity.ERROR,
    """文件无法作为页面读取：没有读权限、符号链接循环、不是普通文件，或是二进制内容。

    发布门禁必须看到每一个要发布的页面；读不到的文件无法检查，因此按错误报告。
    修正文件权限、删除损坏的链接，或把非页面文件移出站点目录 / 加入 `exclude`。""",
)
ENCODING_ERROR = MetaRule(
    "SL003", "encoding-error", Severity.WARNING,
    """页面中有无法按其编码解码的字节，或文件名不是有效的 UTF-8。

    无法解码的字节已替换为 U+FFFD 后继续检查。常见原因：页面声明 UTF-8 实际是 GBK，
    或文件被截断。请在 `<meta charset>` 中声明真实编码，或在配置中设置 `encoding`。""",
)
FILE_TOO_LARGE = MetaRule(
    "SL004", "file-too-large", Severity.ERROR,
    """页面文件超过 `max-file-size`（默认 20 MB），未做检查。

    正常的政府网站页面远小于此；超大的页面多为导出错误或被注入的垃圾内容。
    确认文件无误后可在配置中调大 `max-file-size`。""",
)
EMPTY_FILE = MetaRule(
    "SL005", "empty-file", Severity.WARNING,
    """页面文件为空（或只有空白）。

    空页面发布后是一张白页，多为构建或同步出错。""",
)
PARSE_ERROR = MetaRule(
    "SL006", "parse-error", Severity.ERROR,
    """页面只能被部分解析：标记嵌套过深，或 Markdown 的 front matter 不是有效的 YAML。

    未能解析的部分没有被检查。修正页面结构或 front matter。""",
)

META_RULES: tuple[MetaRule, ...] = (
    INTERNAL_ERROR, UNREADABLE_FILE, ENCODING_ERROR, FILE_TOO_LARGE, EMPTY_FILE, PARSE_ERROR,
)


#: what the operating system's reason for not reading a file is called in a finding (its English text otherwise)
_OS_ERRORS = {
    errno.EACCES: "没有读取权限",
    errno.EPERM: "没有读取权限",
    errno.ENOENT: "文件不存在（可能在检查过程中被删除）",
    errno.ENOTDIR: "路径中的某一级不是目录",
    errno.EISDIR: "这是目录",
    errno.ELOOP: "符号链接层数过多或形成循环",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EIO: "读取磁盘时出错（输入/输出错误）",
    errno.EMFILE: "同时打开的文件过多",
    errno.ENFILE: "系统打开的文件过多",
    errno.ENOMEM: "内存不足",
}


def os_error_text(exc: OSError) -> str:
    """Why a file could not be read, in Chinese where the reason is a common one."""
    return _OS_ERRORS.get(exc.errno or 0) or exc.strerror or str(exc)

