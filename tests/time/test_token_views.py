"""token_views shares a word's lemma set between its views and gives what TokenView computes itself."""
from __future__ import annotations

from kronika.lang.base import Analysis, Token
from kronika.time.recognizer import token_views
from kronika.time.rules import TokenView


def _tok(text: str, lemmas: list[str], chosen: int | None = 0, start: int = 0) -> Token:
    analyses = [Analysis(lemma, "subst:sg:nom:m3") for lemma in lemmas]
    return Token(start, start + len(text), text, analyses=analyses,
                 chosen=analyses[chosen] if chosen is not None else None)


def _plain(t: Token) -> TokenView:
    lemmas = {a.lemma for a in t.analyses}
    if t.chosen is not None:
        lemmas.add(t.chosen.lemma)
    return TokenView(t.text, lemmas, t.tag or "", t.start, t.end)


def test_views_equal_the_plain_views():
    toks = [_tok("Maja", ["Maja", "maj"]), _tok("maja", ["maj", "mieć"], 1, 5), _tok("Maja", ["Maja", "maj"], None, 10),
            _tok("2023", [], None, 15), _tok("Maja", ["Maja"], 0, 20)]
    toks[3].analyses = []
    for view, tok in zip(token_views(toks), toks):
        plain = _plain(tok)
        assert (view.text, view.lower, set(view.lemmas), view.tag, view.start, view.end) == \
               (plain.text, plain.lower, plain.lemmas, plain.tag, plain.start, plain.end)
        assert view.sorted_lemmas == plain.sorted_lemmas


def test_the_same_word_with_other_readings_gets_its_own_lemmas():
    first = token_views([_tok("Lipiec", ["lipiec"])])[0]
    other = token_views([_tok("Lipiec", ["lipiec", "Lipiec"])])[0]  # same text and chosen lemma, more readings
    assert first.lemmas == {"lipiec"}
    assert other.lemmas == {"lipiec"}  # lower-cased: "Lipiec" adds nothing new
    third = token_views([_tok("Lipiec", ["lipiec", "lipa"])])[0]
    assert third.lemmas == {"lipiec", "lipa"}
    again = token_views([_tok("Lipiec", ["lipiec"])])
    assert again[0].lemmas == {"lipiec"}
