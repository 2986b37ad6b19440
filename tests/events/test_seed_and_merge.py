from __future__ import annotations

from kronika.events.merge import dates_compatible, merge_events
from tests.events.helpers import code, events_of, keys, mention


def test_seed_yields_its_events(seed_txt):
    from kronika.ingest import read_inputs
    from kronika.pipeline import default_pipeline

    doc = next(iter(read_inputs([str(seed_txt)])))
    default_pipeline()(doc)
    got = {(e["event"], frozenset(keys(doc, e["actor"])), frozenset(keys(doc, e["recipient"]))) for e in doc.events}
    assert ("CONSULT", frozenset({"PRK", "RUS"}), frozenset()) in got
    assert ("ACCUSE", frozenset({"USA"}), frozenset({"PRK"})) in got
    assert ("REJECT", frozenset({"PRK", "RUS"}), frozenset()) in got
    assert ("AGREE", frozenset({"KOR", "USA", "JPN"}), frozenset()) in got
    assert ("AID", frozenset({"PRK"}), frozenset({"RUS"})) in got
    consult = next(e for e in doc.events if e["event"] == "CONSULT" and e["evidence"]["trigger"]["text"].startswith("wymienili"))
    assert consult["date"] == "2023-08-15"
    summit = next(e for e in doc.events if e["event"] == "AGREE" and keys(doc, e["actor"]) == {"KOR", "USA", "JPN"})
    assert summit["location"] == {"name": "Camp David", "country": "USA"}
    assert summit["date"] == "2023-08-18"
    # one event per act: the pledge is repeated in three places, the arms deliveries twice
    assert sum(1 for e in doc.events if e["event"] == "AID") == 1


def test_repeated_mentions_merge_into_one_event_with_all_evidence():
    doc = code("Izrael zbombardował Strefę Gazy. Według wojska izraelskie lotnictwo zbombardowało cele w Strefie Gazy.")
    assaults = [e for e in doc.events if e["event"] == "ASSAULT"]
    assert len(assaults) == 1
    internal = doc.spans["event_triggers"][doc.events.index(assaults[0])]
    assert len(internal["merged"]) == 1
    assert assaults[0]["evidence"]["trigger"]["text"] == "zbombardował"


def test_different_recipients_or_dates_stay_apart():
    ents = [{"id": "e1", "name": "Russia", "country": "RUS"}, {"id": "e2", "name": "Ukraine", "country": "UKR"},
            {"id": "e3", "name": "Poland", "country": "POL"}]
    found = [mention("ASSAULT", ["e1"], ["e2"]), mention("ASSAULT", ["e1"], ["e3"]),
             mention("ASSAULT", ["e1"], ["e2"], "2024", "year"), mention("ASSAULT", ["e1"], ["e2"], "2022-02", "month")]
    events, internal = merge_events([e for e, _ in found], [i for _, i in found], ents)
    assert [e["id"] for e in events] == ["v1", "v2", "v3"]
    assert events[0]["date"] == "2024"  # the unknown date is filled from the merged mention
    assert not dates_compatible({"date": "2024"}, {"date": "2022-02"})
    assert dates_compatible({"date": "2022"}, {"date": "2022-02-24"})


def test_a_merged_event_keeps_the_date_told_most_directly():
    ents = [{"id": "e1", "name": "Russia", "country": "RUS"}, {"id": "e2", "name": "Ukraine", "country": "UKR"}]

    def merged(first_rank: int, second_rank: int) -> list[dict]:
        found = [mention("ASSAULT", ["e1"], ["e2"], "2024-12", "month", date_rank=first_rank),
                 mention("ASSAULT", ["e1"], ["e2"], "2024-12-04", "day", date_rank=second_rank)]
        return merge_events([e for e, _ in found], [i for _, i in found], ents)[0]

    # framed by an earlier sentence (rank 3), then dated in the mention's own clause (rank 1): the clause wins
    events = merged(3, 1)
    assert len(events) == 1 and events[0]["date"] == "2024-12-04"
    # the other way round the first, more direct date stays
    events = merged(1, 3)
    assert len(events) == 1 and events[0]["date"] == "2024-12"


def test_explain_marks_trigger_actor_and_recipient(tmp_path):
    from typer.testing import CliRunner

    from kronika.cli import app

    path = tmp_path / "news.txt"
    path.write_text("Iran zagroził Izraelowi odwetem. Polska i Litwa poparły w środę Ukrainę.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["explain", str(path), "--date", "2025-12-04"])
    assert result.exit_code == 0, result.output
    assert "<Polska> i <Litwa> [poparły]v2 w środę {Ukrainę}." in result.output
    assert "v2 SUPPORT: Poland, Lithuania -> Ukraine; 2025-12-03" in result.output
    assert "rules: poprzec, frame:transitive" in result.output


def test_talks_that_will_take_place_are_planned_and_talks_that_ended_are_not():
    doc = code("Rzecznik Kremla powiedział, że rozmowa Witkoffa z Putinem odbędzie się we wtorek.")
    ev = doc.events
    assert [e["event"] for e in ev] == ["AGREE"] and ev[0]["status"] == "planned"
    doc = code("Rozmowy delegacji Ukrainy i USA będą kontynuowane w Genewie.")
    assert [(e["event"], e["status"]) for e in doc.events] == [("AGREE", "planned")]
    doc = code("Spotkanie Tuska z Merzem zakończyło się w piątek.")
    assert [(e["event"], e["status"]) for e in doc.events] == [("CONSULT", "asserted")]
    # the noun is no subject of the future verb when it is a genitive attribute
    doc = code("Premier Polski ostrzegł, że wdrażanie porozumienia Rosji z Ukrainą będzie trudne.")
    assert [e["status"] for e in events_of(doc, "AGREE")] == ["asserted"]


def test_a_partyless_noun_subject_takes_up_the_act_told_before_and_lends_it_its_date():
    doc = code("Wielka Brytania nałożyła nowe sankcje na Rosję. Rząd opublikował listę. "
               "Dzisiejsze sankcje to kolejny krok w obronie Europy - oświadczył premier.")
    sanctions = events_of(doc, "SANCTION")
    assert len(sanctions) == 1 and sanctions[0]["date"] == "2025-12-04"
    # with no act of its category before it, such a noun codes nothing
    doc = code("Dzisiejsze sankcje to kolejny krok w obronie Europy.")
    assert events_of(doc, "SANCTION") == []
