"""The optional C accelerator, :mod:`sitelint._speedups`: the module, or None where it is not to be used.

It is not used when it was not built (no C compiler at install time), when it was built against another
lxml than the one installed (it reads lxml's element structures), when importing it fails for any other
reason, or when ``SITELINT_NO_SPEEDUPS`` is set. The Python code it replaces (``regions._py_walk``,
``links._py_extract_links``) then runs, with the same results.
"""

from __future__ import annotations

import os
from typing import Any

from lxml import etree


def load() -> Any:
    if os.environ.get("SITELINT_NO_SPEEDUPS"):
        return None
    try:
        from sitelint import _speedups as module
    except Exception:  # not built, or broken: the Python loops run instead
        return None
    return module if module.BUILT_FOR_LXML == etree.__version__ else None


#: the accelerator this process uses (None: the Python loops)
speedups = load()
