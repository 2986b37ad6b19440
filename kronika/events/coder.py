"""The event coder: finds trigger words in each sentence, fills their frames with the actor linker's entities,
and writes SPEC.md EVENT dicts (before merging; see merge.py).

`code_document(doc)` returns a `Coding`: the events in text order, the internal data aligned with them
(sentence, trigger tokens, negation, frame, lexicon entry) and the candidates that were dropped, with the reason
(for `kronika explain`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from kronika.events import frames as fr
from kronika.events.lexicon import Lexicon, Trigger, load_lexicon
from kronika.events.ontology import ontology
from kronika.events.recipients import _earlier_groups, load_anaphora, recover_recipient, recover_subject

WINDOW = 6
FUTURE_TO_AGREE = {"CONSULT", "AID", "SUPPORT", "COOPERATE"}
MODAL_PLAN = {"mieć", "planować", "zamierzać", "chcieć", "zamierzyć", "zaplanować", "móc"}
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


@dataclass
class Coding:
    events: list[dict] = field(default_factory=list)
    internal: list[dict] = field(default_factory=list)
    dropped: list[dict] = field(default_factory=list)
    new_entities: list[dict] = field(default_factory=list)
    weak: list[tuple[dict, dict]] = field(default_factory=list)  # mentions that create no event (merge.py)


@lru_cache(maxsize=1)
def _adjective_countries() -> dict[str, str]:
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


def _existing_country(doc, code: str) -> str | None:
    for e in doc.entities:
        if e.get("type") == "country" and e.get("country") == code:
            return e["id"]
    return None


def _materialise_adjective_countries(doc, coding: Coding, adj_tokens: dict[str, list]) -> None:
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


def _mention_maps(doc, adj_tokens: dict[str, list]):
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
    table = _adjective_countries()
    spans = sorted((t["start"], t["end"]) for t in doc.timexes or [])
    for i, tok in enumerate(doc.tokens):
        if i in covered or tok.kind != "word":
            continue
        if any(a <= tok.start < b for a, b in spans) or (i > 0 and "czas" in fr.lemmas(doc.tokens[i - 1])):
            continue  # "nocą z piątku na sobotę czasu polskiego": the clock's country acts in nothing
        readings = [a for a in tok.analyses if a.pos == "adj" and a.lemma.lower() in table]
        if not readings:
            continue
        code = table[readings[0].lemma.lower()]
        eid = _existing_country(doc, code) or f"{ADJ_PREFIX}{code}"
        adj_tokens.setdefault(eid, []).append(tok)
        cases = frozenset(c for a in readings for c in fr._cases(a.tag))
        nums = frozenset(n for a in readings for n in fr._numbers(a.tag))
        adjs[i] = (eid, cases, nums)
    return by_token, adjs


def _is_negated(doc, head: int, s_start: int) -> bool:
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


FUNCTION_POS = frozenset({"prep", "conj", "comp", "qub", "interp"})


def _content_companions(doc, c: Candidate) -> int:
    """How many of the candidate's companions are content words (not prepositions or particles)."""
    return sum(1 for j in c.companions if fr.token_pos(doc.tokens[j]) not in FUNCTION_POS)


def _find_candidates(doc, view: fr.SentenceView, lex: Lexicon) -> list[Candidate]:
    found: list[Candidate] = []
    for i in range(view.start, view.end):
        tok = doc.tokens[i]
        if tok.kind != "word":
            continue
        entries: list[Trigger] = []
        readings = [a for a in tok.analyses if a.pos in fr.VERBAL_POS | fr.NOMINAL_POS | {"adj", "inf"}]
        for a in readings:
            for t in lex.by_lemma.get(a.lemma, ()):
                if t not in entries:
                    entries.append(t)
        if not entries:
            continue
        clause = view.clause_of.get(i, 0)
        lo, hi = max(view.start, i - WINDOW), min(view.end, i + WINDOW + 1)
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
                    denied = _denied_act(doc, lex, complement)
                    if denied is None:
                        continue
                    # the denied act is an event of its own ("nie planowało atakowania" stays an ASSAULT, denied),
                    # so it is not taken as a cue word here
            for group in t.with_groups:
                hits = [j for j in near if fr.lemmas(doc.tokens[j]) & group]
                if not hits:
                    ok = False
                    break
                companions.append(min(hits, key=lambda j: abs(j - i)))
            if not ok:
                continue
            if t.reflexive and not any(doc.tokens[j].text.lower() == "się"
                                       for j in range(max(view.start, i - 3), min(view.end, i + 4))):
                continue
            negated = _is_negated(doc, i, view.start)
            if t.only_negated and not negated:
                continue
            if t.not_after and i > view.start and doc.tokens[i - 1].text.lower() in t.not_after:
                continue
            if t.not_with and any(fr.lemmas(doc.tokens[j]) & t.not_with for j in near):
                continue
            if t.frames_speech and _interview(doc, view, i):
                continue
            chosen_pos = fr.token_pos(tok)
            matching = [a for a in readings if a.lemma in t.lemmas]
            if tok.chosen and tok.chosen.lemma in t.lemmas:
                nominal = chosen_pos in fr.NOMINAL_POS or chosen_pos == "adj"
            else:
                nominal = all(a.pos in fr.NOMINAL_POS or a.pos == "adj" for a in matching)
            found.append(Candidate(t, view.index, i, companions, negated, nominal, complement, cues))
    # one trigger per word: the most specific entry, then the one whose companions are nearest
    # a content-word companion ("ambasador") outranks a bare function word ("do") before distance counts
    # and a descriptive participle ("sankcji nałożonych na …") yields to the act it describes ("zawieszenie")
    found.sort(key=lambda c: (-c.trigger.specificity, fr.token_pos(doc.tokens[c.head]) in ("ppas", "pact"),
                              -_content_companions(doc, c), sum(abs(j - c.head) for j in c.companions), c.head))
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


def _denied_act(doc, lex: Lexicon, span: tuple[int, int]) -> int | None:
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


def _planned(doc, c: Candidate, view: fr.SentenceView) -> bool:
    """Future or intended: 'mają omówić', 'ma się spotkać', 'przekaże' (perfective present), 'będzie'+inf."""
    tok = doc.tokens[c.head]
    tag = tok.chosen.tag if tok.chosen else ""
    pos = fr.token_pos(tok)
    if pos == "fin" and tag.endswith("perf") and not tag.endswith("imperf"):
        return True
    if c.nominal:
        clause = view.clause_of.get(c.head)
        for j in range(view.start, c.head):
            t = doc.tokens[j]
            if view.clause_of.get(j) != clause:
                continue
            tp = fr.token_pos(t)
            if tp == "bedzie" or (tp == "fin" and t.lemma in MODAL_PLAN and j + 1 < view.end
                                  and fr.token_pos(doc.tokens[j + 1]) == "inf"):
                return True
        return False
    if pos in ("inf", "praet", "fin"):
        for j in range(c.head - 1, max(view.start, c.head - 4) - 1, -1):
            t = doc.tokens[j]
            if fr.token_pos(t) == "bedzie":
                return True
            if pos == "inf" and fr.token_pos(t) == "fin" and t.lemma in MODAL_PLAN:
                return True  # "mają omówić" (but "miała dostarczać" is hearsay, not a plan)
    return False


def _common_noun_subject(doc, view: fr.SentenceView, head: int, v: fr.VerbInfo) -> bool:
    """A nominative common noun agreeing with the verb stands before it in its clause ("Mężczyzna nie
    przyznaje się", "Resort stanowczo zaprzeczył"): the subject is there, only not a known actor."""
    clause = view.clause_of.get(head)
    for j in range(head - 1, max(view.start, head - 5) - 1, -1):
        t = doc.tokens[j]
        if view.clause_of.get(j) != clause or t.kind != "word":
            return False
        for a in t.analyses:
            if a.pos != "subst" or "nom" not in fr._cases(a.tag) or any(
                    x.pos == "prep" for x in doc.tokens[j - 1].analyses) and j > view.start:
                continue
            if not (fr._numbers(a.tag) & v.numbers):
                continue
            if v.genders and fr._genders(a.tag) and not (fr._genders(a.tag) & v.genders):
                continue
            return True
    return False


def _common_noun_subject_token(doc, view: fr.SentenceView, head: int, v: fr.VerbInfo) -> int | None:
    """The index of the nominative common noun agreeing with the verb just before it in its clause, if any."""
    clause = view.clause_of.get(head)
    for j in range(head - 1, max(view.start, head - 5) - 1, -1):
        t = doc.tokens[j]
        if view.clause_of.get(j) != clause or t.kind != "word":
            return None
        for a in t.analyses:
            if a.pos != "subst" or "nom" not in fr._cases(a.tag) or not (fr._numbers(a.tag) & v.numbers):
                continue
            if v.genders and fr._genders(a.tag) and not (fr._genders(a.tag) & v.genders):
                continue
            return j
    return None


def _takes_previous_subject(doc, view: fr.SentenceView, c: Candidate, v: fr.VerbInfo) -> bool:
    """Whether a subjectless trigger may take the previous sentence's subject: only a finite active verb
    ("Zapowiedział, że …") or an infinitive governed by one ("Postanowił odrzucić …"); participles
    ("skazanego", "zamrożonych"), passives and impersonal forms describe, they do not continue a subject."""
    if c.nominal or v.passive or v.impersonal:
        return False
    pos = fr.token_pos(doc.tokens[c.head])
    if pos in FINITE:
        return not _common_noun_subject(doc, view, c.head, v)
    if pos == "inf":
        clause = view.clause_of.get(c.head)
        return any(fr.token_pos(doc.tokens[j]) in FINITE and view.clause_of.get(j) == clause
                   for j in range(max(view.start, c.head - 4), c.head))
    return False


def _date_close(doc, sentence, date_text: str | None, ts: int, te: int) -> bool:
    """Whether the event's time expression stands right by its trigger ("wtorkowe rozmowy", "spotkał się
    w środę"): at most 12 characters away with no comma or dash between; such a date outranks the date of a
    merged mention that only frames it ("W czwartkowy poranek zabrał głos na temat rozmowy")."""
    if not date_text:
        return False
    for t in doc.timexes:
        if t.get("text") != date_text or not (sentence.start <= t["start"] < sentence.end):
            continue
        lo, hi = (t["end"], ts) if t["end"] <= ts else (te, t["start"])
        if hi - lo <= 12 and not any(c in doc.text[lo:hi] for c in ",;:–—-("):
            return True
    return False


def _modified_group(doc, view, head: int):
    """The noun phrase a postposed participle describes, its patient: "Gershkovicha, skazanego 19 lipca" → the
    group ending right before the participle (or before the comma in front of it)."""
    end = head - 1 if head - 1 >= view.start and doc.tokens[head - 1].text == "," else head
    for g in view.groups:
        if g.end == end and not g.prep:
            return g
    return None


def _told_as_act(doc, view, head: int) -> bool:
    """A passive participle told as an act ("zostali zwolnieni", "Gershkovicha, skazanego 19 lipca na 16 lat"),
    not a description of the noun after it ("w kolonii o zaostrzonym rygorze"): "być"/"zostać" within three
    words before it, or no noun or adjective right after it."""
    if any(fr.lemmas(doc.tokens[j]) & {"być", "zostać", "zostawać"} for j in range(max(view.start, head - 3), head)):
        return True
    return head + 1 >= view.end or fr.token_pos(doc.tokens[head + 1]) not in fr.NOMINAL_POS | {"adj"}


def _happened_to(doc, view, head: int) -> bool:
    """"Do zatrzymania Polaków doszło": a noun after "do" with a form of "dojść"/"dochodzić" in its clause."""
    if head - 1 < view.start or doc.tokens[head - 1].text.lower() != "do":
        return False
    clause = view.clause_of.get(head)
    return any(fr.lemmas(doc.tokens[j]) & {"dojść", "dochodzić"} for j in range(view.start, view.end)
               if view.clause_of.get(j) == clause)


@lru_cache(maxsize=1)
def _speech_verbs() -> frozenset[str]:
    from kronika.attribution.lexicon import load_lexicon as load_speech

    return load_speech().first_lemmas


def _interview(doc, view, head: int) -> bool:
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
    verbs = _speech_verbs()
    return any(fr.lemmas(doc.tokens[j]) & verbs and fr.token_pos(doc.tokens[j]) in FINITE | {"pcon"}
               for j in range(view.start, view.end) if view.clause_of.get(j) == clause)


TOPIC_WORDS = {"temat", "sprawa"}


def _topic_noun(doc, view, head: int) -> bool:
    """A noun that is what someone speaks about: after "na temat", "w sprawie" or "o" + locative (adjectives
    between): "zabrał głos na temat niedawnej rozmowy", "powiadomił o podpisaniu porozumień"."""
    for j in range(head - 1, max(view.start, head - 4) - 1, -1):
        t = doc.tokens[j]
        low = t.text.lower()
        if low in TOPIC_WORDS or (low == "o" and fr.any_pos(t, {"prep"})
                                  and any("loc" in fr._cases(a.tag) for a in doc.tokens[head].analyses)):
            return True
        if not fr.any_pos(t, {"adj"}) or t.text[:1].isupper():
            return False
    return False


def _after_reflexive_possessive(doc, view, head: int) -> bool:
    """"swojej obietnicy", "swoje wojska": a form of "swój" right before the noun (one adjective between)."""
    return any("swój" in fr.lemmas(doc.tokens[j]) for j in range(max(view.start, head - 2), head))


POSSESSIVES = frozenset({"jego", "jej", "ich"})


def _after_possessive(doc, view, head: int) -> bool:
    """"jego rozmowy", "ich niedawne spotkanie": a third-person possessive before the noun (adjectives between)."""
    for j in range(head - 1, max(view.start, head - 3) - 1, -1):
        t = doc.tokens[j]
        if t.text.lower() in POSSESSIVES:
            return True
        if not fr.any_pos(t, {"adj"}):
            return False
    return False


def _in_quote(doc, char: int) -> bool:
    return any(q.get("start", -1) <= char < q.get("end", -1) for q in doc.quotes or [])


def _quote_speaker(doc, char: int) -> str | None:
    for q in doc.quotes or []:
        if q.get("start", -1) <= char < q.get("end", -1) and q.get("speaker"):
            return q["speaker"]
    return None


def _clause_subject(doc, view: fr.SentenceView, lex: Lexicon, clause: int) -> fr.Group | None:
    if clause in view.subjects:
        return view.subjects[clause]
    subj = None
    for i in range(view.start, view.end):
        if view.clause_of.get(i) != clause:
            continue
        if fr.token_pos(doc.tokens[i]) in FINITE:
            v = fr.verb_info(doc, i, view.start)
            subj = fr.find_subject(doc, view, lex, i, v, clause, avoid_acc=False)
            if subj is not None and v.genders and len(subj.entities) == 1 and "sg" in v.numbers:
                # the verb shows the subject's gender: "Siergiej Ławrow przyjechał" is masculine
                subj.genders = (subj.genders & v.genders) or (v.genders & {"m1", "f", "n"}) or v.genders
            if subj is None:
                subj = fr.antecedent(doc, view, lex, clause, i)
            if subj is not None:
                break
    view.subjects[clause] = subj
    return subj


def _has_dative_object(doc, view: fr.SentenceView, head: int) -> bool:
    """Whether a dative noun phrase follows the trigger in its clause ("zaprzeczyły jakimkolwiek transakcjom"):
    the denial names the fact it denies, not the one who alleged it."""
    clause = view.clause_of.get(head)
    for j in range(head + 1, min(view.end, head + 5)):
        t = doc.tokens[j]
        if view.clause_of.get(j) != clause or t.text in (",", ";", ":", "-", "–"):
            return False
        if t.kind == "word" and any(a.pos in ("subst", "ger", "adj") and "dat" in fr._cases(a.tag)
                                    for a in t.analyses):
            return True
    return False


def _accusers_of(actors: list[str], etypes: dict, history: list[dict], sentence: int, reach: int) -> list[str]:
    """The actors of the latest accusation (ACCUSE coded in this or the `reach` previous sentences) whose
    recipient is one of `actors` (or their country): a denial with no named addressee answers its accuser."""
    side = set(actors) | {(etypes.get(a) or {}).get("country") for a in actors if (etypes.get(a) or {}).get("type")
                          == "country"}
    for ev in reversed(history):
        if ev.get("_sentence", -99) < sentence - reach:
            break
        if ev["event"] != "ACCUSE" or not (set(ev.get("recipient") or ()) & side):
            continue
        return [a for a in ev["actor"] if a not in actors]
    return []


def _place_role_groups(doc, view: fr.SentenceView, lex, etypes: dict, adj_tokens: dict[str, list]) -> None:
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
        eid = _existing_country(doc, code) or f"{ADJ_PREFIX}{code}"
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


class Coder:
    """Codes one document at a time with a lexicon (the shipped Polish one by default)."""

    def __init__(self, lexicon: Lexicon | None = None):
        self.lex = lexicon or load_lexicon("pl")
        self.onto = ontology()
        self.anaphora = load_anaphora("pl")
        self._views: list = []
        self._history: list[dict] = []
        self._heads: list[int] = []

    def code(self, doc) -> Coding:
        coding = Coding()
        if not doc.tokens or not doc.sentences:
            return coding
        adj_tokens: dict[str, list] = {}
        by_token, adjs = _mention_maps(doc, adj_tokens)
        etypes = {e["id"]: e for e in doc.entities}
        views: list[fr.SentenceView] = []
        self._views = views
        self._history = []
        last_subject: fr.Group | None = None
        last_paragraph = None
        for si in range(len(doc.sentences)):
            view = fr.build_view(doc, si, self.lex, by_token, adjs)
            _place_role_groups(doc, view, self.lex, etypes, adj_tokens)
            views.append(view)
            para = doc.sentences[si].paragraph
            if para != last_paragraph and si > 0 and doc.sentences[si - 1].paragraph != para:
                pass  # a new paragraph keeps the previous subject (headlines often start one)
            last_paragraph = para
            sentence_events: list[tuple[dict, dict]] = []
            cands = _find_candidates(doc, view, self.lex)
            self._heads = [c.head for c in cands]
            embedded = self._embedded_heads(doc, view, cands)
            for cand in cands:
                ev, internal, reason = self._build(doc, view, cand, last_subject, etypes, cand.head in embedded)
                if ev is None or internal.get("weak"):
                    coding.dropped.append({"sentence": si, "trigger_tokens": [cand.head, cand.head + 1],
                                           "lexicon_entry": cand.trigger.name, "reason": reason})
                    if ev is not None:
                        coding.weak.append((ev, internal))
                    continue
                sentence_events.append((ev, internal))
                self._history.append({"event": ev["event"], "actor": ev["actor"], "recipient": ev["recipient"],
                                      "_sentence": si})
            self._embed_accusations(doc, view, sentence_events)
            sentence_events = [(e, i) for e, i in sentence_events if e["actor"]]
            for ev, internal in sentence_events:
                coding.events.append(ev)
                coding.internal.append(internal)
            # the subject that a dropped subject in the next sentence refers to
            for clause in sorted(set(view.clause_of.values())):
                subj = _clause_subject(doc, view, self.lex, clause)
                if subj is not None:
                    last_subject = subj
                    break
        _materialise_adjective_countries(doc, coding, adj_tokens)
        return coding

    # ------------------------------------------------------------------ one candidate
    def _embedded_heads(self, doc, view, cands: list[Candidate]) -> set[int]:
        """Heads of triggers inside the 'o'+acc of an accusation: their actor is the accused."""
        out: set[int] = set()
        for c in cands:
            frame = self.lex.frames[c.trigger.frame]
            if frame.embeds is None:
                continue
            clause = view.clause_of.get(c.head)
            o_tok = next((j for j in range(c.head + 1, view.end) if view.clause_of.get(j) == clause
                          and doc.tokens[j].text.lower() == frame.embeds.prep), None)
            if o_tok is not None:
                out.update(o.head for o in cands if o_tok < o.head <= o_tok + 4)
        return out

    def _build(self, doc, view, cand: Candidate, last_subject, etypes, embedded: bool = False):
        lex = self.lex
        t = cand.trigger
        frame = lex.frames[t.frame]
        clause = view.clause_of.get(cand.head, 0)
        v = fr.verb_info(doc, cand.head, view.start)
        if v.person in ("pri", "sec") and not cand.nominal and not _in_quote(doc, doc.tokens[cand.head].start):
            return None, None, "first or second person outside any quotation (the outlet's own voice)"
        rules = [t.name, f"frame:{frame.name}"]
        used: set[int] = set()
        actor_g = recipient_g = None
        extra_actors: list[str] = []
        actor_source = ""
        actor_slots = frame.nominal_actor if cand.nominal else frame.actor
        if embedded:
            actor_slots = ()
        recip_slots = frame.nominal_recipient if cand.nominal else frame.recipient
        if cand.nominal and fr.token_pos(doc.tokens[cand.head]) != "ger":
            # a bare noun takes no dative: in "podziękował Unii za sankcje" the dative is the verb's
            recip_slots = tuple(sl for sl in recip_slots if not (sl.kind == "case" and sl.case == "dat"))
        if v.passive or v.impersonal:
            agent = fr.find_slot(doc, view, lex, fr.Slot("special", name="agent"), cand.head, clause, used, cand.companions)
            patient = None
            if v.passive:
                # "Rico Kriegera, skazanego wcześniej": a participle after a comma describes the noun before it
                patient = _modified_group(doc, view, cand.head) if doc.tokens[cand.head - 1].text == "," else None
                patient = patient or fr.find_subject(doc, view, lex, cand.head, v, clause, avoid_acc=False)
            if patient is None:
                patient = fr.find_slot(doc, view, lex, fr.Slot("case", case="acc", name="acc"), cand.head, clause,
                                       used, cand.companions)
            actor_g = agent
            if agent is not None:
                used.add(id(agent))
                actor_source = "agent"
            if patient is None and v.passive:
                patient = self._pronoun_patient(doc, view, cand.head)
            if patient is not None and "acc" in {s.name for s in frame.recipient} | {"acc"}:
                recipient_g = patient
                used.add(id(patient))
            if recipient_g is None:
                # prepositional slots hold in the passive too: "sankcje nałożone na Rosję", "granica z Białorusią
                # zostanie zamknięta"
                for slot in frame.recipient:
                    if slot.kind == "prep" and slot.prep != "przez":
                        g = fr.find_slot(doc, view, lex, slot, cand.head, clause, used, cand.companions)
                        if g is not None:
                            recipient_g = g
                            used.add(id(g))
                            rules.append(f"recipient:{slot.name}")
                            break
            rules.append("passive" if v.passive else "impersonal")
            if actor_g is None:
                # the doer of a passive is often the authority of the place: "do MSZ wezwano"
                for slot in (fr.Slot("prep", case="gen", prep="do", name="do+gen"),):
                    g = fr.find_slot(doc, view, lex, slot, cand.head, clause, used, cand.companions)
                    if g is not None and t.category == "ACCUSE":
                        actor_g, actor_source = g, "do+gen"
                        used.add(id(g))
        else:
            if cand.nominal:
                agent = fr.find_slot(doc, view, lex, fr.Slot("special", name="agent"), cand.head, clause, used,
                                     cand.companions)
                if agent is not None:
                    actor_g, actor_source = agent, "agent"
                    used.add(id(agent))
            if cand.nominal and actor_g is None and _after_reflexive_possessive(doc, view, cand.head):
                # "nie zrealizowały swojej obietnicy": the owner of "swój" is the clause's subject
                actor_g = _clause_subject(doc, view, lex, clause)
                if actor_g is not None:
                    actor_source = "swój"
                    used.add(id(actor_g))
            for slot in actor_slots:
                if actor_g is not None:
                    break
                g = None
                if slot.name == "subj":
                    if cand.nominal:
                        g = _clause_subject(doc, view, lex, clause)
                        if g is not None and all((etypes.get(e) or {}).get("sector") == "MED" for e in g.entities):
                            g = None  # "Jak zauważa agencja AFP, … po spotkaniu …": the outlet reports the act
                    else:
                        g = fr.resumed_subject(doc, view, lex, clause, cand.head, v)
                        if g is not None:
                            rules.append("subject_before_relative_clause")
                        else:
                            g = fr.find_subject(doc, view, lex, cand.head, v, clause,
                                                avoid_acc=any(s.name == "acc" for s in recip_slots))
                        if g is None:
                            g = fr.antecedent(doc, view, lex, clause, cand.head)
                            if g is not None:
                                rules.append("relative_clause")
                elif slot.name == "of":
                    if cand.nominal:
                        # the genitive after the noun of a transitive act is its object ("zatrzymanie Polaków"),
                        # unless a preposition marks the object ("poparcie Chin dla Rosji")
                        objective = frame.objective_genitive and not any(
                            fr.find_slot(doc, view, lex, sl, cand.head, clause, used, cand.companions)
                            for sl in recip_slots if sl.kind == "prep")
                        g = fr.find_of(doc, view, cand.head, used, genitive=not objective)
                elif slot.name == "z+inst" and frame.reciprocal:
                    continue
                else:
                    g = fr.find_slot(doc, view, lex, slot, cand.head, clause, used, cand.companions)
                if g is not None:
                    actor_g, actor_source = g, slot.name
                    used.add(id(g))
            if frame.reciprocal:
                partner = fr.find_slot(doc, view, lex, fr.Slot("prep", case="inst", prep="z", name="z+inst"),
                                       cand.head, clause, used, cand.companions)
                if partner is not None:
                    used.add(id(partner))
                    # talks are held with parties: not with a place ("z Kalmar") nor with an outlet (an interview)
                    extra_actors = [e for e in partner.entities
                                    if (etypes.get(e) or {}).get("type") != "location"
                                    and (etypes.get(e) or {}).get("sector") != "MED"]
                    if extra_actors:
                        rules.append("reciprocal:z+inst")
                    elif t.category == "CONSULT":
                        return None, None, "talks with a place or an outlet (an interview), not with a party"
            for slot in recip_slots:
                if recipient_g is not None:
                    break
                if slot.name in ("acc_owner", "inf_owner"):
                    continue  # tried last, below
                if slot.name == "subj":
                    g = fr.find_subject(doc, view, lex, cand.head, v, clause, avoid_acc=True, exclude=used)
                elif slot.name in ("complement_subject", "complement_object"):
                    if cand.complement is None:
                        continue
                    side: set[str] = set()
                    for e in (actor_g.entities if actor_g is not None else []):
                        side |= {e, (etypes.get(e) or {}).get("country") or e}
                    g = fr.find_in_complement(doc, view, lex, cand.complement, slot.name == "complement_subject",
                                              used, side, etypes)
                else:
                    g = fr.find_slot(doc, view, lex, slot, cand.head, clause, used, cand.companions)
                if g is not None:
                    recipient_g = g
                    used.add(id(g))
                    rules.append(f"recipient:{slot.name}")
            if recipient_g is None:
                for slot in recip_slots:
                    g = fr.prep_owner(doc, view, slot, cand.head, clause, used)
                    if g is not None and all((etypes.get(e) or {}).get("type") != "location" for e in g.entities):
                        recipient_g = g
                        used.add(id(g))
                        rules.append(f"recipient:{slot.name}_owner")
                        break
            if recipient_g is None and not cand.nominal and any(sl.name == "inf_owner" for sl in recip_slots):
                g = fr.infinitive_object_owner(doc, view, cand.head, clause, used)
                if g is not None:
                    recipient_g = g
                    used.add(id(g))
                    rules.append("recipient:inf_owner")
            if recipient_g is None and not cand.nominal and any(sl.name == "acc_owner" for sl in recip_slots):
                g = fr.object_genitive(doc, view, cand.head, clause, used)
                if g is not None:
                    recipient_g = g
                    used.add(id(g))
                    rules.append("recipient:object_genitive")
        actors: list[str] = list(actor_g.entities) if actor_g is not None else []
        if actor_g is not None:
            rules.append(f"actor:{actor_source}" + (f"({actor_g.via})" if actor_g.via else ""))
        if not embedded and (not actors and not cand.nominal or (not actors and "subj" in {s.name for s in actor_slots})):
            # dropped subject: the speaker of a first-person quote, an earlier clause, the previous sentence
            speaker = _quote_speaker(doc, doc.tokens[cand.head].start) if v.person == "pri" else None
            if speaker:
                actors, source = [speaker], "quote_speaker"
            else:
                prev = None
                for c in range(clause - 1, -1, -1):
                    prev = _clause_subject(doc, view, lex, c)
                    if prev is not None:
                        break
                source = "earlier_clause"
                if prev is None and last_subject is not None and _takes_previous_subject(doc, view, cand, v):
                    prev, source = last_subject, "previous_sentence"
                if prev is not None and (cand.nominal or (fr.agrees_fully(prev, v) if source == "previous_sentence"
                                                          else fr._agrees(prev, v))):
                    actors = list(prev.entities)
                else:
                    source = ""
            if not actors and cand.nominal and (extra_actors or _after_possessive(doc, view, cand.head)):
                # "spotkanie z wysłannikami" in Putin's quote, "jego rozmowy z Kijowem", "Putin, przed spotkaniem
                # z przedstawicielami …, wziął udział": the other party is the speaker, the owner, the subject
                found_party, source = self._nominal_party(doc, view, cand, last_subject)
                if found_party:
                    actors = found_party
            if not actors and not cand.nominal and not v.passive and not v.impersonal:
                noun = _common_noun_subject_token(doc, view, cand.head, v)
                found = recover_subject(doc, self._views, view, cand.head, noun, etypes, self.anaphora) \
                    if noun is not None else None
                if found:
                    actors, source = found, "common_noun_antecedent"
            if actors:
                rules.append(f"actor:{source}")
        if not actors and not embedded and t.authority and (
                (v.passive and _told_as_act(doc, view, cand.head)) or v.impersonal
                or (cand.nominal and _happened_to(doc, view, cand.head))):
            found = self._authority_of_place(doc, view)
            if found:
                actors = [found]
                rules.append("actor:authority_of_place")
        for e in extra_actors:
            if e not in actors:
                actors.append(e)
        recipients = [e for e in (recipient_g.entities if recipient_g is not None else []) if e not in actors]
        if not recipients and actors and not frame.reciprocal:
            found = recover_recipient(doc, self._views, view, cand.head, frame, cand.nominal, actors, etypes,
                                      self._history, self.anaphora)
            if found is not None:
                recipients, rule = found
                rules.append(rule)
        if not recipients and actors and t.category == "REJECT" and not cand.negated and \
                not _has_dative_object(doc, view, cand.head):
            accusers = _accusers_of(actors, etypes, self._history, view.index, self.anaphora.reach)
            if accusers:
                recipients = accusers
                rules.append("recipient:accuser_of_denied")
        if not actors and not embedded:
            return None, None, "no actor found"
        weak = "recipient" in t.require and not recipients  # kept only as a further mention of a coded act
        category = t.category
        # the "nie" of "nie zgodziła się" (REJECT) or "nie przyznaje się do winy" is part of the act, not its status
        negation_consumed = cand.negated and bool(t.negated or t.only_negated)
        if cand.negated and t.negated:
            category = t.negated
            rules.append(f"negated->{category}")
        if t.with_recipient and recipients:
            category = t.with_recipient
            rules.append(f"with_recipient->{category}")
        if category in FUTURE_TO_AGREE and not cand.negated and _planned(doc, cand, view):
            category = "AGREE"
            rules.append("future->AGREE")
        modes = [m for m in t.modes if m in self.onto.categories[category].modes]
        if category == t.category:
            clause_lemmas: set[str] = set()
            for j in range(view.start, view.end):
                if view.clause_of.get(j) == clause:
                    clause_lemmas |= fr.lemmas(doc.tokens[j])
            for cat, mode, cue in self.lex.mode_cues:
                if cat == category and mode not in modes and cue & clause_lemmas and len(modes) < 2:
                    modes.append(mode)
                    rules.append(f"mode:{mode}")
        contexts = list(t.contexts or self.lex.context_defaults.get(category, ()))
        location = self._location(doc, view, cand.head, used, etypes)
        venue = self._location(doc, view, cand.head, used, etypes, own_clause=True)
        first = min([cand.head, *cand.companions])
        last = max([cand.head, *cand.companions])
        if negation_consumed:  # the trigger text shows the "nie" that is part of the act
            first = min(first, next((j for j in range(cand.head - 1, max(view.start, cand.head - 3) - 1, -1)
                                     if doc.tokens[j].text.lower() == "nie"), first))
        ts, te = doc.tokens[first].start, doc.tokens[last].end
        s = doc.sentences[view.index]
        from kronika.time.anchoring import event_date

        when = event_date(doc, view.index, (ts, te))
        if cand.nominal and when.get("date") and _topic_noun(doc, view, cand.head) and \
                not _date_close(doc, doc.sentences[view.index], when.get("date_text"), ts, te):
            # "W czwartek zabrał głos na temat niedawnej rozmowy": the day is the speaking's, not the talks'
            when = {"date": None, "precision": "unknown", "enddate": None, "date_text": None}
            rules.append("date:topic_noun")
        date_close = _date_close(doc, s, when.get("date_text"), ts, te)
        confidence = 0.45 + (0.3 if actor_source else 0.1) + (0.15 if recipients or not recip_slots else 0.0) + (
            0.05 if not cand.nominal else 0.0)
        onto = self.onto
        ev = {
            "id": "",
            "event": category,
            "mode": modes,
            "context": contexts,
            "actor": actors,
            "recipient": recipients,
            "date": when["date"],
            "precision": when["precision"],
            "date_text": when.get("date_text"),
            "enddate": when.get("enddate"),
            "status": "asserted",
            "attribution": [],
            "location": location,
            "event_scale": onto.score(category, modes),
            "quad_code": onto.quad(category),
            "cameo": onto.cameo(category, modes),
            "evidence": {"start": s.start, "end": s.end, "text": doc.text[s.start:s.end],
                         "trigger": {"start": ts, "end": te, "text": doc.text[ts:te]}},
            "confidence": round(min(confidence, 0.95), 2),
            "rules": rules,
        }
        internal = {"sentence": view.index, "trigger_tokens": [first, last + 1], "head": cand.head,
                    "date_close": date_close,
                    "venue": (venue or {}).get("country"),
                    "negated": cand.negated and not negation_consumed, "negation_consumed": negation_consumed, "frame": frame.name, "lexicon_entry": t.name, "nominal": cand.nominal,
                    "reciprocal": bool(frame.reciprocal) and not t.solo, "weak": weak, "embedded_in": None, "merged": []}
        return ev, internal, "the entry requires a recipient and none was found" if weak else ""

    def _pronoun_patient(self, doc, view, head: int) -> fr.Group | None:
        """The antecedent of the nominative pronoun subject of a passive ("dzień później zostali oni zwolnieni"):
        the latest group before it, in this or the two sentences before, of the pronoun's number and (virile
        or not) gender, attributes included ("Do zatrzymania Polaków doszło …")."""
        for j in range(max(view.start, head - 3), min(view.end, head + 2)):
            pro = next((a for a in doc.tokens[j].analyses if a.pos == "ppron3" and "nom" in fr._cases(a.tag)), None)
            if pro is None:
                continue
            nums, gens = fr._numbers(pro.tag), fr._genders(pro.tag)
            for g in _earlier_groups(self._views, view, j, 2):
                if g.prep or (nums and g.numbers and not (g.numbers & nums)):
                    continue
                if gens and g.genders and not (g.genders & gens):
                    continue
                return g
            return None
        return None

    def _authority_of_place(self, doc, view) -> str | None:
        """The country entity of the place a passive state act happens in: the nearest place ("w"/"na" +
        locative: a location or a country) in the sentence, else the state of the sentence's subject, else a place
        in the two sentences before it in the same paragraph, else the latest one named before; None when the
        document names no such country as an entity."""
        para = doc.sentences[view.index].paragraph
        etypes = {e["id"]: e for e in doc.entities}
        near = [k for k in range(view.index, max(-1, view.index - 3), -1) if doc.sentences[k].paragraph == para]
        for n, k in enumerate(near + [k for k in range(view.index - 1, -1, -1) if k not in near]):
            v = self._views[k] if k != view.index else view
            for g in v.groups:
                if g.prep not in ("w", "na") or "loc" not in g.cases:
                    continue
                for e in g.entities:
                    ent = etypes.get(e) or {}
                    if ent.get("type") in ("location", "country") and ent.get("country"):
                        found = _existing_country(doc, ent["country"])
                        if found:
                            return found
            if n == 0:
                # no place in the sentence: the state whose leader or organ is its subject ("Łukaszenka ułaskawił
                # Kriegera, skazanego wcześniej …")
                for g in v.groups:
                    if g.prep or g.attribute or "nom" not in g.cases:
                        continue
                    for e in g.entities:
                        ent = etypes.get(e) or {}
                        if ent.get("type") in ("person", "country", "organization") and ent.get("country") and \
                                ent.get("sector") != "MED":
                            found = _existing_country(doc, ent["country"])
                            if found:
                                return found
        return None

    def _nominal_party(self, doc, view, cand: Candidate, last_subject) -> tuple[list[str], str]:
        """The unnamed party of a noun trigger: the speaker of the quote it stands in; after a possessive
        ("jego rozmowy"), the subject of the sentence before; else the nearest subject-like group (nominative,
        no preposition) before it in the sentence."""
        speaker = _quote_speaker(doc, doc.tokens[cand.head].start)
        if speaker:
            return [speaker], "quote_speaker"
        if _after_possessive(doc, view, cand.head) and last_subject is not None:
            return list(last_subject.entities), "possessive_previous_sentence"
        for g in sorted(view.groups, key=lambda g: -g.start):
            if g.end <= cand.head and not g.prep and not g.attribute and "nom" in g.cases:
                return list(g.entities), "nominative_before"
        return [], ""

    def _location(self, doc, view, head: int, used: set[int], etypes: dict, own_clause: bool = False) -> dict | None:
        """The place ("w Camp David", "na Kremlu") nearest the trigger in its sentence; with `own_clause`, only a
        place in the trigger's clause that no other trigger of the sentence stands nearer to (the venue of
        "spotkanie na Kremlu z …", not of the other talks the sentence mentions)."""
        best, best_d = None, None
        for g in view.groups:
            if id(g) in used or g.prep not in ("w", "na") or "loc" not in g.cases:
                continue
            if own_clause and (view.clause_of.get(g.start) != view.clause_of.get(head) or any(
                    abs(g.start - h) < abs(g.start - head) for h in self._heads)):
                continue
            ent = etypes.get(g.mentions[0].entity)
            if not ent or ent.get("type") != "location":
                continue
            d = abs(g.start - head)
            if best_d is None or d < best_d:
                best, best_d = ent, d
        if best is None:
            return None
        return {"name": best["name"], "country": best.get("country")}

    def _embed_accusations(self, doc, view, events: list[tuple[dict, dict]]) -> None:
        """The act inside an accusation ("oskarżyły Koreę o dostarczanie broni") has the accused as actor."""
        for k, (ev, internal) in enumerate(events):
            frame = self.lex.frames[internal["frame"]]
            if frame.embeds is None or not ev["recipient"]:
                continue
            head = internal["head"]
            clause = view.clause_of.get(head)
            o_tok = next((j for j in range(head + 1, view.end) if view.clause_of.get(j) == clause
                          and doc.tokens[j].text.lower() == frame.embeds.prep), None)
            if o_tok is None:
                continue
            for k2, (ev2, int2) in enumerate(events):
                if k2 == k or not (o_tok < int2["head"] <= o_tok + 4):
                    continue
                if int2.get("embedded_in") is not None:
                    continue
                ev2["actor"] = list(ev["recipient"])
                ev2["recipient"] = [r for r in ev2["recipient"] if r not in ev2["actor"]]
                ev2["rules"].append("embedded_in_accusation")
                int2["embedded_in"] = k


def code_document(doc, lexicon: Lexicon | None = None) -> Coding:
    """Code every sentence of `doc` (tokens, sentences, entities and timexes already written)."""
    return Coder(lexicon).code(doc)
