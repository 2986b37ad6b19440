"""Linking every mention of an actor in a document to one SPEC.md entity.

Sources of mentions, in order of trust:
1. the gazetteer (every inflected form of every KB name): persons, countries, capitals and seats, demonyms,
   organisations, places, and role phrases ("minister obrony Rosji", "rosyjskie siły zbrojne");
2. the recogniser's spans, `doc.spans["ner"]`, when present (unknown persons and organisations keep their
   Polish base form);
3. without a recogniser, capitalised name sequences Morfeusz marks as names or does not know.

Each mention carries the `rule` that made it (a traceable decision). Mentions with the same referent make one
entity (see coref.py for short forms and role-only mentions); an entity's country and sector are those of the
document date (`KnowledgeBase.person_roles_on`, `Organization.on`).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from kronika.actors import gazetteer as gz
from kronika.actors.bodies import link_bodies
from kronika.actors.collectives import link_leader_governments, link_region_groups
from kronika.actors.context_country import infer_countries
from kronika.actors.kb import DATA, KnowledgeBase, Person, load_kb
from kronika.actors.names import foreign_word_base, plausible_ner_span
from kronika.actors.places import load_places
from kronika.actors.roles import (RolePhrase, TokenMatch, _nominative_form, nominative_phrase, parse_role_phrase,
                                  token_case)


@lru_cache(maxsize=1)
def linking_rules() -> dict[str, Any]:
    """data/linking.yaml, with its lists as frozensets where order does not matter."""
    raw = yaml.safe_load((DATA / "linking.yaml").read_text(encoding="utf-8"))
    rules = dict(raw)
    for key in ("location_prepositions", "government_words", "name_heads", "no_entity_roles", "people_quantifiers"):
        rules[key] = frozenset(raw.get(key) or ())
    rules["name_classes"] = {k: frozenset(v) for k, v in (raw.get("name_classes") or {}).items()}
    return rules


def introduces_organisation(rp: RolePhrase) -> bool:
    """An organisation's role word right before a name, with nothing of its own after it ("portal Press",
    "telewizji India Today"; not "firmy Orlen Daniel Obajtek", whose role word already has its name)."""
    return rp.role.type == "organization" and rp.role_end == rp.tok_end


@dataclass
class Mention:
    """One mention: offsets, token range, the referent `key` and the rule that linked it.

    Keys: ("person", id), ("country", code), ("org", id), ("place", id) for KB referents; ("new", type, name)
    for a referent the KB lacks (then `attrs` may give its country and sector)."""

    start: int
    end: int
    tok_start: int
    tok_end: int
    text: str
    key: tuple
    rule: str
    attrs: dict = field(default_factory=dict)


def doc_date(doc) -> str:
    """The document date as YYYY[-MM[-DD]], today when unknown."""
    value = getattr(getattr(doc, "date", None), "value", None)
    return value or dt.date.today().isoformat()


# ------------------------------------------------------------------------------------------ the linker

class Linker:
    """Links one document's mentions. Holds only per-document state; the KB and gazetteer are shared."""

    def __init__(self, doc, kb: KnowledgeBase | None = None, gazetteer: gz.Gazetteer | None = None):
        self.doc = doc
        self.kb = kb or load_kb()
        self.gaz = gazetteer or gz.default_gazetteer()
        self.rules = linking_rules()
        self.date = doc_date(doc)
        self.tokens = doc.tokens
        self.tags = [t.tag for t in self.tokens]
        self.by_start = {t.start: i for i, t in enumerate(self.tokens)}
        self.by_end = {t.end: i + 1 for i, t in enumerate(self.tokens)}
        self.sentence_first: set[int] = {s.token_start for s in doc.sentences}
        if not doc.sentences and self.tokens:
            self.sentence_first = {0}
        self.mentions: list[Mention] = []
        self.covered: list[bool] = [False] * len(self.tokens)
        self.at: dict[int, TokenMatch] = {}
        self.boilerplate: set[int] = self._boilerplate_tokens()

    # ---------------------------------------------------------------- helpers
    def _prev_word(self, i: int):
        return self.tokens[i - 1] if i > 0 else None

    def _sentence_initial(self, i: int) -> bool:
        if i in self.sentence_first:
            return True
        prev = self._prev_word(i)
        return prev is not None and prev.kind == "punct" and prev.text in {'"', "„", "«", "(", "-", "–", "—", ":"}

    def _common_word(self, i: int) -> bool:
        """The token has a reading as a common (lower-case) word."""
        return any(a.lemma[:1].islower() and a.pos != "ign" for a in self.tokens[i].analyses)

    def _boilerplate_tokens(self) -> set[int]:
        """Tokens of page boilerplate: from a marker (linking.yaml) to the end of the teaser it introduces."""
        text = self.doc.text
        out: set[int] = set()
        starts = sorted(self.by_start)
        import bisect

        limit = int(self.rules.get("boilerplate_max_tokens", 30))
        labels = frozenset(self.rules.get("boilerplate_labels") or ())
        for marker in self.rules.get("boilerplate_markers") or ():
            pos = text.find(marker)
            while pos >= 0:
                k = bisect.bisect_left(starts, pos)
                if k < len(starts):
                    i = self.by_start[starts[k]]
                    end_char = pos + len(marker)
                    j = i
                    while j < len(self.tokens) and self.tokens[j].start < end_char:
                        out.add(j)
                        j += 1
                    first = j
                    while j < len(self.tokens) and j - first < limit:
                        tok = self.tokens[j]
                        prev = self.tokens[j - 1]
                        if j > first and prev.kind == "word" and tok.kind == "word" and tok.text[:1].isupper() \
                                and tok.chosen is not None and tok.chosen.lemma[:1].islower():
                            break
                        if j > first and tok.text in ("-", "–", "—") and prev.kind == "word" and prev.text.islower():
                            break  # "… przedstawił żądania - Trump wysyła": the teaser ended, a quote starts
                        out.add(j)
                        j += 1
                        if marker in labels and tok.text in (".", "!", "?") and j < len(self.tokens) and \
                                self.tokens[j].text[:1].isupper():
                            break  # page furniture ("Kopiuj link") ends at a sentence end: the article goes on
                pos = text.find(marker, pos + 1)
        return out

    def _add(self, tm_start: int, tm_end: int, key: tuple, rule: str, **attrs) -> Mention | None:
        """Records a mention over tokens [tm_start, tm_end) (None, and nothing recorded, in boilerplate)."""
        if any(i in self.boilerplate for i in range(tm_start, tm_end)):
            for i in range(tm_start, tm_end):
                self.covered[i] = True
            return None
        start, end = self.tokens[tm_start].start, self.tokens[tm_end - 1].end
        m = Mention(start, end, tm_start, tm_end, self.doc.text[start:end], key, rule, attrs)
        self.mentions.append(m)
        for i in range(tm_start, tm_end):
            self.covered[i] = True
        return m

    def _location_use(self, i: int) -> bool:
        """The word at token i is used as a place: after a locative preposition and not instrumental."""
        prev = self._prev_word(i)
        if prev is None or prev.lemma.lower() not in self.rules["location_prepositions"]:
            return False
        before = self._prev_word(i - 1)
        if before is not None and (before.lemma.lower() in self.rules["government_words"]
                                   or before.text.lower() in self.rules["government_words"]):
            return False  # "władze w Kinszasie", "rząd w Warszawie": the government
        case = token_case(self.tags[i])
        if prev.lemma.lower() in ("w", "na"):
            return case == "loc"  # "w Moskwie", "na Kremlu"; not "sankcje na Kreml"
        return case != "inst"

    # ---------------------------------------------------------------- gazetteer
    def _select(self) -> list[TokenMatch]:
        starts = set(self.by_start)
        ends = set(self.by_end)
        matches = self.gaz.find(self.doc.text, starts, ends)
        tms = [TokenMatch(self.by_start[m.start], self.by_end[m.end], m) for m in matches]
        self.extents: dict[tuple[int, int], set[str]] = {}
        for tm in tms:
            self.extents.setdefault((tm.tok_start, tm.tok_end), set()).update(tm.kinds())
        for tm in tms:
            self.at.setdefault(tm.tok_start, tm)  # longest match at each start
        chosen: list[TokenMatch] = []
        taken = [False] * len(self.tokens)
        for tm in sorted(tms, key=lambda t: (-(t.tok_end - t.tok_start), t.tok_start)):
            if any(taken[tm.tok_start:tm.tok_end]):
                continue
            if not self._plausible(tm):
                continue
            chosen.append(tm)
            for i in range(tm.tok_start, tm.tok_end):
                taken[i] = True
        chosen.sort(key=lambda t: t.tok_start)
        self.at = {tm.tok_start: tm for tm in chosen}
        # names inside a role phrase ("szefowa KE", "rzecznik Kremla", "szef MSZ Węgier") are mentions too
        nested = []
        for role_tm in chosen:
            if not role_tm.entries(gz.ROLE):
                continue
            for tm in tms:
                if role_tm.tok_start < tm.tok_start and tm.tok_end <= role_tm.tok_end and \
                        any(not e.weak for e in tm.entries(gz.COUNTRY, gz.ORG, gz.SEAT, gz.CAPITAL)):
                    if not any(n.tok_start < tm.tok_end and tm.tok_start < n.tok_end for n in nested):
                        nested.append(tm)
        self.nested = nested
        return chosen

    def _plausible(self, tm: TokenMatch) -> bool:
        """Drops short names that cannot be surnames ("II", acronyms, two letters)."""
        kinds = tm.kinds()
        if kinds <= {gz.PERSON_SHORT}:
            text = tm.match.text
            if len(text) < 3 or text.isupper():
                return False
        return True

    # ---------------------------------------------------------------- passes
    def run(self) -> list[Mention]:
        chosen = self._select()
        strong_countries = {e.target for tm in chosen for e in tm.match.entries
                            if e.kind == gz.COUNTRY and not e.weak}
        strong_orgs = {e.target for tm in chosen for e in tm.match.entries if e.kind == gz.ORG and not e.weak}
        full_persons = {e.target for tm in chosen for e in tm.match.entries if e.kind == gz.PERSON}
        role_phrases: list[tuple[TokenMatch, RolePhrase]] = []
        consumed: set[int] = set()  # token starts of matches used inside a role phrase
        for tm in chosen:
            if tm.entries(gz.ROLE) and not (tm.kinds() - {gz.ROLE}):
                rp = parse_role_phrase(tm, self.tokens, self.at.get, self.kb)
                if rp is not None:
                    role_phrases.append((tm, rp))
        role_at = {rp.role_start: rp for _tm, rp in role_phrases}
        for tm in self.nested:
            if tm.entries(gz.COUNTRY):
                self._add(tm.tok_start, tm.tok_end, ("country", tm.entries(gz.COUNTRY)[0].target), "in-role-phrase")
            elif tm.entries(gz.ORG):
                self._add(tm.tok_start, tm.tok_end, ("org", tm.entries(gz.ORG)[0].target), "in-role-phrase")
            else:
                self._add(tm.tok_start, tm.tok_end, ("country", tm.entries(gz.SEAT, gz.CAPITAL)[0].target),
                          "in-role-phrase-metonym")
        # persons with full names and the role phrase before them
        for tm in chosen:
            if tm.tok_start in consumed:
                continue
            kinds = tm.kinds()
            if gz.PERSON in kinds:
                pid = self._pick_person([e.target for e in tm.entries(gz.PERSON)])
                self._add(tm.tok_start, tm.tok_end, ("person", pid), "kb-person")
            elif gz.COUNTRY in kinds and any(not e.weak for e in tm.entries(gz.COUNTRY)):
                self._country_mention(tm, [e.target for e in tm.entries(gz.COUNTRY) if not e.weak], "kb-country")
            elif gz.ORG in kinds and any(not e.weak for e in tm.entries(gz.ORG)):
                oid = next(e.target for e in tm.entries(gz.ORG) if not e.weak)
                self._add(tm.tok_start, tm.tok_end, ("org", oid), "kb-org")
            elif kinds & {gz.CAPITAL, gz.SEAT, gz.ORG_METONYM, gz.PLACE}:
                self._place_or_metonym(tm, strong_orgs, strong_countries)
            elif gz.COUNTRY in kinds:  # weak only: "Stany", "Kongo", "Ameryka"
                codes = [e.target for e in tm.entries(gz.COUNTRY) if e.target in strong_countries]
                if codes and self.tokens[tm.tok_start].text[:1].isupper():
                    self._country_mention(tm, codes, "kb-country-weak-supported")
            elif gz.ORG in kinds:  # weak only: "Unia", "Sojusz"
                oids = [e.target for e in tm.entries(gz.ORG) if e.target in strong_orgs]
                if oids and self.tokens[tm.tok_start].text[:1].isupper():
                    self._add(tm.tok_start, tm.tok_end, ("org", oids[0]), "kb-org-weak-supported")
            elif gz.DEMONYM in kinds:
                self._demonym(tm, strong_countries)
        self._counted_demonyms()
        from kronika.actors import coref

        # short forms of KB persons, then names the KB lacks, then role phrases
        coref.link_short_forms(self, chosen, full_persons)
        self._ship_names()
        names = self._unknown_names()
        for tm, rp in role_phrases:
            self._role_phrase(tm, rp, names)
        self._add_unknown_names(names, role_at)
        link_bodies(self, role_phrases)
        link_region_groups(self)
        link_leader_governments(self)
        coref.link_role_only(self, role_phrases)
        coref.merge_inflected_names(self)
        coref.merge_unknown_surnames(self)
        coref.merge_aliases(self)
        infer_countries(self)
        self.mentions.sort(key=lambda m: (m.start, -m.end))
        return self.mentions

    def _pick_person(self, pids: list[str]) -> str:
        if len(pids) == 1:
            return pids[0]
        active = [p for p in pids if self.kb.person_roles_on(p, self.date)]
        return (active or sorted(pids))[0]

    def _country_mention(self, tm: TokenMatch, codes: list[str], rule: str) -> None:
        self._add(tm.tok_start, tm.tok_end, ("country", sorted(codes)[0]), rule)

    def _place_or_metonym(self, tm: TokenMatch, strong_orgs: set[str], strong_countries: set[str]) -> None:
        places = [e.target for e in tm.entries(gz.PLACE)]
        as_place = self._location_use(tm.tok_start)
        if not as_place:
            orgs = [e.target for e in tm.entries(gz.ORG_METONYM) if not e.weak or e.target in strong_orgs]
            if orgs:
                self._add(tm.tok_start, tm.tok_end, ("org", orgs[0]), "metonym-org")
                return
            govs = [e.target for e in tm.entries(gz.CAPITAL, gz.SEAT) if not e.weak]
            if govs:
                self._add(tm.tok_start, tm.tok_end, ("country", govs[0]), "metonym-government")
                return
        if places:
            self._add(tm.tok_start, tm.tok_end, ("place", places[0]), "kb-place")
            return
        bases = [e.base for e in tm.entries(gz.CAPITAL, gz.SEAT)]
        if bases:
            country = tm.entries(gz.CAPITAL, gz.SEAT)[0].target
            self._add(tm.tok_start, tm.tok_end, ("new", "location", bases[0]), "capital-as-place",
                      country=country)

    def _demonym(self, tm: TokenMatch, strong_countries: set[str]) -> None:
        tag = self.tags[tm.tok_start]
        if ":pl:" not in tag and not tag.startswith("subst:pl"):
            return  # one person of that nation: not the state
        codes = [e.target for e in tm.entries(gz.DEMONYM) if not e.weak or e.target in strong_countries]
        if codes and self.tokens[tm.tok_start].text[:1].isupper():
            self._add(tm.tok_start, tm.tok_end, ("country", codes[0]), "demonym", demonym=tm.entries(gz.DEMONYM)[0].base)

    def _counted(self, i: int) -> bool:
        """The word before token i counts people: a numeral ("dwóch", "kilkaset", "wielu"), digits, or a
        quantity noun of linking.yaml `people_quantifiers` ("setki", "tysiące", "grupa")."""
        prev = self._prev_word(i)
        if prev is None or prev.kind != "word":
            return False
        if prev.text.isdigit() or any(a.pos == "num" for a in prev.analyses):
            return True
        return any(a.lemma.split(":")[0].lower() in self.rules["people_quantifiers"] for a in prev.analyses)

    def _counted_demonyms(self) -> None:
        """Plural demonyms stand for their state ("Amerykanie zażądali") unless the text counts them
        ("dwóch Polaków", "kilkaset Palestyńczyków"): then every demonym mention of that nation in the document
        is one group of people, the nation's civilians (country of the nation, sector CVL), named by the
        demonym's nominative plural."""
        demonyms = [m for m in self.mentions if m.rule == "demonym"]
        counted = {m.key[1] for m in demonyms if self._counted(m.tok_start)}
        for m in demonyms:
            code = m.key[1]
            if code not in counted:
                continue
            base = m.attrs.get("demonym") or m.text
            name = _nominative_form(base, "subst", "pl", "m1") or m.text
            m.key = ("new", "group", name.lower())
            m.rule = "demonym-people"
            m.attrs = {"country": code, "sector": self.rules.get("people_sector", "CVL"), "name": name}

    # ---------------------------------------------------------------- role phrases
    def _role_phrase(self, tm: TokenMatch, rp: RolePhrase, names: dict[int, tuple[int, str, str]]) -> None:
        role = rp.role
        name_tm = self.at.get(rp.name_start)
        follows_name = (name_tm is not None and name_tm.kinds() & {gz.PERSON, gz.PERSON_SHORT, gz.ORG}) or \
            rp.name_start in names
        # the country complement of a role phrase is a mention of that country too (already added)
        if follows_name:
            return  # the role types the name after it (handled with the name)
        if role.type == "person":
            return  # role-only person mentions: coref.link_role_only
        if rp.country is None:
            self._home_institution(rp)
            return
        phrase = role.phrase
        if phrase in self.rules["government_words"]:
            if rp.number != _phrase_number(phrase):
                return  # "rządy Japonii" (rule over Korea), not "rząd Japonii"
            if rp.country in self.kb.countries:
                self._add(rp.tok_start, rp.role_end if rp.country_via != "adjective" or rp.tok_end <= rp.role_end
                          else rp.tok_end, ("country", rp.country), "government-word")
            return
        proper = rp.adjective_start is not None and not self._sentence_initial(rp.adjective_start) and \
            self.tokens[rp.adjective_start].text[:1].isupper()
        if not proper and (phrase in self.rules["name_heads"] or phrase in self.rules["no_entity_roles"]):
            return
        if rp.country_via != "adjective":
            return  # "armia Izraela": a genitive complement is too often the country itself ("wojsko Rosji")
        start, end = rp.tok_start, max(rp.tok_end, rp.role_end)
        words = [(t.text, t.lemma, t.tag) for t in self.tokens[start:end]]
        name = nominative_phrase(words, capitalised=not self._sentence_initial(start))
        if any(self.covered[start:end]):
            return
        self._add(start, end, ("new", role.type if role.type != "person" else "group", name.lower()),
                  "role-phrase-group", country=rp.country, sector=role.sector, name=name)

    def _home_institution(self, rp: RolePhrase) -> None:
        """An unqualified ministry ("MSZ", "Ministerstwo Spraw Zagranicznych") is the one of the outlet's home
        country (`linking.yaml` `home_institutions`: phrase → KB organisation, used when that organisation's
        country is the home country): a Polish outlet's bare "MSZ" is the Polish ministry."""
        from kronika.actors.context_country import outlet_country

        oid = (self.rules.get("home_institutions") or {}).get(rp.role.phrase)
        org = self.kb.organizations.get(oid) if oid else None
        if org is None or any(self.covered[rp.tok_start:rp.role_end]):
            return
        _sector, country, _typ = org.on(self.date)
        if country and country == outlet_country(self):
            self._add(rp.tok_start, rp.role_end, ("org", oid), "home-institution")

    # ---------------------------------------------------------------- unknown names
    def _unknown_names(self) -> dict[int, tuple[int, str, str]]:
        """token start → (token end, type, base) of names the KB does not know (NER spans, else fallback)."""
        ner = self.doc.spans.get("ner") if isinstance(self.doc.spans, dict) else None
        if ner is not None:
            return self._ner_names(ner)
        return self._fallback_names()

    def _ner_names(self, spans) -> dict[int, tuple[int, str, str]]:
        out: dict[int, tuple[int, str, str]] = {}
        kinds = {"persName": "person", "orgName": "organization", "placeName": "location", "geogName": "location"}
        tops = sorted(spans, key=lambda s: (s.start, -s.end))
        last_end = -1
        for s in tops:
            typ = kinds.get(str(getattr(s, "type", "")).split("_")[0])
            if typ is None or s.start < last_end:
                continue
            if s.start not in self.by_start or s.end not in self.by_end:
                continue
            ts, te = self.by_start[s.start], self.by_end[s.end]
            surface = self.doc.text[s.start:s.end]
            if not plausible_ner_span([t.text for t in self.tokens[ts:te] if t.kind == "word"],
                                      self._word_before(ts)):
                continue
            if not surface[:1].isupper() and not surface[:1].isdigit():
                continue  # "rosyjski", "polsko-ukraińskie": adjectives, not names
            if all(self.tags[k].split(":")[0] in ("adj", "adja", "ppas", "pact") or self.tokens[k].kind != "word"
                   for k in range(ts, te)):
                continue
            kb_kinds = self.extents.get((ts, te), set())
            if kb_kinds & {gz.ADJECTIVE, gz.DEMONYM, gz.ROLE}:
                continue  # "Rosyjski" at a sentence start, "Europejczycy", "MSZ", "Komisja"
            base = getattr(s, "base", None) or getattr(s, "base_form", None) or surface
            if typ == "person":
                base = self._word_bases(spans, s, ts, te, base)
            while te - ts > 1 and self.tokens[te - 1].text.rstrip(".") in ("im", "ul", "al", "pl"):
                te -= 1
                base = " ".join(base.split()[:-1]) or base
            last_end = s.end
            base = self._ner_base(ts, te, base, typ)
            number = self._unit_number(ts, base) if typ != "person" else None
            if number is not None:
                ts, base = number[0], number[1] + " " + base
            out[ts] = (te, typ, base)
        return self._join_apostrophe_first_names(out)

    def _join_apostrophe_first_names(self, names: dict[int, tuple[int, str, str]]) -> dict[int, tuple[int, str, str]]:
        """Joins a one-word name inflected after an apostrophe ("Steve’a", "Mike'owi") with the name right
        after it into one person ("Steve’a Witkoffa" → "Steve Witkoff"): the recogniser cuts such names at the
        apostrophe. The typographic apostrophe counts as the straight one."""
        out = dict(names)
        for ts in sorted(names):
            if ts not in out:
                continue
            te, _typ, base = out[ts]
            word = self.tokens[ts].text.replace("’", "'")
            head, sep, tail = word.partition("'")
            if te - ts != 1 or not sep or not head[:1].isupper() or not tail.islower() or len(tail) > 4 \
                    or not self.tokens[ts].space_after or te not in out:
                continue
            te2, _typ2, base2 = out.pop(te)
            out[ts] = (te2, "person", head + " " + base2)
        return out

    def _unit_number(self, ts: int, base: str) -> tuple[int, str] | None:
        """(new start, number as written) when a unit name ("Flotylla Obrony Wybrzeża", "Baza Lotnictwa
        Taktycznego") starting at token ts follows its number ("8 Flotylli …", "22. Bazie …"); else None.
        Only for head nouns listed in `numbered_unit_heads` and numbers of at most three digits."""
        heads = self.rules.get("numbered_unit_heads") or ()
        if not base or base.split()[0].lower() not in heads:
            return None
        k = ts - 1
        dot = ""
        if k > 0 and self.tokens[k].text == "." and not self.tokens[k - 1].space_after:
            k, dot = k - 1, "."
        digits = self.tokens[k].text.rstrip(".") if k >= 0 else ""
        if not digits.isdigit() or len(digits) > 3 or len(self.tokens[k].text) - len(digits) > 1 \
                or not self.tokens[ts - 1].space_after or self.covered[k]:
            return None
        return k, self.tokens[k].text + dot

    def _ship_names(self) -> None:
        """Links a ship prefix and the name after it ("ORP \"Albatros\"", "USS Gerald Ford") as one
        organisation "ORP Albatros" of the prefix's navy (`ship_prefixes`: prefix → country; `ship_sector`).
        The name is one to three capitalised words, maybe in quotes."""
        prefixes = self.rules.get("ship_prefixes") or {}
        n = len(self.tokens)
        for i, tok in enumerate(self.tokens):
            country = prefixes.get(tok.text)
            if country is None or self.covered[i]:
                continue
            j = i + 1
            quoted = j < n and self.tokens[j].text in ('"', "„", "”", "“", "«")
            if quoted:
                j += 1
            k = j
            while k < n and k - j < 3 and self.tokens[k].kind == "word" and self.tokens[k].text[:1].isupper() \
                    and (k == j or self.tokens[k - 1].space_after):
                k += 1
                if quoted:
                    break
            if k == j:
                continue
            end = k + 1 if quoted and k < n and self.tokens[k].text in ('"', "”", "“", "»") else k
            name = tok.text + " " + " ".join(t.text for t in self.tokens[j:k])
            self._add(i, end, ("new", "organization", name), "ship-name", country=country,
                      sector=self.rules.get("ship_sector", "MIL"))

    def _word_before(self, i: int) -> str | None:
        """The word before token i, with its abbreviation dot ("św."); None at the start or after other
        punctuation."""
        if i == 0:
            return None
        prev = self.tokens[i - 1]
        if prev.text == "." and i > 1 and self.tokens[i - 2].kind == "word" and not self.tokens[i - 2].space_after:
            return self.tokens[i - 2].text + "."
        return prev.text if prev.kind == "word" else None

    def _word_bases(self, spans, top, ts: int, te: int, base: str) -> str:
        """A person's name left as written by the phrase's base form while the tagger reads it in an oblique case
        takes the base forms of its one-word parts ("Rico Kriegera": the indeclinable "Rico" kept the phrase
        from declining; the surname alone is "Krieger")."""
        words = base.split()
        if len(words) != te - ts or token_case(self.tags[te - 1]) in (None, "nom"):
            return base
        for sub in spans:
            if sub is top or sub.end - sub.start <= 0 or not str(getattr(sub, "type", "")).startswith("persName_"):
                continue
            if sub.start not in self.by_start or self.by_end.get(sub.end) != self.by_start[sub.start] + 1:
                continue
            k = self.by_start[sub.start] - ts
            sub_base = getattr(sub, "base_form", None) or getattr(sub, "base", None)
            # only an ending cut off ("Kriegera" → Krieger), never another stem ("Rubcowa" is no "Rubcowo")
            if 0 <= k < len(words) and sub_base and words[k] == self.tokens[ts + k].text and \
                    words[k].startswith(sub_base) and 0 < len(words[k]) - len(sub_base) <= 2:
                words[k] = sub_base
        return " ".join(words)

    def _ner_base(self, ts: int, te: int, base: str, typ: str) -> str:
        """The recogniser's base form, word by word, except that a word Morfeusz does not know keeps its
        written form (the recogniser guesses foreign names badly: "Anthony" is not "Anthona")."""
        words = [t.text for t in self.tokens[ts:te] if t.kind == "word" or t.text not in ".,"]
        bwords = base.split()
        surface = " ".join(t.text for t in self.tokens[ts:te])
        if len(bwords) != te - ts:
            return base if len(base.split()) == len(surface.split()) or typ != "person" else surface
        out = []
        nominative = token_case(self.tags[te - 1]) == "nom"
        doc_words = self._surface_words()
        toks = self.tokens[ts:te]
        unknown = [all(a.pos == "ign" for a in tok.analyses) for tok in toks]
        # "Claesa Aronssona": every word of a man's foreign name in the genitive ends in -a
        genitive_a = typ == "person" and te - ts > 1 and all(unknown) and \
            all(tok.text.endswith("a") for tok in toks) and ":m1" in self.tags[te - 1] and not nominative
        for tok_index, tok, b, ign in zip(range(ts, te), toks, bwords, unknown):
            text = tok.text
            if ign:
                tag = self.tags[tok_index]
                base_word = foreign_word_base(text, doc_words, nominative=nominative and typ == "person",
                                              masculine_oblique=typ == "person" and ":m1" in tag
                                              and token_case(tag) in ("gen", "acc"),
                                              guess=b if typ != "person" else None)
                if genitive_a and base_word == text and len(text) > 4:
                    base_word = text[:-1]
                out.append(base_word)
                continue
            stripped = _guess_base(text, doc_words, self.rules["unknown_name_endings"])
            if stripped != text:
                out.append(stripped)  # "Skripala" → "Skripal": the bare form occurs in the document
                continue
            for apostrophe in ("'", "’"):
                if apostrophe in text[1:]:
                    text = text.split(apostrophe)[0]  # "Ozzy'ego" → "Ozzy"
            if (typ == "person" and nominative) or text != tok.text:
                out.append(text)
            else:
                out.append(b)
        return " ".join(out)

    def _surface_words(self) -> set[str]:
        words = getattr(self, "_words_cache", None)
        if words is None:
            words = self._words_cache = {t.text for t in self.tokens if t.kind == "word"}
        return words

    def _name_class(self, i: int) -> str | None:
        tok = self.tokens[i]
        if tok.kind != "word" or not tok.text[:1].isupper() or self.covered[i]:
            return None
        classes = self.rules["name_classes"]
        found = None
        for a in tok.analyses:
            if not a.lemma[:1].isupper():
                continue
            for typ, names in classes.items():
                if names.intersection(a.names):
                    found = found or typ
        if found:
            return found
        if tok.chosen is not None and tok.chosen.pos == "ign":
            return "unknown"
        return None

    def _fallback_names(self) -> dict[int, tuple[int, str, str]]:
        out: dict[int, tuple[int, str, str]] = {}
        n = len(self.tokens)
        i = 0
        while i < n:
            cls = self._name_class(i)
            if cls is None:
                i += 1
                continue
            j = i + 1
            classes = [cls]
            while j < n and self.tokens[j - 1].space_after and self._name_class(j) is not None \
                    and j not in self.sentence_first:
                classes.append(self._name_class(j))
                j += 1
            if self._sentence_initial(i) and j - i == 1 and self._common_word(i):
                i = j
                continue
            if "person" in classes:
                typ = "person"
            elif "organization" in classes:
                typ = "organization"
            elif "location" in classes:
                typ = "location"
            elif all(self.tokens[k].text.isupper() for k in range(i, j)):
                typ = "organization"
            elif i > 0 and self.tags[i - 1].startswith("prep"):
                typ = "location"  # "pod Chersoniem", "w Gomie"
            else:
                typ = "person"
            out[i] = (j, typ, self._fallback_base(i, j, typ))
            i = j
        return out

    def _fallback_base(self, i: int, j: int, typ: str = "") -> str:
        """The base form of a name sequence: per word, the text when it is a base form itself, else the
        lemma of a capitalised reading (in a person's name, only of a first-name or surname reading)."""
        words = []
        person_classes = self.rules["name_classes"].get("person", frozenset())
        for k in range(i, j):
            tok = self.tokens[k]
            base = tok.text
            chosen = tok.chosen
            if typ == "person" and j - i > 1 and not any(person_classes.intersection(a.names)
                                                         for a in tok.analyses):
                pass  # "Walerij Kowalow": not the village "Kowalowo"
            elif any(a.lemma.split(":")[0] == tok.text and a.pos != "ign" for a in tok.analyses):
                base = tok.text  # the word is itself a base form ("Kowalow", not the place "Kowalowo")
            elif chosen is not None and chosen.pos != "ign" and chosen.lemma[:1].isupper():
                base = chosen.lemma
            else:
                caps = [a for a in tok.analyses if a.lemma[:1].isupper() and a.pos != "ign"]
                if caps:
                    base = caps[0].lemma
            words.append(base.split(":")[0])
        return " ".join(words)

    def _add_unknown_names(self, names: dict[int, tuple[int, str, str]], role_at: dict[int, RolePhrase]) -> None:
        # the role phrase that ends right before a name gives it a country and sector
        before: dict[int, RolePhrase] = {}
        for rp in role_at.values():
            before[rp.name_start] = rp
            # "rosyjski wiceminister energetyki Pavel Sorokin": up to two lower-case genitive words between
            k = rp.name_start
            while k < len(self.tokens) and k - rp.name_start < 2 and self.tokens[k].kind == "word" \
                    and self.tokens[k].text.islower() and token_case(self.tags[k]) == "gen":
                k += 1
                before.setdefault(k, rp)
        surface_words = {t.text for t in self.tokens if t.kind == "word"}
        endings = self.rules["unknown_name_endings"]
        # a name an organisation's role word introduces once ("telewizja India Today") is that organisation
        # wherever the same words recur without it ("w rozmowie z India Today")
        org_role: dict[str, RolePhrase] = {}
        for ts, (te, typ, _) in names.items():
            rp = before.get(ts)
            if rp is not None and introduces_organisation(rp) and self._names_organisation(rp, ts, te, typ):
                org_role.setdefault(self.doc.text[self.tokens[ts].start:self.tokens[te - 1].end], rp)
        for ts, (te, typ, base) in sorted(names.items()):
            if any(self.covered[ts:te]):
                continue
            if typ == "unknown":
                continue
            surface = self.doc.text[self.tokens[ts].start:self.tokens[te - 1].end]
            if ts not in before and surface in org_role:
                before[ts] = org_role[surface]
            base = _guess_base(base, surface_words, endings)
            if typ == "person":
                known = self.kb.persons_by_name(base) or self.kb.persons_by_name(self.doc.text[
                    self.tokens[ts].start:self.tokens[te - 1].end])
                if len(known) == 1 and te - ts > 1:
                    self._add(ts, te, ("person", known[0].id), "name-in-kb")
                    continue
            attrs: dict = {}
            rp = before.get(ts)
            if rp is not None:
                if rp.role.type == "person":
                    if typ != "person" and self.doc.spans.get("ner") is None:
                        base = _guess_base(self._fallback_base(ts, te, "person"), surface_words, endings)
                    typ = "person"
                    attrs = self._role_attrs(rp)
                elif introduces_organisation(rp) and self._names_organisation(rp, ts, te, typ):
                    # "portal Press", "partia Razem": the role word names the kind of organisation
                    typ = "organization"
                    attrs = self._role_attrs(rp)
            self._add(ts, te, ("new", typ, base), "ner-name" if self.doc.spans.get("ner") is not None
                      else "fallback-name", **attrs)

    def _role_attrs(self, rp: RolePhrase) -> dict:
        """The country and sector a role phrase gives the name after it (those it has)."""
        attrs = {"country": rp.country, "sector": self._role_sector(rp)}
        return {k: v for k, v in attrs.items() if v}

    def _names_organisation(self, rp: RolePhrase, ts: int, te: int, typ: str) -> bool:
        """Whether the organisation's role word before the name [ts, te) names it: the name stands in
        apposition, in the role word's case or in no case the tagger knows ("portal Press", "telewizji India
        Today"), and starts with no common word (in "portalu Ministerstwa Klimatu" the ministry is the portal's
        owner, not its name). A name the recogniser took for a person is taken for the organisation only when it
        is one word with no first-name reading ("Szef fundacji Szimon Sabag" stays a person), one it took for a
        place only when Morfeusz knows none of its words as a geographic name ("portal Africa Report")."""
        if typ not in ("organization", "person", "location"):
            return False
        if typ == "location" and any(n.startswith("nazwa_geograficzna") for k in range(ts, te)
                                     for a in self.tokens[k].analyses for n in a.names):
            return False  # a place Morfeusz knows is a place ("gazety Kraków"); "portal Africa Report" is not
        if any(a.pos != "ign" and not a.lemma[:1].isupper() for a in self.tokens[ts].analyses):
            return False
        if typ == "person" and (te - ts > 1 or any("imię" in a.names for a in self.tokens[ts].analyses)):
            return False
        role_cases = {token_case(a.tag) for k in range(rp.role_start, rp.role_end) for a in self.tokens[k].analyses}
        name_cases = {token_case(self.tags[k]) for k in range(ts, te)  # a guessed ending says too little
                      if self.tokens[k].chosen is not None and "guessed" not in self.tokens[k].chosen.labels} - {None}
        return not name_cases or bool(role_cases & name_cases)

    def _role_sector(self, rp: RolePhrase) -> str | None:
        if rp.role.sector:
            if rp.country in self.kb.igo_codes and rp.role.offices and all(
                    (self.kb.office(o) and self.kb.office(o).scope == "igo") for o in rp.role.offices):
                return "IGO"
            return rp.role.sector
        return None

    # ---------------------------------------------------------------- entities
    def entities(self) -> list[dict]:
        """SPEC.md entity dicts, one per referent, ids e1… in order of first mention."""
        groups: dict[tuple, list[Mention]] = {}
        for m in sorted(self.mentions, key=lambda m: (m.start, -m.end)):
            groups.setdefault(m.key, []).append(m)
        out: list[dict] = []
        for key, ms in groups.items():
            ent = self._entity(key, ms)
            if ent is None:
                continue
            ent["id"] = f"e{len(out) + 1}"
            ent["mentions"] = [{"start": m.start, "end": m.end, "text": m.text, "rule": m.rule} for m in ms]
            out.append(ent)
        return out

    def _entity(self, key: tuple, ms: list[Mention]) -> dict | None:
        kind = key[0]
        if kind == "person":
            p = self.kb.persons[key[1]]
            country, sector = person_on(self.kb, p, self.date, self.rules["office_precedence"])
            return {"id": "", "name": p.name, "type": "person", "country": country, "sector": sector,
                    "wikidata": p.wikidata}
        if kind == "country":
            c = self.kb.countries[key[1]]
            return {"id": "", "name": c.name, "type": "country", "country": c.code, "sector": None,
                    "wikidata": c.wikidata}
        if kind == "org":
            o = self.kb.organizations[key[1]]
            sector, country, typ = o.on(self.date)
            return {"id": "", "name": o.name, "type": typ if typ in ("organization", "group", "location")
                    else "organization", "country": country, "sector": sector, "wikidata": o.wikidata}
        if kind == "place":
            p = load_places()[key[1]]
            return {"id": "", "name": p.id, "type": "location", "country": p.country, "sector": None,
                    "wikidata": p.wikidata}
        attrs: dict = {}
        for m in ms:
            for k, v in m.attrs.items():
                attrs.setdefault(k, v)
        return {"id": "", "name": attrs.get("name") or key[2], "type": key[1], "country": attrs.get("country"),
                "sector": attrs.get("sector"), "wikidata": None}


@lru_cache(maxsize=1000)
def _phrase_number(phrase: str) -> str:
    """sg or pl: the number of a role phrase's base form (its first word in the nominative)."""
    from kronika.actors.forms import _analyse

    numbers = set()
    for _lemma, tag, _q in _analyse(phrase.split()[0]):
        parts = tag.split(":")
        if parts[0] == "subst" and len(parts) > 2 and "nom" in parts[2].split("."):
            numbers.update(parts[1].split("."))
    return "sg" if "sg" in numbers or not numbers else "pl"


def _guess_base(base: str, surface_words: set[str], endings) -> str:
    """An unknown name's base: each word without a case ending when the bare word occurs in the document."""
    out = []
    for w in base.split():
        for e in endings:
            if w.endswith(e) and len(w) - len(e) >= 3 and w[: -len(e)] in surface_words:
                w = w[: -len(e)]
                break
        out.append(w)
    return " ".join(out)


def person_on(kb: KnowledgeBase, p: Person, date: str, precedence: list[str]) -> tuple[str | None, str | None]:
    """(country, sector) of a person on a date: the active role first in `precedence` (then any active role);
    with no active role, the person's own country and sector (the country of their latest role if none)."""
    roles = kb.person_roles_on(p, date)
    if roles:
        order = {o: i for i, o in enumerate(precedence)}
        best = min(roles, key=lambda r: (order.get(r.role, len(order)), r.acting))
        return best.country, best.sector
    country = p.country
    if country is None and p.roles:
        country = max(p.roles, key=lambda r: r.start.first).country
    return country, p.sector


def link(doc, kb: KnowledgeBase | None = None, gazetteer: gz.Gazetteer | None = None) -> list[dict]:
    """The SPEC.md entities of a tokenised, morphologically analysed document (does not modify it)."""
    linker = Linker(doc, kb, gazetteer)
    linker.run()
    return linker.entities()
