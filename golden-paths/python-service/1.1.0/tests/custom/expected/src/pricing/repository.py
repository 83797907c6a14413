"""Item storage. The API depends only on the Repository protocol, so storage can change
without touching it."""

from __future__ import annotations

import threading
from typing import Protocol

from pydantic import BaseModel


class Item(BaseModel):
    """The resource the service manages."""

    id: str
    name: str


class Repository(Protocol):
    def get(self, item_id: str) -> Item | None: ...

    def put(self, item: Item) -> None: ...

    def ping(self) -> bool:
        """Whether the storage is reachable; backs the readiness probe."""
        ...


class MemoryRepository:
    """Keeps items in process memory: for tests and for running without a database."""

    def __init__(self) -> None:
        self._items: dict[str, Item] = {}
        self._lock = threading.Lock()

    def get(self, item_id: str) -> Item | None:
        with self._lock:
            return self._items.get(item_id)

    def put(self, item: Item) -> None:
        with self._lock:
            self._items[item.id] = item

    def ping(self) -> bool:
        return True
