"""Recipient recovery: a recipient slot filled by a pronoun, a role noun, a membership noun or an attack noun
takes the entity it stands for from the earlier text (kronika/events/recipients.py, anaphora.yaml)."""
from __future__ import annotations

from kronika.events.recipients import load_anaphora

from .helpers import code, events_of, keys, names


def _one(doc, category: str, rule: str) -> dict:
    found = [e for e in events_of(doc, category) if rule in e["rules"]]
    assert len(found) == 1, [(e["event"], e["rules"]) for e in doc.events]
    return found[0]


def test_pronoun_takes_the_earlier_subject():
    doc = code("Szwecja złożyła wniosek o przystąpienie do NATO w 2022 roku. "
               "Turcja zatwierdziła jej akcesję dopiero w styczniu.")
    ev = _one(doc, "SUPPORT", "recipient:pronoun_antecedent")
    assert keys(doc, ev["actor"]) == {"TUR"}
    assert keys(doc, ev["recipient"]) == {"SWE"}


def test_role_noun_takes_the_earlier_person():
    doc = code("Prezydent Joe Biden przyjechał w poniedziałek do Kijowa. "
               "Wołodymyr Zełenski podziękował gościowi za wsparcie.")
    ev = _one(doc, "SUPPORT", "recipient:role_noun_antecedent")
    assert names(doc, ev["actor"]) == {"Volodymyr Zelenskyy"}
    assert names(doc, ev["recipient"]) == {"Joe Biden"}


def test_membership_noun_takes_the_organisation():
    doc = code("Szwecja od lat współpracuje z NATO. Szwecja złożyła wniosek o członkostwo w maju 2022 roku.")
    ev = _one(doc, "REQUEST", "recipient:membership_organisation")
    assert keys(doc, ev["actor"]) == {"SWE"}
    assert names(doc, ev["recipient"]) == {"NATO"}


def test_attack_noun_takes_the_attacker():
    doc = code("Rosja zaatakowała w nocy Kijów rakietami. Polska stanowczo potępiła atak.")
    ev = _one(doc, "ACCUSE", "recipient:attacker_of_attack")
    assert keys(doc, ev["actor"]) == {"POL"}
    assert keys(doc, ev["recipient"]) == {"RUS"}


def test_the_storys_attack_condemned_paragraphs_later_and_in_quotes():
    doc = code("Rosja zaatakowała w czwartek Ukrainę. Wojska wkroczyły od północy i wschodu. Trwają walki o lotnisko. "
               "Do miasta zmierzają kolejne kolumny.\n\nPremier Kanady potępił „brutalny i niczym "
               "nieuzasadniony atak”.")
    ev = _one(doc, "ACCUSE", "recipient:attacker_of_story")
    assert keys(doc, ev["actor"]) == {"CAN"} and keys(doc, ev["recipient"]) == {"RUS"}
    # help in an attack is not an act towards the story's attacker (only condemning reaches that far)
    doc = code("Rosja zaatakowała w czwartek Ukrainę. Wojska wkroczyły od północy i wschodu. Trwają walki o lotnisko. "
               "Do miasta zmierzają kolejne kolumny.\n\nIran miał pomóc w przygotowaniu ataku.")
    assert all("recipient:attacker_of_story" not in e["rules"] for e in doc.events)


def test_nothing_to_refer_to_leaves_the_act_untargeted():
    doc = code("Polska stanowczo potępiła atak.")
    assert events_of(doc, "ACCUSE") == []


def test_demand_from_marks_the_recipient_with_od():
    doc = code("Chiny zażądały od Japonii wycofania wypowiedzi.")
    (ev,) = events_of(doc, "REQUEST")
    assert keys(doc, ev["actor"]) == {"CHN"}
    assert keys(doc, ev["recipient"]) == {"JPN"}


def test_anaphora_lists_load():
    rules = load_anaphora("pl")
    assert "gość" in rules.role_nouns and "person" in rules.role_nouns["gość"]
    assert "członkostwo" in rules.membership_nouns and "atak" in rules.attack_nouns


def test_a_retaliation_answers_the_attacker_of_the_actors_side():
    doc = code("W nocy Rosja ostrzelała ukraińskie miasta. Ukraińska armia odpowiedziała ogniem artyleryjskim.")
    ev = _one(doc, "ASSAULT", "recipient:attacker_answered")
    assert keys(doc, ev["actor"]) == {"UKR"} and keys(doc, ev["recipient"]) == {"RUS"}
    # with no attack on its side before, an answer has no one to answer
    doc = code("Ukraińska armia odpowiedziała ogniem artyleryjskim.")
    assert events_of(doc, "ASSAULT") == []
