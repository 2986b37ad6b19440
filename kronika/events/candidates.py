"""Trigger candidates in a sentence: lexicon entries whose words (and companion words, "że" clauses, negation)
are present, one trigger per word."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from kronika.events import frames as fr
from kronika.events.lexicon import Lexicon, Trigger

WINDOW = 6
TRIGGER_POS = frozenset(fr.VERBAL_POS | fr.NOMINAL_POS | {"adj", "inf"})
FINITE = {"fin", "praet", "bedzie", "impt", "winien"}
THAT_WORDS = {"że", "iż"}
THAT_REACH = 8
THAT_ENDERS = {"a", "ale", "lecz", "zaś", "natomiast", "jednak", "podczas"}  # ", zaś Tshisekedi ocenił …"


@dataclass
class Candidate:
    trigger: Trigger
    sentence: int
    head: int
    companions: list[int]
    negated: bool
    nominal: bool
    complement: tuple[int, int] | None = None
    cues: list[int] = field(default_factory=list)
    negation_rule: str = ""  # "lack_of_grounds" ("nie ma dowodów, aby …"), "unfulfilled_promise"



def is_negated(doc, head: int, s_start: int) -> bool:
    for j in range(head - 1, max(s_start, head - 3) - 1, -1):
        t = doc.tokens[j]
        low = t.text.lower()
        if low == "nie":
            return True
        if low in ("się", "by", "będzie", "będą", "został", "została", "zostało", "zostały", "zostali") or \
                fr.token_pos(t) in ("bedzie",):
            continue
        return False
    return False


@lru_cache(maxsize=1)
def negation_carriers() -> frozenset[str]:
    """The verbs whose negation negates the act named after them (the status layer's `negation.governing`)."""
    from kronika.attribution.lexicon import load_lexicon as load_speech

    return frozenset(load_speech().markers["negation"].get("governing") or ())


@lru_cache(maxsize=1)
def grounds_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The status layer's `negation.grounds`: grounds nouns, purpose words, words of lack."""
    from kronika.attribution.lexicon import load_lexicon as load_speech

    g = load_speech().markers["negation"].get("grounds") or {}
    return tuple(frozenset(g.get(k) or ()) for k in ("nouns", "purpose", "lack"))  # type: ignore[return-value]


def lacks_grounds(doc, view: fr.SentenceView, head: int) -> bool:
    """An act that the text says there are no grounds for: "nie ma wystarczających dowodów, aby oskarżyć
    mężczyzn", "brak podstaw, by ich zatrzymać" (see `grounds_words`)."""
    nouns, purpose, lack = grounds_words()
    k = head - 1
    while k > view.start and fr.token_pos(doc.tokens[k]) in ("ppron3", "ppron12", "qub") and \
            doc.tokens[k].text.lower() not in purpose:
        k -= 1  # "by ich zatrzymać", "aby się spotkać"
    if k <= view.start or doc.tokens[k].text.lower() not in purpose:
        return False
    j = k - 1 if doc.tokens[k - 1].text == "," else k
    for n in range(j - 1, max(view.start, j - 4) - 1, -1):
        if fr.lemmas(doc.tokens[n]) & nouns:
            return any(doc.tokens[m].text.lower() == "nie" or fr.lemmas(doc.tokens[m]) & lack
                       for m in range(max(view.start, n - 4), n))
    return False


@lru_cache(maxsize=1)
def unfulfilled_words() -> tuple[frozenset[str], frozenset[str]]:
    """The status layer's `negation.unfulfilled`: verbs of fulfilling, promise nouns."""
    from kronika.attribution.lexicon import load_lexicon as load_speech

    u = load_speech().markers["negation"].get("unfulfilled") or {}
    return frozenset(u.get("verbs") or ()), frozenset(u.get("nouns") or ())


def unfulfilled_promise(doc, view: fr.SentenceView, head: int) -> bool:
    """A noun act right after a promise that the text says was not kept: "nie zrealizowały z kolei swojej
    obietnicy rozbrojenia bojówki" (see `unfulfilled_words`)."""
    verbs, nouns = unfulfilled_words()
    n = head - 1
    if n <= view.start or not fr.lemmas(doc.tokens[n]) & nouns:
        return False
    for v in range(n - 1, max(view.start, n - 5) - 1, -1):
        if fr.lemmas(doc.tokens[v]) & verbs:
            return any(doc.tokens[m].text.lower() == "nie" for m in range(max(view.start, v - 2), v))
    return False


def purpose_of_clause(doc, view: fr.SentenceView, head: int, participles: frozenset[str]) -> bool:
    """An infinitive within four words after "chcąc", "próbując" …: the purpose of the clause's act ("chcąc w ten
    sposób wywrzeć presję"), not an act of its own."""
    return any(doc.tokens[j].text.lower() in participles for j in range(max(view.start, head - 4), head)) and \
        fr.token_pos(doc.tokens[head]) == "inf"


def goal_of_request(doc, view: fr.SentenceView, head: int, goal_verbs: frozenset[str]) -> bool:
    """A noun after "do" that a verb of urging or inviting governs ("skłonić ją do rozmów", "zaprosił rosyjskiego
    przywódcę do złożenia wizyty"): the goal asked for, not an act (the verb within four words before "do")."""
    if fr.token_pos(doc.tokens[head]) not in fr.NOMINAL_POS:
        return False
    k = head - 1
    while k > view.start and fr.token_pos(doc.tokens[k]) == "adj":
        k -= 1
    if k > view.start and fr.token_pos(doc.tokens[k]) == "ger" and doc.tokens[k - 1].text.lower() == "do":
        k -= 1  # "do złożenia wizyty": the goal is a gerund phrase
    if k <= view.start or doc.tokens[k].text.lower() != "do":
        return False
    return any(fr.lemmas(doc.tokens[j]) & goal_verbs for j in range(max(view.start, k - 5), k))


def negated_governor(doc, view: fr.SentenceView, head: int) -> bool:
    """A noun trigger whose governing verb is negated and carries the negation over: "nie ma
    w planach ataku", "nie doszło do spotkania", "nie planuje inwazji" (the verb within five words before the
    noun, in its clause, right after "nie")."""
    clause = view.clause_of.get(head)
    for j in range(head - 1, max(view.start, head - 5) - 1, -1):
        if view.clause_of.get(j) != clause:
            return False
        if fr.token_pos(doc.tokens[j]) in FINITE | {"inf", "imps", "pred"}:
            return j - 1 >= view.start and doc.tokens[j - 1].text.lower() == "nie" and \
                bool(fr.lemmas(doc.tokens[j]) & negation_carriers())
    return False


FUNCTION_POS = frozenset({"prep", "conj", "comp", "qub", "interp"})


def companion_fits(tok, group: frozenset[str], cases: tuple[tuple[str, str], ...]) -> bool:
    """Is the token one of a `with` group's lemmas, in the case the entry asks of that lemma, if any
    ("członek:inst": "został członkiem" fits, "został przesłany członkom" does not)?"""
    found = fr.lemmas(tok) & group
    if not found:
        return False
    constrained = {lemma for lemma, _ in cases}
    if any(lemma not in constrained for lemma in found):
        return True  # a lemma of the group with no case asked
    wanted = {case for lemma, case in cases if lemma in found}
    chosen = tok.chosen
    return chosen is not None and chosen.lemma in found and bool(fr._cases(chosen.tag) & wanted)


def content_companions(doc, c: Candidate) -> int:
    """How many of the candidate's companions are content words (not prepositions or particles)."""
    return sum(1 for j in c.companions if fr.token_pos(doc.tokens[j]) not in FUNCTION_POS)


def _timex_tokens(doc, view: fr.SentenceView) -> set[int]:
    """The sentence's tokens inside time expressions."""
    spans = [(t["start"], t["end"]) for t in doc.timexes
             if doc.tokens[view.start].start <= t["start"] < doc.tokens[view.end - 1].end]
    return {k for k in range(view.start, view.end) if any(a <= doc.tokens[k].start < b for a, b in spans)}


def _window(i: int, view: fr.SentenceView, skip: set[int]) -> tuple[int, int]:
    """[lo, hi): WINDOW words on each side of token i, not counting the words of time expressions ("naruszyły
    nocą z wtorku na środę polską przestrzeń")."""
    lo, n = i, 0
    while lo > view.start and n < WINDOW:
        lo -= 1
        n += lo not in skip
    hi, n = i + 1, 0
    while hi < view.end and n < WINDOW:
        n += hi not in skip
        hi += 1
    return lo, hi


def find_candidates(doc, view: fr.SentenceView, lex: Lexicon) -> list[Candidate]:
    found: list[Candidate] = []
    in_timex = _timex_tokens(doc, view) if view.end > view.start else set()
    for i in range(view.start, view.end):
        tok = doc.tokens[i]
        if tok.kind != "word":
            continue
        entries: list[Trigger] = []
        readings = [a for a in tok.analyses if a.pos in TRIGGER_POS]
        for a in readings:
            for t in lex.by_lemma.get(a.lemma, ()):
                if t not in entries:
                    entries.append(t)
        if not entries:
            continue
        clause = view.clause_of.get(i, 0)
        lo, hi = _window(i, view, in_timex)
        near = [j for j in range(lo, hi) if j != i and view.clause_of.get(j) == clause]
        # the word opening the next clause after a comma continues the trigger ("ostrzegł Kijów, by …")
        opener = next((j for j in range(i + 1, hi) if view.clause_of.get(j) == clause + 1), None)
        if opener is not None and doc.tokens[opener].text == "," and opener + 1 < view.end:
            near.append(opener + 1)
        # a companion is a common word, not part of a name ("Stanów Zjednoczonych" is no "stan")
        in_names = {k for m in view.mentions if m.kind == "name" for k in range(m.start, m.end)
                    if doc.tokens[k].text[:1].isupper()}
        near = [j for j in near if j not in in_names]
        for t in entries:
            companions: list[int] = []
            cues: list[int] = []
            ok = True
            complement = None
            if t.that_clause:
                complement = that_clause(doc, view, i)
                if complement is None:
                    continue
                inside = range(*complement)
                for group in t.that_groups:
                    hits = [j for j in inside if fr.lemmas(doc.tokens[j]) & group]
                    if not hits:
                        ok = False
                        break
                    cues.append(hits[0])
                if not ok:
                    continue
                if t.that_denies:
                    denied = denied_act(doc, lex, complement)
                    if denied is None:
                        continue
                    # the denied act is an event of its own ("nie planowało atakowania" stays an ASSAULT, denied),
                    # so it is not taken as a cue word here
            for group in t.with_groups:
                hits = [j for j in near if companion_fits(doc.tokens[j], group, t.with_cases)]
                if not hits:
                    ok = False
                    break
                companions.append(min(hits, key=lambda j: abs(j - i)))
            if not ok:
                continue
            if t.reflexive and not any(doc.tokens[j].text.lower() == "się"
                                       for j in range(max(view.start, i - 3), min(view.end, i + 4))):
                continue
            negated = is_negated(doc, i, view.start) or (tok.chosen is not None and tok.chosen.tag.endswith(":neg"))
            if t.only_negated and not negated:
                continue
            if t.not_after and i > view.start and doc.tokens[i - 1].text.lower() in t.not_after:
                continue
            if t.not_with and any(fr.lemmas(doc.tokens[j]) & t.not_with for j in near):
                continue
            if t.not_lemma and tok.chosen is not None and tok.chosen.lemma in t.not_lemma:
                continue
            if t.frames_speech and interview(doc, view, i):
                continue
            if goal_of_request(doc, view, i, lex.goal_verbs) or purpose_of_clause(doc, view, i, lex.purpose_participles):
                continue
            chosen_pos = fr.token_pos(tok)
            matching = [a for a in readings if a.lemma in t.lemmas]
            if tok.chosen and tok.chosen.lemma in t.lemmas:
                nominal = chosen_pos in fr.NOMINAL_POS or chosen_pos == "adj"
            else:
                nominal = all(a.pos in fr.NOMINAL_POS or a.pos == "adj" for a in matching)
            if nominal and chosen_pos == "adj" and fr.predicative_copula(doc, i, view.start) is not None:
                nominal = False  # "jest z nich zadowolony": a predicate, with the copula's subject
            if nominal and not negated and not t.negated and not t.only_negated:
                negated = negated_governor(doc, view, i)
            negation_rule = ""
            if not negated and not t.only_negated and lacks_grounds(doc, view, i):
                negated, negation_rule = True, "lack_of_grounds"
            elif not negated and not t.only_negated and nominal and unfulfilled_promise(doc, view, i):
                negated, negation_rule = True, "unfulfilled_promise"
            found.append(Candidate(t, view.index, i, companions, negated, nominal, complement, cues, negation_rule))
    # one trigger per word: the most specific entry, then the one whose companions are nearest
    # a content-word companion ("ambasador") outranks a bare function word ("do") before distance counts
    # and a descriptive participle ("sankcji nałożonych na …") yields to the act it describes ("zawieszenie")
    found.sort(key=lambda c: (-c.trigger.specificity, fr.token_pos(doc.tokens[c.head]) in ("ppas", "pact"),
                              -content_companions(doc, c), sum(abs(j - c.head) for j in c.companions), c.head))
    taken: set[int] = set()
    companions_taken: set[int] = set()
    kept: list[Candidate] = []
    for c in found:
        span = {c.head, *c.companions, *c.cues}
        if c.head in taken or any(j in taken and j not in c.companions and j not in c.cues for j in span):
            continue
        if any(j in companions_taken for j in c.companions):
            continue  # a companion serves one trigger: "zawieszenie części sankcji" is not also "ogłosiły … sankcji"
        kept.append(c)
        taken.add(c.head)
        taken.update(c.companions)
        taken.update(c.cues)
        companions_taken.update(c.companions)
    # a companion word cannot head another trigger of its own
    kept = [c for c in kept if not any(c.head in o.companions or c.head in o.cues for o in kept if o is not c)]
    kept.sort(key=lambda c: c.head)
    return kept


def denied_act(doc, lex: Lexicon, span: tuple[int, int]) -> int | None:
    """The token of a negated act inside a "że" clause ("że wojska nie uderzają w miasta", "że nie planowało
    atakowania"): a trigger word of the lexicon right after "nie" (or one word later, after a verb such as
    "planować"); None when the clause denies no act."""
    for j in range(span[0], span[1] - 1):
        if doc.tokens[j].text.lower() != "nie":
            continue
        for k in range(j + 1, min(span[1], j + 3)):
            t = doc.tokens[k]
            if t.kind != "word":
                break
            # a word that is an act with its companion words: "nie uderzają w miasta", not "nie jest objęty ochroną"
            near = [fr.lemmas(doc.tokens[x]) for x in range(max(span[0], k - WINDOW), min(span[1], k + WINDOW + 1))]
            if any(not e.that_clause and all(any(g & lm for lm in near) for g in e.with_groups)
                   for a in t.analyses for e in lex.by_lemma.get(a.lemma, ())):
                return k
    return None


def that_clause(doc, view: fr.SentenceView, head: int) -> tuple[int, int] | None:
    """The token range [start, end) of the "że"/"iż" clause a speech verb at `head` introduces ("ocenił
    w środę, że …"): the "że" must come within a few words with no finite verb between; the clause runs to
    the end of the sentence (its own commas and quotation marks included)."""
    for j in range(head + 1, min(view.end, head + THAT_REACH + 1)):
        t = doc.tokens[j]
        if t.text.lower() in THAT_WORDS:
            end = view.end
            for k in range(j + 1, view.end - 1):
                if doc.tokens[k].text == ";" or (doc.tokens[k].text == "," and
                                                 doc.tokens[k + 1].text.lower() in THAT_ENDERS):
                    end = k
                    break
            return (j + 1, end) if j + 1 < end else None
        if fr.token_pos(t) in FINITE:
            return None
    return None




@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    from kronika.attribution.lexicon import load_lexicon as load_speech

    return load_speech().first_lemmas


def interview(doc, view, head: int) -> bool:
    """"w rozmowie z lokalną stacją przyznał, że …": a noun after "w" in a clause with a verb of saying frames
    what is said (an interview), it is not talks, unless the partner is a political party to talks (a person,
    state or organisation of a country, not an outlet)."""
    if head - 1 < view.start or doc.tokens[head - 1].text.lower() != "w":
        return False
    etypes = {e["id"]: e for e in doc.entities}
    partner = next((g for g in view.groups if g.prep == "z" and 0 < g.start - head <= 4), None)
    if partner is not None and any((etypes.get(e) or {}).get("country") and (etypes.get(e) or {}).get("sector") != "MED"
                                   and (etypes.get(e) or {}).get("type") != "location" for e in partner.entities):
        return False  # "w rozmowie z Trumpem Zełenski powiedział …": talks with a party, told with what was said
    clause = view.clause_of.get(head)
    verbs = speech_verbs()
    return any(fr.lemmas(doc.tokens[j]) & verbs and fr.token_pos(doc.tokens[j]) in FINITE | {"pcon"}
               for j in range(view.start, view.end) if view.clause_of.get(j) == clause)


