"""The models shipped with the package, and the lazy, once-per-process loading they share."""
from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path
from typing import Callable, Generic, TypeVar

M = TypeVar("M")


def shipped_path(name: str) -> Path:
    """Where the packaged model file `name` lives."""
    return Path(str(resources.files("kronika.lang.pl").joinpath("models", name)))


class ShippedModel(Generic[M]):
    """A model file loaded on first use, once per process (thread-safe); None when the file is absent.

    Stage objects never hold the loaded model, so they stay cheap to pickle (Spark ships them to workers).
    """

    def __init__(self, name: str, from_bytes: Callable[[bytes], M]):
        self.name = name
        self.from_bytes = from_bytes
        self._lock = threading.Lock()
        self._model: M | None = None
        self._loaded = False

    def path(self) -> Path:
        return shipped_path(self.name)

    def load(self, path: Path | None = None) -> M | None:
        """The shipped model, or one read from `path` (not cached)."""
        if path is not None:
            return self.from_bytes(Path(path).read_bytes())
        if not self._loaded:
            with self._lock:
                if not self._loaded:
                    p = self.path()
                    self._model = self.from_bytes(p.read_bytes()) if p.is_file() else None
                    self._loaded = True
        return self._model
