"""Who is speaking: the subject of a speech cue, found by agreement in free word order, or – when the
subject is dropped or a pronoun – the latest speaker or entity that agrees with the verb's ending
("podkreśliła" wants a feminine singular); and the addressee ("w liście do Putina")."""
from __future__ import annotations

from dataclasses import dataclass

from kronika.attribution.index import Agreement, DocIndex, Mention, agrees, lemma_set, readings, verb_agreement
from kronika.attribution.lexicon import Lexicon

COORDINATORS = frozenset({"i", "oraz"})
QUOTE_MARKS = frozenset({'"', "„", "«", "“"})
CLAUSE_STOPS = frozenset({",", ";", ":", "(", ")", "-", "–", "—", '"', "„", "”", "«", "»", "“"})


@dataclass(frozen=True)
class Speaker:
    entity: str
    rule: str  # subject-after | subject-before | pronoun | dropped-subject | impersonal


def cue_agreement(ix: DocIndex, cue_tok: int) -> Agreement | None:
    """Agreement of the cue verb; for an infinitive ("miał napisać") that of the finite verb before it."""
    tok = ix.tokens[cue_tok]
    if any(a.pos == "inf" for a in readings(tok)[:1]):
        for j in range(cue_tok - 1, max(cue_tok - 3, -1), -1):
            agr = verb_agreement(ix.tokens[j])
            if agr is None or agr.number or agr.gender:
                return agr
    return verb_agreement(tok)


def _candidate(ix: DocIndex, m: Mention, agr: Agreement | None, exclude: tuple[int, int] | None) -> bool:
    if exclude and exclude[0] <= m.start < exclude[1]:
        return False
    return ix.can_be_subject(m) and agrees(agr, ix.mention_agreement(m))


def subject_after(ix: DocIndex, cue_tok: int, agr: Agreement | None, limit: int,
                  exclude: tuple[int, int] | None = None, skip: list[tuple[int, int]] | tuple = ()) -> Mention | None:
    """The first mention after the cue, before a clause boundary or `limit`, that can be its subject.
    A quoted title among `skip` (quote-mark spans: 'powiedział w "Gościu Wydarzeń" Marek Magierowski') is
    stepped over, not a boundary."""
    i = cue_tok + 1
    while i < min(limit, len(ix.tokens)):
        tok = ix.tokens[i]
        span = next(((a, b) for a, b in skip if a == tok.start), None) if tok.text in QUOTE_MARKS else None
        if span is not None and span[1] - span[0] < 60:
            i = ix.token_at(span[1]) + 1
            continue
        if tok.text in CLAUSE_STOPS or tok.text in (".", "!", "?"):
            return None
        m = ix.mention_at.get(i) or ix.surname_mention(i)
        if m is not None:
            if _candidate(ix, m, agr, exclude):
                return m
            i = m.tok_end
            continue
        i += 1
    return None


def subject_before(ix: DocIndex, cue_tok: int, agr: Agreement | None, floor: int,
                   exclude: tuple[int, int] | None = None) -> Mention | None:
    """The nearest mention before the cue, back to `floor` (not across a quote mark or a finite verb of
    another clause), that can be its subject."""
    i = cue_tok - 1
    while i >= max(floor, 0):
        tok = ix.tokens[i]
        if tok.text in ('"', "„", "”", "«", "»", "“", ";"):
            return None
        m = ix.mention_at.get(i) or ix.surname_mention(i)
        if m is not None:
            if _candidate(ix, m, agr, exclude):
                return m
            first = first_conjunct(ix, m, agr)
            if first is not None and (not exclude or not exclude[0] <= first.start < exclude[1]):
                return first
            i = m.tok_start - 1
            continue
        i -= 1
    return None


def first_conjunct(ix: DocIndex, m: Mention, agr: Agreement | None) -> Mention | None:
    """For a plural verb whose subject is coordinated ("Josep Borrell i Komisja Europejska ostrzegali"):
    the first conjunct, when `m` is the last one and the verb is plural. The first conjunct speaks for both."""
    if agr is None or agr.number != "pl":
        return None
    j = m.tok_start - 1
    if j < 1 or ix.tokens[j].text.lower() not in COORDINATORS:
        return None
    first = ix.mention_at.get(j - 1)
    if first is None or first.entity == m.entity or not ix.can_be_subject(first):
        return None
    return ix.mention_at.get(first.tok_start) or first


def pronoun_agreement(ix: DocIndex, lex: Lexicon, tok: int) -> Agreement | None:
    word = ix.tokens[tok].text.lower()
    if word in lex.pronouns:
        number, gender = lex.pronouns[word]
        return Agreement(number, gender)
    return None


def _inside(m: Mention, spans) -> bool:
    return any(a <= m.start < b for a, b in spans)


def antecedent(ix: DocIndex, before_tok: int, agr: Agreement | None, previous: list[tuple[int, str]],
               sentences_back: int = 3, skip: list[tuple[int, int]] | tuple = (),
               person_only: bool = False, institution_only: bool = False) -> Speaker | None:
    """For a dropped or pronominal subject: the latest earlier speaker that agrees (within
    `sentences_back` sentences), else the nearest earlier subject-like person, else any such entity.
    Mentions inside `skip` (the content of reported speech: people a speaker talks about) are never
    candidates; with `person_only` (the subject is a noun such as "polityk") only persons are; with
    `institution_only` (an impersonal cue: "zwrócono uwagę, że …") only organisations, groups and countries."""
    if institution_only:
        return _institution_antecedent(ix, before_tok, previous, sentences_back, skip)
    here = ix.sentence_of(before_tok)
    prev_speaker: tuple[int, str] | None = None
    for tok, eid in reversed(previous):
        if tok >= before_tok or here - ix.sentence_of(tok) > sentences_back:
            continue
        if person_only and ix.entity_type(eid) != "person":
            continue
        if any(a <= ix.tokens[tok].start < b for a, b in skip):
            continue  # a speaker quoted inside someone else's words
        m = next((m for m in ix.mentions if m.entity == eid), None)
        if m is not None and agrees(agr, ix.mention_agreement(m)):
            prev_speaker = (tok, eid)
            break
    nearest_person = None
    for m in reversed(ix.mentions):
        if m.tok_start >= before_tok or _inside(m, skip):
            continue
        if prev_speaker is None or m.tok_start <= prev_speaker[0]:
            break
        if ix.entity_type(m.entity) == "person" and ix.can_be_subject(m) and agrees(agr, ix.mention_agreement(m)) \
                and ix.sentence_of(m.tok_start) < here:
            nearest_person = m
            break
    if prev_speaker is not None:
        # a person named as subject after the last speaker's cue is the more recent candidate
        if nearest_person is not None:
            return Speaker(nearest_person.entity, "dropped-subject")
        return Speaker(prev_speaker[1], "previous-speaker")
    floor_sentence = max(0, here - sentences_back)
    floor = ix.sentences[floor_sentence].token_start if ix.sentences else 0
    fallback = None
    for m in reversed(ix.mentions):
        if m.tok_start >= before_tok or m.tok_start < floor or _inside(m, skip):
            continue
        if not ix.can_be_subject(m) or not agrees(agr, ix.mention_agreement(m)):
            continue
        if ix.entity_type(m.entity) == "person":
            return Speaker(m.entity, "dropped-subject")
        if fallback is None and not person_only and ix.entity_type(m.entity) in ("organization", "country", "group"):
            fallback = Speaker(m.entity, "dropped-subject")
    return fallback


INSTITUTIONS = ("organization", "group", "country")


def _institution_antecedent(ix: DocIndex, before_tok: int, previous: list[tuple[int, str]], sentences_back: int,
                            skip) -> Speaker | None:
    """The latest institution that spoke within `sentences_back` sentences, else the nearest institution
    named as a possible subject in them (outside reported content)."""
    here = ix.sentence_of(before_tok)
    for tok, eid in reversed(previous):
        if tok >= before_tok or here - ix.sentence_of(tok) > sentences_back:
            continue
        if ix.entity_type(eid) in INSTITUTIONS and not any(a <= ix.tokens[tok].start < b for a, b in skip):
            return Speaker(eid, "previous-institution")
    floor = ix.sentences[max(0, here - sentences_back)].token_start if ix.sentences else 0
    for m in reversed(ix.mentions):
        if m.tok_start >= before_tok or m.tok_start < floor or _inside(m, skip):
            continue
        if ix.entity_type(m.entity) in INSTITUTIONS and ix.can_be_subject(m):
            return Speaker(m.entity, "nearest-institution")
    return None


def person_noun_subject(ix: DocIndex, lex: Lexicon, cue_tok: int, floor: int) -> bool:
    """True when a common noun naming a person stands as the cue's subject right before it, in its clause
    ("Polityk zapewniła", "Były ambasador ocenił", "węgierski dyplomata poinformował"): a nominative noun of
    the masculine-personal gender, or one of the lexicon's person nouns."""
    i = cue_tok - 1
    while i >= max(floor, 0) and cue_tok - i <= 4:
        tok = ix.tokens[i]
        if tok.text in CLAUSE_STOPS or tok.text in (".", "!", "?"):
            return False
        if i in ix.mention_at:
            return False
        for a in readings(tok):
            if a.pos == "subst" and "nom" in a.features and (
                    "m1" in ".".join(a.features).split(".") or a.lemma.lower() in lex.person_nouns):
                return True
        i -= 1
    return False


def addressee(ix: DocIndex, lex: Lexicon, cue_tok: int, speaker: str | None) -> str | None:
    """The entity after "do" following a letter-like noun or an appeal verb ("w liście do Putina"), in the
    cue's sentence or the previous sentence of its paragraph when that one names the speaker."""
    si = ix.sentence_of(cue_tok)
    candidates = [si]
    if si > 0 and ix.paragraph_of_sentence(si - 1) == ix.paragraph_of_sentence(si):
        rng = ix.sentence_tokens(si - 1)
        if speaker and any(ix.mention_at.get(i) and ix.mention_at[i].entity == speaker for i in rng):
            candidates.append(si - 1)
    triggers = lex.addressee_nouns | lex.addressee_verbs
    for s in candidates:
        rng = ix.sentence_tokens(s)
        for i in rng:
            if not (lemma_set(ix.tokens[i]) & triggers):
                continue
            for j in range(i + 1, min(i + 3, rng.stop)):
                if ix.tokens[j].text.lower() == "do":
                    m = ix.mention_starting_in(j + 1, min(j + 4, rng.stop))
                    if m is not None and m.entity != speaker:
                        return m.entity
    return None
