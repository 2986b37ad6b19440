"""Entity mentions as the coder sees them: per-token maps of the actor linker's mentions, countries named only
by an adjective ("rosyjski"), made into entities when an event uses them, and organs named by their seat
("Parlament w Budapeszcie")."""
from __future__ import annotations

import bisect
from functools import lru_cache

from kronika.events import frames as fr

@lru_cache(maxsize=1)
def adjective_countries() -> dict[str, str]:
    """Country adjective lemma ('rosyjski') → ISO code, from the actor knowledge base."""
    from kronika.actors.kb import load_kb

    out: dict[str, str] = {}
    kb = load_kb()
    for c in kb.countries.values():
        for n in c.adjectives:
            if not n.text.startswith("~"):
                out.setdefault(n.text.lower(), c.code)
    return out


ADJ_PREFIX = "@adj:"


def existing_country(doc, code: str) -> str | None:
    for e in doc.entities:
        if e.get("type") == "country" and e.get("country") == code:
            return e["id"]
    return None


def materialise_adjective_countries(doc, coding, adj_tokens: dict[str, list]) -> None:
    """Turn the placeholder ids of countries named only by an adjective into entities, for those countries
    that an event uses as actor or recipient: canonical KB name, type country, mentions = the adjectives'
    offsets. Placeholders no event uses create nothing."""
    from kronika.actors.kb import load_kb

    used: list[str] = []
    for ev in coding.events:
        for eid in list(ev["actor"]) + list(ev["recipient"]):
            if eid.startswith(ADJ_PREFIX) and eid not in used:
                used.append(eid)
    if not used:
        return
    kb = load_kb()
    n = max([int(e["id"][1:]) for e in doc.entities
             if str(e.get("id", "")).startswith("e") and str(e["id"])[1:].isdigit()] or [0])
    mapping: dict[str, str] = {}
    for ph in used:
        code = ph[len(ADJ_PREFIX):]
        c = kb.country(code)
        n += 1
        ent = {"id": f"e{n}", "name": c.name if c else code, "type": "country", "country": code, "sector": None,
               "wikidata": c.wikidata if c and c.wikidata else None,
               "mentions": [{"start": t.start, "end": t.end, "text": t.text} for t in adj_tokens.get(ph, [])]}
        coding.new_entities.append(ent)
        mapping[ph] = ent["id"]
    for ev in coding.events:
        for role in ("actor", "recipient"):
            out: list[str] = []
            for eid in ev[role]:
                eid = mapping.get(eid, eid)
                if eid not in out:
                    out.append(eid)
            ev[role] = out


def _tokens_in_timexes(doc, starts: list[int]) -> set[int]:
    """Indices of the tokens that start inside a time expression (`starts`: the tokens' start offsets)."""
    out: set[int] = set()
    for t in doc.timexes or []:
        i = bisect.bisect_left(starts, t["start"])
        while i < len(starts) and starts[i] < t["end"]:
            out.add(i)
            i += 1
    return out


def mention_maps(doc, adj_tokens: dict[str, list]):
    starts = fr.token_index(doc)
    by_token: dict[int, tuple[str, int, int, str]] = {}
    covered: set[int] = set()
    for e in doc.entities:
        for m in e.get("mentions") or []:
            i, j = fr.tokens_of_span(starts, doc, m["start"], m["end"])
            if i in by_token and by_token[i][2] >= j:
                continue
            by_token[i] = (e["id"], i, j, e.get("type", ""))
            covered.update(range(i, j))
    adjs: dict[int, tuple[str, frozenset, frozenset]] = {}
    table = adjective_countries()
    in_time = _tokens_in_timexes(doc, starts)
    for i, tok in enumerate(doc.tokens):
        if i in covered or tok.kind != "word":
            continue
        if i in in_time or (i > 0 and "czas" in fr.lemmas(doc.tokens[i - 1])):
            continue  # "nocą z piątku na sobotę czasu polskiego": the clock's country acts in nothing
        readings = [a for a in tok.analyses if a.pos == "adj" and a.lemma.lower() in table]
        if not readings:
            continue
        code = table[readings[0].lemma.lower()]
        eid = existing_country(doc, code) or f"{ADJ_PREFIX}{code}"
        adj_tokens.setdefault(eid, []).append(tok)
        cases = frozenset(c for a in readings for c in fr._cases(a.tag))
        nums = frozenset(n for a in readings for n in fr._numbers(a.tag))
        adjs[i] = (eid, cases, nums)
    return by_token, adjs



def place_role_groups(doc, view: fr.SentenceView, lex, etypes: dict, adj_tokens: dict[str, list]) -> None:
    """Adds a group for each organ named by its seat ("władze w Kinszasie", "Parlament w Budapeszcie", "rząd
    w Kijowie"): a role noun right before "w" + a place of a known country stands for that country, in the
    role noun's case (the country's entity, or one made from the place's words when the text names none)."""
    for g in list(view.groups):
        if g.prep != "w" or "loc" not in g.cases or g.start - 2 < view.start:
            continue
        j = g.start - 2
        noun = doc.tokens[j]
        if doc.tokens[j + 1].text.lower() != "w" or not ({x.lower() for x in fr.lemmas(noun)} & lex.seat_nouns):
            continue
        if j > view.start and fr.any_pos(doc.tokens[j - 1], {"adj"}) and not doc.tokens[j - 1].text[:1].isupper():
            continue  # "rosyjskie władze w Kijowie" are not Ukraine's
        if noun.text[:1].isupper() and j != view.start:
            continue
        place = etypes.get(g.mentions[0].entity) or {}
        code = place.get("country")
        if place.get("type") not in ("location", "country") or not code:
            continue  # (a capital may already stand for its country: "w Kijowie" → Ukraine)
        eid = existing_country(doc, code) or f"{ADJ_PREFIX}{code}"
        if eid.startswith(ADJ_PREFIX):
            adj_tokens.setdefault(eid, []).extend(doc.tokens[g.start:g.end])
        readings = [a for a in noun.analyses if a.pos in fr.NOMINAL_POS]
        cases = frozenset(c for a in readings for c in fr._cases(a.tag)) or fr.ALL_CASES
        numbers = frozenset(n for a in readings for n in fr._numbers(a.tag)) or frozenset({"sg", "pl"})
        prep, pcases = fr._governing_prep(doc, j, view.start, view.clause_of, role_words=lex.role_heads)
        if prep:
            cases = frozenset(cases & pcases) or frozenset(pcases - {"adjacent"})
        m = fr.Mention(eid, j, g.end, cases, numbers, True, "name", prep=prep, clause=view.clause_of.get(j, 0))
        view.groups[view.groups.index(g)] = fr.Group([m], cases, numbers, prep, False, m.clause, j, g.end, True,
                                                     via="seat")


