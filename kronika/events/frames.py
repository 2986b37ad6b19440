"""Roles from valency frames: the noun phrases of a sentence that name actors, with their case, preposition and
clause, and the slot search that turns a trigger's frame into actor and recipient entity ids.

No parser is used: an actor mention's case comes from its readings (`analyses`), its preposition from the words
before it, its clause from commas followed by clause openers; coordination joins mentions into compound actors.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache

from kronika.events.lexicon import Frame, Lexicon, Slot

NOMINAL_POS = {"subst", "depr", "ger"}
ADJ_POS = {"adj", "ppas", "pact", "adja", "num"}
FINITE_POS = {"fin", "praet", "bedzie", "impt", "winien"}
VERBAL_POS = FINITE_POS | {"inf", "imps", "ppas", "pact", "pcon", "pant", "ger"}
ALL_CASES = frozenset({"nom", "gen", "dat", "acc", "inst", "loc"})
CLAUSE_PUNCT = {";", ":", "(", ")", "–", "—", "-", "„", "”", "\"", "«", "»"}
SKIP_BEFORE_NP = {"ten", "swój", "jego", "jej", "ich", "nasz", "wasz", "cały", "wszystek", "oba", "obaj", "sam",
                  "także", "również", "m.in", "m.in.", "aż", "już", "nawet", "tylko", "właśnie"}


@lru_cache(maxsize=8192)
def _cases(tag: str) -> frozenset[str]:
    return frozenset(f for part in tag.split(":")[1:] for f in part.split(".") if f in ALL_CASES)


@lru_cache(maxsize=8192)
def _numbers(tag: str) -> frozenset[str]:
    return frozenset(f for part in tag.split(":")[1:] for f in part.split(".") if f in ("sg", "pl"))


GENDERS = {"m1": "m1", "m2": "m2", "m3": "m3", "f": "f", "n": "n", "n1": "n", "n2": "n"}


@lru_cache(maxsize=8192)
def _genders(tag: str) -> frozenset[str]:
    """The grammatical genders of a tag (m1 m2 m3 f n; n1/n2 folded into n)."""
    return frozenset(GENDERS[f] for part in tag.split(":")[1:] for f in part.split(".") if f in GENDERS)


def mention_genders(doc, i0: int, i1: int, cases: frozenset[str] = ALL_CASES) -> frozenset[str]:
    """The gender of a name from its first declined word read in the name's case ("Maria Zacharowa" f,
    "Wielka Brytania" f, "Ministerstwo Obrony" n, "Pjongjang" m3); empty when the words show none."""
    for tok in doc.tokens[i0:i1]:
        all_readings = [a for a in tok.analyses if a.pos in ("subst", "depr", "adj")]
        if len({c for a in all_readings for c in _cases(a.tag)}) >= 6 and len(
                {g for a in all_readings for g in _genders(a.tag)}) == 1:
            continue  # one gender in every case: the analyser's guess for a foreign name ("Siergiej" f)
        readings = [a for a in all_readings if _cases(a.tag) & cases]
        if tok.text[:1].isupper():
            readings = [a for a in readings if a.lemma[:1].isupper()] or readings
        gs: set[str] = set()
        for a in readings:
            gs |= _genders(a.tag)
        if gs:
            return frozenset(gs)
    return frozenset()


def token_pos(tok) -> str:
    return tok.chosen.pos if tok.chosen else ""


def any_pos(tok, wanted: set[str]) -> bool:
    return any(a.pos in wanted for a in tok.analyses) or token_pos(tok) in wanted


def lemmas(tok) -> frozenset[str]:
    """Every lemma of the token's readings and its lower-cased form (remembered on the token: the coder asks
    for them hundreds of thousands of times per corpus; readings are final by then)."""
    cached = tok.__dict__.get("_event_lemmas")
    if cached is None:
        out = {a.lemma for a in tok.analyses}
        if tok.chosen:
            out.add(tok.chosen.lemma)
        out.add(tok.text.lower())
        cached = tok.__dict__["_event_lemmas"] = frozenset(out)
    return cached


@dataclass
class Mention:
    """A run of tokens [start, end) naming one entity, with what its form says about its role."""

    entity: str
    start: int
    end: int
    cases: frozenset[str]
    numbers: frozenset[str]
    known_case: bool
    kind: str = "name"  # name | adj
    prep: str | None = None
    attribute: bool = False
    clause: int = 0
    genders: frozenset[str] = frozenset()


@dataclass
class Group:
    """Coordinated mentions acting together ("Pjongjang i Moskwa"); `head` is the role noun when the group is
    the genitive of a role phrase ("przywódcy Korei Południowej, USA i Japonii")."""

    mentions: list[Mention]
    cases: frozenset[str]
    numbers: frozenset[str]
    prep: str | None
    attribute: bool
    clause: int
    start: int
    end: int
    known_case: bool
    via: str = ""
    genders: frozenset[str] = frozenset()

    @property
    def entities(self) -> list[str]:
        out: list[str] = []
        for m in self.mentions:
            if m.entity not in out:
                out.append(m.entity)
        return out


@dataclass
class SentenceView:
    """One sentence as the coder sees it: tokens, clause index per token, actor mentions and groups."""

    index: int
    start: int  # first token index (doc-level)
    end: int
    clause_of: dict[int, int]
    mentions: list[Mention]
    groups: list[Group]
    subjects: dict[int, Group | None] = field(default_factory=dict)
    role_groups: list[Group] | None = None


def clause_ids(doc, start: int, end: int, lex: Lexicon) -> dict[int, int]:
    """Clause number of every token of the sentence: a clause ends at ';', ':', a dash or parenthesis, at a
    comma followed by a clause opener ("który", "że", "gdy" …) or by a finite verb, and at the first comma of a
    clause fronted by a subordinator ("Jak podaje rząd Niemiec, administracja …"; `fronted_openers`)."""
    out: dict[int, int] = {}
    clause = 0
    toks = doc.tokens
    fronted = start < end and toks[start].text.lower() in lex.fronted_openers
    for i in range(start, end):
        t = toks[i]
        if t.text in CLAUSE_PUNCT:
            clause += 1
            out[i] = clause
            fronted = i + 1 < end and toks[i + 1].text.lower() in lex.fronted_openers
            continue
        if t.text == "," and i + 1 < end:
            nxt = toks[i + 1]
            nxt_l = lemmas(nxt)
            if fronted or nxt_l & lex.clause_openers or token_pos(nxt) in FINITE_POS or \
                    _relative_after(toks, i + 1, end):
                clause += 1
                fronted = False
        out[i] = clause
    return out


def _relative_after(toks, i: int, end: int) -> bool:
    """A relative pronoun within three words after a comma, behind a preposition and maybe a noun: ", w którym",
    ", w wyniku którego", ", na mocy której"."""
    for k in range(i, min(end, i + 3)):
        if "który" in lemmas(toks[k]):
            return k > i
        if not (token_pos(toks[k]) in ("prep", "subst") and not toks[k].text[:1].isupper()):
            return False
    return False


def _mention_features(doc, i0: int, i1: int, person: bool, role_words: frozenset[str] = frozenset()
                      ) -> tuple[frozenset[str], frozenset[str], bool]:
    """Cases, numbers and whether the case is known, of the name on tokens [i0, i1): proper-noun readings
    are preferred, but when they leave the words with no case in common ("Wielka" read as a surname
    'Wielk' in the genitive beside "Brytania" in the nominative) every reading of the words is used."""
    proper_sets: list[set[str]] = []
    all_sets: list[set[str]] = []
    numbers: set[str] = set()
    first = doc.tokens[i0]
    # a role noun at the start of a sentence (`role_words`: "Minister obrony Rosji")
    common_first = any(a.pos in NOMINAL_POS and a.lemma in role_words for a in first.analyses)
    if person and (first.text[:1].islower() or common_first):
        # a person named by a role phrase ("premiera Indii", "rosyjskiego przywódcę", "Minister obrony Rosji" at
        # the start of a sentence) is in the case of its role noun, the first common noun of the phrase
        head = next((t for k, t in enumerate(doc.tokens[i0:i1]) if (t.text[:1].islower() or k == 0 and common_first)
                     and token_pos(t) in NOMINAL_POS), None)
        hc = {c for a in (head.analyses if head is not None else ()) if a.pos in NOMINAL_POS for c in _cases(a.tag)}
        chosen = head.chosen if head is not None else None
        if chosen is not None and chosen.pos in NOMINAL_POS and _cases(chosen.tag):
            hc = _cases(chosen.tag) | (hc if len(hc) <= 2 else set())
        if hc:
            return frozenset(hc), frozenset({"sg"}), hc != set(ALL_CASES)
    for tok in doc.tokens[i0:i1]:
        readings = _declinable([a for a in tok.analyses if a.pos in NOMINAL_POS | ADJ_POS])
        if not readings:
            readings = _guessed_inflection(tok)
        chosen = readings
        if person or tok.text[:1].isupper():
            proper = [a for a in readings if a.lemma[:1].isupper()]
            if proper:
                chosen = proper
            elif person:
                chosen = []
                readings = []
        tc: set[str] = set()
        for a in chosen:
            tc |= _cases(a.tag)
            numbers |= _numbers(a.tag)
        ta: set[str] = set()
        for a in readings:
            ta |= _cases(a.tag)
        if tc:
            proper_sets.append(tc)
        if ta or tc:
            all_sets.append(ta | tc)
    cases: set[str] | None = None
    for tc in proper_sets:  # intersect; the first word that disagrees starts a genitive tail, which has the
        # tail's case, not the name's ("Ministerstwo Spraw Zagranicznych" is in the case of "Ministerstwo")
        if cases is not None and not (cases & tc):
            break
        cases = tc if cases is None else cases & tc
    strict_proper = set.intersection(*proper_sets) if proper_sets else set()
    if proper_sets and not strict_proper and all_sets:
        common = set.intersection(*all_sets)
        if common:
            cases = common
    if person:
        numbers = {"sg"}  # one person is grammatically singular ("Joe" has a deprecative plural reading)
    if not cases:
        return ALL_CASES, frozenset(numbers or {"sg", "pl"}), False
    return frozenset(cases), frozenset(numbers or {"sg", "pl"}), cases != set(ALL_CASES)


def _guessed_inflection(tok) -> list:
    """The tagger's guessed reading of a word Morfeusz does not know ("Witkoffa" → Witkoff, genitive), when the
    word visibly carries an ending (it differs from the guessed lemma): its case is then as good as known. The
    genitive and accusative of a masculine personal singular are one form, so both are kept."""
    chosen = tok.chosen
    if chosen is None or chosen.pos not in NOMINAL_POS or tok.text == chosen.lemma or not _cases(chosen.tag):
        return []
    if _cases(chosen.tag) & {"gen", "acc"} and "m1" in chosen.tag.split(":") and "sg" in chosen.tag.split(":"):
        parts = chosen.tag.split(":")
        return [type(chosen)(chosen.lemma, ":".join(p if p not in ("gen", "acc") else c for p in parts))
                for c in ("gen", "acc")]
    return [chosen]


def apposition_case(doc, mentions: list[Mention], start: int, s_start: int, lex: Lexicon) -> frozenset[str]:
    """The case of the title a person's name stands in apposition to ("prezydent Turcji Recep Tayyip Erdoğan",
    "sekretarzem generalnym NATO Jensem Stoltenbergiem", "Szef unijnej dyplomacji Josep Borrell"): the singular
    `person_titles` noun before the name, past its lowercase adjectives, genitive nouns and genitive names, as the
    tagger reads it (lowercase, or the sentence's first word); empty when there is none. ("z przywódcami państw
    G7 Biden": a plural title is no apposition of one person.)"""
    k = start - 1
    while k >= s_start:
        attr = next((o for o in mentions if o.attribute and o.end == k + 1), None)
        if attr is not None:
            k = attr.start - 1
        elif _genitive_filler(doc.tokens[k], lex.person_titles):
            k -= 1
        else:
            break
    if k < s_start:
        return frozenset()
    tok = doc.tokens[k]
    chosen = tok.chosen
    if chosen is None or chosen.pos != "subst" or chosen.lemma.lower() not in lex.person_titles or \
            "sg" not in _numbers(chosen.tag) or (not tok.text[:1].islower() and k > s_start):
        return frozenset()
    return _cases(chosen.tag)


def _declinable(readings: list) -> list:
    """Drop indeclinable readings (one lemma, number and gender in six or more cases: Morfeusz's guess
    for foreign names) when the token also has a declined reading."""
    groups: dict[tuple, set[str]] = {}
    for a in readings:
        parts = a.tag.split(":")
        key = (a.lemma, a.pos, parts[1] if len(parts) > 1 else "", parts[3] if len(parts) > 3 else "")
        groups.setdefault(key, set()).update(_cases(a.tag))
    flat = {k for k, v in groups.items() if len(v) >= 6}
    kept = [a for a in readings if (a.lemma, a.pos, *(lambda p: (p[1] if len(p) > 1 else "", p[3] if len(p) > 3 else ""))(a.tag.split(":"))) not in flat]
    return kept or readings


# Abbreviated complex prepositions and the case they govern ("ws." = "w sprawie", "wg" = "według").
PREPOSITIONAL_ABBREVIATIONS = {"ws.": "gen", "ws": "gen", "wg": "gen", "wg.": "gen", "nt.": "gen"}
# Prepositional phrases used as adverbs: the noun after them is not governed by their preposition.
ADVERBIAL_PHRASES = frozenset({"w zamian", "w końcu", "w efekcie", "w rezultacie", "w praktyce", "w sumie",
                               "w ogóle", "w dodatku", "w zasadzie", "w szczególności", "na razie", "na pewno",
                               "na przykład", "na szczęście", "na koniec", "z kolei", "bez wątpienia", "od razu",
                               "po prostu", "w międzyczasie", "w odpowiedzi", "w związku", "na dodatek"})


def _governing_prep(doc, m_start: int, s_start: int, clause_of: dict[int, int],
                    skippable: set[int] = frozenset(), blocked: set[int] = frozenset(),
                    mention_cases: frozenset[str] | None = None,
                    role_words: frozenset[str] = frozenset()) -> tuple[str | None, set[str]]:
    """The preposition that governs a noun phrase starting at token `m_start` (skipping adjectives,
    determiners and role nouns before it), with the cases it takes.

    With `mention_cases` (the name's own cases, when known), a common noun skipped on the way that the
    preposition governs and that shares no case with the name is the preposition's own object: "w nocy Kijów"
    leaves "Kijów" ungoverned, while "z kanclerzem Niemiec Merzem" (apposition, same case) keeps "z"."""
    j = m_start - 1
    skipped = 0
    nouns: list[set[str]] = []
    while j >= s_start and skipped <= 4 and clause_of.get(j) == clause_of.get(m_start):
        tok = doc.tokens[j]
        abbreviated = PREPOSITIONAL_ABBREVIATIONS.get(tok.text.lower())
        if abbreviated:  # "ws. Ukrainy", "wg MSZ": an abbreviated preposition governs the genitive
            return tok.text.lower(), {abbreviated} | ({"adjacent"} if skipped == 0 else set())
        preps = [a for a in tok.analyses if a.pos == "prep"]
        if preps and tok.chosen is not None and tok.chosen.pos in ("conj", "comp", "qub"):
            preps = []  # ", a prezydent Francji …": the tagger read "a" as the conjunction
        if preps and tok.text.lower() not in ("temu",):
            cases: set[str] = set()
            for a in preps:
                cases |= _cases(a.tag)
            if skipped == 0:
                cases.add("adjacent")
            if mention_cases is not None and nouns and not any(n & mention_cases for n in nouns) and (
                    nouns[-1] & cases):
                return None, set()
            if j + 1 < m_start and f"{tok.text.lower()} {doc.tokens[j + 1].text.lower()}" in ADVERBIAL_PHRASES:
                return None, set()  # "W zamian Izrael ma uwolnić …": the phrase governs nothing after it
            return preps[0].lemma.lower(), cases
        low = tok.text.lower()
        if j in skippable:
            j -= 1
            continue
        if j in blocked:
            return None, set()
        if tok.kind != "word":
            return None, set()
        role_acronym = tok.text[:1].isupper() and {lm.lower() for lm in lemmas(tok)} & role_words  # "szefem MSZ"
        if low in SKIP_BEFORE_NP or role_acronym or (any_pos(tok, ADJ_POS | {"subst"}) and not tok.text[:1].isupper()
                                                     and not any_pos(tok, FINITE_POS | {"inf", "conj", "comp"})):
            if any_pos(tok, {"subst"}) and low not in SKIP_BEFORE_NP:
                nouns.append({c for a in tok.analyses if a.pos == "subst" for c in _cases(a.tag)})
            j -= 1
            skipped += 1
            continue
        return None, set()
    return None, set()


def build_view(doc, sentence_index: int, lex: Lexicon, mentions_by_token: dict[int, tuple[str, int, int, str]],
               adjective_mentions: dict[int, tuple[str, frozenset[str], frozenset[str]]]) -> SentenceView:
    """The sentence's clauses, mentions (with case, number, preposition, attribute flag) and coordinated groups."""
    s = doc.sentences[sentence_index]
    clause_of = clause_ids(doc, s.token_start, s.token_end, lex)
    mentions: list[Mention] = []
    role_words = lex.role_heads | lex.person_titles
    i = s.token_start
    while i < s.token_end:
        if i in mentions_by_token:
            eid, m0, m1, etype = mentions_by_token[i]
            m1 = min(m1, s.token_end)
            cases, numbers, known = _mention_features(doc, i, m1, etype == "person", role_words)
            mentions.append(Mention(eid, i, m1, cases, numbers, known, "name", clause=clause_of.get(i, 0),
                                    genders=mention_genders(doc, i, m1, cases)))
            i = m1
            continue
        if i in adjective_mentions:
            eid, cases, numbers = adjective_mentions[i]
            mentions.append(Mention(eid, i, i + 1, cases, numbers, True, "adj", clause=clause_of.get(i, 0)))
        i += 1
    pairs = _pair_mentions(doc, s, lex, mentions_by_token, clause_of)
    if pairs:
        mentions = sorted(mentions + pairs, key=lambda m: m.start)
    for m in mentions:
        if m.kind == "pair":
            prev = doc.tokens[m.start - 1] if m.start > s.token_start else None
            if prev is not None and "gen" in m.cases and not prev.text[:1].isupper() and \
                    token_pos(prev) in ("subst", "ger"):
                m.attribute, m.cases = True, frozenset({"gen"})  # "szefów dyplomacji obu krajów"
                continue
            blocked = {k for k in range(s.token_start, m.start)
                       if any(t["start"] <= doc.tokens[k].start < t["end"] for t in doc.timexes)}  # "W piątek oba"
            prep, pcases = _governing_prep(doc, m.start, s.token_start, clause_of, blocked=blocked,
                                           role_words=lex.role_heads)
            if prep and (m.cases & pcases):
                m.prep, m.cases = prep, frozenset(m.cases & pcases)
            continue
        if m.kind == "name" and not m.known_case and mentions_by_token[m.start][3] == "person":
            role_case = apposition_case(doc, mentions, m.start, s.token_start, lex)
            if role_case:  # "prezydent Turcji Recep Tayyip Erdoğan": the unknown name is in the role noun's case
                m.cases, m.known_case = role_case, True
        prev = doc.tokens[m.start - 1] if m.start > s.token_start else None
        k = m.start - 1  # "ministra spraw zagranicznych Francji": the noun before the lowercase adjectives
        while (k > s.token_start and doc.tokens[k].kind == "word" and not doc.tokens[k].text[:1].isupper()
               and any_pos(doc.tokens[k], {"adj"}) and not any_pos(doc.tokens[k], {"subst", "prep"} | FINITE_POS)):
            k -= 1
        if k < m.start - 1 and k >= s.token_start and any_pos(doc.tokens[k], {"subst"}) and \
                not doc.tokens[k].text[:1].isupper():
            prev = doc.tokens[k]
        prev_is_noun = prev is not None and (
            (any_pos(prev, {"subst", "ger"}) and (not prev.text[:1].isupper() or m.start - 1 == s.token_start
                                                  or {lm.lower() for lm in lemmas(prev)} & lex.role_heads)
             and not any_pos(prev, {"prep"}))
            or any(o.end == m.start for o in mentions))
        if prev_is_noun and prev is not None and {lm.lower() for lm in lemmas(prev)} & lex.time_nouns and \
                m.cases - {"gen"}:
            prev_is_noun = False  # "w nocy Kijów": a time noun qualifies nothing, the name keeps its other cases
        # "prezydent USA Joe Biden": a name between a role noun and the name it qualifies is an attribute,
        # whatever its case (indeclinable "USA", "NATO")
        role_between = (prev is not None and m.kind == "name" and not m.known_case
                        and {lm.lower() for lm in lemmas(prev)} & lex.role_heads
                        and any(o.start == m.end and o.kind == "name" for o in mentions))
        # an indeclinable name right after a role noun is its genitive ("Przywódcy państw NATO", "krajów UE")
        role_owner = (m.kind == "name" and prev_is_noun and not m.known_case and prev is not None
                      and any_pos(prev, {"subst"}) and {lm.lower() for lm in lemmas(prev)} & lex.role_heads)
        if role_between or role_owner or m.kind == "name" and prev_is_noun and m.known_case and "gen" in m.cases \
                and not ("nom" in m.cases and any(o.end == m.start for o in mentions)):
            m.attribute = True
            m.cases = frozenset({"gen"})
            continue
        skippable = {k for o in mentions if o.attribute and o.end <= m.start for k in range(o.start, o.end)}
        blocked = {k for k in range(s.token_start, m.start)
                   if any(t["start"] <= doc.tokens[k].start < t["end"] for t in doc.timexes)}
        prep, pcases = _governing_prep(doc, m.start, s.token_start, clause_of, skippable, blocked,
                                       m.cases if m.known_case else None, lex.role_heads)
        if prep:
            adjacent = "adjacent" in pcases
            pcases = pcases - {"adjacent"}
            if m.cases & pcases:
                m.prep = prep
                m.cases = frozenset(m.cases & pcases)
            elif pcases and (not m.known_case or adjacent):
                m.prep = prep
                m.cases = frozenset(pcases)
    groups = _group(doc, mentions, lex, clause_of)
    return SentenceView(sentence_index, s.token_start, s.token_end, clause_of, mentions, groups)


def _latest_two(mentions_by_token: dict[int, tuple[str, int, int, str]], before: int, types) -> list[str]:
    found: list[str] = []
    for k in sorted((k for k in mentions_by_token if k < before), reverse=True):
        eid, _, _, etype = mentions_by_token[k]
        if etype in types and eid not in found:
            found.append(eid)
            if len(found) == 2:
                break
    return found


def _pair_mentions(doc, s, lex: Lexicon, mentions_by_token: dict[int, tuple[str, int, int, str]],
                   clause_of: dict[int, int]) -> list[Mention]:
    """Two mentions on "oba kraje" / "obu stron" / "Obaj": the two entities of the pair noun's types named last
    before it in the document (none when fewer than two are)."""
    out: list[Mention] = []
    for i in range(s.token_start, s.token_end):
        low = doc.tokens[i].text.lower()
        if low not in lex.pair_words or i in mentions_by_token:
            continue
        nxt = doc.tokens[i + 1] if i + 1 < s.token_end else None
        noun = next((lm for lm in (lemmas(nxt) if nxt is not None else ()) if lm in lex.pair_nouns), None)
        if noun is not None:
            types, end, case_tok = lex.pair_nouns[noun], i + 2, nxt
        elif low in lex.pair_alone:
            types, end, case_tok = frozenset({"person"}), i + 1, doc.tokens[i]
        else:
            continue
        found = _latest_two(mentions_by_token, i, types)
        if len(found) < 2:
            continue
        cases = frozenset(c for a in case_tok.analyses if a.pos in NOMINAL_POS | {"num"} for c in _cases(a.tag))
        for eid in reversed(found):
            out.append(Mention(eid, i, end, cases or ALL_CASES, frozenset({"pl"}), bool(cases), "pair",
                               clause=clause_of.get(i, 0)))
    return out


def _group(doc, mentions: list[Mention], lex: Lexicon, clause_of: dict[int, int]) -> list[Group]:
    groups: list[Group] = []
    last_main: Group | None = None   # the last group a later mention may join (attributes in between skipped)
    for m in mentions:
        g = groups[-1] if groups else None
        if g is not None and m.kind == "pair" and g.mentions[-1].kind == "pair" and g.start == m.start:
            _join(g, m)  # the second of "oba kraje"
            continue
        if g is not None and g.clause == m.clause and g.attribute == m.attribute and _joinable(doc, g, m, lex, mentions):
            _join(g, m)
            continue
        if g is not None and g.attribute and not m.attribute and g.clause == m.clause and _joinable(doc, g, m, lex, mentions):
            _join(g, m)  # "Korei Południowej, USA i Japonii": an indeclinable name joins a genitive list
            continue
        if (not m.attribute and last_main is not None and last_main is not g and last_main.clause == m.clause
                and _joinable(doc, last_main, m, lex, mentions)):
            _join(last_main, m)  # "Kim Dzong Un i prezydent Rosji Władimir Putin"
            continue
        if g is not None and m.attribute and g.end == m.start and not g.attribute:
            continue  # "Korei Północnej" right after a name: an attribute, not a new actor
        groups.append(Group([m], m.cases, m.numbers, m.prep, m.attribute, m.clause, m.start, m.end, m.known_case,
                            genders=m.genders))
        if not m.attribute:
            last_main = groups[-1]
    return groups


def _join(g: Group, m: Mention) -> None:
    g.mentions.append(m)
    g.cases = frozenset(g.cases & m.cases) or g.cases
    g.numbers = frozenset({"pl"})
    g.end = m.end
    # a plural of names is virile (m1) when any member is; unknown genders leave it open
    g.genders = frozenset() if not (g.genders and m.genders) else frozenset(
        {"m1"} if "m1" in g.genders | m.genders else {"m2", "m3", "f", "n"})


def _joinable(doc, g: Group, m: Mention, lex: Lexicon, mentions: list[Mention]) -> bool:
    between = doc.tokens[g.end:m.start]
    if not between or len(between) > 6:
        return False
    has_coord = False
    for k, tok in enumerate(between):
        pos = g.end + k
        if any(o.start <= pos < o.end and o.attribute for o in mentions):
            continue
        low = tok.text.lower()
        if low in lex.coordinators:
            has_coord = True
            continue
        if not tok.text[:1].isupper() and any_pos(tok, {"subst", "adj"}) and not any_pos(tok, FINITE_POS | {"prep"}):
            continue
        return False
    if not has_coord:
        return False
    if m.prep and m.prep != g.prep:
        return False
    if g.attribute and not m.attribute and m.known_case and "gen" not in m.cases:
        return False
    return bool(g.cases & m.cases) or not m.known_case or not g.known_case


# ----------------------------------------------------------------------------- role search


@dataclass
class VerbInfo:
    numbers: frozenset[str]
    person: str | None
    passive: bool
    impersonal: bool
    nominal: bool
    genders: frozenset[str] = frozenset()


def predicative_copula(doc, head: int, s_start: int) -> int | None:
    """The finite "być"/"zostać" that makes the adjective at `head` a predicate ("jest zadowolony", "była
    gotowa"), at most two words before it; None when there is none."""
    for j in range(head - 1, max(s_start, head - 3) - 1, -1):
        t = doc.tokens[j]
        if token_pos(t) in FINITE_POS and lemmas(t) & {"być", "zostać"}:
            return j
    return None


def verb_info(doc, head: int, s_start: int) -> VerbInfo:
    """Number, person and voice of the verb at `head` (an infinitive borrows them from the finite verb
    governing it; a passive participle with "został"/"jest" is passive)."""
    tok = doc.tokens[head]
    pos = token_pos(tok)
    tag = tok.chosen.tag if tok.chosen else ""
    copula = predicative_copula(doc, head, s_start)
    if pos == "adj" and copula is not None:
        # "jest z nich zadowolony", "była gotowa": the adjective's clause is the copula's
        v = verb_info(doc, copula, s_start)
        return VerbInfo(v.numbers, v.person, False, False, False, frozenset(_genders(tag)) or v.genders)
    if pos in NOMINAL_POS or (pos in ("adj",)):
        return VerbInfo(frozenset({"sg", "pl"}), None, False, False, True)
    if pos == "imps":
        return VerbInfo(frozenset({"sg", "pl"}), None, False, True, False)
    numbers = frozenset(_numbers(tag)) or frozenset({"sg", "pl"})
    person = next((f for f in tag.split(":") if f in ("pri", "sec", "ter")), None)
    passive = pos == "ppas"
    genders = frozenset(_genders(tag)) if pos in ("praet", "ppas", "winien") else frozenset()
    if pos in ("inf", "ppas"):
        for j in range(head - 1, max(s_start, head - 4) - 1, -1):
            t = doc.tokens[j]
            if token_pos(t) in FINITE_POS:
                numbers = frozenset(_numbers(t.chosen.tag)) or numbers
                person = next((f for f in t.chosen.tag.split(":") if f in ("pri", "sec", "ter")), person)
                if token_pos(t) in ("praet", "winien"):
                    genders = frozenset(_genders(t.chosen.tag)) or genders
                break
    return VerbInfo(numbers, person, passive, False, False, genders)


def _agrees(g: Group, v: VerbInfo) -> bool:
    if v.nominal:
        return True
    if len(g.entities) > 1:
        return "pl" in v.numbers
    return bool(g.numbers & v.numbers)


def agrees_fully(g: Group, v: VerbInfo) -> bool:
    """Number agreement and, when both sides show it, gender agreement of a past-tense verb with a group
    ("zapowiedziała" takes "Maria Zacharowa" or "Rosja", not "Pieskow"; plural "zawrócili" wants a virile
    group, "zawróciły" a non-virile one)."""
    if not _agrees(g, v):
        return False
    if not v.genders or not g.genders:
        return True
    if "pl" in v.numbers and "sg" not in v.numbers:
        virile_verb = "m1" in v.genders
        if len(g.entities) > 1 or "pl" in g.numbers and "sg" not in g.numbers:
            return virile_verb == ("m1" in g.genders)
        return True
    return bool(v.genders & g.genders)


def _genitive_filler(tok, heads: frozenset[str]) -> bool:
    """A lowercase adjective, or genitive noun not among `heads`, inside a role phrase ("spraw zagranicznych" in
    "szefów resortów spraw zagranicznych krajów NATO", "unijnej dyplomacji" in "Szef unijnej dyplomacji Josep
    Borrell")."""
    if tok.kind != "word" or not tok.text[:1].islower() or tok.chosen is None:
        return False
    c = tok.chosen
    if c.pos == "adj":
        return True
    return c.pos == "subst" and "gen" in _cases(c.tag) and c.lemma.lower() not in heads


def role_head_groups(doc, view: SentenceView, lex: Lexicon) -> list[Group]:
    """Groups standing for the role phrase before them ("przywódcy Korei Południowej, USA i Japonii"):
    the role noun's case and number, the genitive group's entities."""
    out = []
    person_types = {e.get("id"): e.get("type") for e in getattr(doc, "entities", None) or ()}
    for g in view.groups:
        if not g.attribute or g.start <= view.start:
            continue
        j = g.start - 1
        # past lowercase adjectives and foreign words ("chargé d'affaires Rosji")
        while j > view.start and (any_pos(doc.tokens[j], {"adj"}) or _foreign(doc.tokens[j])) and \
                not doc.tokens[j].text[:1].isupper():
            j -= 1
        head = doc.tokens[j]
        if not ({lm.lower() for lm in lemmas(head)} & lex.role_heads) and not any(
                person_types.get(m.entity) == "person" for m in g.mentions):
            # past up to two lowercase genitive words to the role noun ("Minister obrony Rosji", "szef
            # dyplomacji Unii"); not to a person's ("członkowie partii prezydenta" are not the president)
            k = j
            while k > max(view.start, j - 2) and _genitive_filler(doc.tokens[k], lex.role_heads):
                k -= 1
            if k < j and {lm.lower() for lm in lemmas(doc.tokens[k])} & lex.role_heads and \
                    any_pos(doc.tokens[k], NOMINAL_POS):
                j = k
                head = doc.tokens[j]
        if not ({lm.lower() for lm in lemmas(head)} & lex.role_heads) or head.text[:1].isupper() and j != view.start:
            continue
        # a chain of role nouns: "z wysłannikiem prezydenta USA" is headed by "wysłannikiem", "Przywódcy państw
        # NATO" at the start of the sentence by "Przywódcy", and "szefów resortów spraw zagranicznych krajów NATO"
        # by "szefów" (up to two lowercase genitive nouns or adjectives between two role nouns)
        while True:
            k = j - 1
            while k >= max(view.start, j - 3) and _genitive_filler(doc.tokens[k], lex.role_heads):
                k -= 1
            if k >= view.start and (not doc.tokens[k].text[:1].isupper() or k == view.start) and \
                    {lm.lower() for lm in lemmas(doc.tokens[k])} & lex.role_heads and \
                    any_pos(doc.tokens[k], NOMINAL_POS):
                j = k
                head = doc.tokens[j]
            else:
                break
        # a name right after the attribute is the head of the phrase ("prezydent Rosji Władimir Putin")
        if any(o.start == g.end and not o.attribute for o in view.mentions):
            continue
        hcases: set[str] = set()
        hnum: set[str] = set()
        hgen: set[str] = set()
        for a in (*head.analyses, *((head.chosen,) if head.chosen else ())):  # the tagger's guess for "chargé"
            if a.pos in NOMINAL_POS and a.lemma.lower() in lex.role_heads:
                hcases |= _cases(a.tag)
                hnum |= _numbers(a.tag)
                hgen |= _genders(a.tag)
        blocked = {k for k in range(view.start, j)  # "wezwano w piątek chargé d'affaires": no "w" phrase
                   if any(t["start"] <= doc.tokens[k].start < t["end"] for t in doc.timexes)}
        prep, pcases = _governing_prep(doc, j, view.start, view.clause_of, blocked=blocked)
        if prep and hcases and not (hcases & pcases):
            prep = None  # "o zaostrzeniu polityki administracja Trumpa podjęła": the nominative is no object of "o"
        elif prep:
            hcases = (hcases & pcases) or pcases
        out.append(Group(list(g.mentions), frozenset(hcases or ALL_CASES), frozenset(hnum or {"sg", "pl"}), prep,
                         False, g.clause, j, g.end, bool(hcases), via="role_head", genders=frozenset(hgen)))
    return out


def candidate_groups(doc, view: SentenceView, lex: Lexicon) -> list[Group]:
    """The groups that can fill a role; role-phrase groups are built once per view, so that a group
    taken as actor (by identity) is not offered again as recipient."""
    if view.role_groups is None:
        view.role_groups = role_head_groups(doc, view, lex)
    return [g for g in view.groups if not g.attribute] + view.role_groups


def find_subject(doc, view: SentenceView, lex: Lexicon, head: int, v: VerbInfo, clause: int,
                 avoid_acc: bool, exclude: set[int] = frozenset()) -> Group | None:
    """The nominative group agreeing with the verb at `head` in its clause: before the verb first (nearest),
    then after it; a group that could also be the accusative object is the last choice when the frame has one."""
    best = None
    best_key = None
    for g in candidate_groups(doc, view, lex):
        if g.clause != clause or g.prep or "nom" not in g.cases or id(g) in exclude:
            continue
        if g.start <= head < g.end:
            continue
        if not _agrees(g, v):
            continue
        after = g.start > head
        ambiguous = avoid_acc and "acc" in g.cases and after
        key = (ambiguous, after, abs(g.start - head), g.via != "role_head")
        if best_key is None or key < best_key:
            best, best_key = g, key
    return best


def find_slot(doc, view: SentenceView, lex: Lexicon, slot: Slot, head: int, clause: int,
              used: set[int], companions: list[int]) -> Group | None:
    """The group filling a case or preposition slot of the trigger at `head` in its clause, nearest first
    (after the trigger preferred)."""
    best, best_key = None, None
    groups = candidate_groups(doc, view, lex)
    if slot.kind == "special" and slot.name == "of_object":
        targets = set(companions) | {head}  # "zatrzymania Polaków", "zamknięcia rosyjskiego konsulatu"
        for g in view.groups:
            if id(g) in used or g.clause != clause:
                continue
            first = g.mentions[0]
            if (first.kind == "adj" and first.end in targets) or (g.attribute and g.start - 1 in targets) or (
                    g.attribute and any(t < g.start and g.start - t <= 3 for t in targets)):
                return g
            if g.start - 1 in targets and not g.prep and not g.known_case:
                return g  # an indeclinable name after its noun: "członkiem NATO"
        return None
    if slot.kind == "special" and slot.name == "agent":
        slot = Slot("prep", case="acc", prep="przez", name="przez+acc")
    for g in groups:
        if id(g) in used or g.clause != clause or g.start <= head < g.end:
            continue
        if slot.kind == "case":
            if g.prep or slot.case not in g.cases:
                continue
            if g.attribute and slot.case != "gen":
                continue
        elif slot.kind == "prep":
            if g.prep != slot.prep or (slot.case not in g.cases and g.known_case):
                continue
        else:
            continue
        key = (g.start < head, abs(g.start - head))
        if best_key is None or key < best_key:
            best, best_key = g, key
    return best


def find_in_complement(doc, view: SentenceView, lex: Lexicon, span: tuple[int, int], subject: bool,
                       used: set[int], side: set[str], entities: dict[str, dict] | None = None) -> Group | None:
    """The first group inside a "że" clause [start, end) that names someone other than the speaker:
    with `subject`, a nominative group without a preposition ("ostrzegł, że Pjongjang może …"); otherwise any
    other group, attributes included ("zapowiedziała, że decyzja Warszawy nie pozostanie bez odpowiedzi",
    "podnosić koszty wojny dla Kremla"). A group is the speaker's own side when each of its entities, or
    that entity's country, is in `side` (the speaker's ids and countries: Pieskow's "Rosja")."""
    entities = entities or {}

    def own(e: str) -> bool:
        return e in side or (entities.get(e) or {}).get("country") in side
    start, end = span
    groups = sorted(view.groups + (view.role_groups or []), key=lambda g: g.start)
    for g in groups:
        if id(g) in used or not (start <= g.start < end) or all(own(e) for e in g.entities):
            continue
        is_subject = not g.prep and not g.attribute and "nom" in g.cases
        if is_subject == subject:
            return g
    return None


def _foreign(tok) -> bool:
    """A word Morfeusz does not know at all (only "ign" readings): "d'affaires"."""
    return tok.kind == "word" and bool(tok.analyses) and all(a.pos == "ign" for a in tok.analyses)


def find_of(doc, view: SentenceView, head: int, used: set[int], genitive: bool = True) -> Group | None:
    """The actor of a noun trigger: a country adjective just before it ("rosyjskiej inwazji") or, with
    `genitive`, a genitive right after it ("inwazji Rosji", "ataków ukraińskiej armii", or a role phrase:
    "spotkanie szefów resortów spraw zagranicznych krajów NATO")."""
    for g in view.groups + (view.role_groups or []):
        if id(g) in used:
            continue
        first = g.mentions[0]
        if first.kind == "adj" and 0 < head - g.end + 1 <= 2 and g.end <= head:
            return g
        if not genitive:
            continue
        if head < g.start <= head + 3 and ("gen" in g.cases or first.kind == "adj"):
            between = doc.tokens[head + 1:g.start]
            # lowercase nouns and adjectives, or foreign words of the noun ("chargé d'affaires Rosji")
            if all((any_pos(t, ADJ_POS | {"subst"}) or _foreign(t)) and not t.text[:1].isupper() for t in between) \
                    and not g.prep:
                return g
    # "spotkaniu w Moskwie prezydenta Rosji": the genitive right after the place phrase that follows the noun
    place = next((p for p in view.groups if p.prep in ("w", "na") and "loc" in p.cases
                  and p.start == head + 2 and doc.tokens[head + 1].text.lower() == p.prep), None)
    if place is not None:
        for g in view.groups:
            if id(g) in used or g is place or "gen" not in g.cases or g.prep:
                continue
            # right after the place, or after a role noun ("w Moskwie prezydenta Rosji")
            if g.start == place.end or (g.start == place.end + 1 and not doc.tokens[place.end].text[:1].isupper()
                                         and any_pos(doc.tokens[place.end], {"subst"})):
                return g
    return None


def object_genitive(doc, view: SentenceView, head: int, clause: int, used: set[int]) -> Group | None:
    """The owner of the verb's common-noun object, standing for the target: "skrytykował postawę Europy",
    "ratyfikował akcesję Szwecji" → the genitive group after an accusative noun within three words of the verb."""
    for g in view.groups:
        if id(g) in used or g.clause != clause or not g.attribute or g.start <= head or g.start - head > 8:
            continue
        between = [t for t in doc.tokens[head + 1:g.start]
                   if not any(x["start"] <= t.start < x["end"] for x in doc.timexes)]  # "w czwartek"
        if len(between) > 4:
            continue
        nouns = [t for t in between if any(a.pos in ("subst", "ger", "depr") and "acc" in _cases(a.tag)
                                           for a in (*t.analyses, *((t.chosen,) if t.chosen else ())))
                 and not t.text[:1].isupper()]  # the tagger's reading counts too ("chargé d'affaires Rosji")
        if nouns and all(t.kind == "word" and not t.text[:1].isupper()
                         and not any_pos(t, FINITE_POS | {"prep", "conj", "comp", "inf"}) for t in between):
            return g
    return None


def infinitive_object_owner(doc, view: SentenceView, head: int, clause: int, used: set[int]) -> Group | None:
    """The owner of the object of an infinitive right after the trigger, standing for the one the offer or
    demand concerns: "proponujemy pokryć dwie trzecie finansowania Ukrainy" → Ukraine. At most four lowercase
    noun, numeral or adjective words between the infinitive and a genitive name or country adjective."""
    k = head + 1
    while k < view.end and doc.tokens[k].text.lower() in ("się", "nie"):
        k += 1
    if k >= view.end or token_pos(doc.tokens[k]) != "inf":
        return None
    for g in sorted(view.groups, key=lambda g: g.start):
        if id(g) in used or g.clause != clause or g.start <= k or g.prep:
            continue
        if not (g.attribute or g.mentions[0].kind == "adj"):
            return None
        between = doc.tokens[k + 1:g.start]
        if len(between) <= 4 and all(t.kind == "word" and not t.text[:1].isupper()
                                     and token_pos(t) in NOMINAL_POS | ADJ_POS for t in between):
            return g
        return None
    return None


def prep_owner(doc, view: SentenceView, slot: Slot, head: int, clause: int, used: set[int]) -> Group | None:
    """The owner of a common noun in a prepositional slot, standing for the party: "nie zgodziła się z punktami
    amerykańskich propozycji" (z+inst) → the USA; "zaapelował do rządu Węgier" → Hungary. The owner is a
    genitive name or a country adjective at most four lowercase noun or adjective words after the slot's
    preposition, which follows the trigger in its clause; the first noun after the preposition is in the
    slot's case."""
    if slot.kind != "prep":
        return None
    for g in sorted(view.groups, key=lambda g: g.start):
        if id(g) in used or g.clause != clause or g.start <= head or g.start - head > 10 or g.prep:
            continue
        if not (g.attribute or g.mentions[0].kind == "adj"):
            continue
        j = g.start - 1
        words = 0
        while j > head and words <= 4:
            t = doc.tokens[j]
            if t.text.lower() == slot.prep and any_pos(t, {"prep"}):
                first = doc.tokens[j + 1] if j + 1 < g.start else None
                if first is not None and any(slot.case in _cases(a.tag) for a in first.analyses
                                             if a.pos in NOMINAL_POS | ADJ_POS):
                    return g
                break
            if t.kind != "word" or t.text[:1].isupper() or token_pos(t) not in NOMINAL_POS | ADJ_POS | {"qub"}:
                break
            j -= 1
            words += 1
    return None


def antecedent(doc, view: SentenceView, lex: Lexicon, clause: int, head: int) -> Group | None:
    """For a clause opened by "który" (nominative): the group just before the comma that opens it."""
    first = min((i for i, c in view.clause_of.items() if c == clause), default=None)
    if first is None:
        return None
    rel = None
    for i in range(first, head):
        t = doc.tokens[i]
        if lemmas(t) & lex.relative_pronouns and any("nom" in _cases(a.tag) for a in t.analyses):
            rel = i
            break
    if rel is None:
        return None
    before = [g for g in candidate_groups(doc, view, lex) if g.end <= first and first - g.end <= 2]
    return before[-1] if before else None


def inside_noun_phrase(doc, view: SentenceView, head: int) -> bool:
    """Is the noun at `head` the genitive of another noun governed by a preposition ("w próbę zabójstwa",
    "do planu ataku")?"""
    if head - 2 < view.start:
        return False
    noun, before, prep = doc.tokens[head].chosen, doc.tokens[head - 1].chosen, doc.tokens[head - 2].chosen
    return (noun is not None and "gen" in _cases(noun.tag) and before is not None and before.pos in ("subst", "ger")
            and prep is not None and prep.pos == "prep")


def relative_clause(doc, view: SentenceView, lex: Lexicon, clause: int) -> bool:
    """Is the clause opened by a nominative relative pronoun ("…, który rozmawiał z …")?"""
    first = min((i for i, c in view.clause_of.items() if c == clause), default=None)
    if first is None or clause == 0:
        return False
    return any(lemmas(doc.tokens[i]) & lex.relative_pronouns for i in range(first, min(view.end, first + 2)))


def resumed_subject(doc, view: SentenceView, lex: Lexicon, clause: int, head: int, v: VerbInfo) -> Group | None:
    """For a verb whose clause follows a "który" clause ("Putin, który zabrał głos, ostrzegł Kijów …") with
    no nominative before the verb in its own clause: the relative clause's antecedent, which is the main
    clause's subject, when it agrees with the verb; None otherwise."""
    if clause < 2:
        return None
    first = min((i for i, c in view.clause_of.items() if c == clause), default=None)
    if first is None or doc.tokens[first].text != "," or first >= head:
        return None
    for g in candidate_groups(doc, view, lex):
        if g.clause == clause and g.start < head and not g.prep and "nom" in g.cases:
            return None
    rel_first = min((i for i, c in view.clause_of.items() if c == clause - 1), default=None)
    if rel_first is None or doc.tokens[rel_first].text != "," or rel_first + 1 >= view.end or \
            not lemmas(doc.tokens[rel_first + 1]) & lex.relative_pronouns:
        return None
    g = antecedent(doc, view, lex, clause - 1, first)
    if g is None or g.prep or "nom" not in g.cases or not _agrees(g, v):
        return None
    return g


def frame_for(lex: Lexicon, name: str) -> Frame:
    return lex.frames[name]


def token_index(doc) -> list[int]:
    return [t.start for t in doc.tokens]


def tokens_of_span(starts: list[int], doc, start: int, end: int) -> tuple[int, int]:
    """Token index range [i, j) covering the characters [start, end)."""
    i = bisect.bisect_right(starts, start) - 1
    i = max(i, 0)
    if doc.tokens and doc.tokens[i].end <= start:
        i += 1
    j = bisect.bisect_left(starts, end)
    return i, max(j, i + 1)
