"""The commands that run the pipeline (extract, ingest, demo, eval), end to end as a user runs
them: through click's CliRunner and through the installed `didar` executable."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from didar.cli.main import main

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"

ARTICLE_FA = (
    "به گزارش خبرگزاری ایرنا، سید عباس عراقچی وزیر امور خارجه کشورمان روز دوشنبه ۲۱ مهر ۱۴۰۴ "
    "در بغداد با فؤاد حسین وزیر خارجه عراق دیدار و گفت‌وگو کرد.\n\n"
    "عراقچی در این دیدار گفت: روابط تهران و بغداد راهبردی است و هیچ قدرتی نمی‌تواند آن را "
    "تضعیف کند.\n"
)
ARTICLE_AR = (
    "بغداد اليوم - بغداد\n\n"
    "التقى رئيس مجلس الوزراء محمد شياع السوداني، اليوم الأحد (12 تشرين الأول 2025)، وزير "
    "الخارجية الإيراني عباس عراقجي في بغداد.\n\n"
    "وقال السوداني إن العراق حريص على تعزيز العلاقات مع الجمهورية الإسلامية في إيران.\n"
)


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder `in/` (the current directory's) with two good articles and a JSON Lines file."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "in/fa.txt", ARTICLE_FA)
    write(tmp_path, "in/ar.txt", ARTICLE_AR)
    lines = [
        json.dumps(
            {
                "text": ARTICLE_AR.replace("2025", "2024"),
                "title": "السوداني وعراقجي",
                "url": "https://example.org/1",
                "outlet": "Baghdad Today",
            },
            ensure_ascii=False,
        )
    ]
    write(tmp_path, "in/feed.jsonl", "\n".join(lines) + "\n")
    return tmp_path / "in"


def test_extract_prints_one_record_per_article(runner, articles):
    result = runner.invoke(main, ["extract", "in/fa.txt", "in/ar.txt", "in/feed.jsonl"])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source"] for r in records] == ["in/fa.txt", "in/ar.txt", "in/feed.jsonl#1"]
    assert [r["language"] for r in records] == ["fa", "ar", "ar"]
    assert records[2]["title"] == "السوداني وعراقجي"
    for r in records:
        assert {"id", "text", "actors", "events", "quotes", "dates"} <= set(r)
    assert not (articles.parent / "didar.db").exists()  # no database involved


def test_extract_reports_failures_and_prints_the_rest(runner, articles):
    write(articles, "empty.txt", "   \n")
    write(articles, "bad.jsonl", '{"text": "' + "نص" + '"}\n{oops\n')
    result = runner.invoke(
        main, ["extract", "in/empty.txt", "in/fa.txt", "in/bad.jsonl", "in/missing.txt"]
    )
    assert result.exit_code == 1
    assert [json.loads(x)["source"] for x in result.stdout.splitlines()] == [
        "in/fa.txt",
        "in/bad.jsonl#1",
    ]
    errors = result.stderr.splitlines()
    assert any(e.startswith("error: in/empty.txt: [E101]") for e in errors)
    assert any(e.startswith("error: in/bad.jsonl#2: [E105]") for e in errors)
    assert any(e.startswith("error: in/missing.txt: [E110]") for e in errors)


def test_extract_from_stdin(runner):
    result = runner.invoke(main, ["extract", "-"], input=ARTICLE_FA.encode("utf-8"))
    assert result.exit_code == 0, result.stderr
    [record] = [json.loads(x) for x in result.stdout.splitlines()]
    assert record["source"] == "-" and record["language"] == "fa"


def test_ingest_a_batch_with_a_bad_file(runner, articles):
    write(articles, "sub/binary.txt", bytes(range(256)) * 40)
    write(articles, "sub/empty.txt", "")
    result = runner.invoke(main, ["ingest", "in", "--db", "t.db"])
    assert result.exit_code == 1
    out = result.stdout
    assert "read 5, stored 3, new versions 0, duplicates 0, failed 2" in out
    assert "failed: in/sub/binary.txt: [E102]" in out
    assert "failed: in/sub/empty.txt: [E101]" in out
    events = runner.invoke(main, ["events", "--db", "t.db", "--format", "json"])
    assert {e["language"] for e in json.loads(events.stdout)} <= {"fa", "ar"}
    shown = runner.invoke(main, ["quotes", "--db", "t.db", "--format", "json"])
    assert shown.exit_code == 0


def test_ingest_again_is_duplicates_and_a_changed_file_a_new_version(runner, articles):
    first = runner.invoke(main, ["ingest", "in/fa.txt", "in/ar.txt", "--db", "t.db"])
    assert first.exit_code == 0, first.output
    again = runner.invoke(main, ["ingest", "in/fa.txt", "in/ar.txt", "--db", "t.db"])
    assert "read 2, stored 0, new versions 0, duplicates 2, failed 0" in again.stdout
    write(articles, "fa.txt", ARTICLE_FA + "\nعراقچی افزود: این سفر ادامه دارد.\n")
    changed = runner.invoke(main, ["ingest", "in/fa.txt", "--db", "t.db"])
    assert "read 1, stored 0, new versions 1, duplicates 0, failed 0" in changed.stdout


def test_ingest_stdin_json_lines(runner, tmp_path):
    data = (
        "\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in (ARTICLE_FA, ARTICLE_AR))
        + "\n"
    )
    result = runner.invoke(
        main, ["ingest", "-", "--db", str(tmp_path / "s.db")], input=data.encode("utf-8")
    )
    assert result.exit_code == 0, result.output
    assert "read 2, stored 2" in result.stdout


def test_ingest_with_a_process_pool(runner, articles):
    result = runner.invoke(main, ["ingest", "in", "--db", "p.db", "--jobs", "2", "-q"])
    assert result.exit_code == 0, result.output
    assert "read 3, stored 3" in result.stdout
    assert result.stderr == ""


def test_demo_ingests_the_bundled_samples(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)  # `didar demo` finds ./samples from the checkout
    db = tmp_path / "demo.db"
    result = runner.invoke(main, ["demo", "--db", str(db)])
    assert result.exit_code == 0, (result.output, result.stderr)
    samples = [p for p in (REPO / "samples").iterdir() if p.suffix == ".txt"]
    assert f"read {len(samples)}, stored {len(samples)}" in result.stdout
    assert "\nevents (" in result.stdout and "\nquotes (" in result.stdout
    assert "SUMMARY" in result.stdout and "SPEAKER" in result.stdout
    again = runner.invoke(main, ["demo", "--db", str(db), "--format", "json"])
    shown = json.loads(again.stdout)
    assert shown["summary"]["duplicates"] == len(samples)
    assert shown["events"] and shown["quotes"]  # the samples report meetings and statements


def test_demo_without_samples(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["demo", "--db", "d.db"], env={"DIDAR_SAMPLES": str(tmp_path)})
    assert result.exit_code == 0
    assert "read 0" in result.stdout


@pytest.mark.skipif(
    not (SHARED / "eval" / "dev.json").exists(),
    reason="../shared/eval/dev.json is absent: the real articles are not here",
)
def test_eval_is_wired(runner):
    gold, corpus = SHARED / "eval" / "dev.json", SHARED / "corpus" / "dev"
    result = runner.invoke(main, ["eval", str(gold), "--corpus", str(corpus), "--format", "json"])
    assert result.exit_code == 0, (result.output, result.stderr)
    report = json.loads(result.stdout)
    assert isinstance(report, dict) and report


def didar_executable() -> Path:
    exe = Path(sys.executable).parent / "didar"
    assert exe.exists(), "install the package first: pip install -e ."
    return exe


def test_the_installed_command(tmp_path):
    exe = didar_executable()
    write(tmp_path, "fa.txt", ARTICLE_FA)
    write(tmp_path, "ar.txt", ARTICLE_AR)
    env = {"PATH": str(exe.parent), "DIDAR_DB": str(tmp_path / "x.db"), "LANG": "C.UTF-8"}
    ingest = subprocess.run(
        [str(exe), "ingest", "fa.txt", "ar.txt"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert ingest.returncode == 0, ingest.stderr
    assert "read 2, stored 2" in ingest.stdout
    events = subprocess.run(
        [str(exe), "events", "--format", "json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert events.returncode == 0, events.stderr
    assert isinstance(json.loads(events.stdout), list)
    missing = subprocess.run(
        [str(exe), "show", "0123456789abcdef"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert missing.returncode == 3 and "no document" in missing.stderr
