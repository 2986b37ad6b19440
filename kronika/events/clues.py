"""Clues around a trigger that its roles, its date and its plan status depend on: subjects taken up from
earlier, possessives, quotes, passives told as acts, topics of speech, a date standing right by the trigger."""
from __future__ import annotations

from kronika.events import frames as fr
from kronika.events.candidates import FINITE, Candidate, speech_verbs
from kronika.events.lexicon import Lexicon
from kronika.events.mentions import ADJ_PREFIX
from kronika.time.tense import first_verb_future

FUTURE_TO_AGREE = {"CONSULT", "AID", "SUPPORT", "COOPERATE"}
ANNOUNCED_FORCE = {"ASSAULT", "COERCE"}
INTENT_NOUNS = {"decyzja", "plan", "zamiar", "zapowiedź", "projekt", "propozycja"}
MODAL_PLAN = {"mieć", "planować", "zamierzać", "chcieć", "zamierzyć", "zaplanować", "móc"}


def planned(doc, c: Candidate, view: fr.SentenceView) -> bool:
    """Future or intended: 'mają omówić', 'ma się spotkać', 'przekaże' (perfective present), 'będzie'+inf."""
    tok = doc.tokens[c.head]
    tag = tok.chosen.tag if tok.chosen else ""
    pos = fr.token_pos(tok)
    if pos == "fin" and tag.endswith("perf") and not tag.endswith("imperf"):
        return True
    if c.nominal:
        # "ogłosił decyzję o wysłaniu myśliwców", "plan dostaw", "zamiar przekazania": a decided, planned act
        if any(fr.lemmas(doc.tokens[j]) & INTENT_NOUNS for j in range(max(view.start, c.head - 3), c.head)):
            return True
        clause = view.clause_of.get(c.head)
        for j in range(view.start, c.head):
            t = doc.tokens[j]
            if view.clause_of.get(j) != clause:
                continue
            tp = fr.token_pos(t)
            if tp == "bedzie" or (tp == "fin" and t.lemma in MODAL_PLAN and j + 1 < view.end
                                  and fr.token_pos(doc.tokens[j + 1]) == "inf"):
                return True
        # the noun is the subject of a future verb after it: "spotkanie z Putinem odbędzie się we wtorek"
        end = c.head + 1
        while end < min(view.end, c.head + 6) and view.clause_of.get(end) == clause:
            end += 1
        return "nom" in fr._cases(tag) and first_verb_future(doc.tokens, c.head + 1, end)
    if pos in ("inf", "praet", "fin"):
        for j in range(c.head - 1, max(view.start, c.head - 8) - 1, -1):
            t = doc.tokens[j]
            if fr.token_pos(t) == "bedzie":
                return True
            if pos == "inf" and fr.token_pos(t) == "fin" and t.lemma in MODAL_PLAN:
                return True  # "mają omówić" (but "miała dostarczać" is hearsay, not a plan)
            if fr.token_pos(t) in FINITE:
                break  # "ma w nocy z niedzieli na poniedziałek uwolnić" reaches "ma"; another verb ends the search
    return False


def common_noun_subject(doc, view: fr.SentenceView, head: int, v: fr.VerbInfo) -> bool:
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


def common_noun_subject_token(doc, view: fr.SentenceView, head: int, v: fr.VerbInfo, reach: int = 5) -> int | None:
    """The index of the nominative common noun agreeing with the verb within `reach` words before it in its
    clause, if any."""
    clause = view.clause_of.get(head)
    for j in range(head - 1, max(view.start, head - reach) - 1, -1):
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


def nominative_subject(doc, head: int) -> bool:
    """Is the noun trigger read as a nominative (the subject its clause is about: "Sankcje obejmują …")?"""
    chosen = doc.tokens[head].chosen
    return chosen is not None and chosen.pos in ("subst", "ger") and "nom" in fr._cases(chosen.tag)


def quantity_after(doc, view: fr.SentenceView, lex: Lexicon, head: int) -> bool:
    """A quantity phrase after the verb in its clause: a numeral or a quantity word ("34 proc. badanych")."""
    clause = view.clause_of.get(head)
    for j in range(head + 1, min(view.end, head + 8)):
        if view.clause_of.get(j) != clause:
            return False
        t = doc.tokens[j]
        if t.text.lower() in lex.quantity_words or fr.token_pos(t) == "num":
            return True
    return False


def subject_after(doc, view: fr.SentenceView, head: int, v: fr.VerbInfo) -> bool:
    """A noun the tagger reads as a nominative agreeing with the verb follows it in its clause, within four words
    ("Wkrótce potem zadzwoniła NASA", "Odpowiedział mu rzecznik"): the clause has its own subject, only not a
    known actor."""
    clause = view.clause_of.get(head)
    for j in range(head + 1, min(view.end, head + 5)):
        t = doc.tokens[j]
        if view.clause_of.get(j) != clause or t.kind != "word" or t.chosen is None:
            return False
        a = t.chosen
        if a.pos in ("subst", "depr") and "nom" in fr._cases(a.tag) and fr._numbers(a.tag) & v.numbers and not (
                v.genders and fr._genders(a.tag) and not fr._genders(a.tag) & v.genders):
            return True
    return False


def earlier_common_noun_subject(doc, view: fr.SentenceView, head: int) -> bool:
    """The first finite verb of the sentence, in an earlier clause than `head`'s, has a common-noun subject
    before it that agrees with the trigger's verb too: the later clause continues that subject."""
    clause = view.clause_of.get(head)
    for j in range(view.start, head):
        if view.clause_of.get(j) == clause:
            return False
        if fr.token_pos(doc.tokens[j]) in FINITE:
            return common_noun_subject_token(doc, view, j, fr.verb_info(doc, j, view.start)) is not None
    return False


def takes_previous_subject(doc, view: fr.SentenceView, lex: Lexicon, c: Candidate, v: fr.VerbInfo) -> bool:
    """Whether a subjectless trigger may take the previous sentence's subject: only a finite active verb
    ("Zapowiedział, że …") or an infinitive governed by one ("Postanowił odrzucić …"); participles
    ("skazanego", "zamrożonych"), passives and impersonal forms describe, they do not continue a subject.
    Nor does a verb whose subject is a common noun: before it ("Resort zaprzeczył"), as the subject of an
    earlier clause of its sentence that it continues ("Rozmówczyni … nie potwierdziła …, ale nie
    zaprzeczyła"), a quantity after it ("Nie zgadza się z tym 34 proc. badanych", `quantity_words`) or a
    nominative noun after it (`subject_after`)."""
    if c.nominal or v.passive or v.impersonal or impersonal_sie(doc, view, c):
        return False
    pos = fr.token_pos(doc.tokens[c.head])
    if pos in FINITE or (pos == "adj" and fr.predicative_copula(doc, c.head, view.start) is not None):
        if common_noun_subject(doc, view, c.head, v) or quantity_after(doc, view, lex, c.head) or \
                subject_after(doc, view, c.head, v):
            return False  # "… i jest z nich zadowolony"
        return not earlier_common_noun_subject(doc, view, c.head)
    if pos == "inf":
        clause = view.clause_of.get(c.head)
        before = [j for j in range(max(view.start, c.head - 4), c.head) if view.clause_of.get(j) == clause]
        if any(impersonal_modal(doc, lex, j) for j in before):
            return False  # "Nie da się zaprzeczyć", "Trzeba było odrzucić": anyone's act
        governing = next((j for j in reversed(before) if fr.token_pos(doc.tokens[j]) in FINITE), None)
        # "rodzic może odrzucić", "System musi odrzucić": the governing verb has its own subject
        return governing is not None and not common_noun_subject(doc, view, governing,
                                                                 fr.verb_info(doc, governing, view.start))
    return False


def impersonal_sie(doc, view: fr.SentenceView, c: Candidate) -> bool:
    """A third-person singular verb with "się" beside it whose entry is not reflexive, with no subject: the
    impersonal "się" ("Nie wprowadza się żadnych ograniczeń", "Mówi się o …"), anyone's act."""
    tok = doc.tokens[c.head]
    if c.trigger.reflexive or tok.chosen is None or fr.token_pos(tok) != "fin" or ":sg:ter:" not in tok.chosen.tag + ":":
        return False
    return any(doc.tokens[j].text.lower() == "się" for j in (c.head - 1, c.head + 1) if view.start <= j < view.end)


def impersonal_modal(doc, lex: Lexicon, j: int) -> bool:
    """Token j is an impersonal modal (`impersonal_modals`: "można", "trzeba", the "da" of "da się")."""
    names = fr.lemmas(doc.tokens[j])
    if names & lex.impersonal_modals:
        return True
    near = {doc.tokens[k].text.lower() for k in (j - 1, j + 1) if 0 <= k < len(doc.tokens)}
    return "się" in near and any(name + " się" in lex.impersonal_modals for name in names)


def date_close(doc, sentence, date_text: str | None, ts: int, te: int) -> bool:
    """Whether the event's time expression stands right by its trigger ("wtorkowe rozmowy", "spotkał się
    w środę"): at most 12 characters away with no comma or dash between, and, before the trigger, not a
    prepositional phrase ("W środę wizytę skomentował" times the verb); such a date outranks the date of a
    merged mention that only frames it ("W czwartkowy poranek zabrał głos na temat rozmowy")."""
    if not date_text:
        return False
    for t in doc.timexes:
        if t.get("text") != date_text or not (sentence.start <= t["start"] < sentence.end):
            continue
        before = t["end"] <= ts
        if before and t["text"].split()[0].lower() in TIME_PREPOSITIONS:
            continue  # "W środę wizytę … skomentował": a phrase before the noun times the verb, not the noun
        lo, hi = (t["end"], ts) if before else (te, t["start"])
        if hi - lo <= 12 and not any(c in doc.text[lo:hi] for c in ",;:–—-("):
            return True
    return False


TIME_PREPOSITIONS = {"w", "we", "od", "do", "po", "przed", "na", "z", "ze", "o"}


def modified_group(doc, view, head: int):
    """The noun phrase a postposed participle describes, its patient: "Gershkovicha, skazanego 19 lipca" → the
    group ending right before the participle (or before the comma in front of it)."""
    end = head - 1 if head - 1 >= view.start and doc.tokens[head - 1].text == "," else head
    for g in view.groups:
        if g.end == end and not g.prep:
            return g
    return None


def describes_document(doc, view, lex: Lexicon, head: int) -> bool:
    """The participle at `head` describes a document noun of `document_nouns` right before it (past a comma):
    "rezolucję wzywającą", "komunikaty informujące"."""
    j = head - 1 if head - 1 > view.start and doc.tokens[head - 1].text == "," else head
    return j - 1 >= view.start and bool(fr.lemmas(doc.tokens[j - 1]) & lex.document_nouns)


def told_as_act(doc, view, head: int) -> bool:
    """A passive participle told as an act ("zostali zwolnieni", "Gershkovicha, skazanego 19 lipca na 16 lat"),
    not a description of the noun after it ("w kolonii o zaostrzonym rygorze"): "być"/"zostać" within three
    words before it, or no noun or adjective right after it."""
    if any(fr.lemmas(doc.tokens[j]) & {"być", "zostać", "zostawać"} for j in range(max(view.start, head - 3), head)):
        return True
    return head + 1 >= view.end or fr.token_pos(doc.tokens[head + 1]) not in fr.NOMINAL_POS | {"adj"}


def happened_to(doc, view, head: int) -> bool:
    """"Do zatrzymania Polaków doszło": a noun after "do" with a form of "dojść"/"dochodzić" in its clause."""
    if head - 1 < view.start or doc.tokens[head - 1].text.lower() != "do":
        return False
    clause = view.clause_of.get(head)
    return any(fr.lemmas(doc.tokens[j]) & {"dojść", "dochodzić"} for j in range(view.start, view.end)
               if view.clause_of.get(j) == clause)




TEMPORAL_PREPOSITIONS = {"po", "przed", "od", "podczas", "wskutek"}
TEMPORAL_NOUNS = {"trakt", "czas", "wynik", "następstwo", "odpowiedź"}  # "w trakcie", "w wyniku", "w odpowiedzi na"


def temporal_phrase(doc, view, head: int) -> bool:
    """A noun that only times or causes the clause's act ("po ataku", "przed inwazją", "w wyniku ataku", "w
    odpowiedzi na atak"): its doer is not the clause's subject."""
    for j in range(head - 1, max(view.start, head - 4) - 1, -1):
        t = doc.tokens[j]
        low = t.text.lower()
        if fr.any_pos(t, {"prep"}):
            if low in TEMPORAL_PREPOSITIONS:
                return True
            if low == "na" and j - 1 >= view.start and fr.lemmas(doc.tokens[j - 1]) & TEMPORAL_NOUNS:
                return True
            return False
        if fr.lemmas(t) & TEMPORAL_NOUNS and j - 1 >= view.start and doc.tokens[j - 1].text.lower() == "w":
            return True
        if not fr.any_pos(t, {"adj"}) or t.text[:1].isupper():
            return False
    return False


TOPIC_WORDS = {"temat", "sprawa"}


def topic_noun(doc, view, head: int, comment_verbs: frozenset[str] = frozenset()) -> bool:
    """A noun that is what someone speaks about: after "na temat", "w sprawie" or "o" + locative (adjectives
    between): "zabrał głos na temat niedawnej rozmowy", "powiadomił o podpisaniu porozumień"."""
    tok = doc.tokens[head]
    if comment_verbs and tok.chosen is not None and "nom" not in fr._cases(tok.chosen.tag):
        clause = view.clause_of.get(head)
        if any(fr.token_pos(doc.tokens[j]) in FINITE and fr.lemmas(doc.tokens[j]) & comment_verbs
               for j in range(view.start, view.end) if view.clause_of.get(j) == clause):
            return True  # "W środę wizytę wysłanników skomentował Trump"
    for j in range(head - 1, max(view.start, head - 4) - 1, -1):
        t = doc.tokens[j]
        low = t.text.lower()
        if low in TOPIC_WORDS:
            return True
        if low == "o" and fr.any_pos(t, {"prep"}) and any("loc" in fr._cases(a.tag) for a in doc.tokens[head].analyses):
            # "powiadomił o podpisaniu": about what is said; "decyzję o wysłaniu" is no speech
            return j - 1 >= view.start and bool(fr.lemmas(doc.tokens[j - 1]) & speech_verbs())
        if not fr.any_pos(t, {"adj"}) or t.text[:1].isupper():
            return False
    return False


def after_reflexive_possessive(doc, view, head: int) -> bool:
    """"swojej obietnicy", "swoje wojska": a form of "swój" right before the noun (one adjective between)."""
    return any("swój" in fr.lemmas(doc.tokens[j]) for j in range(max(view.start, head - 2), head))


POSSESSIVES = frozenset({"jego", "jej", "ich"})


def after_possessive(doc, view, head: int) -> bool:
    """"jego rozmowy", "ich niedawne spotkanie": a third-person possessive before the noun (adjectives between)."""
    for j in range(head - 1, max(view.start, head - 3) - 1, -1):
        t = doc.tokens[j]
        if t.text.lower() in POSSESSIVES:
            return True
        if not fr.any_pos(t, {"adj"}):
            return False
    return False


def in_quote(doc, char: int) -> bool:
    return any(q.get("start", -1) <= char < q.get("end", -1) for q in doc.quotes or [])


def quote_speaker(doc, char: int) -> str | None:
    for q in doc.quotes or []:
        if q.get("start", -1) <= char < q.get("end", -1) and q.get("speaker"):
            return q["speaker"]
    return None


def clause_subject(doc, view: fr.SentenceView, lex: Lexicon, clause: int) -> fr.Group | None:
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


def has_dative_object(doc, view: fr.SentenceView, head: int) -> bool:
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


def answered_party(actors: list[str], etypes: dict, history: list[dict], sentence: int, reach: int,
                   category: str = "ACCUSE") -> list[str]:
    """The actors of the latest event of `category` (coded in this or the `reach` previous sentences) whose
    recipient is one of `actors` or their countries: a denial with no named addressee answers its accuser
    (ACCUSE), a retaliation the attacker (ASSAULT: "Izraelska armia odpowiedziała ogniem")."""
    side = set(actors) | {(etypes.get(a) or {}).get("country") for a in actors if (etypes.get(a) or {}).get("type")
                          in ("country", "organization")}
    for ev in reversed(history):
        if ev.get("_sentence", -99) < sentence - reach:
            break
        # a country named only by an adjective is a placeholder "@adj:ISR" until the end of the document
        targets = {r[len(ADJ_PREFIX):] if r.startswith(ADJ_PREFIX) else r for r in ev.get("recipient") or ()}
        if ev["event"] != category or not (targets & side):
            continue
        return [a for a in ev["actor"] if a not in actors]
    return []


REPORTING_SCOPES = ("as-reported", "opener", "report")


def reported_source(doc, offset: int) -> str | None:
    """The entity that reports what is said at `offset` ("jak podkreślają X", "według X", "X powiedział, że …"),
    from the attribution layer's scopes (computed before the coder): the innermost scope holding it; None when
    there is none."""
    found = doc.spans.get("attribution") if isinstance(doc.spans, dict) else None
    media = {e["id"] for e in doc.entities if e.get("sector") == "MED"}  # an outlet reports, it does not accuse
    holding = [s for s in (found or {}).get("scopes") or () if s.kind in REPORTING_SCOPES and s.speaker
               and s.start <= offset < s.end and s.speaker not in media]
    if not holding:
        return None
    return min(holding, key=lambda s: s.end - s.start).speaker


def accusation_spans(doc) -> list[tuple[int, int]]:
    """Character spans of what someone is accused of ("oskarżonych o działania w Ukrainie": "o …" up to the
    end of its clause), from the attribution layer's scopes."""
    found = doc.spans.get("attribution") if isinstance(doc.spans, dict) else None
    return [(s.start, s.end) for s in (found or {}).get("scopes") or () if s.kind == "accusation"]


def dated_noun(doc, head: int) -> bool:
    """A noun with its own date adjective right before it ("wtorkowe rozmowy", "czwartkowe spotkanie"): a
    particular act the text has told of, so in a quote it is the speaker's."""
    start = doc.tokens[head].start
    return any(0 <= start - t["end"] <= 1 and t.get("type") == "DATE" for t in doc.timexes)


def announced_force(doc, view: fr.SentenceView, c: Candidate, lex: Lexicon) -> bool:
    """A forceful act told as what someone will do ("oświadczył, że Rosja przejmie kontrolę", in a quote "zajmiemy
    miasto") or as the object of announcing it ("zapowiada przejęcie kontroli"; frames.yaml `announcing_verbs`)."""
    if c.nominal:
        clause = view.clause_of.get(c.head)
        return any(fr.lemmas(doc.tokens[j]) & lex.announcing_verbs for j in range(max(view.start, c.head - 4), c.head)
                   if view.clause_of.get(j) == clause)
    if not planned(doc, c, view):
        return False
    return in_quote(doc, doc.tokens[c.head].start) or reported_source(doc, doc.tokens[c.head].start) is not None


def origin_adjective(doc, view: fr.SentenceView, head: int, lex: Lexicon) -> bool:
    """A noun trigger whose adjective names a doer that is no entity of the text ("zachodnie sankcje",
    "międzynarodowa pomoc"; frames.yaml `origin_adjectives`), within two words before it."""
    for j in range(head - 1, max(view.start, head - 3) - 1, -1):
        if fr.lemmas(doc.tokens[j]) & lex.origin_adjectives:
            return True
        if fr.token_pos(doc.tokens[j]) != "adj":
            return False
    return False


def conditional_before(doc, view: fr.SentenceView, head: int, lex: Lexicon) -> bool:
    """A conditional word ("jeśli", "jeżeli", "gdyby"; frames.yaml `conditional_words`) before the trigger in its
    sentence, with no clause-ending comma + "to" between: the trigger is in the condition."""
    for j in range(head - 1, view.start - 1, -1):
        low = doc.tokens[j].text.lower()
        if low == "to" and j > view.start and doc.tokens[j - 1].text == ",":
            return False  # "…, to …": the consequence, not the condition
        if low in lex.conditional_words:
            return True
    return False


def us_after(doc, view: fr.SentenceView, head: int, reach: int = 4) -> bool:
    """A first-person plural pronoun ("z nami", "nas") within `reach` words after the trigger in its clause: the
    speaker's side is the target."""
    clause = view.clause_of.get(head)
    for j in range(head + 1, min(view.end, head + reach + 1)):
        if view.clause_of.get(j) != clause:
            return False
        if any(a.pos == "ppron12" and ":pl" in a.tag and ":pri" in a.tag for a in doc.tokens[j].analyses):
            return True
    return False
