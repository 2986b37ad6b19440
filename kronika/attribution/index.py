"""What the attribution layer reads off a Document: tokens by offset, sentences, paragraphs, entity
mentions by token, and the agreement features (number, gender) of verbs and of entity mentions."""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache

from kronika.attribution.gender import name_gender

VERB_POS = frozenset({"praet", "fin", "bedzie", "imps", "inf", "impt", "pcon", "winien", "pred"})
NOMINAL_POS = frozenset({"subst", "depr"})
GENDERS = ("m1", "m2", "m3", "f", "n")
# endings of masculine names in the instrumental, dative and genitive/accusative ("Sorokinem", "Scholzowi")
OBLIQUE_NAME_ENDINGS = ("em", "owi", "ego", "emu")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    tok_start: int
    tok_end: int
    entity: str
    text: str


@dataclass(frozen=True)
class Agreement:
    """Number ('sg'/'pl'/None) and gender of a verb or a noun phrase. Verb genders: 'm' (sg masculine),
    'f', 'n', 'm1' (pl virile), 'nm1' (pl non-virile); noun genders: m1, m2, m3, f, n; None = unknown."""

    number: str | None = None
    gender: str | None = None


def readings(tok) -> list:
    out = [tok.chosen] if tok.chosen is not None else []
    return out + [a for a in tok.analyses if a is not tok.chosen]


def lemma_set(tok) -> frozenset[str]:
    """Every lemma the token may have, lower-cased, plus its lower-cased form (remembered on the token)."""
    cached = tok.__dict__.get("_lower_lemmas")
    if cached is None:
        cached = tok.__dict__["_lower_lemmas"] = frozenset({tok.text.lower()} | {a.lemma.lower() for a in readings(tok)})
    return cached


def is_word(tok, *words: str) -> bool:
    return tok.text.lower() in words


class DocIndex:
    """Offsets → tokens → sentences → paragraphs, and entity mentions per token, for one Document."""

    def __init__(self, doc):
        # no reference back to the document: the index is kept in doc.spans, and a cycle would leave every
        # document to the garbage collector
        self.paragraphs = getattr(doc, "paragraphs", None) or []
        self.text: str = doc.text
        self.tokens = doc.tokens
        self.sentences = doc.sentences
        self.starts = [t.start for t in self.tokens]
        self.tok_sent = [0] * len(self.tokens)
        for si, s in enumerate(self.sentences):
            for i in range(s.token_start, min(s.token_end, len(self.tokens))):
                self.tok_sent[i] = si
        self.entities = {e["id"]: e for e in doc.entities or []}
        self.mentions: list[Mention] = []
        self.mention_at: dict[int, Mention] = {}
        for e in doc.entities or []:
            for m in e.get("mentions") or []:
                if m.get("start") is None:
                    continue
                ts, te = self.token_range(m["start"], m["end"])
                if ts >= te:
                    continue
                mention = Mention(m["start"], m["end"], ts, te, e["id"], m.get("text", ""))
                self.mentions.append(mention)
                for i in range(ts, te):
                    self.mention_at.setdefault(i, mention)
        self.mentions.sort(key=lambda m: m.start)

    # ---------------------------------------------------------------- positions
    def token_at(self, offset: int) -> int:
        """Index of the token containing or following `offset` (len(tokens) past the end)."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and self.tokens[i].end > offset:
            return i
        return i + 1

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """The tokens overlapping [start, end)."""
        ts = self.token_at(start)
        te = bisect.bisect_left(self.starts, end)
        return ts, max(ts, te)

    def sentence_of(self, tok: int) -> int:
        if not self.tokens:
            return 0
        return self.tok_sent[min(max(tok, 0), len(self.tokens) - 1)]

    def sentence_at(self, offset: int) -> int:
        return self.sentence_of(self.token_at(offset))

    def paragraph_of_sentence(self, si: int) -> int:
        return self.sentences[si].paragraph if self.sentences else 0

    def paragraph_span(self, pi: int) -> tuple[int, int]:
        paras = self.paragraphs
        if 0 <= pi < len(paras):
            return paras[pi].start, paras[pi].end
        return 0, len(self.text)

    def sentence_tokens(self, si: int) -> range:
        s = self.sentences[si]
        return range(s.token_start, s.token_end)

    # ---------------------------------------------------------------- entities
    def surname_mention(self, i: int) -> Mention | None:
        """A bare surname the linker left unlinked ("Pick przyznała" after "Angela Pick"): a capitalised
        token outside any mention whose form or lemma is the last word of a person's name (of two or more
        words) in the document, as a one-token mention of that person (of the one named last before it
        when several persons share the surname)."""
        if i < 0 or i >= len(self.tokens) or i in self.mention_at:
            return None
        tok = self.tokens[i]
        if not tok.text[:1].isupper() or len(tok.text) < 3:
            return None
        forms = lemma_set(tok) | {tok.text}
        found = {eid for eid, last in self._surnames() if last in forms or last.lower() in forms}
        if len(found) > 1:
            # the linker may keep two entities for one person ("Angelą Pick", "Angela Pick"): the one
            # named last before the surname
            before = [m for m in self.mentions if m.entity in found and m.tok_end <= i]
            found = {before[-1].entity} if before else set()
        if len(found) != 1:
            return None
        return Mention(tok.start, tok.end, i, i + 1, found.pop(), tok.text)

    def _surnames(self) -> list[tuple[str, str]]:
        if not hasattr(self, "_surname_cache"):
            out = []
            for eid, e in self.entities.items():
                if e.get("type") != "person":
                    continue
                for name in [e.get("name", "")] + [m.text for m in self.mentions if m.entity == eid]:
                    words = name.split()
                    if len(words) >= 2:
                        out.append((eid, words[-1]))
            self._surname_cache = out
        return self._surname_cache

    def entity_type(self, eid: str | None) -> str | None:
        return (self.entities.get(eid) or {}).get("type") if eid else None

    def entity_sector(self, eid: str | None) -> str | None:
        return (self.entities.get(eid) or {}).get("sector") if eid else None

    def mention_starting_in(self, lo: int, hi: int) -> Mention | None:
        """The first mention beginning at a token in [lo, hi)."""
        for i in range(max(lo, 0), min(hi, len(self.tokens))):
            m = self.mention_at.get(i)
            if m is not None and m.tok_start == i:
                return m
        return None

    def preceded_by_preposition(self, m: Mention) -> bool:
        """True when the token before the mention (skipping adjectives of the phrase) is a preposition."""
        i = m.tok_start - 1
        while i >= 0 and self.tokens[i].tag.startswith("adj") and m.tok_start - i < 3:
            i -= 1
        return i >= 0 and self.tokens[i].tag.startswith("prep")

    def can_be_subject(self, m: Mention) -> bool:
        """A mention can be a subject unless a preposition governs it or its first word is a noun in an
        oblique case only (names the morphology does not know pass)."""
        if self.preceded_by_preposition(m):
            return False
        tok = self.tokens[m.tok_start]
        # the head noun decides, not an adjective before it ("Wielkiej Brytanii" is genitive)
        for k in range(m.tok_start, m.tok_end):
            t = self.tokens[k]
            if any(a.pos in NOMINAL_POS or a.pos == "ign" for a in (t.analyses or readings(t))):
                tok = t
                break
        pool = tok.analyses or readings(tok)
        if any(a.pos == "ign" for a in pool):
            # a foreign name the morphology does not know: its Polish oblique endings still show
            # ("z wiceministrem Pavlem Sorokinem", "Olafowi Scholzowi")
            if self.entity_type(m.entity) == "person":
                words = [t.text.lower() for t in self.tokens[m.tok_start:m.tok_end]]
                if words and all(w.endswith(OBLIQUE_NAME_ENDINGS) for w in words):
                    return False
            return True
        nominal = [a for a in pool if a.pos in NOMINAL_POS]
        if self.entity_type(m.entity) == "person":
            # a person's name: only readings as a name count ("Kim" is no form of "kto" here)
            nominal = [a for a in nominal if set(a.names) - {"nazwa_pospolita"}]
        if not nominal:
            return True
        return any("nom" in a.features for a in nominal)

    def may_be_genitive(self, m: Mention) -> bool:
        """A mention may stand in the genitive: its first noun has a genitive reading, or – a name the
        morphology does not know – its text is not the entity's base name ("Claesa Aronssona")."""
        for tok in self.tokens[m.tok_start:m.tok_end]:
            pool = tok.analyses or readings(tok)
            if any(a.pos == "ign" for a in pool):
                name = (self.entities.get(m.entity) or {}).get("name", "")
                return tok.text not in name.split()
            nominal = [a for a in pool if a.pos in NOMINAL_POS]
            if nominal:
                return any("gen" in a.features for a in nominal)
        return True

    def mention_agreement(self, m: Mention) -> Agreement:
        """Number and gender of a mention: a person's from the knowledge base, else its head noun's
        nominative reading (the first nominative noun of the mention). A person the knowledge base does
        not know takes the gender of their name (gender.py: surname ending, first name)."""
        ent = self.entities.get(m.entity) or {}
        if ent.get("type") == "person":
            g = person_gender(ent.get("name", ""))
            if g is None:
                g = name_gender(ent.get("name", "")) or name_gender(m.text)
            if g is None:
                g = _gender_from_tokens(self.tokens[m.tok_start:m.tok_end])
            return Agreement("sg", g)
        toks = self.tokens[m.tok_start:m.tok_end]
        for pool in ([t.chosen] if t.chosen is not None else [] for t in toks), (readings(t) for t in toks):
            for rs in pool:
                for a in rs:
                    if a.pos in NOMINAL_POS and "nom" in a.features:
                        f = a.features
                        return Agreement(f[0] if f and f[0] in ("sg", "pl") else None, _first_gender(f))
        return Agreement()


def _first_gender(features: tuple[str, ...]) -> str | None:
    for f in features:
        for g in f.split("."):
            if g in GENDERS:
                return g
    return None


def _gender_from_tokens(tokens) -> str | None:
    for tok in tokens:
        for a in readings(tok):
            if a.pos == "subst" and "sg" in a.features and ("nom" in a.features):
                g = _first_gender(a.features)
                if g in ("m1", "f"):
                    return g
    return None


@lru_cache(maxsize=4096)
def person_gender(name: str) -> str | None:
    """'m1' or 'f' for a person the knowledge base knows by this name, else None."""
    try:
        from kronika.actors.kb import load_kb

        kb = load_kb()
        persons = kb.persons_by_name(name)
    except Exception:  # the KB is optional for this layer
        return None
    genders = {p.gender for p in persons}
    if genders == {"m"}:
        return "m1"
    if genders == {"f"}:
        return "f"
    return None


def verb_agreement(tok) -> Agreement | None:
    """Agreement a finite verb demands of its subject; None for an impersonal form ('napisano') or a
    token that is no finite verb. Past forms give number and gender, present forms number only."""
    for a in readings(tok):
        f = a.features
        if a.pos == "praet":
            number = f[0] if f else None
            gender = _first_gender(f)
            if number == "sg":
                return Agreement("sg", "m" if gender in ("m1", "m2", "m3") else gender)
            if number == "pl":
                return Agreement("pl", "m1" if gender == "m1" and not _other_pl_genders(tok) else "nm1")
            return Agreement()
        if a.pos in ("fin", "bedzie"):
            return Agreement(f[0] if f else None, None)
        if a.pos == "imps":
            return None
    return Agreement()


def _other_pl_genders(tok) -> bool:
    return any(a.pos == "praet" and _first_gender(a.features) not in (None, "m1") for a in readings(tok))


def agrees(verb: Agreement | None, noun: Agreement) -> bool:
    """True unless number or gender are known on both sides and differ."""
    if verb is None:
        return True
    if verb.number and noun.number and verb.number != noun.number:
        return False
    if not verb.gender or not noun.gender:
        return True
    if verb.gender == "m":
        return noun.gender in ("m1", "m2", "m3", "m")
    if verb.gender == "m1":
        return noun.gender == "m1"
    if verb.gender == "nm1":
        return noun.gender != "m1"
    return verb.gender == noun.gender
