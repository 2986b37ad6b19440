"""In-document coreference for actor mentions: short forms, role-only mentions, unknown surnames.

- A short form ("Kima", "Putina", "Szojgu") links to the KB person whose full name the document uses; with no
  full name in the document, to the candidate holding an office on the document date (by office precedence),
  or to the only candidate when the word cannot be a common word.
- A singular role-only mention ("prezydent USA", "minister obrony Rosji", "rosyjski prezydent") links to the one
  person who held that office for that country on the document date; without a country ("prezydent",
  "szef MSZ"), to the nearest earlier person holding that office then; a role without an office ("węgierski
  dyplomata") to the nearest earlier person of that country. Plural roles ("przywódcy państw") never do.
- Unknown names of one type with as many words, each word the same word in another case ("Angelą Pick" and
  "Angela Pick", names.py `same_name_forms`), are one entity, named by the form no other form reduces to.
- An unknown one-word name equal to the last (or the first) word of an unknown multi-word person name in the
  same document is that person ("Witkoff" after "Steve Witkoff").
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from kronika.actors import gazetteer as gz

if TYPE_CHECKING:
    from kronika.actors.linker import Linker, Mention
    from kronika.actors.roles import RolePhrase, TokenMatch


def _precedence(linker: "Linker") -> dict[str, int]:
    return {o: i for i, o in enumerate(linker.rules["office_precedence"])}


def _best_rank(linker: "Linker", pid: str) -> int | None:
    roles = linker.kb.person_roles_on(pid, linker.date)
    if not roles:
        return None
    order = _precedence(linker)
    return min(order.get(r.role, len(order)) for r in roles)


def link_short_forms(linker: "Linker", chosen: list["TokenMatch"], full_persons: set[str]) -> None:
    """Adds a person mention for every selected short-form match that resolves (rules in the module doc)."""
    full_at: dict[str, list[int]] = {}
    for m in linker.mentions:
        if m.key[0] == "person":
            full_at.setdefault(m.key[1], []).append(m.start)
    for tm in chosen:
        if tm.kinds() != {gz.PERSON_SHORT} or any(linker.covered[tm.tok_start:tm.tok_end]):
            continue
        cands = sorted({e.target for e in tm.entries(gz.PERSON_SHORT)})
        in_doc = [c for c in cands if c in full_persons]
        start = linker.tokens[tm.tok_start].start
        if in_doc:
            def distance(pid: str) -> tuple[int, int]:
                before = [s for s in full_at.get(pid, []) if s < start]
                return (0, start - max(before)) if before else (1, min(full_at.get(pid, [10 ** 9])) - start)
            pid = min(in_doc, key=distance)
            linker._add(tm.tok_start, tm.tok_end, ("person", pid), "short-form-in-document")
            continue
        chosen_reading = linker.tokens[tm.tok_start].chosen
        if linker._sentence_initial(tm.tok_start) and chosen_reading is not None and \
                chosen_reading.lemma[:1].islower():
            continue  # "Kim jest …" at a sentence start: the pronoun, with no full name in the document
        if _inside_longer_name(linker, tm.tok_start, tm.tok_end):
            continue  # "Matthew Miller": another person than the KB's Miller
        if not _surname_like(linker, tm.tok_start):
            continue  # "Aleksander": a first name alone does not name a KB person without the full name
        ranked = [(r, c) for c in cands if (r := _best_rank(linker, c)) is not None]
        if ranked:
            ranked.sort()
            if len(ranked) == 1 or ranked[0][0] < ranked[1][0]:
                linker._add(tm.tok_start, tm.tok_end, ("person", ranked[0][1]), "short-form-office-on-date")
            continue
        if len(cands) == 1 and not linker._common_word(tm.tok_start):
            linker._add(tm.tok_start, tm.tok_end, ("person", cands[0]), "short-form-unique")


def _capitalised_word(linker: "Linker", i: int) -> bool:
    if not 0 <= i < len(linker.tokens):
        return False
    tok = linker.tokens[i]
    return tok.kind == "word" and tok.text[:1].isupper()


def _inside_longer_name(linker: "Linker", start: int, end: int) -> bool:
    """A capitalised word right before (not at a sentence start) or right after: part of a longer name."""
    before = start - 1
    if _capitalised_word(linker, before) and not linker._sentence_initial(before) \
            and not (linker.tokens[before].chosen and linker.tokens[before].chosen.lemma[:1].islower()):
        return True
    return _capitalised_word(linker, end) and not (linker.tokens[end].chosen and
                                                   linker.tokens[end].chosen.lemma[:1].islower())


def _surname_like(linker: "Linker", i: int) -> bool:
    """Morfeusz reads the word as a surname, or does not know it."""
    analyses = linker.tokens[i].analyses
    if not analyses or any(a.pos == "ign" for a in analyses):
        return True
    return any("nazwisko" in a.names for a in analyses)


def _entity_country(linker: "Linker", m: "Mention") -> str | None:
    if m.key[0] == "person":
        from kronika.actors.linker import person_on

        return person_on(linker.kb, linker.kb.persons[m.key[1]], linker.date, linker.rules["office_precedence"])[0]
    return m.attrs.get("country")


def link_role_only(linker: "Linker", role_phrases: list[tuple["TokenMatch", "RolePhrase"]]) -> None:
    """Adds person mentions for singular role-only phrases that resolve (rules in the module doc)."""
    for tm, rp in role_phrases:
        role = rp.role
        if role.type != "person" or rp.number != "sg":
            continue
        if any(linker.covered[rp.role_start:rp.role_end]):
            continue
        nxt = linker.at.get(rp.name_start)
        if nxt is not None and nxt.kinds() & {gz.PERSON, gz.PERSON_SHORT}:
            continue
        if rp.name_start < len(linker.covered) and linker.covered[rp.name_start] and \
                linker.tokens[rp.name_start].text[:1].isupper() and any(
                    m.tok_start == rp.name_start and m.key[0] in ("person", "new") and
                    (m.key[0] == "person" or m.key[1] == "person") for m in linker.mentions):
            continue  # a name follows: the role types it
        if _capitalised_word(linker, rp.name_start) and not (
                linker.tokens[rp.name_start].chosen and linker.tokens[rp.name_start].chosen.lemma[:1].islower()):
            continue  # a name the KB does not know follows: the role is its description
        start = rp.adjective_start if rp.adjective_start is not None else rp.role_start
        end = rp.tok_end if rp.country_via in ("genitive", "organisation") else rp.role_end
        if rp.country_via == "adjective" and rp.adjective_start is None:
            end = rp.tok_end
        pid = None
        rule = ""
        if rp.country and role.offices:
            for office in role.offices:
                spec = linker.kb.office(office)
                if spec is None or not spec.single_holder:
                    continue  # "ambasador Rosji": many hold it at once
                holders = [p for p in linker.kb.holders_on(office, rp.country, linker.date)
                           if not any(r.acting for r in p.roles if r.role == office and r.active_on(linker.date))]
                holders = holders or linker.kb.holders_on(office, rp.country, linker.date)
                if len(holders) == 1:
                    pid, rule = holders[0].id, "role-holder-on-date"
                    break
        if pid is None:
            pid, rule = _antecedent(linker, rp, linker.tokens[start].start)
        if pid is None:
            continue
        key = ("person", pid) if isinstance(pid, str) else pid
        linker._add(start, end, key, rule)


def _antecedent(linker: "Linker", rp: "RolePhrase", before: int) -> tuple[object, str]:
    """The nearest earlier person mention the role can refer to, as (key or id, rule), or (None, "")."""
    previous = sorted((m for m in linker.mentions if m.start < before), key=lambda m: -m.start)
    for m in previous:
        if m.key[0] == "person":
            pid = m.key[1]
            if rp.role.offices:
                if rp.country and _entity_country(linker, m) != rp.country:
                    continue
                roles = linker.kb.person_roles_on(pid, linker.date)
                if any(r.role in rp.role.offices for r in roles):
                    return pid, "role-antecedent-office"
            elif rp.country and _entity_country(linker, m) == rp.country:
                return pid, "role-antecedent-country"
        elif m.key[0] == "new" and m.key[1] == "person" and rp.country and not rp.role.offices:
            if m.attrs.get("country") == rp.country:
                return m.key, "role-antecedent-country"
    return None, ""


def merge_unknown_surnames(linker: "Linker") -> None:
    """Re-keys one-word unknown person names to the multi-word unknown person whose last or first word they are."""
    full: dict[str, list[tuple]] = {}
    firsts: dict[str, list[tuple]] = {}
    for m in linker.mentions:
        if m.key[0] == "new" and m.key[1] == "person" and len(m.key[2].split()) > 1:
            words = m.key[2].split()
            if m.key not in full.setdefault(words[-1], []):
                full[words[-1]].append(m.key)
            if m.key not in firsts.setdefault(words[0], []):
                firsts[words[0]].append(m.key)
    for m in linker.mentions:
        if m.key[0] != "new" or m.key[1] not in ("person", "organization", "location") or len(m.key[2].split()) != 1:
            continue
        word = m.key[2]
        targets = full.get(word) or firsts.get(word) or []
        if len(targets) == 1:
            target = targets[0]
            attrs = next((x.attrs for x in linker.mentions if x.key == target and x.attrs), None)
            m.key = target
            if attrs:
                for k, v in attrs.items():
                    m.attrs.setdefault(k, v)


def merge_inflected_names(linker: "Linker") -> None:
    """Re-keys unknown names (persons, organisations, places) that are inflected forms of each other to one key (module doc): the key
    none of whose words is an oblique form of the other keys' words, the first mentioned on a tie."""
    from kronika.actors.names import base_candidates, same_name_forms, with_fleeting_e

    first_at: dict[tuple, int] = {}
    for m in sorted(linker.mentions, key=lambda m: m.start):
        if m.key[0] == "new" and m.key[1] in ("person", "organization", "location"):
            first_at.setdefault(m.key, m.start)
    keys = list(first_at)
    parent = {k: k for k in keys}

    def find(k: tuple) -> tuple:
        while parent[k] != k:
            k = parent[k]
        return k

    def reduces(a: str, b: str) -> bool:
        return any(c == b or with_fleeting_e(c) == b for c, _r in base_candidates(a))

    for i, a in enumerate(keys):
        wa = a[2].split()
        for b in keys[i + 1:]:
            wb = b[2].split()
            if a[1] == b[1] and len(wa) == len(wb) and wa != wb and all(same_name_forms(x, y) for x, y in zip(wa, wb)):
                parent[find(b)] = find(a)
    groups: dict[tuple, list[tuple]] = {}
    for k in keys:
        groups.setdefault(find(k), []).append(k)
    rename: dict[tuple, tuple] = {}
    for members in groups.values():
        if len(members) < 2:
            continue

        def oblique(k: tuple) -> int:
            return sum(reduces(x, y) for other in members if other != k
                       for x, y in zip(k[2].split(), other[2].split()) if x != y)
        best = min(members, key=lambda k: (oblique(k), first_at[k]))
        for k in members:
            if k != best:
                rename[k] = best
    if not rename:
        return
    for m in linker.mentions:
        if m.key in rename:
            m.key = rename[m.key]


ALIAS_WORDS = frozenset({"znany", "znana", "znanego", "znanej", "znanemu", "znanym", "znaną", "zwany", "zwana",
                         "zwanego", "zwanej", "nazywany", "nazywana", "nazywanego", "nazywanej"})


def merge_aliases(linker: "Linker") -> None:
    """"Paweł Rubcow, znany jako Pablo González": the name after "znany/zwany jako" is another name of the person
    just named; its mentions take the first name's key."""
    persons = sorted((m for m in linker.mentions if m.key[0] in ("new", "person")
                      and (m.key[0] == "person" or m.key[1] == "person")), key=lambda m: m.tok_start)
    by_start = {m.tok_start: m for m in persons}
    for m in persons:
        k = m.tok_end
        if k < len(linker.tokens) and linker.tokens[k].text == ",":
            k += 1
        if k + 2 > len(linker.tokens) or linker.tokens[k].text.lower() not in ALIAS_WORDS or \
                linker.tokens[k + 1].text.lower() != "jako":
            continue
        alias = by_start.get(k + 2)
        if alias is None or alias.key == m.key:
            continue
        old = alias.key
        for x in linker.mentions:
            if x.key == old:
                x.key = m.key
