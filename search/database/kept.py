"""Answers kept for some minutes per process, per database: what a search looks up on every request and what
changes slowly (word counts, the spellings the index holds). Writing to the index clears them in this process;
the others see the change within ``seconds``."""

import threading
import time
from collections.abc import Callable, Hashable, Iterable
from typing import Generic, TypeVar

from django.db import connection

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Kept(Generic[K, V]):
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._lock = threading.Lock()
        self._values: dict[tuple[str, K], tuple[float, V]] = {}  # (database alias, key) → (when, value)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def get(self, keys: Iterable[K], look_up: Callable[[list[K]], dict[K, V]]) -> dict[K, V]:
        """The value of each key: kept ones as they are, the others from one call of ``look_up`` (sorted keys)."""
        now, alias = time.monotonic(), connection.alias
        found: dict[K, V] = {}
        missing: list[K] = []
        with self._lock:
            for key in dict.fromkeys(keys):
                kept = self._values.get((alias, key))
                if kept and now - kept[0] < self.seconds:
                    found[key] = kept[1]
                else:
                    missing.append(key)
        if missing:
            fresh = look_up(sorted(missing))
            with self._lock:
                for key in missing:
                    self._values[(alias, key)] = (now, fresh[key])
            found.update(fresh)
        return found
