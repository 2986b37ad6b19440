"""Source chains: through whom the text knows what it reports (SPEC.md `attribution`, innermost first).

A `Scope` is a stretch of text with the chain that governs it: the content of a report (its speaker and the
relays after it: "przekazał Reuters, powołując się na RIA Nowosti" → [RIA Novosti, Reuters]); a "Według X"
opener (its paragraph when it opens the paragraph, else its sentence); "jak podaje X" (its sentence); a
medium's report (to the end of its paragraph); the object of an accusation ("oskarżyły Koreę o …").
`chain_at` composes the scopes that hold an offset, innermost first.
"""
from __future__ import annotations

from dataclasses import dataclass

from kronika.attribution.index import DocIndex, lemma_set
from kronika.attribution.lexicon import Lexicon
from kronika.attribution.quotes import Report, cue_at
from kronika.attribution import speakers as sp


@dataclass
class Scope:
    start: int
    end: int
    chain: list[str]
    kind: str  # report | opener | as-reported | accusation
    speaker: str | None = None
    report: Report | None = None
    cue_offset: int = -1


def relays_after(ix: DocIndex, lex: Lexicon, source: str, after_tok: int, stop_tok: int) -> list[str]:
    """The chain a source heads: the source, with "powołując się na Y" (Y before it) and "które cytuje Z"
    (Z after it) found in the tokens after it, up to `stop_tok`."""
    chain = [source]
    window = int(lex.sources.get("window", 4))
    i = after_tok
    while i < min(stop_tok, len(ix.tokens)):
        tok = ix.tokens[i]
        if tok.text.lower() in lex.complementizers or tok.text in (".", "!", "?", '"', "„", "”"):
            break
        matched = False
        for relay in lex.sources.get("relays") or ():
            lemmas = relay["lemmas"]
            if relay.get("only_after_cue"):
                continue
            if i + len(lemmas) > len(ix.tokens):
                continue
            if all(lemmas[k] in lemma_set(ix.tokens[i + k]) for k in range(len(lemmas))):
                forms = relay.get("forms")
                if forms and ix.tokens[i].text.lower() not in forms:
                    continue
                m = ix.mention_starting_in(i + len(lemmas), min(i + len(lemmas) + window, stop_tok))
                if m is None or m.entity in chain:
                    continue
                if relay["side"] == "inner":
                    chain.insert(chain.index(source), m.entity)
                else:
                    chain.append(m.entity)
                i = m.tok_end
                matched = True
                break
        if not matched:
            i += 1
    return chain


def _sentence_bounds(ix: DocIndex, si: int) -> tuple[int, int]:
    s = ix.sentences[si]
    return s.start, s.end


def build_scopes(ix: DocIndex, lex: Lexicon, reports: list[Report]) -> list[Scope]:
    """Every scope of the document (see module doc)."""
    scopes: list[Scope] = []
    med = set(lex.sources.get("paragraph_scope_sectors") or ())
    for r in reports:
        if not r.speaker or r.kind == "partial":
            continue
        si = ix.sentence_of(r.cue_tok)
        speaker_tok = next((m.tok_end for m in ix.mentions if m.entity == r.speaker
                            and ix.sentence_of(m.tok_start) == si), r.cue_tok + 1)
        stop = ix.sentences[si].token_end if ix.sentences else len(ix.tokens)
        r.chain = relays_after(ix, lex, r.speaker, speaker_tok, stop)
        end = r.end
        if ix.entity_sector(r.speaker) in med and r.kind == "indirect":
            end = max(end, ix.paragraph_span(ix.paragraph_of_sentence(si))[1])
        scopes.append(Scope(r.start, end, list(r.chain), "report", r.speaker, r, ix.tokens[r.cue_tok].start))
    openers = set(lex.sources.get("openers") or ())
    as_reported = set(lex.sources.get("as_reported") or ())
    for i, tok in enumerate(ix.tokens):
        word = tok.text.lower()
        si = ix.sentence_of(i)
        if word in openers:
            m = ix.mention_starting_in(i + 1, min(i + 4, len(ix.tokens)))
            if word == "zdaniem" and m is None:
                continue
            if m is None:
                continue
            sent = ix.sentences[si]
            stop = sent.token_end
            chain = relays_after(ix, lex, m.entity, m.tok_end, stop)
            start, end = sent.start, sent.end
            first_of_paragraph = si == 0 or ix.paragraph_of_sentence(si - 1) != ix.paragraph_of_sentence(si)
            if i == sent.token_start and first_of_paragraph:
                end = ix.paragraph_span(ix.paragraph_of_sentence(si))[1]
            scopes.append(Scope(start, end, chain, "opener", m.entity, cue_offset=tok.start))
        elif word in as_reported:
            hit = cue_at(ix, lex, i + 1)
            if not hit:
                continue
            sent = ix.sentences[si]
            m = sp.subject_after(ix, hit[1], None, sent.token_end)
            if m is None:
                continue
            chain = relays_after(ix, lex, m.entity, m.tok_end, sent.token_end)
            scopes.append(Scope(sent.start, sent.end, chain, "as-reported", m.entity, cue_offset=tok.start))
    scopes.extend(accusation_scopes(ix, lex))
    return scopes


def accusation_scopes(ix: DocIndex, lex: Lexicon) -> list[Scope]:
    """"Stany Zjednoczone oskarżyły Koreę Północną o dostarczanie broni": the "o …" phrase up to the end of
    its clause is known through the accuser (when named) and is alleged."""
    out: list[Scope] = []
    lemmas = set(lex.sources.get("accusation_lemmas") or ())
    for i, tok in enumerate(ix.tokens):
        if not (lemma_set(tok) & lemmas):
            continue
        si = ix.sentence_of(i)
        stop = ix.sentences[si].token_end if ix.sentences else len(ix.tokens)
        o = next((k for k in range(i + 1, min(i + 8, stop)) if ix.tokens[k].text.lower() == "o"), None)
        if o is None:
            continue
        end_tok = stop
        for k in range(o + 1, stop):
            if ix.tokens[k].text in (";",) or ix.tokens[k].text.lower() in lex.complementizers:
                end_tok = k
                break
        agr = sp.cue_agreement(ix, i)
        m = sp.subject_before(ix, i, agr, ix.sentences[si].token_start) if ix.sentences else None
        chain = [m.entity] if m is not None else []
        out.append(Scope(ix.tokens[o].start, ix.tokens[end_tok - 1].end, chain, "accusation",
                         m.entity if m else None, cue_offset=tok.start))
    return out


def chain_at(scopes: list[Scope], offset: int, skip: Report | None = None) -> list[Scope]:
    """The scopes holding `offset`, innermost (shortest) first; `skip` leaves out one report's own scope."""
    holding = [s for s in scopes if s.start <= offset < s.end and (skip is None or s.report is not skip)]
    holding.sort(key=lambda s: (s.end - s.start, -s.start))
    return holding


def compose(scopes: list[Scope]) -> list[str]:
    """The chains of nested scopes joined innermost first, each entity once."""
    out: list[str] = []
    for s in scopes:
        for e in s.chain:
            if e not in out:
                out.append(e)
    return out


def attribute_reports(ix: DocIndex, scopes: list[Scope], reports: list[Report]) -> None:
    """Set each report's `attribution`: the scopes holding its cue (not its own), else – for a dropped
    subject continuing an earlier speaker – that speaker's attribution."""
    for r in reports:
        at = ix.tokens[r.cue_tok].start
        chain = [e for e in compose([s for s in chain_at(scopes, at, skip=r) if s.kind != "accusation"])
                 if e != r.speaker]
        if not chain and r.previous is not None:
            chain = list(r.previous.attribution)
        r.attribution = chain
