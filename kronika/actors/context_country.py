"""The country of an actor the knowledge base lacks, read from its context.

Rules, tried in order for every entity the KB does not know (`("new", type, name)` keys) that has no country yet;
the first that gives a code wins and its name is kept in the mention's `country_rule` attribute:

1. **role-before** (persons and groups, as rule 2) — the words before a mention, back to the clause start (`linking.yaml`
   `apposition_max_tokens`), hold a role word (roles.tsv) and a country: a country adjective ("brytyjski
   prokurator"), a demonym ("Afgańczyk"), a country or an organisation with a country in the genitive
   ("ambasador Rosji w Polsce" → RUS, "rzecznik Kremla"). A country after a locative preposition ("w Polsce")
   is where the person serves: used only when nothing else is given and the role is not diplomatic. A
   diplomat ("ambasador", "wysłannik", "konsul", "dyplomata") with only such a host country belongs to the
   text's home country (`home_country` by document language: a Polish text's "były ambasador w USA" is a
   Polish ambassador) unless the host is that country.
   A KB-less organisation with a country right before the name gives it even without a role word
   ("Przewodniczący komisji Anthony Hughes", the inquiry a British one).
2. **apposition-after** — a comma or dash clause right after the mention (across "i <name>" coordination),
   e.g. ", stojący na czele Luftwaffe", ", zidentyfikowani jako oficerowie rosyjskiego wywiadu": an
   organisation with a country, or a role word together with a country adjective or genitive. The clause
   ends at a finite verb or a word opening a new clause (", a potwierdziła ją agencja Reutera" says nothing
   of the person).
3. **name-adjective** — (organisations, their only rule) a country adjective inside the name itself ("Szwedzkie
   Radio") or right before it ("ukraińska Państwowa Służba Graniczna").
4. **located-in** — (persons, organisations after name-adjective, places the KB lacks: their only rule
   before the story) a locative "w"/"we" right after the mention and, within `located_in_gap` words, a country
   or a place with a known state ("Oskarshamn w południowo-wschodniej Szwecji", "Bloomington w Illinois",
   "rafineria Nayara Energy w Indiach").
5. **media-role** — (persons) a journalist, host or presenter (`linking.yaml` `media_role_stems`: "prowadzący
   Piotr X", "reporterka Anna Y") with no country from rules 1–4 belongs to the outlet's home country: the KB
   country of the document's outlet, else the text's home country by language.
6. **nearest-place, story-place** — (bodies named by a common noun, bodies.py: "komisja śledcza",
   "prokuratura") the state of the last place mention before the body (KB places, KB-less places with a
   country, country names after a locative preposition: "zatrzymany w Przemyślu. Prokuratura …"), else the
   state with the most place mentions.
7. **story-country** — (persons, and places whose name is only a name — not a one-word common noun like
   "Zachód", not a word the gazetteer knows otherwise like "Korea" — last resort) the country the story is
   about: country mentions, country adjectives and place mentions counted by their state (Salisbury and
   London count for GBR), ties to the first mentioned. Low confidence: gold practice gives nearly every
   person a country, and a person in a news story most often belongs to the country the story is about.

Entities are inferred organisations and places first, then persons and groups, so that a person's role
phrase or apposition can take the country of a KB-less organisation found before ("rzecznik firmy X", X
located in a country).
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from kronika.actors import gazetteer as gz
from kronika.actors.places import load_places
from kronika.actors.roles import token_case

if TYPE_CHECKING:
    from kronika.actors.linker import Linker, Mention

CLAUSE_STOPS = frozenset({".", "!", "?", ":", ";", '"', "„", "”", "“", "«", "»", "(", ")", ",", "-", "–", "—"})
APPOSITION_OPENERS = frozenset({",", "-", "–", "—"})


def _code_of_mention(linker: "Linker", m: "Mention") -> str | None:
    if m.key[0] == "country":
        return m.key[1]
    if m.key[0] == "org":
        _sector, country, _typ = linker.kb.organizations[m.key[1]].on(linker.date)
        return country
    if m.key[:2] == ("new", "organization"):
        return _entity_attr(linker, m.key, "country")
    return None


def _entity_attr(linker: "Linker", key: tuple, name: str):
    """An attribute of a KB-less entity: the first of its mentions that has it."""
    return next((x.attrs[name] for x in linker.mentions if x.key == key and x.attrs.get(name)), None)


def _place_code(linker: "Linker", m: "Mention") -> str | None:
    """The state a mention lies in: a country itself, a KB place's country, a capital used as a place."""
    if m.key[0] == "country":
        return m.key[1]
    if m.key[0] == "place":
        place = load_places().get(m.key[1])
        return place.country if place is not None else None
    if m.key[:2] == ("new", "location"):
        return m.attrs.get("country")
    return None


def _located_in(linker: "Linker", ms: list["Mention"]) -> str | None:
    """ "Oskarshamn w południowo-wschodniej Szwecji", "Bloomington w Illinois", "rafineria Nayara Energy w
    Indiach": a locative preposition right after the mention, then (after at most `located_in_gap` words, no
    punctuation) a country or a place with a known state."""
    n = len(linker.tokens)
    gap = int(linker.rules.get("located_in_gap", 2))
    preps = linker.rules.get("located_in_prepositions") or ("w", "we")
    starts = {m.tok_start: m for m in linker.mentions}
    for m in ms:
        k = m.tok_end
        if k >= n or linker.tokens[k].text.lower() not in preps:
            continue
        for j in range(k + 1, min(n, k + 2 + gap)):
            other = starts.get(j)
            if other is not None and other is not m:
                code = _place_code(linker, other)
                if code:
                    return code
                break
            if linker.tokens[j].kind != "word":
                break
    return None


def _signals(linker: "Linker", a: int, b: int) -> tuple[list[tuple[int, str, str]], list]:
    """Country signals in tokens [a, b) as (token, code, how), how ∈ adjective | demonym | genitive |
    organisation | locative; and the person-type role words found there."""
    out: list[tuple[int, str, str]] = []
    roles = []
    preps = linker.rules["location_prepositions"] | {"z", "ze", "u"}
    for i in range(a, b):
        tm = linker.at.get(i)
        if tm is None or tm.tok_end > b:
            continue
        for e in tm.entries(gz.ROLE):
            rw = linker.kb.role_word(e.target)
            if rw is not None and rw.type == "person":
                roles.append(rw)
        adj = [e.target for e in tm.entries(gz.ADJECTIVE) if not e.weak]
        if adj:
            out.append((i, adj[0], "adjective"))
        dem = [e.target for e in tm.entries(gz.DEMONYM) if not e.weak]
        if dem and ":sg:" in linker.tags[i] + ":":
            out.append((i, dem[0], "demonym"))
    for m in linker.mentions:
        if a <= m.tok_start and m.tok_end <= b:
            code = _code_of_mention(linker, m)
            if code is None:
                continue
            prev = linker.tokens[m.tok_start - 1] if m.tok_start > 0 else None
            if prev is not None and prev.lemma.lower() in preps:
                how = "locative"
            else:
                how = "organisation" if m.key[0] == "org" or m.key[0] == "new" else "genitive"
            out.append((m.tok_start, code, how))
    out.sort()
    return out, roles


def _clause_start(linker: "Linker", i: int) -> int:
    limit = int(linker.rules.get("apposition_max_tokens", 10))
    k = i
    person_ends: set[int] | None = None  # where the persons' names end (computed once, on first need)
    while k > 0 and i - k < limit and k not in linker.sentence_first:
        prev = linker.tokens[k - 1]
        if prev.kind != "word" and prev.text in CLAUSE_STOPS:
            break
        if person_ends is None:
            person_ends = {m.tok_end for m in linker.mentions
                           if m.key[0] == "person" or m.key[:2] == ("new", "person")}
        if k in person_ends:
            break  # another person's name ends here
        k -= 1
    return k


def _diplomatic(roles) -> bool:
    return any(set(r.offices) & {"ambassador", "special_envoy"} or r.phrase in linker_diplomats()
               for r in roles)


def linker_diplomats() -> frozenset[str]:
    from kronika.actors.linker import linking_rules

    return frozenset(linking_rules().get("diplomatic_roles") or ())


def _pick(linker: "Linker", signals, roles) -> str | None:
    firm = [code for _i, code, how in signals if how != "locative"]
    if firm:
        return firm[0]
    hosts = [code for _i, code, how in signals if how == "locative"]
    if _diplomatic(roles):
        home = (linker.rules.get("home_country") or {}).get(linker.doc.lang or "pl")
        if hosts and home and home not in hosts:
            return home
        return None
    return hosts[0] if hosts else None


def _role_before(linker: "Linker", ms: list["Mention"]) -> str | None:
    for m in ms:
        a = _clause_start(linker, m.tok_start)
        signals, roles = _signals(linker, a, m.tok_start)
        demonyms = [code for i, code, how in signals if how == "demonym" and i == m.tok_start - 1]
        if demonyms:
            return demonyms[0]
        body = [code for i, code, how in signals if how == "organisation" and _ends_at(linker, i, m.tok_start)]
        if body:
            return body[-1]  # "przewodniczący komisji Anthony Hughes": the body right before the name
        if not roles:
            continue
        code = _pick(linker, signals, roles)
        if code:
            return code
    return None


def _ends_at(linker: "Linker", i: int, end: int) -> bool:
    """A mention starting at token i ends right at token `end`."""
    return any(m.tok_start == i and m.tok_end == end for m in linker.mentions)


CLAUSE_VERB_POS = frozenset({"fin", "praet", "bedzie", "impt", "inf", "pred", "winien", "imps"})
CLAUSE_WORDS = frozenset({"a", "ale", "lecz", "który", "która", "które", "którzy", "że", "gdy", "bo"})


def _opens_clause(linker: "Linker", i: int) -> bool:
    """Token i is a finite verb or a word that opens a new clause: the apposition ended before it."""
    tok = linker.tokens[i]
    return linker.tags[i].split(":")[0] in CLAUSE_VERB_POS or tok.text.lower() in CLAUSE_WORDS


def _apposition_after(linker: "Linker", ms: list["Mention"]) -> str | None:
    n = len(linker.tokens)
    limit = int(linker.rules.get("apposition_max_tokens", 10))
    for m in ms:
        k = m.tok_end
        # coordination: "Aleksandr Pietrow i Rusłan Boszyrow, zidentyfikowani jako …"
        while k + 1 < n and linker.tokens[k].text == "i":
            nxt = next((x for x in linker.mentions if x.tok_start == k + 1 and x.key[0] in ("new", "person")), None)
            if nxt is None:
                break
            k = nxt.tok_end
        if k >= n or linker.tokens[k].text not in APPOSITION_OPENERS:
            continue
        end = k + 1
        while end < n and end - k <= limit and not (linker.tokens[end].kind != "word"
                                                     and linker.tokens[end].text in CLAUSE_STOPS) \
                and end not in linker.sentence_first and not _opens_clause(linker, end):
            end += 1
        signals, roles = _signals(linker, k + 1, end)
        orgs = [code for _i, code, how in signals if how == "organisation"]
        if orgs:
            return orgs[0]
        if roles:
            code = _pick(linker, signals, roles)
            if code:
                return code
    return None


def _name_adjective(linker: "Linker", ms: list["Mention"]) -> str | None:
    for m in ms:
        before = linker.at.get(m.tok_start - 1)
        if before is not None and before.tok_end == m.tok_start:
            adj = [e.target for e in before.entries(gz.ADJECTIVE) if not e.weak]
            if adj:
                return adj[0]  # "ukraińska Państwowa Służba Graniczna"
        for i in range(m.tok_start, m.tok_end):
            tm = linker.at.get(i)
            if tm is not None and tm.tok_end <= m.tok_end:
                adj = [e.target for e in tm.entries(gz.ADJECTIVE) if not e.weak]
                if adj:
                    return adj[0]
    return None


def _proper_place(linker: "Linker", ms: list["Mention"]) -> bool:
    """A location name that is only a name: not a one-word common noun ("Zachód") and not a word the gazetteer
    knows as something else ("Korea", weak: the peninsula or either state), so the story's country may be its
    state."""
    for m in ms:
        if m.tok_end - m.tok_start == 1 and any(a.lemma[:1].islower() and a.pos in ("subst", "depr")
                                                 for a in linker.tokens[m.tok_start].analyses):
            return False
        if any(ts <= m.tok_start < te or m.tok_start <= ts < m.tok_end for ts, te in linker.extents):
            return False
    return True


def outlet_country(linker: "Linker") -> str | None:
    """The home country of the document's outlet: its KB organisation's country, else the text's home
    country by language (`linking.yaml` `home_country`)."""
    outlet = getattr(linker.doc, "outlet", None)
    if outlet:
        for org in linker.kb.organizations_by_name(outlet):
            _sector, country, _typ = org.on(linker.date)
            if country:
                return country
    return (linker.rules.get("home_country") or {}).get(linker.doc.lang or "pl")


def _media_role(linker: "Linker", ms: list["Mention"]) -> str | None:
    stems = tuple(s.lower() for s in linker.rules.get("media_role_stems") or ())
    if not stems:
        return None
    for m in ms:
        a = _clause_start(linker, m.tok_start)
        for i in range(max(a, m.tok_start - 3), m.tok_start):
            tok = linker.tokens[i]
            if tok.kind == "word" and tok.text.lower().startswith(stems):
                return outlet_country(linker)
    return None


def _nearest_place(linker: "Linker", before: int) -> str | None:
    """The state of the last place mention before token `before` (place mentions as in `place_counts`)."""
    best = None
    for m in linker.mentions:
        if m.tok_start < before and (best is None or m.tok_start > best[0]):
            code = _place_of(linker, m, with_countries=True)
            if code:
                best = (m.tok_start, code)
    return best[1] if best else None


def _place_of(linker: "Linker", m: "Mention", with_countries: bool) -> str | None:
    """The state of a place mention: a KB place, a KB-less place with a country, and (`with_countries`) a
    country name after a locative preposition; None for other mentions."""
    code = None
    if m.key[0] == "place":
        code = _place_code(linker, m)
    elif m.key[:2] == ("new", "location"):
        code = _entity_attr(linker, m.key, "country")
    elif m.key[0] == "country" and m.tok_start > 0 and with_countries:
        prev = linker.tokens[m.tok_start - 1]
        if prev.text.lower() in linker.rules["location_prepositions"] and \
                token_case(linker.tags[m.tok_start]) == "loc":
            code = m.key[1]
    return code if code in linker.kb.countries else None


def story_place(linker: "Linker") -> str | None:
    """The state with the most place mentions (`place_counts`), ties to the first; None without any."""
    counts, first = place_counts(linker)
    if not counts:
        return None
    return max(counts, key=lambda c: (counts[c], -first[c]))


def place_counts(linker: "Linker") -> tuple[Counter, dict[str, int]]:
    """Place mentions per state — KB places, capitals used as places, KB-less places with a country (not
    country names: those count as country mentions) — and the token of each state's first one."""
    counts: Counter = Counter()
    first: dict[str, int] = {}
    for m in sorted(linker.mentions, key=lambda m: m.start):
        code = _place_of(linker, m, with_countries=False)
        if code:
            counts[code] += 1
            first.setdefault(code, m.tok_start)
    return counts, first


def story_country(linker: "Linker") -> str | None:
    """The country the story is about: country mentions, country adjectives and place mentions by their state
    (`place_counts`), ties to the first mentioned."""
    counts: Counter = Counter()
    first: dict[str, int] = {}
    for m in linker.mentions:
        if m.key[0] == "country" and m.key[1] in linker.kb.countries:
            counts[m.key[1]] += 1
            first.setdefault(m.key[1], m.tok_start)
    for i, tm in linker.at.items():
        for e in tm.entries(gz.ADJECTIVE):
            if not e.weak and e.target in linker.kb.countries:
                counts[e.target] += 1
                first.setdefault(e.target, i)
                break
    places, where = place_counts(linker)
    for code, n in places.items():
        counts[code] += n
        first[code] = min(first.get(code, where[code]), where[code])
    if not counts:
        return None
    return max(counts, key=lambda c: (counts[c], -first[c]))


def infer_countries(linker: "Linker") -> None:
    """Gives every KB-less entity without a country the country of the first rule (module doc) that finds one,
    recording it (and the rule's name as `country_rule`) on the entity's first mention."""
    groups: dict[tuple, list] = {}
    for m in linker.mentions:
        if m.key[0] == "new":
            groups.setdefault(m.key, []).append(m)
    story: dict[str, str | None] = {}
    order = {"organization": 0, "location": 0}
    for key, ms in sorted(groups.items(), key=lambda kv: order.get(kv[0][1], 1)):
        if any(m.attrs.get("country") for m in ms):
            continue
        typ = key[1]
        if typ not in ("person", "organization", "group", "location"):
            continue
        if typ == "location":
            rules = [("located-in", _located_in)]
        elif typ == "organization":
            rules = [("name-adjective", _name_adjective), ("located-in", _located_in)]
        else:
            rules = [("role-before", _role_before), ("apposition-after", _apposition_after),
                     ("located-in", _located_in)]
            if typ == "person":
                rules.append(("media-role", _media_role))
        code = rule = None
        for rule, fn in rules:
            code = fn(linker, ms)
            if code:
                break
        if not code and typ == "organization" and any(m.attrs.get("body") for m in ms):
            code, rule = _nearest_place(linker, min(m.tok_start for m in ms)), "nearest-place"
            if not code:
                if "place" not in story:
                    story["place"] = story_place(linker)
                code, rule = story["place"], "story-place"
        if not code and (typ == "person" or (typ == "location" and _proper_place(linker, ms))):
            if "country" not in story:
                story["country"] = story_country(linker)
            code, rule = story["country"], "story-country"
        if code:
            first = min(ms, key=lambda m: m.start)
            first.attrs["country"] = code
            first.attrs["country_rule"] = rule
