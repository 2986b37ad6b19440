"""Errors the store raises: always with enough context (path, document id) to act on."""
from __future__ import annotations


class StoreError(Exception):
    """The store cannot do what was asked: a file that is not a kronika store, a schema from a newer
    kronika, a write to a read-only store, a record that cannot be stored."""


class InvalidQuery(StoreError, ValueError):
    """A filter value the store cannot interpret (e.g. `since='last week'`)."""
