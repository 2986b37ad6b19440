"""Shared test fixtures. Tests that need ../shared/data skip when it is absent."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def news_jsonl(shared: Path) -> Path:
    path = shared / "data" / "polish-news-2025" / "articles.jsonl"
    if not path.is_file():
        pytest.skip("polish-news-2025 corpus not present")
    return path


@pytest.fixture(scope="session")
def seed_txt(shared: Path) -> Path:
    path = shared / "gold" / "dev" / "seed-kim-putin-letters.txt"
    if not path.is_file():
        pytest.skip("seed article not present")
    return path
