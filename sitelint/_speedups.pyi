from typing import Any

BUILT_FOR_LXML: str

class Sizes:
    def size(self, el: Any) -> int: ...

def walk(
    body: Any,
    walk: Any,
    scan: Any,
    marker: Any,
    kinds: dict[str, Any],
    tag_flags: dict[str, int],
    label_first: frozenset[str],
) -> Sizes: ...

def tag_flags(inline: frozenset[str], skip_tags: frozenset[str], marked_tags: frozenset[str]) -> dict[str, int]: ...

def links(
    root: Any,
    codes: dict[str, int],
    known: dict[str, Any],
    shared: dict[str, Any],
    resolve: Any,
    link_type: Any,
    other: Any,
) -> list[Any] | None: ...

def link_text(root: Any) -> str: ...

def ids(root: Any) -> frozenset[str]: ...

def link_stats(body: Any) -> tuple[int, int]: ...

def credit_blocks(body: Any) -> list[Any]: ...
