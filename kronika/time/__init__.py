"""Time: Polish temporal expressions recognised by rules (data under kronika/lang/pl/time/), normalised to
TIMEX3 against the document date, and the date of an event (anchoring.event_date).

    from kronika.time import TimexStage
    TimexStage()(doc)          # doc.timexes = [{"start", "end", "text", "type", "value", "rule"}, …]
"""
from __future__ import annotations

from kronika.time.stage import TimexStage

__all__ = ["TimexStage"]
