"""kronika's actor knowledge base: states, organisations, persons with dated roles, and role words.

Everything is read from the data files in `kronika/actors/data/` (format: data/README.md). `load_kb()` reads
them once per process; `validate_kb()` lists every problem a linguist's edit may have introduced.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Iterable

import yaml

from kronika.actors.dates import PartialDate, parse_partial_date
from kronika.actors.forms import polish_forms

DATA = Path(__file__).resolve().parent / "data"

SECTORS: frozenset[str] = frozenset(
    "GOV MIL LEG JUD POL MED BUS CVL REB IGO NGO REL EDU HLH SPY COP".split())
ENTITY_TYPES: frozenset[str] = frozenset({"person", "organization", "country", "location", "group"})
GENDERS: frozenset[str] = frozenset({"m", "f"})
_QID_RE = re.compile(r"^Q[1-9][0-9]*$")
_ISO3_RE = re.compile(r"^[A-Z]{3}$")
_ISO2_RE = re.compile(r"^[A-Z]{2}$")
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_FAMILY_NAME_FIRST = frozenset({"CHN", "PRK", "KOR", "TWN", "VNM"})


# ------------------------------------------------------------------------------------------- records

@dataclass(frozen=True)
class Name:
    """A base-form name; `weak` names are ambiguous ("Kongo", "Bruksela" for the EU) and need context."""

    text: str
    weak: bool = False

    @staticmethod
    def parse(raw: str) -> "Name":
        raw = raw.strip()
        if raw.startswith("~"):
            return Name(raw[1:].strip(), True)
        return Name(raw, False)


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-3 (XKX for Kosovo)
    alpha2: str
    kind: str  # state | territory
    name: str  # English short name (English Wikipedia title without a disambiguator)
    other_english: tuple[str, ...]
    polish_names: tuple[Name, ...]
    adjectives: tuple[Name, ...]
    demonyms: tuple[Name, ...]
    capitals: tuple[Name, ...]
    seats: tuple[Name, ...]
    wikidata: str | None

    @property
    def polish_name(self) -> str:
        """The official Polish short name (the first name listed)."""
        return self.polish_names[0].text if self.polish_names else self.name


@dataclass(frozen=True)
class Period:
    """A dated change of an organisation's sector or country (the Taliban are REB, then GOV of AFG)."""

    start: PartialDate | None
    end: PartialDate | None
    sector: str | None
    country: str | None
    type: str | None = None


@dataclass(frozen=True)
class Organization:
    id: str  # an IGO's code from SPEC.md §4 (EU, NATO …) or a slug
    name: str  # canonical English name
    type: str  # organization | group
    sector: str | None
    country: str | None  # ISO alpha-3 or IGO code
    polish_names: tuple[Name, ...]
    other_names: tuple[str, ...]
    metonyms: tuple[Name, ...]
    wikidata: str | None = None
    parent: str | None = None
    periods: tuple[Period, ...] = ()
    note: str | None = None

    def on(self, date: str | PartialDate) -> tuple[str | None, str | None, str]:
        """(sector, country, type) on a date: the last dated period that overlaps it, else the defaults."""
        query = _as_partial(date)
        sector, country, typ = self.sector, self.country, self.type
        for period in self.periods:
            if _overlaps(period.start, period.end, query):
                sector = period.sector or sector
                country = period.country or country
                typ = period.type or typ
        return sector, country, typ


@dataclass(frozen=True)
class Role:
    """A dated role: an office (roles.tsv / offices.tsv key) held for a country or IGO."""

    role: str
    country: str
    sector: str
    start: PartialDate
    end: PartialDate | None  # None: still held
    acting: bool = False
    title: str | None = None
    note: str | None = None

    def active_on(self, date: str | PartialDate) -> bool:
        """True when any day of `date` (at its precision) may fall within the term.

        A term is taken at its widest: from the first day its start can denote to the last day its end can
        denote, both included (a handover day belongs to both holders).
        """
        return _overlaps(self.start, self.end, _as_partial(date))


@dataclass(frozen=True)
class Person:
    id: str
    name: str  # canonical English name (English Wikipedia title)
    polish_names: tuple[Name, ...]
    other_names: tuple[str, ...]  # other spellings: English, native, transliterations
    gender: str  # m | f
    wikidata: str | None
    country: str | None  # the state the person belongs to when no role says otherwise
    sector: str | None  # the person's sector when no role applies (an opposition politician: POL)
    roles: tuple[Role, ...]
    note: str | None = None
    source: str = ""
    short: tuple[str, ...] = ()  # short forms as written in the data ("Kim" for Kim Jong Un)

    def all_names(self) -> tuple[str, ...]:
        return tuple(n.text for n in self.polish_names) + (self.name,) + self.other_names

    def short_names(self) -> tuple[str, ...]:
        """The forms a text uses alone after the first mention: the data's `short`, else the family name of
        each full name (the first word for Chinese, Korean, Taiwanese and Vietnamese names, else the last
        word with its particles: "von der Leyen")."""
        if self.short:
            return self.short
        out: list[str] = []
        for text in self.all_names():
            words = text.split()
            if len(words) < 2:
                continue
            if self.country in _FAMILY_NAME_FIRST:
                short = words[0]
            else:
                i = len(words) - 1
                while i > 0 and words[i - 1][:1].islower():
                    i -= 1
                short = " ".join(words[i:])
            if short not in out:
                out.append(short)
        return tuple(out)


@dataclass(frozen=True)
class Office:
    key: str
    sector: str
    single_holder: bool  # at most one (non-acting) holder per country at a time
    scope: str  # state | igo | any
    description: str


@dataclass(frozen=True)
class RoleWord:
    """A Polish role word or phrase in its base form ("minister obrony") → office keys, sector, entity type."""

    phrase: str
    offices: tuple[str, ...]
    sector: str | None
    type: str
    weak: bool = False
    note: str | None = None


# ------------------------------------------------------------------------------------------- helpers

class KBError(ValueError):
    """A data file cannot be read into the knowledge base (bad syntax, a malformed date, a duplicate id)."""


def _as_partial(date: str | PartialDate | dt.date) -> PartialDate:
    return date if isinstance(date, PartialDate) else parse_partial_date(date)


def _overlaps(start: PartialDate | None, end: PartialDate | None, query: PartialDate) -> bool:
    first = start.first if start else dt.date.min
    last = end.last if end else dt.date.max
    return query.first <= last and first <= query.last


def _fold(text: str) -> str:
    """Case- and diacritic-insensitive key ("Zełenski" and "zelenski" fold alike; ł → l)."""
    text = unicodedata.normalize("NFKD", text.casefold()).replace("ł", "l")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w\s-]", " ", text).split())


def _split_list(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a TSV whose first non-comment line is the header. Comments start with '#'."""
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = line.rstrip("\n").split("\t")
            if header is None:
                header = [c.strip() for c in cells]
                continue
            if len(cells) > len(header):
                raise ValueError(f"{path.name}:{lineno}: {len(cells)} columns, header has {len(header)}")
            cells += [""] * (len(header) - len(cells))
            row = {h: c.strip() for h, c in zip(header, cells)}
            row["_line"] = str(lineno)
            rows.append(row)
    return rows


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _fold(text)).strip("-")


def _strs(values: Iterable[str] | str | None, where: str = "") -> tuple[str, ...]:
    """A YAML scalar or list as a tuple of strings; anything YAML read as a number or a boolean is refused
    (an unquoted `NO` or `2050` in a list of names is a mistake: quote it)."""
    if values is None:
        return ()
    if isinstance(values, str):
        return (values,)
    if not isinstance(values, list):
        raise KBError(f"{where}: expected a name or a list of names, got {values!r}")
    for v in values:
        if not isinstance(v, str):
            raise KBError(f"{where}: {v!r} is not text; put it in quotes")
    return tuple(values)


def _names(values: Iterable[str] | str | None, where: str = "") -> tuple[Name, ...]:
    return tuple(Name.parse(v) for v in _strs(values, where))


# ------------------------------------------------------------------------------------------- loading

class _StringDateLoader(yaml.SafeLoader):
    """A safe YAML loader that leaves dates as strings ("2023-08-15"), so the KB parses and checks them."""


_StringDateLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _read_yaml(path: Path) -> list[dict]:
    try:
        entries = yaml.load(path.read_text(encoding="utf-8"), Loader=_StringDateLoader) or []
    except yaml.YAMLError as exc:
        raise KBError(f"{path.name}: not valid YAML: {exc}") from None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise KBError(f"{path.name}: must be a list of mappings")
    return entries


def _load_countries(path: Path) -> dict[str, Country]:
    out: dict[str, Country] = {}
    for row in _read_tsv(path):
        code = row["iso3"]
        if code in out:
            raise KBError(f"{path.name}:{row['_line']}: duplicate country code {code}")
        out[code] = Country(
            code=code, alpha2=row["iso2"], kind=row["kind"], name=row["name_en"],
            other_english=tuple(_split_list(row["en_other"])),
            polish_names=tuple(Name.parse(x) for x in _split_list(row["pl_names"])),
            adjectives=tuple(Name.parse(x) for x in _split_list(row["adjectives"])),
            demonyms=tuple(Name.parse(x) for x in _split_list(row["demonyms"])),
            capitals=tuple(Name.parse(x) for x in _split_list(row["capitals"])),
            seats=tuple(Name.parse(x) for x in _split_list(row["seats"])),
            wikidata=row["wikidata"] or None,
        )
    return out


def _load_offices(path: Path) -> dict[str, Office]:
    out: dict[str, Office] = {}
    for row in _read_tsv(path):
        key = row["office"]
        if key in out:
            raise KBError(f"{path.name}:{row['_line']}: duplicate office {key}")
        out[key] = Office(key, row["sector"], row["single_holder"] == "yes", row["scope"], row["description"])
    return out


def _load_roles(path: Path) -> tuple[RoleWord, ...]:
    out = []
    for row in _read_tsv(path):
        phrase = Name.parse(row["phrase"])
        offices = tuple(o for o in _split_list(row["office"]) if o != "-")
        sector = row["sector"] if row["sector"] not in ("", "-") else None
        out.append(RoleWord(phrase.text, offices, sector, row["type"], phrase.weak, row.get("note") or None))
    return tuple(out)


def _parse_date_field(value: object, where: str) -> PartialDate:
    try:
        return parse_partial_date(value)
    except ValueError as exc:
        raise KBError(f"{where}: {exc}") from None


def _load_organizations(path: Path) -> dict[str, Organization]:
    entries = _read_yaml(path)
    out: dict[str, Organization] = {}
    for i, e in enumerate(entries):
        where = f"{path.name} entry {i + 1} ({e.get('name', '?')})"
        if "name" not in e:
            raise KBError(f"{where}: no name")
        oid = str(e.get("id") or _slug(e["name"]))
        if oid in out:
            raise KBError(f"{where}: duplicate organisation id {oid}")
        periods = []
        for p in e.get("periods") or []:
            periods.append(Period(
                start=_parse_date_field(p["start"], where) if p.get("start") is not None else None,
                end=_parse_date_field(p["end"], where) if p.get("end") is not None else None,
                sector=p.get("sector"), country=p.get("country"), type=p.get("type")))
        out[oid] = Organization(
            id=oid, name=e["name"], type=e.get("type", "organization"), sector=e.get("sector"),
            country=e.get("country"), polish_names=_names(e.get("pl"), where),
            other_names=_strs(e.get("also"), where), metonyms=_names(e.get("metonyms"), where), wikidata=e.get("wikidata"), parent=e.get("parent"),
            periods=tuple(periods), note=e.get("note"))
    return out


def _load_persons(paths: Iterable[Path], offices: dict[str, Office]) -> dict[str, Person]:
    out: dict[str, Person] = {}
    for path in paths:
        entries = _read_yaml(path)
        for i, e in enumerate(entries):
            where = f"persons/{path.name} entry {i + 1} ({e.get('name', '?')})"
            if "name" not in e:
                raise KBError(f"{where}: no name")
            pid = str(e.get("id") or _slug(e["name"]))
            if pid in out:
                raise KBError(f"{where}: duplicate person id {pid} (also in {out[pid].source})")
            roles = []
            for r in e.get("roles") or []:
                office = offices.get(str(r.get("role")))
                sector = r.get("sector") or (office.sector if office else None)
                roles.append(Role(
                    role=str(r.get("role")), country=str(r.get("country")), sector=str(sector),
                    start=_parse_date_field(r.get("start"), where),
                    end=_parse_date_field(r["end"], where) if r.get("end") is not None else None,
                    acting=bool(r.get("acting", False)), title=r.get("title"), note=r.get("note")))
            out[pid] = Person(
                id=pid, name=e["name"], polish_names=_names(e.get("pl"), where),
                other_names=_strs(e.get("also"), where),
                gender=str(e.get("gender", "")), wikidata=e.get("wikidata"), country=e.get("country"),
                sector=e.get("sector"), roles=tuple(roles), note=e.get("note"), source=path.name,
                short=_strs(e.get("short"), where))
    return out


# ------------------------------------------------------------------------------------------- the KB

@dataclass
class KnowledgeBase:
    countries: dict[str, Country]
    organizations: dict[str, Organization]
    persons: dict[str, Person]
    offices: dict[str, Office]
    roles: tuple[RoleWord, ...]
    _cache: dict = field(default_factory=dict, repr=False)

    # --- countries
    def country(self, code: str) -> Country | None:
        """The state or territory with this ISO 3166-1 alpha-3 (or alpha-2) code, any letter case."""
        code = code.upper()
        if code in self.countries:
            return self.countries[code]
        for c in self.countries.values():
            if c.alpha2 == code:
                return c
        return None

    @cached_property
    def countries_by_polish_name(self) -> dict[str, tuple[str, ...]]:
        """Polish base-form name (strong and weak, as written in countries.tsv) → country codes."""
        index: dict[str, list[str]] = {}
        for c in self.countries.values():
            for n in c.polish_names:
                index.setdefault(n.text, []).append(c.code)
        return {k: tuple(v) for k, v in index.items()}

    def countries_by_form(self, form: str) -> tuple[str, ...]:
        """Codes of the countries one of whose Polish names has this (inflected) form ("Koreę Północną")."""
        index = self._cache.get("country_forms")
        if index is None:
            index = {}
            for c in self.countries.values():
                for n in c.polish_names:
                    for f in polish_forms(n.text):
                        index.setdefault(_fold(f), set()).add(c.code)
            self._cache["country_forms"] = index
        return tuple(sorted(index.get(_fold(form), ())))

    # --- IGOs and organisations
    @cached_property
    def igo_codes(self) -> frozenset[str]:
        """Codes usable as `country` for intergovernmental organisations (EU, NATO, UN …)."""
        return frozenset(o.id for o in self.organizations.values() if o.sector == "IGO" and o.country == o.id)

    def organization(self, oid: str) -> Organization | None:
        return self.organizations.get(oid)

    def organizations_by_name(self, form: str) -> list[Organization]:
        """Organisations with a Polish name, acronym or English name whose base or inflected form is `form`."""
        index = self._cache.get("org_forms")
        if index is None:
            index = {}
            for o in self.organizations.values():
                texts = [n.text for n in o.polish_names] + [o.name, *o.other_names]
                for text in texts:
                    for f in polish_forms(text) | {text}:
                        index.setdefault(_fold(f), set()).add(o.id)
            self._cache["org_forms"] = index
        return [self.organizations[i] for i in sorted(index.get(_fold(form), ()))]

    # --- persons
    def person(self, pid: str) -> Person | None:
        return self.persons.get(pid)

    def _person_index(self) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        cached = self._cache.get("person_forms")
        if cached is None:
            full: dict[str, set[str]] = {}
            last: dict[str, set[str]] = {}
            for p in self.persons.values():
                for text in p.all_names():
                    for f in polish_forms(text, person=True, gender=p.gender or None):
                        full.setdefault(_fold(f), set()).add(p.id)
                for short in p.short_names():
                    for f in polish_forms(short, person=True, gender=p.gender or None):
                        last.setdefault(_fold(f), set()).add(p.id)
            cached = (full, last)
            self._cache["person_forms"] = cached
        return cached

    def persons_by_name(self, form: str) -> list[Person]:
        """Persons one of whose names (Polish or English spelling, any inflected form) is `form`.

        A full name is tried first ("Siergieja Szojgu", "Sergei Shoigu"); when nothing matches, the short
        form alone ("Szojgu", "Putina", "Kima": see Person.short_names). Matching ignores letter case and
        diacritics. Sorted by id.
        """
        full, last = self._person_index()
        key = _fold(form)
        ids = full.get(key) or last.get(key) or set()
        return [self.persons[i] for i in sorted(ids)]

    def person_roles_on(self, person: Person | str, date: str | PartialDate) -> list[Role]:
        """The person's roles active on `date` (YYYY, YYYY-MM or YYYY-MM-DD; see Role.active_on)."""
        p = person if isinstance(person, Person) else self.persons[person]
        query = _as_partial(date)
        return [r for r in p.roles if r.active_on(query)]

    def holders_on(self, role: str, country: str, date: str | PartialDate) -> list[Person]:
        """Persons holding `role` for `country` on `date` (acting holders included)."""
        query = _as_partial(date)
        return [p for p in self.persons.values()
                if any(r.role == role and r.country == country and r.active_on(query) for r in p.roles)]

    # --- role words
    @cached_property
    def _roles_by_phrase(self) -> dict[str, list[RoleWord]]:
        index: dict[str, list[RoleWord]] = {}
        for rw in self.roles:
            index.setdefault(_fold(rw.phrase), []).append(rw)
        return index

    def role_word(self, phrase: str) -> RoleWord | None:
        """The role word with this base form (case-insensitive), or None."""
        found = self._roles_by_phrase.get(_fold(phrase))
        return found[0] if found else None

    def office(self, key: str) -> Office | None:
        return self.offices.get(key)

    @property
    def valid_actor_codes(self) -> frozenset[str]:
        return frozenset(self.countries) | self.igo_codes


def load_kb_from(data_dir: Path) -> KnowledgeBase:
    """Read a knowledge base from a data folder laid out like `kronika/actors/data` (no caching)."""
    offices = _load_offices(data_dir / "offices.tsv")
    person_files = sorted((data_dir / "persons").glob("*.yaml"))
    return KnowledgeBase(
        countries=_load_countries(data_dir / "countries.tsv"),
        organizations=_load_organizations(data_dir / "organizations.yaml"),
        persons=_load_persons(person_files, offices),
        offices=offices,
        roles=_load_roles(data_dir / "roles.tsv"),
    )


@lru_cache(maxsize=1)
def load_kb() -> KnowledgeBase:
    """The knowledge base shipped with kronika, read once per process."""
    return load_kb_from(DATA)


# ------------------------------------------------------------------------------------------- validation

def _certain_span(role: Role) -> tuple[dt.date, dt.date]:
    """The days a term certainly covers: from the last day its start can denote to the first day of its end."""
    return role.start.last, (role.end.first if role.end else dt.date.max)


def validate_kb(kb: KnowledgeBase) -> list[str]:
    """Every problem found in the knowledge base, one message each; an empty list means it is valid.

    Checks: well-formed and unique codes and ids; every `country` a known ISO alpha-3 or IGO code; sectors,
    entity types, genders and offices from the allowed sets; Wikidata ids of the form Q123; role dates
    ordered; every entry with a Polish name; no two (non-acting) holders of a single-holder office for the
    same country whose terms certainly overlap by more than a handover day.
    """
    problems: list[str] = []
    codes = kb.valid_actor_codes
    alpha2_seen: dict[str, str] = {}
    for c in kb.countries.values():
        if not _ISO3_RE.match(c.code):
            problems.append(f"country {c.code}: code is not three capital letters")
        if not _ISO2_RE.match(c.alpha2):
            problems.append(f"country {c.code}: alpha-2 {c.alpha2!r} is not two capital letters")
        elif c.alpha2 in alpha2_seen:
            problems.append(f"country {c.code}: alpha-2 {c.alpha2} also used by {alpha2_seen[c.alpha2]}")
        alpha2_seen.setdefault(c.alpha2, c.code)
        if c.kind not in ("state", "territory"):
            problems.append(f"country {c.code}: kind {c.kind!r} is not state or territory")
        if not c.name:
            problems.append(f"country {c.code}: no English name")
        if not any(not n.weak for n in c.polish_names):
            problems.append(f"country {c.code}: no (strong) Polish name")
        if c.wikidata and not _QID_RE.match(c.wikidata):
            problems.append(f"country {c.code}: bad Wikidata id {c.wikidata!r}")

    for key, office in kb.offices.items():
        if office.sector not in SECTORS:
            problems.append(f"office {key}: unknown sector {office.sector!r}")
        if office.scope not in ("state", "igo", "any"):
            problems.append(f"office {key}: scope {office.scope!r} is not state, igo or any")

    for o in kb.organizations.values():
        where = f"organisation {o.id} ({o.name})"
        if not _ID_RE.match(o.id):
            problems.append(f"{where}: malformed id")
        if o.id in kb.countries:
            problems.append(f"{where}: id collides with a country code")
        if o.type not in ENTITY_TYPES - {"person", "country"}:
            problems.append(f"{where}: type {o.type!r} is not organization, group or location")
        if o.sector is not None and o.sector not in SECTORS:
            problems.append(f"{where}: unknown sector {o.sector!r}")
        if o.country is not None and o.country not in codes:
            problems.append(f"{where}: country {o.country!r} is neither ISO alpha-3 nor an IGO code")
        if not o.polish_names:
            problems.append(f"{where}: no Polish name")
        if o.wikidata and not _QID_RE.match(str(o.wikidata)):
            problems.append(f"{where}: bad Wikidata id {o.wikidata!r}")
        if o.parent and o.parent not in kb.organizations:
            problems.append(f"{where}: parent {o.parent!r} is not an organisation id")
        for p in o.periods:
            if p.sector is not None and p.sector not in SECTORS:
                problems.append(f"{where}: period sector {p.sector!r} unknown")
            if p.country is not None and p.country not in codes:
                problems.append(f"{where}: period country {p.country!r} unknown")
            if p.start and p.end and p.end.last < p.start.first:
                problems.append(f"{where}: period ends ({p.end}) before it starts ({p.start})")

    for p in kb.persons.values():
        where = f"person {p.id} ({p.name}, {p.source})"
        if not _ID_RE.match(p.id):
            problems.append(f"{where}: malformed id")
        if p.gender not in GENDERS:
            problems.append(f"{where}: gender {p.gender!r} is not m or f")
        if not p.polish_names:
            problems.append(f"{where}: no Polish name")
        if p.wikidata is not None and not _QID_RE.match(str(p.wikidata)):
            problems.append(f"{where}: bad Wikidata id {p.wikidata!r}")
        if p.country is not None and p.country not in codes:
            problems.append(f"{where}: country {p.country!r} unknown")
        if p.sector is not None and p.sector not in SECTORS:
            problems.append(f"{where}: sector {p.sector!r} unknown")
        for r in p.roles:
            rwhere = f"{where}: role {r.role} {r.country} from {r.start}"
            office = kb.offices.get(r.role)
            if office is None:
                problems.append(f"{rwhere}: unknown role (not in offices.tsv)")
            elif office.scope == "igo" and r.country not in kb.igo_codes:
                problems.append(f"{rwhere}: an IGO office held for a non-IGO {r.country}")
            elif office.scope == "state" and r.country not in kb.countries:
                problems.append(f"{rwhere}: a state office held for a non-state {r.country}")
            if r.country not in codes:
                problems.append(f"{rwhere}: country {r.country!r} is neither ISO alpha-3 nor an IGO code")
            if r.sector not in SECTORS:
                problems.append(f"{rwhere}: sector {r.sector!r} unknown")
            if r.end is not None and r.end.last < r.start.first:
                problems.append(f"{rwhere}: ends ({r.end}) before it starts")

    # single-holder offices: no two terms for the same country certainly at once
    terms: dict[tuple[str, str], list[tuple[Person, Role]]] = {}
    for p in kb.persons.values():
        for r in p.roles:
            office = kb.offices.get(r.role)
            if office and office.single_holder and not r.acting:
                terms.setdefault((r.role, r.country), []).append((p, r))
    for (role, country), held in sorted(terms.items()):
        held.sort(key=lambda pr: pr[1].start.first)
        for i, (p1, r1) in enumerate(held):
            s1, e1 = _certain_span(r1)
            for p2, r2 in held[i + 1:]:
                s2, e2 = _certain_span(r2)
                if max(s1, s2) < min(e1, e2):
                    problems.append(
                        f"office {role} of {country}: {p1.name} ({r1.start}–{r1.end or 'now'}) and "
                        f"{p2.name} ({r2.start}–{r2.end or 'now'}) overlap")

    for rw in kb.roles:
        where = f"role word {rw.phrase!r}"
        if rw.sector is not None and rw.sector not in SECTORS:
            problems.append(f"{where}: unknown sector {rw.sector!r}")
        if rw.type not in ("person", "organization", "group"):
            problems.append(f"{where}: type {rw.type!r} is not person, organization or group")
        for key in rw.offices:
            if key not in kb.offices:
                problems.append(f"{where}: office {key!r} not in offices.tsv")
    seen: dict[tuple[str, str], str] = {}
    for rw in kb.roles:
        k = (_fold(rw.phrase), rw.type)
        if k in seen:
            problems.append(f"role word {rw.phrase!r}: listed twice")
        seen[k] = rw.phrase
    return problems
