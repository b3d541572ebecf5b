"""``lazy``: a value computed on first use and kept on the instance.

What :func:`functools.cached_property` does, without its lock: on Python 3.11 every first access takes
an ``RLock`` and runs a Python-level ``__get__`` (about 0.9 µs against 0.2 µs here), and a page has a few
dozen such views (the tree, its links, ids, metadata …) computed once each. A page is only ever used by
one thread, so the lock buys nothing (Python 3.12 dropped it too). As with ``cached_property``, the value
is stored in the instance's ``__dict__`` under the attribute's name, so later reads never reach the
descriptor, and ``del obj.name`` makes the next read compute it again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


class lazy(Generic[T]):
    __slots__ = ("__doc__", "func", "name")

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> lazy[T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> T | lazy[T]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value
