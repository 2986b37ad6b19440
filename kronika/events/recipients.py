"""Recipient recovery: when a trigger's recipient slot holds a word that stands for an entity named elsewhere
(a pronoun "jej", a role noun "gościowi", "ambasadora", a membership noun "członkostwo", an attack noun "atak"),
find that entity in the sentence before the trigger or in the previous sentences.

The words and their rules are data: `kronika/lang/<lang>/events/anaphora.yaml`.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from kronika.events import frames as fr
from kronika.events.clues import quote_speaker

WINDOW = 5


QUOTE_OPENERS = frozenset({"„", "\"", "«", "“"})


@dataclass(frozen=True)
class AnaphoraRules:
    role_nouns: dict[str, frozenset[str]]
    membership_nouns: frozenset[str]
    attack_nouns: frozenset[str]
    reach: int = 2
    subject_nouns: dict[str, tuple[frozenset[str], tuple[str, ...]]] | None = None
    political_places: frozenset[str] = frozenset()
    story_attack_categories: frozenset[str] = frozenset()


@lru_cache(maxsize=4)
def load_anaphora(lang: str = "pl") -> AnaphoraRules:
    """The recipient-recovery word lists of `lang` (empty lists when the language has no file)."""
    base = resources.files("kronika.lang").joinpath(lang, "events", "anaphora.yaml")
    data = yaml.safe_load(base.read_text("utf-8")) if base.is_file() else {}
    data = data or {}
    return AnaphoraRules(
        role_nouns={k: frozenset(v or ()) for k, v in (data.get("role_nouns") or {}).items()},
        membership_nouns=frozenset(data.get("membership_nouns") or ()),
        attack_nouns=frozenset(data.get("attack_nouns") or ()),
        reach=int(data.get("reach", 2)),
        subject_nouns={k: (frozenset(v.get("types") or ()), tuple(x.lower() for x in v.get("names") or ()))
                       for k, v in (data.get("subject_nouns") or {}).items()},
        political_places=frozenset(data.get("political_places") or ()),
        story_attack_categories=frozenset(data.get("story_attack_categories") or ()),
    )


def party_types(entities: list[dict], rules: AnaphoraRules) -> dict[str, dict]:
    """Entities by id, for role finding: a place that acts as a political party (`political_places`, "Europa")
    is typed "collective" there, so it can be an actor or recipient like a state."""
    out = {}
    for e in entities:
        if e.get("type") == "location" and e.get("name") in rules.political_places:
            e = {**e, "type": "collective"}
        out[e["id"]] = e
    return out


def _slot_cases(frame, nominal: bool) -> tuple[set[str], set[str]]:
    """(bare cases, prepositions) of the frame's recipient slots; owner slots admit the genitive."""
    slots = frame.nominal_recipient if nominal else frame.recipient
    cases: set[str] = set()
    preps: set[str] = set()
    for s in slots:
        if s.kind == "case":
            cases.add(s.case)
        elif s.kind == "prep":
            preps.add(s.prep)
        elif s.name in ("acc_owner", "of_object"):
            cases.add("gen")
    return cases, preps


def _side(actors: list[str], etypes: dict) -> set[str]:
    side: set[str] = set(actors)
    for a in actors:
        c = (etypes.get(a) or {}).get("country")
        if c:
            side.add(c)
    return side


def _outside(eid: str, side: set[str], etypes: dict) -> bool:
    ent = etypes.get(eid) or {}
    if eid in side or (ent.get("country") and ent.get("country") in side and ent.get("type") != "organization"):
        return False
    return ent.get("type") != "location"


# Role types sought anywhere before the trigger, not only in the last sentences: an alliance, a group of people.
FAR_ROLE_TYPES = frozenset({"IGO", "group"})


def _has_role_type(eid: str, role: frozenset[str], etypes: dict) -> bool:
    """Whether the entity is of one of the role noun's types; "IGO" stands for an intergovernmental
    organisation (an organisation whose sector is IGO)."""
    ent = etypes.get(eid) or {}
    return ent.get("type") in role or ("IGO" in role and ent.get("sector") == "IGO")


def earlier_groups(views, view, head: int, reach: int):
    """Entity groups before `head` in its sentence (latest first), then those of up to `reach` previous
    sentences, latest first."""
    for g in sorted((g for g in view.groups if g.end <= head), key=lambda g: -g.start):
        yield g
    for k in range(view.index - 1, max(-1, view.index - reach - 1), -1):
        if k < len(views):
            for g in sorted(views[k].groups, key=lambda g: -g.start):
                yield g


def _pronoun(tok, cases: set[str]):
    for a in tok.analyses:
        if a.pos == "ppron3" and fr._cases(a.tag) & cases:
            return a
    return None


def _pronoun_antecedent(views, view, before: int, pro, side: set[str], etypes: dict,
                        rules: AnaphoraRules) -> tuple[list[str], str] | None:
    """The entities a 3rd-person pronoun (reading `pro`) at or after `before` takes up. A pronoun takes up an
    earlier subject rather than an oblique phrase; when no subject fits, the person just named in this sentence
    ("zadzwonił do premiera Izraela i zapewnił go o wsparciu")."""
    nums = fr._numbers(pro.tag)
    gens = fr._genders(pro.tag)
    for oblique_too in (False, True):
        for g in earlier_groups(views, view, before, rules.reach if not oblique_too else 0):
            if not oblique_too and (g.prep or g.attribute or (g.known_case and "nom" not in g.cases)):
                continue
            ents = [e for e in g.entities if _outside(e, side, etypes)]
            if not ents or (g.numbers and nums and not (g.numbers & nums) and len(g.entities) == 1):
                continue
            if "sg" in nums and g.genders and gens and not (g.genders & gens):
                continue
            return ents, "recipient:pronoun_antecedent"
    return None


def _covered(view) -> set[int]:
    out: set[int] = set()
    for m in view.mentions:
        out.update(range(m.start, m.end))
    return out


def recover_recipient(doc, views, view, head: int, frame, nominal: bool, actors: list[str], etypes: dict,
                      prior_events: list[dict], rules: AnaphoraRules,
                      category: str | None = None) -> tuple[list[str], str] | None:
    """(recipient entity ids, rule name) for a trigger at `head` whose recipient slot holds a pronoun, a role
    noun, a membership noun or an attack noun standing for an entity outside the actor's side; None when the
    slot holds no such word or no antecedent fits. `prior_events` are the events coded so far (pre-merge)."""
    cases, preps = _slot_cases(frame, nominal)
    if not cases and not preps:
        return None
    clause = view.clause_of.get(head)
    covered = _covered(view)
    side = _side(actors, etypes)
    if nominal and head - 1 >= view.start and fr.token_pos(doc.tokens[head]) == "ger" and "gen" in cases:
        # "jej niezapraszanie", "ich zatrzymanie": the genitive pronoun before a verbal noun is its object
        pro = _pronoun(doc.tokens[head - 1], {"gen"})
        if pro is not None:
            return _pronoun_antecedent(views, view, head - 1, pro, side, etypes, rules)
    # an object quoted right after the trigger ("potępił „niesprowokowany atak”") is still the trigger's
    quoted = head + 1 < view.end and doc.tokens[head + 1].text in QUOTE_OPENERS
    clauses = {clause, view.clause_of.get(head + 2)} if quoted else {clause}
    for j in range(head + 1, min(view.end, head + WINDOW + 1 + quoted)):
        if view.clause_of.get(j) not in clauses and not (quoted and j == head + 1):
            break
        if j in covered:
            return None  # a named entity comes first: the frame's own slots handle it
        tok = doc.tokens[j]
        if tok.kind != "word":
            continue
        prev = doc.tokens[j - 1].text.lower() if j > view.start else ""
        case_ok = cases | ({c for c in fr.ALL_CASES} if prev in preps else set())
        pro = _pronoun(tok, case_ok)
        if pro is not None:
            return _pronoun_antecedent(views, view, head, pro, side, etypes, rules)
        own = next((a for a in tok.analyses if a.pos == "ppron12" and fr._cases(a.tag) & case_ok), None)
        if own is not None:
            # "poinformował mnie": in a quote, the speaker; otherwise the outlet or the reader, no party
            speaker = quote_speaker(doc, tok.start) if ":pri" in own.tag and ":sg" in own.tag else None
            return ([speaker], "recipient:first_person_speaker") if speaker and speaker not in side else None
        lem = fr.lemmas(tok)
        if lem & rules.membership_nouns:
            para = doc.sentences[view.index].paragraph
            best = None
            for k, v in enumerate(views):
                same = doc.sentences[k].paragraph == para
                for g in v.groups:
                    if not same and g.start > j:
                        continue  # outside the paragraph only an organisation named before counts
                    igo = [e for e in g.entities if (etypes.get(e) or {}).get("sector") == "IGO" and e not in side]
                    if igo:
                        d = (not same, abs(g.start - j))
                        if best is None or d < best[0]:
                            best = (d, igo)
            if best:
                return best[1], "recipient:membership_organisation"
            return None
        if lem & rules.attack_nouns:
            # the attack told of just before, else (the story's attack: "potępił atak" paragraphs later) the
            # latest one of the document
            for near in (True, False) if category in rules.story_attack_categories else (True,):
                for ev in reversed(prior_events):
                    if ev.get("event") != "ASSAULT" or near and ev.get("_sentence", -99) < view.index - rules.reach:
                        continue
                    ents = [e for e in ev["actor"] if _outside(e, side, etypes)]
                    if ents:
                        return ents, "recipient:attacker_of_attack" if near else "recipient:attacker_of_story"
            return None
        role = next((rules.role_nouns[x] for x in lem if x in rules.role_nouns), None)
        if role is not None and any(fr._cases(a.tag) & case_ok for a in tok.analyses if a.pos == "subst"):
            owner = next((m for m in view.mentions if m.start == j + 1 and m.kind == "name"), None)
            if owner is not None:  # "ambasadora Rosji", "państw NATO": the genitive names the entity
                return ([owner.entity], "recipient:role_noun_owner") if _outside(owner.entity, side, etypes) \
                    else None
            holder = _role_holder(doc, views, view, lem & set(rules.role_nouns), head, etypes)
            if holder is not None and _outside(holder, side, etypes):
                return [holder], "recipient:role_holder"
            for g in earlier_groups(views, view, head, rules.reach):
                ents = [e for e in g.entities if _outside(e, side, etypes) and _has_role_type(e, role, etypes)]
                if ents:
                    return ents, "recipient:role_noun_antecedent"
            far = role & FAR_ROLE_TYPES
            if far:  # "do sojuszników": the alliance named anywhere before; "mężczyzn": the group of people
                for g in earlier_groups(views, view, head, view.index):
                    ents = [e for e in g.entities if e not in side and _has_role_type(e, far, etypes)]
                    if ents:
                        return ents, "recipient:role_noun_organisation" if "IGO" in far else "recipient:role_noun_group"
            return None
    return None


def _role_holder(doc, views, view, role_lemmas: set[str], head: int, etypes: dict) -> str | None:
    """The person the document introduced with the same role noun ("ambasadora Rosji Siergieja Andriejewa"
    … "wzywało ambasadora"): the latest person named within six words after that noun (no comma or verb
    between), before `head`."""
    found = None
    for v in views[: view.index + 1]:
        for m in v.mentions:
            if m.start >= head or (etypes.get(m.entity) or {}).get("type") != "person":
                continue
            for k in range(m.start - 1, max(v.start, m.start - 7) - 1, -1):  # "dziennikarz „WSJ” Evan G."
                tok = doc.tokens[k]
                if fr.lemmas(tok) & role_lemmas:
                    found = m.entity
                    break
                if tok.text in (",", ";", ":") or fr.token_pos(tok) in fr.FINITE_POS:
                    break
    return found


def recover_subject(doc, views, view, head: int, noun: int, etypes: dict, rules: AnaphoraRules) -> list[str] | None:
    """Entity ids a common-noun subject at token `noun` ("Resort zaprzeczył", "Ministerstwo zażądało") stands
    for: the latest entity named before the verb (this sentence, then earlier ones) of one of the noun's types
    whose name contains one of its name cues (organisations; a country needs no cue); None when none fits."""
    spec = next(((rules.subject_nouns or {})[x] for x in fr.lemmas(doc.tokens[noun])
                 if x in (rules.subject_nouns or {})), None)
    if spec is None:
        return None
    types, cues = spec
    if types == {"person"}:
        # the person the text introduced with this very noun ("dziennikarz Evan Gershkovich" … "Dziennikarz")
        holder = _role_holder(doc, views, view, set(fr.lemmas(doc.tokens[noun])) & set(rules.subject_nouns or {}),
                              noun, etypes)
        if holder is not None:
            return [holder]
    # a person is taken up from where they were the subject ("oskarżany jest … Lakanwal"), not from a genitive
    # attribute ("rządu Aszrafa Ghaniego"); other types, and persons never named in the nominative, from anywhere
    passes = (True, False) if types == {"person"} else (False,)
    for nominative_only in passes:
        for g in earlier_groups(views, view, noun, view.index):
            if nominative_only and "nom" not in g.cases:
                continue
            for e in g.entities:
                ent = etypes.get(e) or {}
                if ent.get("type") not in types:
                    continue
                name = (ent.get("name") or "").lower()
                mentions = " ".join(m.get("text", "") for m in ent.get("mentions") or []).lower()
                if ent.get("type") == "country" or not cues or any(c in name or c in mentions for c in cues):
                    return [e]
    return None
