"""`kronika export --format gdelt`, `kronika plot dyad`, and `kronika serve`'s refusals, through the CLI."""
from __future__ import annotations

import csv
import io
import struct

import pytest
from typer.testing import CliRunner

from kronika.cli import app
from kronika.store import Store
from kronika.store.export import export
from kronika.store.gdelt import GDELT_COLUMNS


@pytest.fixture(scope="module")
def gdelt_rows(web_db) -> list[dict[str, str]]:
    out = io.StringIO()
    import contextlib

    with Store(web_db, read_only=True) as store, contextlib.redirect_stdout(out):
        assert export(store, "gdelt", None) == 18
    lines = out.getvalue().splitlines()
    assert len(lines) == 18
    rows = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert {len(r) for r in rows} == {61}
    return [dict(zip(GDELT_COLUMNS, r)) for r in rows]


def test_gdelt_has_the_61_columns_of_the_event_table():
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[:2] == ("GLOBALEVENTID", "SQLDATE") and GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")


def test_gdelt_rows_fill_what_kronika_knows(gdelt_rows):
    kim = next(r for r in gdelt_rows if r["Actor1Name"] == "Kim Jong Un" and r["EventCode"] == "040")
    assert (kim["SQLDATE"], kim["MonthYear"], kim["Year"], kim["FractionDate"]) == ("20230913", "202309", "2023", "2023.7753")
    assert (kim["Actor1Code"], kim["Actor1CountryCode"], kim["Actor1Type1Code"]) == ("PRKGOV", "PRK", "GOV")
    assert (kim["Actor2Name"], kim["Actor2Code"]) == ("Vladimir Putin", "RUSGOV")
    assert (kim["EventBaseCode"], kim["EventRootCode"], kim["QuadClass"], kim["GoldsteinScale"]) == ("040", "04", "1", "1")
    assert kim["IsRootEvent"] == "1"
    assert kim["ActionGeo_FullName"] == "Vostochny Cosmodrome"
    assert kim["SOURCEURL"] == "https://example.org/2023/09/14/kim-putin"
    assert len(kim["DATEADDED"]) == 14 and kim["DATEADDED"].isdigit()
    assert kim["AvgTone"] == "" and kim["Actor1Geo_Lat"] == ""
    ids = [int(r["GLOBALEVENTID"]) for r in gdelt_rows]
    assert len(set(ids)) == 18


def test_gdelt_leaves_out_what_is_unknown_and_keeps_rows_on_one_line(gdelt_rows):
    undated = [r for r in gdelt_rows if r["SQLDATE"] == ""]
    assert len(undated) == 2 and all(r["Year"] == "" for r in undated)
    eu = next(r for r in gdelt_rows if r["Actor1Name"] == "Council of the European Union")
    assert eu["Actor1CountryCode"] == "" and eu["Actor1Code"] == "IGO"  # 'EU' is no CAMEO country code
    shells = next(r for r in gdelt_rows if r["EventCode"] == "072")
    assert shells["SOURCEURL"] == "testy/amunicja-dla-rosji.txt"  # no URL: the source
    assert shells["SQLDATE"] == "20231001"  # month precision: the first day
    second_paragraph = next(r for r in gdelt_rows if r["Actor1Name"] == "Vitali Klitschko")
    assert second_paragraph["IsRootEvent"] == "0"


def test_cli_export_gdelt_to_a_file(web_db, tmp_path):
    out = tmp_path / "events.tsv"
    result = CliRunner().invoke(app, ["export", "--db", str(web_db), "--format", "gdelt", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "exported 18 event(s)" in result.output
    assert len(out.read_text("utf-8").splitlines()) == 18


def _png_size(path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_cli_plot_dyad_writes_a_png(web_db, tmp_path):
    out = tmp_path / "fig.png"
    result = CliRunner().invoke(app, ["plot", "dyad", "RUS", "PRK", "--db", str(web_db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "drew 5 event(s) over 12 month(s)" in result.output
    width, height = _png_size(out)
    assert width > 600 and height > 300


def test_cli_plot_refuses_what_it_cannot_draw(web_db, tmp_path):
    run = CliRunner().invoke
    nothing = run(app, ["plot", "dyad", "RUS", "ZZZ", "--db", str(web_db), "-o", str(tmp_path / "x.png")])
    assert nothing.exit_code == 2 and "no dated events between RUS and ZZZ" in nothing.output
    one = run(app, ["plot", "dyad", "RUS", "--db", str(web_db), "-o", str(tmp_path / "x.png")])
    assert one.exit_code == 2 and "two actors" in one.output
    bad = run(app, ["plot", "dyad", "RUS", "PRK", "--db", str(web_db), "-o", str(tmp_path / "x.png"), "--since", "soon"])
    assert bad.exit_code == 2 and "since" in bad.output
    assert not (tmp_path / "x.png").exists()


def test_cli_serve_refuses_a_public_address_without_a_token(web_db, tmp_path):
    run = CliRunner().invoke
    public = run(app, ["serve", "--db", str(web_db), "--host", "0.0.0.0"])
    assert public.exit_code == 2 and "needs --token" in public.output
    missing = run(app, ["serve", "--db", str(tmp_path / "missing.duckdb")])
    assert missing.exit_code == 2 and "no such store" in missing.output
