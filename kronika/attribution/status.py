"""The status of an event (SPEC.md EVENT.status) from the words around its trigger.

Order of decision: negated (denied when the negation is in the actor's own report), hypothetical, alleged,
planned, else asserted. SPEC: an alleged event that is also denied stays alleged – an accusation or a hearsay
marker wins over a denial. Every marker is data (evidential_markers.yaml); `event_status` returns the status
with the name of the rule that decided it.
"""
from __future__ import annotations

from kronika.attribution.index import DocIndex, lemma_set, readings
from kronika.attribution.lexicon import Lexicon
from kronika.time.tense import first_verb_future

CLAUSE_BOUNDS = frozenset({",", ";", ":", "-", "–", "—", "(", ")", ".", "!", "?"})


def clause_of(ix: DocIndex, ts: int, te: int) -> tuple[int, int]:
    """The token range of the clause holding tokens [ts, te): bounded by punctuation within the sentence."""
    si = ix.sentence_of(ts)
    sent = ix.sentences[si] if ix.sentences else None
    lo = sent.token_start if sent else 0
    hi = sent.token_end if sent else len(ix.tokens)
    a = ts
    while a > lo and ix.tokens[a - 1].text not in CLAUSE_BOUNDS:
        a -= 1
    b = te
    while b < hi and ix.tokens[b].text not in CLAUSE_BOUNDS:
        b += 1
    return a, b


def _has(tok, pos: str) -> bool:
    return any(a.pos == pos for a in readings(tok))


def _chosen_pos(tok) -> str:
    return tok.chosen.pos if tok.chosen is not None else (tok.analyses[0].pos if tok.analyses else "")


def head_verb(ix: DocIndex, ts: int, te: int) -> int | None:
    """The first verb-like token of the trigger (finite, past, infinitive, impersonal, gerund)."""
    for i in range(ts, te):
        if _chosen_pos(ix.tokens[i]) in ("praet", "fin", "inf", "imps", "bedzie", "ger", "ppas", "pact", "pcon"):
            return i
    return None


def _future_after_noun(ix: DocIndex, ts: int, te: int, b: int) -> bool:
    """A nominative noun trigger followed in its clause by a future verb it is the subject of: "spotkanie z
    Putinem odbędzie się we wtorek" (perfective present), "rozmowy będą kontynuowane" ("będzie"); not a
    genitive ("wdrażanie porozumień będzie trudne")."""
    head = ix.tokens[ts].chosen
    return head is not None and "nom" in head.features and first_verb_future(ix.tokens, te, min(b, te + 5))


def negated(ix: DocIndex, lex: Lexicon, ts: int, te: int) -> bool:
    """"nie" right before the trigger (skipping "się", adverbs such as "jednak", and a governing verb such as
    "planowało" in "nie planowało atakowania"), or at the start of the trigger. Negation of another verb of
    the sentence does not count."""
    neg = lex.markers["negation"]
    particle = neg["particle"]
    skippable = set(neg.get("skippable") or ())
    governing = set(neg.get("governing") or ())
    if ix.tokens[ts].text.lower() == particle:
        return True
    verb = head_verb(ix, ts, te)
    first = verb if verb is not None else ts
    # "nie" inside the trigger, right before its verb ("nie wycofali się" given as the whole trigger)
    i = first - 1
    governed = False
    while i >= 0:
        tok = ix.tokens[i]
        word = tok.text.lower()
        if word == particle:
            return True
        if word in skippable:
            i -= 1
            continue
        if not governed and lemma_set(tok) & governing:
            governed = True
            i -= 1
            continue
        # genitive of negation: "nie podpisano żadnych porozumień" with the noun as trigger
        if verb is None and _chosen_pos(tok) in ("adj", "subst") and i >= first - 2:
            i -= 1
            continue
        return False
    return False


def _words_before(ix: DocIndex, a: int, ts: int, words: set[str]) -> bool:
    return any(lemma_set(ix.tokens[k]) & words for k in range(a, ts))


def _phrase_in(ix: DocIndex, a: int, b: int, phrase: list[str]) -> bool:
    n = len(phrase)
    for k in range(a, b - n + 1):
        if all(phrase[j] in lemma_set(ix.tokens[k + j]) for j in range(n)):
            return True
    return False


def _modal_before(ix: DocIndex, lemma: str, tags: list[str], ts: int, te: int, lo: int) -> bool:
    """The modal (e.g. "mieć" in the past: "miała dostarczać") with one of `tags`, directly before an
    infinitive that is the trigger's verb or inside the trigger."""
    inf = next((i for i in range(ts, te) if _has(ix.tokens[i], "inf")), None)
    if inf is None:
        # the trigger may start with the modal itself ("miała dostarczać broń")
        inf = next((i for i in range(ts, min(te + 2, len(ix.tokens))) if _has(ix.tokens[i], "inf")), None)
        if inf is None:
            return False
    for k in range(inf - 1, max(lo, inf - 8) - 1, -1):  # "ma w nocy z niedzieli na poniedziałek uwolnić"
        tok = ix.tokens[k]
        if lemma in lemma_set(tok) and any(a.pos in tags and a.lemma == lemma for a in readings(tok)):
            return True
        if _chosen_pos(tok) in ("praet", "fin") and k != inf - 1 and tok.text.lower() != "się":
            return False
    return False


def event_status(ix: DocIndex, lex: Lexicon, ts: int, te: int, category: str | None = None,
                 actors: list[str] | None = None, reports: list | None = None,
                 accusations: list | None = None, coder_negated: bool | None = None,
                 negation_consumed: bool = False, negation_rule: str = "") -> tuple[str, str]:
    """(status, rule) for the event whose trigger is tokens [ts, te). `negation_consumed`: the "nie" before
    the trigger is part of the act the coder read ("nie zgodziła się" = REJECT), so it does not negate it.
    `negation_rule` "lack_of_grounds": the coder read "nie ma dowodów, aby oskarżyć" – a decision not to act,
    negated even in the actor's own words."""
    mk = lex.markers
    a, b = clause_of(ix, ts, te)
    si = ix.sentence_of(ts)
    sent = ix.sentences[si] if ix.sentences else None
    s_lo = sent.token_start if sent else 0
    s_hi = sent.token_end if sent else len(ix.tokens)
    start = ix.tokens[ts].start
    actors = actors or []
    # alleged by accusation or hearsay wins over everything but a plain negation of the act itself
    if accusations:
        for sc in accusations:
            if sc.start <= start < sc.end:
                return "alleged", "accusation-object"
    denial = set(mk.get("denied", {}).get("lemmas") or ())
    if denial and _words_before(ix, s_lo, ts, denial) and not _words_before(ix, ts, te, denial):
        # the act inside a denial ("zaprzeczyła, jakoby …"): "jakoby" here belongs to the denial, not hearsay
        for k in range(s_lo, ts):
            if lemma_set(ix.tokens[k]) & denial and any(t.text.lower() in ("jakoby", "że", "iż")
                                                        for t in ix.tokens[k:ts]):
                return "denied", "inside-denial"
    alleged = mk["alleged"]
    words = set(alleged.get("words") or ())
    if _words_before(ix, a, min(b, te + 2), words):
        return "alleged", "hearsay-word"
    for phrase in alleged.get("phrases") or ():
        if _phrase_in(ix, s_lo, s_hi, phrase):
            return "alleged", "hearsay-phrase"
    if _modal_before(ix, alleged["reportative_modal"], alleged["reportative_tags"], ts, te, s_lo):
        return "alleged", "reportative-mieć"
    if coder_negated and negation_rule in ("lack_of_grounds", "unfulfilled_promise"):
        return "negated", negation_rule.replace("_", "-")
    if not negation_consumed and (coder_negated or negated(ix, lex, ts, te)):
        if reports:
            for r in reports:
                if r.speaker and r.start <= start < r.end and r.speaker in actors:
                    return "denied", "negated-in-actor-report"
        denial = set(mk.get("denied", {}).get("lemmas") or ())
        return "negated", "nie-before-verb"
    hyp = mk["hypothetical"]
    if category not in set(hyp.get("exempt_events") or ()):
        conds = [c.split() for c in hyp.get("conditionals") or ()]
        for c in conds:
            if _phrase_in(ix, s_lo, s_hi, c):
                return "hypothetical", "conditional"
        if _modal_before(ix, hyp["modal"], ["fin", "praet"], ts, te, a):
            return "hypothetical", "modal-móc"
        if _words_before(ix, s_lo, ts, set(hyp.get("words_before") or ())):
            return "hypothetical", "hope-or-possibility"
    planned = mk["planned"]
    if category not in set(planned.get("exempt_events") or ()):
        if _modal_before(ix, planned["modal"], planned["modal_tags"], ts, te, a):
            return "planned", "modal-mieć"
        if _words_before(ix, ts, te, set(planned.get("trigger_lemmas") or ())):
            return "planned", "announcement"
        if _words_before(ix, a, ts, set(planned.get("words_before") or ())):
            return "planned", "plan-word"
        verb = head_verb(ix, ts, te)
        if verb is not None:
            tok = ix.tokens[verb]
            pos = _chosen_pos(tok)
            if pos == "fin" and tok.chosen is not None and "perf" in tok.chosen.features:
                return "planned", "perfective-present"
            for k in range(max(a, verb - 3), verb):
                if _chosen_pos(ix.tokens[k]) == "bedzie":
                    return "planned", "future-być"
        elif _future_after_noun(ix, ts, te, b):
            return "planned", "noun-subject-of-future"
    return "asserted", "default"
