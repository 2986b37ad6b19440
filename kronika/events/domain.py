"""What kind of article a document is, as far as the coder needs to know it: a sports report, where a "spotkanie"
of two clubs is a match, not talks (`frames.yaml`: `sport_words`, `sport_min`, `sport_share`, `match_entries`,
`political_sectors`)."""
from __future__ import annotations

from kronika.events import frames as fr
from kronika.events.lexicon import Lexicon


def sports_report(doc, lex: Lexicon) -> bool:
    """At least `sport_min` of the document's words, and a share `sport_share` of them, are sports words."""
    words = [t for t in doc.tokens if t.kind == "word"]
    found = sum(1 for t in words if fr.lemmas(t) & lex.sport_words)
    return bool(words) and found >= lex.sport_min and found >= lex.sport_share * len(words)


def drop_matches(events: list[dict], internal: list[dict], entities: list[dict], lex: Lexicon
                 ) -> tuple[list[dict], list[dict], list[dict]]:
    """(kept events, their internal data, dropped-candidate notes) of a sports report: a meeting of the entries
    `match_entries` is a match, dropped unless one of its parties has one of `political_sectors`."""
    by_id = {e["id"]: e for e in entities}
    kept, kept_int, dropped = [], [], []
    for ev, it in zip(events, internal):
        parties = [by_id.get(e) or {} for e in ev["actor"] + ev["recipient"]]
        if ev["event"] == "CONSULT" and it["lexicon_entry"] in lex.match_entries and not any(
                p.get("sector") in lex.political_sectors for p in parties):
            dropped.append({"sentence": it["sentence"], "trigger_tokens": it["trigger_tokens"],
                            "lexicon_entry": it["lexicon_entry"], "reason": "a match in a sports report"})
            continue
        kept.append(ev)
        kept_int.append(it)
    return kept, kept_int, dropped
