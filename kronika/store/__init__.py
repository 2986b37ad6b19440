"""The store: document records in a DuckDB file, as queryable tables (docs/store.md).

    from kronika.store import Store
    with Store("kronika.duckdb") as store:
        store.add(record)                      # True if new, False if doc.id already stored
        store.events(country="UKR", since="2023-08")
"""
from kronika.store.errors import InvalidQuery, StoreError
from kronika.store.schema import SCHEMA_VERSION
from kronika.store.store import Store

__all__ = ["InvalidQuery", "SCHEMA_VERSION", "Store", "StoreError"]
