"""What `kronika kb check` and `kronika kb who` print: the knowledge base seen from the command line."""
from __future__ import annotations

from kronika.actors.kb import KnowledgeBase, load_kb, validate_kb
from kronika.actors.linker import person_on


def check(kb: KnowledgeBase | None = None) -> tuple[list[str], list[str]]:
    """(problems, summary lines) for the knowledge base; no problems means it is valid."""
    kb = kb or load_kb()
    problems = validate_kb(kb)
    roles = sum(len(p.roles) for p in kb.persons.values())
    summary = [
        f"countries      {len(kb.countries)}",
        f"organisations  {len(kb.organizations)}",
        f"persons        {len(kb.persons)}  ({roles} dated roles)",
        f"role words     {len(kb.roles)}",
    ]
    return problems, summary


def _role_line(role) -> str:
    end = role.end or "today"
    acting = " (acting)" if role.acting else ""
    return f"{role.role}{acting} · {role.country} {role.sector} · {role.start} – {end}"


def who(name: str, date: str | None = None, kb: KnowledgeBase | None = None) -> list[str]:
    """Everything `name` (any Polish or English form, inflected or short) can resolve to, with the country and
    sector each person has on `date` (YYYY[-MM[-DD]]) when one is given."""
    kb = kb or load_kb()
    lines: list[str] = []
    for p in kb.persons_by_name(name):
        head = f"person        {p.name}" + (f"  [{p.wikidata}]" if p.wikidata else "")
        lines.append(head)
        if date:
            country, sector = person_on(kb, p, date, [])
            active = kb.person_roles_on(p, date)
            lines.append(f"  on {date}:   country {country or '-'}, sector {sector or '-'}"
                         + ("" if active else "  (no office held then)"))
            for r in active:
                lines.append(f"    {_role_line(r)}")
        else:
            for r in p.roles:
                lines.append(f"  {_role_line(r)}")
    for code in kb.countries_by_form(name):
        c = kb.country(code)
        lines.append(f"country       {c.name} ({c.code})")
    for o in kb.organizations_by_name(name):
        sector, country, typ = o.on(date) if date else (o.sector, o.country, o.type)
        lines.append(f"{typ:<13} {o.name} ({o.id}) · {country or '-'} {sector or '-'}")
    return lines
