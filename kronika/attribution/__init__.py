"""Who says so: quotations and their speakers, source chains, and the status of every event (issue 6).

    QuotesStage   – writes doc.quotes (SPEC.md QUOTE) and doc.spans["reports"]; runs after the actor linker.
    StatusStage   – sets status and attribution on doc.events; runs after the event coder.

The Polish cue words, source phrases and evidential markers are data under kronika/lang/pl/attribution/.
"""
from __future__ import annotations

from kronika.attribution.stage import QuotesStage, StatusStage

__all__ = ["QuotesStage", "StatusStage"]
