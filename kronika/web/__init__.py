"""kronika's web interface and HTTP API over a read-only store (docs/web.md).

    from kronika.web import create_app
    app = create_app("kronika.duckdb", token=None)   # a FastAPI application; `kronika serve` runs it
"""
from kronika.web.app import create_app

__all__ = ["create_app"]
