"""Reported speech in a document: direct quotes („…”, "…", «…», and dash-introduced speech), partial quotes
inside reported speech, and indirect speech after a cue ("zaznaczył, że …", "według X …").

`find_reports` returns every piece of reported content as a `Report` (speaker, cue, content span); the
quotes are the reports whose speaker is known and which are not a medium's news report (those are sources,
see sources.py). Decisions are rule-named in `Report.rule` so a maintainer can see why a quote exists.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from kronika.actors.places import is_capital
from kronika.attribution.index import DocIndex, Mention, lemma_set, readings
from kronika.attribution.lexicon import Cue, Lexicon
from kronika.attribution import speakers as sp
from kronika.events.recipients import load_anaphora

OPENERS = {"„": "”\"“", "«": "»", "“": "”", "\"": "\"", "»": "«"}
DASHES = ("-", "–", "—")
CUE_POS = frozenset({"praet", "fin", "inf", "imps", "pcon", "bedzie", "ger", "ppas", "pact"})
SENTENCE_END = (".", "!", "?")


@dataclass
class Report:
    """Reported content: `start`/`end` are the offsets of the content (without quote marks or dashes)."""

    kind: str  # direct | partial | indirect | source
    start: int
    end: int
    cue: str
    cue_tok: int
    speaker: str | None = None
    speaker_rule: str = ""
    addressee: str | None = None
    reporting: bool = False  # made by a reporting cue ("poinformować", "podać")
    chain: list[str] = field(default_factory=list)  # the speaker with its relays, innermost first
    attribution: list[str] = field(default_factory=list)  # the sources the text knows the report through
    rule: str = ""
    previous: "Report | None" = None  # the report whose speaker a dropped subject continues


# ------------------------------------------------------------------------------------------ quote marks

def quote_spans(text: str) -> list[tuple[int, int]]:
    """(open, close) offsets of the quote marks of every quoted passage; passages do not cross a blank line.
    Straight quotes pair in order within a paragraph."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in OPENERS:
            closers = OPENERS[ch]
            j = i + 1
            while j < n and text[j] not in closers and text[j] != "\n":
                j += 1
            if j < n and text[j] in closers and j > i + 1:
                spans.append((i, j))
                i = j + 1
                continue
        i += 1
    return spans


def looks_like_name(content: str) -> bool:
    """A quoted title or name ("Freezing Winds '25", "Porozumienia Waszyngtońskie"): every word capitalised
    or a number, at most six words."""
    words = [w for w in content.replace("-", " ").split() if any(c.isalpha() for c in w)]
    if not words or len(words) > 6:
        return False
    caps = [w.lstrip("'’\"(")[:1].isupper() for w in words]
    # short function words may stand between capitalised ones ("Fakty po Faktach", "Prawo i Sprawiedliwość")
    return caps[0] and caps[-1] and all(c or len(w) <= 3 for c, w in zip(caps, words))


# ------------------------------------------------------------------------------------------ cues

def cue_at(ix: DocIndex, lex: Lexicon, i: int) -> tuple[Cue, int] | None:
    """The speech cue starting at token i (a verb reading of its first lemma), with its last token."""
    if i < 0 or i >= len(ix.tokens):
        return None
    tok = ix.tokens[i]
    if not any(a.pos in CUE_POS for a in readings(tok)):
        return None
    if _agentless_passive(ix, i):
        return None
    lemmas = lemma_set(tok)
    for cue in lex.cues:
        if cue.lemmas[0] not in lemmas:
            continue
        j = i
        ok = True
        for lemma in cue.lemmas[1:]:
            j += 1
            if j >= len(ix.tokens) or lemma not in lemma_set(ix.tokens[j]):
                ok = False
                break
        if ok:
            return cue, j
    return None


def _agentless_passive(ix: DocIndex, i: int) -> bool:
    """A passive participle after "zostać"/"być" with no "przez" agent after it ("Rosja została poinformowana
    o wizycie"): its subject was told, it did not speak, and nobody is named who did."""
    tok = ix.tokens[i]
    if tok.chosen is None or tok.chosen.pos != "ppas":
        return False
    if not any(lemma_set(ix.tokens[k]) & {"zostać", "zostawać", "być"} for k in range(max(0, i - 2), i)):
        return False
    return not any(ix.tokens[k].text.lower() == "przez" for k in range(i + 1, min(len(ix.tokens), i + 5)))


def _is_dash(ix: DocIndex, i: int) -> bool:
    tok = ix.tokens[i]
    if tok.text not in DASHES:
        return False
    before_space = tok.start == 0 or ix.text[tok.start - 1].isspace()
    after_space = tok.end >= len(ix.text) or ix.text[tok.end].isspace()
    return before_space and after_space


def _verbal(tok) -> bool:
    """A finite, past, impersonal or infinitive reading is the token's chosen one."""
    a = tok.chosen if tok.chosen is not None else (tok.analyses[0] if tok.analyses else None)
    return a is not None and a.pos in ("praet", "fin", "imps", "inf", "bedzie", "pred", "winien")


def _first_or_second_person(tok) -> bool:
    """A verb in the first or second person ("Wzywamy", "apeluję") speaks; it cannot introduce another's words."""
    a = tok.chosen if tok.chosen is not None else (tok.analyses[0] if tok.analyses else None)
    return a is not None and a.pos in ("fin", "praet", "impt") and any(p in a.tag.split(":") for p in ("pri", "sec"))


def _starts_upper(ix: DocIndex, i: int) -> bool:
    return i < len(ix.tokens) and ix.tokens[i].text[:1].isupper()


def _at_quote_start(text: str, open_: int, para_start: int) -> bool:
    """True when a quote mark opens a stretch of speech: paragraph start, or after . ! ? : or a dash."""
    k = open_ - 1
    while k >= para_start and text[k] in " \t":
        k -= 1
    return k < para_start or text[k] in ".!?:-–—\n"


def _speech_like(content: str) -> bool:
    """A quoted passage that reads as speech, not a title: it begins with a capital and has at least four
    words ('"Z pewnością nie będziemy się ociągać …" - przekonuje', after a headline with no full stop)."""
    words = content.split()
    return len(words) >= 4 and content[:1].isupper() and not looks_like_name(content)


# ------------------------------------------------------------------------------------------ finding reports

class _Finder:
    def __init__(self, doc, ix: DocIndex, lex: Lexicon):
        self.doc, self.ix, self.lex, self.text = doc, ix, lex, ix.text
        self.spans = quote_spans(self.text)
        self.reports: list[Report] = []
        self.speakers: list[tuple[int, str]] = []  # (cue token, entity) of reports so far, in text order
        self.speaker_reports: dict[tuple[int, str], Report] = {}

    # -------------------------------------------------------------- speakers
    def _speaker(self, cue_tok: int, cue_end: int, *, after_first: bool, exclude: tuple[int, int] | None,
                 floor: int, limit: int) -> tuple[str | None, str]:
        ix, lex = self.ix, self.lex
        agr = sp.cue_agreement(ix, cue_tok)
        if agr is None:  # impersonal: "napisano w oświadczeniu brytyjskiego rządu"
            for i in range(cue_end + 1, min(limit, cue_end + 8)):
                m = ix.mention_at.get(i)
                if m is not None and ix.entity_type(m.entity) in ("organization", "country", "group"):
                    return m.entity, "impersonal-source"
            # an institution speaks through an impersonal form: the latest institution that spoke or was named
            before = cue_tok
            if exclude and exclude[0] < ix.tokens[cue_tok].start:
                before = min(cue_tok, ix.token_at(exclude[0]))
            prev = sp.antecedent(ix, before, None, self.speakers, skip=self._contents(exclude),
                                 institution_only=True)
            return (prev.entity, "impersonal-" + prev.rule) if prev else (None, "")
        if cue_tok > 0:
            pron = sp.pronoun_agreement(ix, lex, cue_tok - 1)
            if pron is not None:
                prev = self._previous(cue_tok, pron)
                return (prev.entity, "pronoun") if prev else (None, "")
        order = ("after", "before") if after_first else ("before", "after")
        for side in order:
            if side == "after":
                m = sp.subject_after(ix, cue_end, agr, limit, exclude, skip=self.spans)
            else:
                m = sp.subject_before(ix, cue_tok, agr, floor, exclude)
            if m is not None:
                return m.entity, f"subject-{side}"
        if sp.person_noun_subject(ix, lex, cue_tok, self._sentence_floor(cue_tok)):
            # "Polityk zapewniła, że …": a person, possibly named several sentences back
            prev = sp.antecedent(ix, cue_tok, agr, self.speakers, sentences_back=12,
                                 skip=self._contents(exclude), person_only=True)
            return (prev.entity, "person-noun") if prev else (None, "")
        prev = self._previous(cue_tok, agr, exclude)
        return (prev.entity, prev.rule) if prev else (None, "")

    def _contents(self, exclude: tuple[int, int] | None = None) -> list[tuple[int, int]]:
        """The content spans of the reports found so far (and `exclude`): people named inside what someone
        said are not the speaker of a later dropped subject."""
        out = [(r.start, r.end) for r in self.reports if r.rule != "cue-topic"]
        if exclude:
            out.append(exclude)
        return out

    def _previous(self, cue_tok: int, agr, exclude: tuple[int, int] | None = None) -> sp.Speaker | None:
        """The antecedent of a dropped subject; for a quote closed by the cue, counted from where the quote
        opens (a long quote does not push its speaker out of reach)."""
        before = cue_tok
        if exclude and exclude[0] < self.ix.tokens[cue_tok].start:
            before = min(cue_tok, self.ix.token_at(exclude[0]))
        return sp.antecedent(self.ix, before, agr, self.speakers, skip=self._contents(exclude))

    def _prepositional_speaker(self, i: int) -> tuple[str | None, str, int]:
        """Speaker of "według X" / "zdaniem X" / "jego zdaniem" at token i; also the last token used."""
        ix = self.ix
        word = ix.tokens[i].text.lower()
        if word == "zdaniem" and i > 0:
            pron = sp.pronoun_agreement(ix, self.lex, i - 1)
            if pron is not None:
                prev = self._previous(i, pron)
                return (prev.entity if prev else None), "pronoun", i
            m = ix.mention_at.get(i - 1)
            if m is not None:
                return m.entity, "zdaniem-genitive", i
        m = self._object_of_preposition(i)
        if m is not None:
            return m.entity, f"{word}-object", m.tok_end - 1
        return None, "", i

    def _object_of_preposition(self, i: int, reach: int = 10) -> "Mention | None":
        """The speaker named in the object of "według"/"zdaniem" at token i: the phrase runs up to `reach`
        tokens, to a comma, a quote mark, a verb or the end of the sentence ("Według zajmującego się
        bezpieczeństwem reportera Szwedzkiego Radia Claesa Aronssona …"). When the object begins with a
        name, that name; else a person named in it is the speaker (the head noun is their role:
        "rzecznika Kremla Dmitrija Pieskowa"); else its first
        mention not governed by a preposition of its own ("ministerstwa zdrowia w Gazie" names no one)."""
        ix = self.ix
        first = ix.mention_starting_in(i + 1, min(i + 4, len(ix.tokens)))
        if first is not None and all(t.tag.startswith("adj") for t in ix.tokens[i + 1:first.tok_start]):
            return first  # the object is itself a name ("Według KCNA Kim miał …")
        end_tok = min(self._sentence_end_tok(i), i + 1 + reach)
        found: list = []
        k = i + 1
        while k < end_tok:
            tok = ix.tokens[k]
            if tok.text in sp.CLAUSE_STOPS or tok.text in SENTENCE_END or tok.text.lower() in self.lex.complementizers:
                break
            m = ix.mention_at.get(k)
            if m is not None:
                if m is not first and not ix.may_be_genitive(m):
                    break  # the subject of the clause the phrase governs ("Według KCNA Kim miał …")
                if not ix.preceded_by_preposition(m) or m is first:
                    found.append(m)
                k = m.tok_end
                continue
            if k > i + 1 and _verbal(tok):
                break
            k += 1
        person = next((m for m in found if ix.entity_type(m.entity) == "person"), None)
        if person is not None:
            return person
        if first is not None:
            return first
        return found[0] if found else None

    def _add(self, report: Report) -> Report:
        while report.end > report.start and self.text[report.end - 1] in " \t\n,":
            report.end -= 1
        while report.start < report.end and self.text[report.start] in " \t\n":
            report.start += 1
        if report.speaker and self.ix.entity_type(report.speaker) == "location":
            report.speaker = self._government_of_place(report.speaker)
        if report.speaker:
            if report.speaker_rule in ("previous-speaker", "pronoun"):
                for tok, eid in reversed(self.speakers):
                    if eid == report.speaker and tok < report.cue_tok:
                        report.previous = self.speaker_reports.get((tok, eid))
                        break
            self.speakers.append((report.cue_tok, report.speaker))
            self.speakers.sort()
            self.speaker_reports[(report.cue_tok, report.speaker)] = report
            report.addressee = sp.addressee(self.ix, self.lex, report.cue_tok, report.speaker)
        self.reports.append(report)
        return report

    def _government_of_place(self, eid: str) -> str | None:
        """A place does not speak: a capital speaks for its state ("Według Kijowa" → Ukraine, when the document
        names the state), a political place (events' `political_places`: Europe) for itself, any other place
        ("Według Michigan Tech …", a river) for nobody."""
        ent = self.ix.entities.get(eid) or {}
        if ent.get("name") in load_anaphora(self.doc.lang or "pl").political_places:
            return eid  # a continent standing for its states: "Europa ostrzega"
        if not ent.get("country") or not is_capital(ent.get("name") or ""):
            return None
        return next((e["id"] for e in self.ix.entities.values()
                     if e.get("type") == "country" and e.get("country") == ent["country"]), None)

    def _sentence_floor(self, tok: int) -> int:
        si = self.ix.sentence_of(tok)
        return self.ix.sentences[si].token_start if self.ix.sentences else 0

    def _sentence_end_tok(self, tok: int) -> int:
        si = self.ix.sentence_of(tok)
        return self.ix.sentences[si].token_end if self.ix.sentences else len(self.ix.tokens)

    def _claimed(self, offset: int) -> Report | None:
        for r in self.reports:
            if r.kind == "direct" and r.start <= offset < r.end:
                return r
        return None

    # -------------------------------------------------------------- passes
    def run(self) -> list[Report]:
        # Work in text order so that dropped subjects find the speakers before them.
        events: list[tuple[int, int, str]] = []
        for i, tok in enumerate(self.ix.tokens):
            if _is_dash(self.ix, i):
                events.append((tok.start, i, "dash"))
            elif tok.text.lower() in self.lex.complementizers or tok.text.lower() in self.lex.topic_prepositions:
                events.append((tok.start, i, "that"))
            elif tok.text.lower() in ("według", "zdaniem"):
                events.append((tok.start, i, "prep"))
            elif tok.text.lower() in self.lex.as_said:
                events.append((tok.start, i, "as"))
        for k, (open_, close) in enumerate(self.spans):
            events.append((open_, k, "quote"))
        events.sort()
        for _offset, i, what in events:
            if what == "dash":
                self._dash(i)
            elif what == "that":
                self._that(i)
            elif what == "prep":
                self._prep(i)
            elif what == "as":
                self._as_said(i)
        # quote marks last: a partial quote needs the cue before it, found above
        for open_, close in self.spans:
            self._quoted(open_, close)
        self.reports.sort(key=lambda r: (r.start, r.end))
        return self.reports

    def _dash(self, i: int) -> None:
        """"… - powiedział Putin": the dash closes reported content when a cue follows it."""
        ix, text = self.ix, self.text
        found = cue_at(ix, self.lex, i + 1) or cue_at(ix, self.lex, i + 2)
        if not found:
            return
        cue, cue_end = found
        cue_tok = cue_end - len(cue.lemmas) + 1
        if any(r.cue_tok == cue_tok for r in self.reports):
            return
        end = ix.tokens[i].start
        k = end - 1
        while k > 0 and text[k] in " ,":
            k -= 1
        para = ix.paragraph_span(ix.paragraph_of_sentence(ix.sentence_of(i)))
        kind, start, rule = "", 0, ""
        span = next((s for s in self.spans if s[1] == k), None)
        if span and (_at_quote_start(text, span[0], para[0]) or _speech_like(text[span[0] + 1:span[1]])):
            kind, start, end, rule = "direct", span[0] + 1, span[1], "quote-then-dash-cue"
        else:
            opening = self._opening_dash(i, para[0])
            if opening is not None:
                kind, start, rule = "direct", ix.tokens[opening + 1].start, "dash-speech"
            else:
                floor = self._sentence_floor(i)
                prev_end = max((r.end for r in self.reports if r.end < end and "dash" in r.rule), default=0)
                first = floor
                while first < i and ix.tokens[first].end <= prev_end:
                    first += 1
                kind, start, rule = "indirect", ix.tokens[first].start, "clause-then-dash-cue"
        speaker, srule = self._speaker(cue_tok, cue_end, after_first=True, exclude=(start, end),
                                       floor=ix.token_at(end), limit=self._sentence_end_tok(cue_end))
        self._add(Report(kind, start, end, cue.cue, cue_tok, speaker, srule, reporting=cue.reporting, rule=rule))

    def _opening_dash(self, closing: int, para_start: int) -> int | None:
        """The dash that opens dash speech closed at token `closing`: the nearest earlier spaced dash followed
        by a capital, in the paragraph, within four sentences, after any earlier report."""
        ix = self.ix
        si = ix.sentence_of(closing)
        floor_tok = ix.sentences[max(0, si - 4)].token_start if ix.sentences else 0
        # reported speech found inside the dash speech ("… poinformował mnie o … - mówił") does not bound it
        prev_end = max((r.end for r in self.reports if r.kind == "direct"), default=-1)
        j = closing - 1
        while j >= floor_tok:
            tok = ix.tokens[j]
            if tok.start < para_start or tok.end <= prev_end:
                return None
            if _is_dash(ix, j) and _starts_upper(ix, j + 1):
                if cue_at(ix, self.lex, j + 1) is None or _first_or_second_person(ix.tokens[j + 1]):
                    return j  # "- Wzywamy Ukraińców …" opens speech; "- dodał" closes it
                return None
            j -= 1
        return None

    def _that(self, i: int) -> None:
        """"zaznaczył, że …": a cue right before the complementiser opens indirect speech."""
        ix = self.ix
        j = i - 1
        if j >= 0 and ix.tokens[j].text == ",":
            j -= 1
        found = None
        if ix.tokens[i].text.lower() in self.lex.topic_prepositions:
            j = i - 1  # "powiadomił o podpisaniu …": the topic right after the cue, no comma
            if j >= 0 and ix.tokens[j].text == ",":
                return
        for k in (j, j - 1, j - 2):  # "zaznaczył, że", "zaznaczył też, że", "zwrócił uwagę, że"
            hit = cue_at(ix, self.lex, k) if k >= 0 else None
            if hit and hit[1] >= j - 1:
                found = (hit[0], k, hit[1])
                break
        if not found and ix.tokens[i].text.lower() in self.lex.complementizers:
            found = self._cue_before_adjunct(j)
        if not found:
            return
        cue, cue_tok, cue_end = found
        if any(r.cue_tok == cue_tok for r in self.reports):
            return
        start_tok = i + 1
        if start_tok >= len(ix.tokens):
            return
        end_tok = self._sentence_end_tok(i)
        for k in range(start_tok, end_tok):
            if _is_dash(ix, k) and cue_at(ix, self.lex, k + 1):
                end_tok = k
                break
        last = end_tok - 1
        while last > start_tok and ix.tokens[last].text in SENTENCE_END:
            last -= 1
        start, end = ix.tokens[start_tok].start, ix.tokens[last].end
        speaker, srule = self._speaker(cue_tok, cue_end, after_first=False, exclude=None,
                                       floor=self._sentence_floor(cue_tok), limit=i)
        topic = ix.tokens[i].text.lower() in self.lex.topic_prepositions
        self._add(Report("indirect", start, end, cue.cue, cue_tok, speaker, srule, reporting=cue.reporting,
                         rule="cue-topic" if topic else "cue-that"))

    def _cue_before_adjunct(self, j: int, reach: int = 7) -> tuple[Cue, int, int] | None:
        """A cue separated from "że" by an adjunct without a verb ("przekazała podczas konferencji, że",
        "podkreśliła w raporcie, że", "powiedział dziennikarzom w Brukseli, że"): the nearest cue within
        `reach` tokens before token j of the same clause, with no other verb between."""
        ix = self.ix
        floor = self._sentence_floor(j)
        for k in range(j - 3, max(floor, j - reach) - 1, -1):
            between = ix.tokens[k + 1:j + 1]
            if any(t.text in sp.CLAUSE_STOPS or t.text in SENTENCE_END for t in between):
                return None
            hit = cue_at(ix, self.lex, k)
            if hit:
                rest = ix.tokens[hit[1] + 1:j + 1]
                if any(_verbal(t) for t in rest):
                    return None
                return hit[0], k, hit[1]
        return None

    def _as_said(self, i: int) -> None:
        """"Jak zaznaczył, to tam …" / "Jak podkreślił Tusk, …": "jak" + a cue + comma opens indirect speech
        over the rest of the sentence (a medium's "jak podaje CNN" is a source, see sources.py)."""
        ix = self.ix
        hit = cue_at(ix, self.lex, i + 1)
        if not hit:
            return
        cue, cue_end = hit
        cue_tok = i + 1
        if any(r.cue_tok == cue_tok for r in self.reports):
            return
        end_tok = self._sentence_end_tok(i)
        comma = next((k for k in range(cue_end + 1, min(cue_end + 6, end_tok)) if ix.tokens[k].text == ","), None)
        if comma is None or comma + 1 >= end_tok:
            return
        for k in range(comma + 1, end_tok):
            if _is_dash(ix, k) and cue_at(ix, self.lex, k + 1):
                end_tok = k
                break
        last = end_tok - 1
        while last > comma + 1 and ix.tokens[last].text in SENTENCE_END:
            last -= 1
        start, end = ix.tokens[comma + 1].start, ix.tokens[last].end
        speaker, srule = self._speaker(cue_tok, cue_end, after_first=True, exclude=(start, end),
                                       floor=cue_tok, limit=comma)
        self._add(Report("indirect", start, end, cue.cue, cue_tok, speaker, srule, reporting=cue.reporting,
                         rule="jak-cue"))

    def _prep(self, i: int) -> None:
        """"Według X, …" / "Zdaniem X …" at the start of a sentence: X's view over the rest of it;
        inside a sentence (", według KCNA") only a source of the sentence (sources.py)."""
        ix = self.ix
        word = ix.tokens[i].text.lower()
        floor = self._sentence_floor(i)
        lead = i - floor
        if word == "zdaniem":
            at_start = lead <= 1
        else:
            at_start = lead == 0
        if not at_start:
            return
        speaker, srule, last = self._prepositional_speaker(i)
        if speaker is None:
            return
        if ix.entity_sector(speaker) == "MED" and ix.entity_type(speaker) != "person":
            return  # "Według KCNA …" names a source of the text (sources.py), not a speaker
        start_tok = last + 1
        if start_tok < len(ix.tokens) and ix.tokens[start_tok].text == ",":
            start_tok += 1
        end_tok = self._sentence_end_tok(i)
        lastt = end_tok - 1
        while lastt > start_tok and ix.tokens[lastt].text in SENTENCE_END:
            lastt -= 1
        if start_tok > lastt:
            return
        self._add(Report("indirect", ix.tokens[start_tok].start, ix.tokens[lastt].end, word, i, speaker, srule,
                         reporting=False, rule=f"{word}-opener"))

    def _quoted(self, open_: int, close: int) -> None:
        """A passage in quote marks not already part of a direct quote: partial quote of the report whose
        content holds it, or of the nearest cue before it in its sentence; direct when a cue follows it."""
        ix, text = self.ix, self.text
        start, end = open_ + 1, close
        content = text[start:end]
        if looks_like_name(content):
            return
        if any(r.kind == "direct" and r.start <= start and end <= r.end + 1 for r in self.reports):
            return
        if any(r.kind == "direct" and r.start == start for r in self.reports):
            return
        # "…", powiedział Putin
        after = ix.token_at(close + 1)
        if after < len(ix.tokens) and ix.tokens[after].text == ",":
            hit = cue_at(ix, self.lex, after + 1)
            if hit:
                cue, cue_end = hit
                speaker, srule = self._speaker(after + 1, cue_end, after_first=True, exclude=(start, end),
                                               floor=after, limit=self._sentence_end_tok(cue_end))
                self._add(Report("direct", start, end, cue.cue, after + 1, speaker, srule, rule="quote-comma-cue"))
                return
        # inside reported content: the partial quote of that report
        holders = [r for r in self.reports if r.kind in ("indirect",) and r.start <= start and end <= r.end + 1]
        if holders:
            holder = min(holders, key=lambda r: r.end - r.start)
            self.reports.append(Report("partial", start, end, holder.cue, holder.cue_tok, holder.speaker,
                                       holder.speaker_rule, holder.addressee, holder.reporting,
                                       rule="quote-in-report", previous=holder.previous))
            holder.rule += "+has-partial"
            return
        # the nearest cue before it in its sentence ("nazwał atak „…”", "jego zdaniem „…”")
        open_tok = ix.token_at(open_)
        floor = self._sentence_floor(open_tok)
        for k in range(open_tok - 1, floor - 1, -1):
            word = ix.tokens[k].text.lower()
            if word in ("zdaniem", "według"):
                speaker, srule, _ = self._prepositional_speaker(k)
                if speaker:
                    self._add(Report("partial", start, end, word, k, speaker, srule, rule="quote-after-preposition"))
                return
            hit = cue_at(ix, self.lex, k)
            if hit:
                cue, cue_end = hit
                speaker, srule = self._speaker(k, cue_end, after_first=False, exclude=(start, end),
                                               floor=floor, limit=open_tok)
                self._add(Report("partial", start, end, cue.cue, k, speaker, srule, reporting=cue.reporting,
                                 rule="quote-after-cue"))
                return


def find_reports(doc, ix: DocIndex | None = None, lex: Lexicon | None = None) -> list[Report]:
    """Every piece of reported content in the document, in text order (see Report)."""
    from kronika.attribution.lexicon import load_lexicon

    ix = ix or DocIndex(doc)
    lex = lex or load_lexicon()
    if not ix.tokens:
        return []
    return _Finder(doc, ix, lex).run()


def is_quote(report: Report, ix: DocIndex) -> bool:
    """A report is recorded as a QUOTE when its speaker is known and it is not a medium's news report in
    its own words (a medium reporting without quote marks is a source of the text, not a quotation)."""
    if not report.speaker:
        return False
    if report.kind in ("indirect", "partial") and ix.entity_sector(report.speaker) == "MED" and report.reporting:
        return False
    return report.end > report.start


def to_quote(report: Report, ix: DocIndex, qid: str) -> dict:
    """The SPEC.md QUOTE dict of a report."""
    return {
        "id": qid,
        "speaker": report.speaker,
        "addressee": report.addressee,
        "kind": report.kind,
        "text": ix.text[report.start:report.end],
        "start": report.start,
        "end": report.end,
        "cue": report.cue,
        "attribution": list(report.attribution),
    }
