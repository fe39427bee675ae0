"""`expertise report YEAR`: exit codes and what the command writes (issue 13, item 7)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pypdf
import pytest

from expertise.hub import Hub
from expertise.kdf import KdfParams
from expertise.report.period import current_year
from tests.cli_here import run_cli_here
from tests.conftest import PASSPHRASE

SECRET = "Zegelwoord"


@pytest.fixture(scope="module")
def cli_hub(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("report-cli")
    today = date.today().isoformat()
    with Hub.create(folder / "hub", PASSPHRASE, kdf=KdfParams.floor()) as hub:
        hub.entries.add("advice", {"title": "Advies intern", "advice_date": today})
        hub.entries.add(
            "advice",
            {"title": f"{SECRET} advies", "classification": "confidential", "advice_date": today},
        )
    secret = folder / "pass.txt"
    secret.write_text(PASSPHRASE)
    return folder / "hub", secret


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(path).pages)


def report(cli_hub: tuple[Path, Path], *args: str):
    hub, secret = cli_hub
    return run_cli_here("--hub", str(hub), "--passphrase-file", str(secret), "report", *args)


def test_report_writes_pdf_and_docx_and_exits_0(cli_hub, tmp_path):
    pdf, docx = tmp_path / "r.pdf", tmp_path / "r.docx"
    done = report(cli_hub, str(current_year()), "--pdf", str(pdf), "--docx", str(docx), "--json")
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout)
    assert (facts["counted"], facts["ceiling"], facts["banner"]) == (1, "internal", "internal")
    assert facts["pages"] == len(pypdf.PdfReader(pdf).pages) and docx.stat().st_size > 0
    text = pdf_text(pdf)
    assert SECRET not in text and "Gegeven adviezen" in text


def test_confidential_ceiling_names_it_in_english(cli_hub, tmp_path):
    pdf = tmp_path / "r.pdf"
    args = ("--pdf", str(pdf), "--ceiling", "confidential", "--lang", "en")
    done = report(cli_hub, str(current_year()), *args)
    assert done.returncode == 0, done.stderr
    assert "ceiling confidential, en" in done.stdout
    text = pdf_text(pdf)
    assert "Advice given" in text and "CONFIDENTIAL" in text


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        ((str(date.today().year + 2), "--pdf", "{tmp}/r.pdf"), 1, "in the future"),
        ((str(date.today().year),), 1, "name a PDF or DOCX"),
        ((str(date.today().year), "--pdf", "{tmp}/no/r.pdf"), 1, "no such folder"),
        ((str(date.today().year), "--pdf", "{tmp}/r.pdf", "--from", "2026-02-30"), 2, "not a date"),
        ((str(date.today().year), "--pdf", "{tmp}/r.pdf", "--ceiling", "secret"), 2, "invalid"),
        (("twenty", "--pdf", "{tmp}/r.pdf"), 2, "invalid int"),
    ],
)
def test_bad_input_exit_codes(cli_hub, tmp_path, args, code, message):
    done = report(cli_hub, *(a.format(tmp=tmp_path) for a in args))
    assert done.returncode == code, done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "r.pdf").exists()


def test_an_empty_period_says_so_and_exits_0(cli_hub, tmp_path):
    args = ("--pdf", str(tmp_path / "r.pdf"), "--from", "2001-01-01", "--to", "2001-06-30")
    done = report(cli_hub, str(current_year()), *args)
    assert done.returncode == 0, done.stderr
    assert "nothing was recorded in this period" in done.stderr


def test_wrong_passphrase_exits_3(cli_hub, tmp_path):
    hub, _ = cli_hub
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase at all")
    done = run_cli_here(
        "--hub",
        str(hub),
        "--passphrase-file",
        str(wrong),
        "report",
        str(current_year()),
        "--pdf",
        str(tmp_path / "r.pdf"),
    )
    assert done.returncode == 3
    assert not (tmp_path / "r.pdf").exists()
