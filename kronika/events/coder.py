"""The event coder: finds trigger words in each sentence, fills their frames with the actor linker's entities,
and writes SPEC.md EVENT dicts (before merging; see merge.py).

Its parts: candidates.py (trigger words in a sentence), frames.py (noun phrases, cases and slots),
mentions.py (entity mentions per token, countries named by adjectives, organs named by their seat),
clues.py (subjects taken up from earlier, possessives, passives, topics, dates by the trigger),
recipients.py (recipients and subjects named by pronouns and common nouns).

`code_document(doc)` returns a `Coding`: the events in text order, the internal data aligned with them
(sentence, trigger tokens, negation, frame, lexicon entry) and the candidates that were dropped, with the reason
(for `kronika explain`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from kronika.events import frames as fr
from kronika.events.candidates import Candidate, find_candidates
from kronika.events.clues import (
    ANNOUNCED_FORCE, FUTURE_TO_AGREE, answered_party, announced_force, conditional_before, dated_noun, origin_adjective,
    us_after, after_possessive, after_reflexive_possessive, clause_subject,
    common_noun_subject_token, date_close, describes_document, happened_to, temporal_phrase, has_dative_object, in_quote, modified_group, planned,
    nominative_subject, quote_speaker, accusation_spans, reported_source, takes_previous_subject, told_as_act, topic_noun,
)
from kronika.events.lexicon import Lexicon, load_lexicon
from kronika.events.mentions import existing_country, materialise_adjective_countries, mention_maps, place_role_groups
from kronika.events.ontology import ontology
from kronika.time.anchoring import event_date
from kronika.events.recipients import earlier_groups, load_anaphora, party_types, recover_recipient, recover_subject


@dataclass
class Coding:
    events: list[dict] = field(default_factory=list)
    internal: list[dict] = field(default_factory=list)
    dropped: list[dict] = field(default_factory=list)
    new_entities: list[dict] = field(default_factory=list)
    weak: list[tuple[dict, dict]] = field(default_factory=list)  # mentions that create no event (merge.py)



SPOKEN_ACTS = frozenset({"CONSULT", "AGREE", "REQUEST"})
"""Categories whose impersonal verbs ("poinformowano", "zaproponowano", "złożono wniosek") the one that spoke
just before performs."""
DATE_REACH_RANK = {"clause": 1, "sentence": 2, "frame": 3}


def date_rank(when: dict, close: bool) -> int:
    """How directly a mention's date is the act's (lower is better, `merge` keeps the best of an event's
    mentions): 0 right by the trigger, 1 in its clause, 2 elsewhere in its sentence, 3 a scene-setting earlier
    sentence, 4 no date."""
    if not when.get("date"):
        return 4
    return 0 if close else DATE_REACH_RANK.get(when.get("reach") or "", 2)


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
        by_token, adjs = mention_maps(doc, adj_tokens)
        etypes = party_types(doc.entities, self.anaphora)
        views: list[fr.SentenceView] = []
        self._views = views
        self._history = []
        last_subject: fr.Group | None = None
        last_paragraph = None
        for si in range(len(doc.sentences)):
            view = fr.build_view(doc, si, self.lex, by_token, adjs)
            place_role_groups(doc, view, self.lex, etypes, adj_tokens)
            views.append(view)
            para = doc.sentences[si].paragraph
            if para != last_paragraph and si > 0 and doc.sentences[si - 1].paragraph != para:
                pass  # a new paragraph keeps the previous subject (headlines often start one)
            last_paragraph = para
            sentence_events: list[tuple[dict, dict]] = []
            cands = find_candidates(doc, view, self.lex)
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
                subj = clause_subject(doc, view, self.lex, clause)
                if subj is not None:
                    last_subject = subj
                    break
        materialise_adjective_countries(doc, coding, adj_tokens)
        return coding

    # ------------------------------------------------------------------ one candidate
    def _embedded_heads(self, doc, view, cands: list[Candidate]) -> set[int]:
        """Heads of triggers inside the 'o'+acc of an accusation: their actor is the accused."""
        out: set[int] = set()
        for c in cands:
            frame = self.lex.frames[c.trigger.frame]
            if frame.embeds is None:
                continue
            o_toks = _prep_tokens(doc, view, c.head, frame.embeds.prep)
            out.update(o.head for o in cands if any(j < o.head <= j + 4 for j in o_toks))
        return out

    def _build(self, doc, view, cand: Candidate, last_subject, etypes, embedded: bool = False):
        lex = self.lex
        t = cand.trigger
        frame = lex.frames[t.frame]
        clause = view.clause_of.get(cand.head, 0)
        v = fr.verb_info(doc, cand.head, view.start)
        if v.person in ("pri", "sec") and not cand.nominal and not in_quote(doc, doc.tokens[cand.head].start):
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
                patient = modified_group(doc, view, cand.head) if doc.tokens[cand.head - 1].text == "," else None
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
            if patient is None and v.passive and recipient_g is None:
                # "Dziennikarz został zatrzymany": the person named before by what they are
                # "ambasador Rosji w Wielkiej Brytanii został wezwany": room for the owner and a place
                noun = common_noun_subject_token(doc, view, cand.head, v, reach=7)
                owner = next((m for m in view.mentions if noun is not None and m.start == noun + 1
                              and m.kind == "name"), None)
                if owner is not None and fr.lemmas(doc.tokens[noun]) & set(self.anaphora.role_nouns):
                    # "ambasador Rosji został wezwany": the role noun's owner stands for the patient
                    found = [owner.entity]
                else:
                    found = recover_subject(doc, self._views, view, cand.head, noun, etypes, self.anaphora) \
                        if noun is not None else None
                if found:
                    patient = fr.Group([fr.Mention(e, noun, noun + 1, frozenset({"nom"}), v.numbers, True)
                                        for e in found], frozenset({"nom"}), v.numbers, None, False,
                                       view.clause_of.get(noun, 0), noun, noun + 1, True, via="common_noun")
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
            if cand.nominal and actor_g is None and after_reflexive_possessive(doc, view, cand.head):
                # "nie zrealizowały swojej obietnicy": the owner of "swój" is the clause's subject
                actor_g = clause_subject(doc, view, lex, clause)
                if actor_g is not None:
                    actor_source = "swój"
                    used.add(id(actor_g))
            for slot in actor_slots:
                if actor_g is not None:
                    break
                g = None
                if slot.name == "subj":
                    if cand.nominal and origin_adjective(doc, view, cand.head, lex):
                        g = None  # "spowodowany zachodnimi sankcjami": the West's, not the clause subject's
                    elif cand.nominal:
                        g = clause_subject(doc, view, lex, clause)
                        if g is not None and all((etypes.get(e) or {}).get("sector") == "MED" for e in g.entities):
                            g = None  # "Jak zauważa agencja AFP, … po spotkaniu …": the outlet reports the act
                        if g is not None and not frame.reciprocal and temporal_phrase(doc, view, cand.head):
                            g = None  # "Decyzję podjęła po ataku na żołnierzy": the attack is not the subject's
                    elif fr.token_pos(doc.tokens[cand.head]) == "pact" and not describes_document(doc, view, lex,
                                                                                                cand.head):
                        # an active participle describes the noun before it ("Rosjanie atakujący miasto"): that
                        # noun is its doer, not the clause's subject ("widzowie obejrzeli nagranie pokazujące …");
                        # a document's ("rezolucja wzywająca …") is the subject who issues it, as below
                        g = modified_group(doc, view, cand.head)
                        if g is not None:
                            rules.append("participle_noun")
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
            if recipient_g is None and cand.negated and any(sl.kind == "case" and sl.case == "acc" for sl in recip_slots):
                # genitive of negation: "nie zaprosił premiera Węgier", "nie uznaje Kosowa"
                g = fr.find_slot(doc, view, lex, fr.Slot("case", case="gen", name="gen"), cand.head, clause, used,
                                 cand.companions)
                if g is not None and g.start > cand.head:
                    recipient_g = g
                    used.add(id(g))
                    rules.append("recipient:genitive_of_negation")
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
            speaker = quote_speaker(doc, doc.tokens[cand.head].start) if v.person == "pri" else None
            if speaker:
                actors, source = [speaker], "quote_speaker"
            else:
                prev = None
                # a noun deep in a phrase ("zaangażowani w próbę zabójstwa") is no act of an earlier subject
                deep = cand.nominal and fr.inside_noun_phrase(doc, view, cand.head)
                for c in range(clause - 1, -1, -1) if not deep else ():
                    prev = clause_subject(doc, view, lex, c)
                    if prev is not None and all((etypes.get(e) or {}).get("sector") == "MED" for e in prev.entities):
                        prev = None  # "Jak podaje agencja Reuters, …": the outlet reports, it does not act
                        break
                    if prev is not None:
                        break
                source = "earlier_clause"
                if prev is None and last_subject is not None and takes_previous_subject(doc, view, lex, cand, v):
                    prev, source = last_subject, "previous_sentence"
                if prev is not None and (cand.nominal or (fr.agrees_fully(prev, v) if source == "previous_sentence"
                                                          else fr._agrees(prev, v))):
                    actors = list(prev.entities)
                else:
                    source = ""
            if not actors and cand.nominal and (extra_actors or after_possessive(doc, view, cand.head)
                                                or (frame.reciprocal and dated_noun(doc, cand.head))):
                # "spotkanie z wysłannikami" in Putin's quote, "jego rozmowy z Kijowem", "Putin, przed spotkaniem
                # z przedstawicielami …, wziął udział": the other party is the speaker, the owner, the subject
                found_party, source = self._nominal_party(doc, view, cand, last_subject)
                if found_party:
                    actors = found_party
            if not actors and not cand.nominal and not v.passive and not v.impersonal:
                noun = common_noun_subject_token(doc, view, cand.head, v)
                found = recover_subject(doc, self._views, view, cand.head, noun, etypes, self.anaphora) \
                    if noun is not None else None
                if found:
                    actors, source = found, "common_noun_antecedent"
            if actors:
                rules.append(f"actor:{source}")
        passive_act = (v.passive and told_as_act(doc, view, cand.head)) or v.impersonal
        if not actors and not embedded and t.reported_actor and passive_act:
            # "Jak podkreślają sojusznicy Kijowa, administracja Trumpa jest oskarżana o …": who reports an
            # accusation told with no accuser makes it
            found = reported_source(doc, doc.tokens[cand.head].start)
            if found and found not in (recipient_g.entities if recipient_g is not None else []):
                actors = [found]
                rules.append("actor:reported_source")
        patients = recipient_g.entities if recipient_g is not None else []
        if not actors and not embedded and t.authority and (
                passive_act or (cand.nominal and happened_to(doc, view, cand.head))) and (
                not t.authority_over_people or (patients and all(
                    (etypes.get(e) or {}).get("type") in ("person", "group") for e in patients))):
            found = self._authority_of_place(doc, view, recipient_g.entities if recipient_g is not None else ())
            if found:
                actors = [found]
                rules.append("actor:authority_of_place")
        if not actors and not embedded and v.impersonal and not t.authority and t.category in SPOKEN_ACTS and \
                not any(doc.tokens[j].text.lower() == "czy" and view.clause_of.get(j) == clause
                        for j in range(view.start, cand.head)):  # "nie wiadomo, czy poinformowano": no act
            # "O planie poinformowano Amerykanów": an institution speaks impersonally; the one that spoke last in
            # the paragraph is the doer
            found = self._latest_speaker(doc, view, cand.head, recipient_g.entities if recipient_g is not None else ())
            if found:
                actors = [found]
                rules.append("actor:latest_speaker")
        for e in extra_actors:
            if e not in actors:
                actors.append(e)
        recipients = [e for e in (recipient_g.entities if recipient_g is not None else []) if e not in actors]
        if not recipients and actors and not frame.reciprocal:
            found = recover_recipient(doc, self._views, view, cand.head, frame, cand.nominal, actors, etypes,
                                      self._history, self.anaphora, t.category)
            if found is not None:
                recipients, rule = found
                rules.append(rule)
        if not recipients and actors and t.place_owner:
            # "okupują dwa miasta - Gomę i Bukavu": the state the places taken lie in
            owners = self._owners_of_places(doc, view, cand.head, actors, etypes)
            if owners:
                recipients = owners
                rules.append("recipient:state_of_place")
        if not recipients and actors and t.category == "REJECT" and not cand.negated and \
                not has_dative_object(doc, view, cand.head):
            accusers = answered_party(actors, etypes, self._history, view.index, self.anaphora.reach)
            if accusers:
                recipients = accusers
                rules.append("recipient:accuser_of_denied")
        if not recipients and actors and t.retaliation:
            attackers = answered_party(actors, etypes, self._history, view.index, self.anaphora.reach, "ASSAULT")
            if attackers:
                recipients = attackers
                rules.append("recipient:attacker_answered")
        recipients = self._states_of_places(doc, recipients, actors, etypes)
        # a noun subject with no party named takes up an act told of before ("Dzisiejsze sankcje to kolejny
        # krok", "Rozejm wszedł w życie"): kept only as a further mention of it (merge.py `restated`)
        restatement = not actors and not embedded and cand.nominal and nominative_subject(doc, cand.head)
        if not actors and not embedded and not restatement:
            return None, None, "no actor found"
        weak = ("recipient" in t.require and not recipients) or restatement
        category = t.category
        # the "nie" of "nie zgodziła się" (REJECT) or "nie przyznaje się do winy" is part of the act, not its status
        negation_consumed = cand.negated and bool(t.negated or t.only_negated)
        if cand.negated and t.negated:
            category = t.negated
            rules.append(f"negated->{category}")
        if t.with_recipient and recipients:
            category = t.with_recipient
            rules.append(f"with_recipient->{category}")
        if t.with_person_recipient and recipients and actors and all(
                (etypes.get(e) or {}).get("type") == "person" for e in recipients + actors) and not any(
                cue & fr.lemmas(doc.tokens[j]) for cat, _m, cue in self.lex.mode_cues if cat == t.category
                for j in range(view.start, view.end) if view.clause_of.get(j) == clause):
            # "Trump uderza w Bidena": one person's blow at another is words, unless a weapon is named ("nożem")
            category = t.with_person_recipient
            rules.append(f"with_person_recipient->{category}")
        if category in FUTURE_TO_AGREE and not cand.negated and planned(doc, cand, view):
            category = "AGREE"
            rules.append("future->AGREE")
        elif category == "ASSAULT" and actors and conditional_before(doc, view, cand.head, self.lex):
            # "Jeśli Europa zechce rozpocząć z nami wojnę, to …" in Putin's words: a threat to the would-be attacker
            speaker = quote_speaker(doc, doc.tokens[cand.head].start)
            home = (etypes.get(speaker) or {}).get("country") if speaker else None
            on_us = any(r == speaker or (etypes.get(r) or {}).get("country") == home for r in recipients) or \
                us_after(doc, view, cand.head)
            if speaker and on_us and speaker not in actors and not any(
                    (etypes.get(a) or {}).get("country") == home and home for a in actors):
                category, actors, recipients = "THREATEN", [speaker], list(actors)
                rules.append("conditional_attack->THREATEN")
        elif category in ANNOUNCED_FORCE and not cand.negated and announced_force(doc, view, cand, self.lex):
            # "oświadczył, że Rosja przejmie kontrolę nad Donbasem", "zapowiada przejęcie kontroli": force
            # announced for the future is a threat (PLOVER THREATEN)
            category = "THREATEN"
            rules.append("announced_force->THREATEN")
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
        when = event_date(doc, view.index, (ts, te))
        if cand.nominal and when.get("date") and topic_noun(doc, view, cand.head, lex.comment_verbs) and \
                not date_close(doc, doc.sentences[view.index], when.get("date_text"), ts, te):
            # "W czwartek zabrał głos na temat niedawnej rozmowy": the day is the speaking's, not the talks'
            when = {"date": None, "precision": "unknown", "enddate": None, "date_text": None}
            rules.append("date:topic_noun")
        close = date_close(doc, s, when.get("date_text"), ts, te)
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
                    "date_rank": date_rank(when, close),
                    "venue": (venue or {}).get("country"),
                    "negated": cand.negated and not negation_consumed, "negation_consumed": negation_consumed,
                    "negation_rule": cand.negation_rule, "frame": frame.name, "lexicon_entry": t.name, "own_act": t.own_act, "nominal": cand.nominal,
                    "reciprocal": bool(frame.reciprocal) and not t.solo, "weak": weak, "embedded_in": None, "merged": [],
                    "restatement": restatement}
        if restatement:
            return ev, internal, "no actor found (kept as a mention of an earlier act)"
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
            for g in earlier_groups(self._views, view, j, 2):
                if g.prep or (nums and g.numbers and not (g.numbers & nums)):
                    continue
                if gens and g.genders and not (g.genders & gens):
                    continue
                return g
            return None
        return None

    def _states_of_places(self, doc, recipients: list[str], actors: list[str], etypes: dict) -> list[str]:
        """Recipients that are places stand for their state when the text names it ("kontrolę nad Donbasem" →
        Ukraine, "ostrzał Charkowa" → Ukraine); a place of the actors' own state, or of a state not named, stays;
        a place of no state ("kraje Zachodu") is no recipient."""
        own = {(etypes.get(a) or {}).get("country") for a in actors if (etypes.get(a) or {}).get("type") == "country"}
        out: list[str] = []
        for r in recipients:
            ent = etypes.get(r) or {}
            if ent.get("type") == "location" and not ent.get("country"):
                continue  # "atak na kraje Zachodu", "na Morzu Czarnym": a region of no state is no party
            state = existing_country(doc, ent["country"]) if ent.get("type") == "location" and ent.get("country") \
                and ent["country"] not in own else None
            r = state or r
            if r not in out and r not in actors:
                out.append(r)
        return out

    def _latest_speaker(self, doc, view, head: int, patients=(), reach: int = 2) -> str | None:
        """The speaker of the latest quote told before the trigger in its paragraph and at most `reach` sentences
        back — not a medium (an outlet reports, it does not act) and not one of `patients`."""
        para = doc.sentences[view.index].paragraph
        first = max(0, view.index - reach)
        while first < view.index and doc.sentences[first].paragraph != para:
            first += 1
        lo, at = doc.sentences[first].start, doc.tokens[head].start
        sectors = {e["id"]: e.get("sector") for e in doc.entities}
        best = None
        for q in doc.quotes or ():
            speaker = q.get("speaker")
            if lo <= q.get("start", -1) < at and speaker and speaker not in patients and sectors.get(speaker) != "MED":
                if best is None or q["start"] > best["start"]:
                    best = q
        return best["speaker"] if best else None

    def _owners_of_places(self, doc, view, head: int, actors: list[str], etypes: dict, reach: int = 12) -> list[str]:
        """The country entities of the places (locations with a known state) named within `reach` words after
        the trigger, the acting states' own left out (an armed group may take towns of its own country)."""
        own = {(etypes.get(a) or {}).get("country") for a in actors if (etypes.get(a) or {}).get("type") == "country"}
        out: list[str] = []
        for m in view.mentions:
            if not head < m.start <= head + reach:
                continue
            ent = etypes.get(m.entity) or {}
            if ent.get("type") != "location" or not ent.get("country") or ent["country"] in own:
                continue
            found = existing_country(doc, ent["country"])
            if found and found not in out and found not in actors:
                out.append(found)
        return out

    def _authority_of_place(self, doc, view, patients=()) -> str | None:
        """The country entity of the place a passive state act happens in: the nearest place ("w"/"na" +
        locative: a location or a country) in the sentence, else the state of the sentence's subject, else a place
        in the two sentences before it in the same paragraph, else the latest one named before; None when the
        document names no such country as an entity. Places inside what someone is accused of ("oskarżonych o
        działania w Ukrainie") are the accused act's, and the state of a patient (`patients`, the subject of a
        passive) is not the authority acting on it."""
        para = doc.sentences[view.index].paragraph
        etypes = {e["id"]: e for e in doc.entities}
        charged = accusation_spans(doc)
        near = [k for k in range(view.index, max(-1, view.index - 3), -1) if doc.sentences[k].paragraph == para]
        for n, k in enumerate(near + [k for k in range(view.index - 1, -1, -1) if k not in near]):
            v = self._views[k] if k != view.index else view
            for g in v.groups:
                if g.prep not in ("w", "na") or "loc" not in g.cases:
                    continue
                at = doc.tokens[g.start].start
                if any(a <= at < b for a, b in charged):
                    continue
                for e in g.entities:
                    ent = etypes.get(e) or {}
                    if ent.get("type") in ("location", "country") and ent.get("country"):
                        found = existing_country(doc, ent["country"])
                        if found:
                            return found
            if n == 0:
                # no place in the sentence: the state whose leader or organ is its subject ("Łukaszenka ułaskawił
                # Kriegera, skazanego wcześniej …")
                for g in v.groups:
                    if g.prep or g.attribute or "nom" not in g.cases:
                        continue
                    if set(g.entities) & set(patients):
                        continue
                    for e in g.entities:
                        ent = etypes.get(e) or {}
                        if ent.get("type") in ("person", "country", "organization") and ent.get("country") and \
                                ent.get("sector") != "MED":
                            found = existing_country(doc, ent["country"])
                            if found:
                                return found
        return None

    def _nominal_party(self, doc, view, cand: Candidate, last_subject) -> tuple[list[str], str]:
        """The unnamed party of a noun trigger: the speaker of the quote it stands in; after a possessive
        ("jego rozmowy"), the subject of the sentence before; else the nearest subject-like group (nominative,
        no preposition) before it in the sentence."""
        speaker = quote_speaker(doc, doc.tokens[cand.head].start)
        if speaker:
            return [speaker], "quote_speaker"
        if after_possessive(doc, view, cand.head) and last_subject is not None:
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
        clauses = {view.clause_of.get(head)}
        if own_clause and fr.relative_clause(doc, view, lex=self.lex, clause=view.clause_of.get(head, 0)):
            # "w Budapeszcie gościł Kristersson, który rozmawiał z Orbánem": the relative clause's place is its
            # antecedent's
            clauses.add(view.clause_of.get(head, 0) - 1)
        for g in view.groups:
            if id(g) in used or g.prep not in ("w", "na") or "loc" not in g.cases:
                continue
            if own_clause and (view.clause_of.get(g.start) not in clauses or any(
                    abs(g.start - h) < abs(g.start - head) for h in self._heads)):
                continue
            ent = etypes.get(g.mentions[0].entity)
            if not ent or ent.get("type") != "location":
                continue
            # a place of unknown country ("w bazie Elmendorf-Richardson") yields to a located one ("na Alasce")
            d = (not ent.get("country"), abs(g.start - head))
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
            o_toks = _prep_tokens(doc, view, internal["head"], frame.embeds.prep)
            for k2, (ev2, int2) in enumerate(events):
                if k2 == k or not any(j < int2["head"] <= j + 4 for j in o_toks):
                    continue
                if int2.get("embedded_in") is not None:
                    continue
                ev2["actor"] = list(ev["recipient"])
                ev2["recipient"] = [r for r in ev2["recipient"] if r not in ev2["actor"]]
                ev2["rules"].append("embedded_in_accusation")
                int2["embedded_in"] = k


def _prep_tokens(doc, view, head: int, prep: str) -> list[int]:
    """Every `prep` ("o") after the trigger at `head` in its clause: "oskarżonych o organizację …, w tym o
    planowanie ataku" names two acts."""
    clause = view.clause_of.get(head)
    return [j for j in range(head + 1, view.end) if view.clause_of.get(j) == clause
            and doc.tokens[j].text.lower() == prep]


def code_document(doc, lexicon: Lexicon | None = None) -> Coding:
    """Code every sentence of `doc` (tokens, sentences, entities and timexes already written)."""
    return Coder(lexicon).code(doc)
