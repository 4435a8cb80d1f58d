"""Where the heavy steps of the corpus functions run: here (`LocalExecutor`, the default) or
on a Dask cluster (`newstrace.scale.DaskExecutor`, the same four operations).

Clustering and tracing are written once, as steps over chunks of their work, and hand each
step to an executor: the single machine and the cluster call the same functions on the same
chunks and merge their results in the same order, so their answers are equal.

    put(items)                      -> handles for data several steps read (kept on the workers)
    share(obj)                      -> a handle for data every task reads (sent once per worker)
    map(func, items, shared)        -> func(item, shared) for each item, in order
    reduce(func, items, combine, shared)
                                    -> combine(...) of func(item, shared) over the items
                                       (combine must be associative and commutative)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol


class Executor(Protocol):
    chunk: int  # items of work per task

    def put(self, items: Iterable[Any]) -> list[Any]: ...

    def share(self, obj: Any) -> Any: ...

    def map(self, func: Callable[[Any, Any], Any], items: Iterable[Any],
            shared: Any = None) -> Iterator[Any]: ...

    def reduce(self, func: Callable[[Any, Any], Any], items: Iterable[Any],
               combine: Callable[[Any, Any], Any], shared: Any = None) -> Any: ...


class LocalExecutor:
    """Every step in this process, lazily, in order."""

    def __init__(self, chunk: int = 500) -> None:
        self.chunk = chunk

    def put(self, items: Iterable[Any]) -> list[Any]:
        return list(items)

    def share(self, obj: Any) -> Any:
        return obj

    def map(self, func, items, shared=None) -> Iterator[Any]:
        return (func(item, shared) for item in items)

    def reduce(self, func, items, combine, shared=None) -> Any:
        out = None
        for k, result in enumerate(self.map(func, items, shared)):
            out = result if k == 0 else combine(out, result)
        return out


def chunks(items: list[Any], size: int) -> list[list[Any]]:
    """`items` cut in order into lists of `size`."""
    size = max(1, size)
    return [items[k:k + size] for k in range(0, len(items), size)]


__all__ = ["Executor", "LocalExecutor", "chunks"]
