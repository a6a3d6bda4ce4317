"""`--help` lists what the README documents: commands, and each command's options."""

from __future__ import annotations

import pytest

from didar.cli.main import main

COMMANDS = {
    "extract": ["PATHS", "--jobs", "--verbose", "--quiet"],
    "ingest": ["ARTICLES", "--db", "DIDAR_DB", "--jobs", "--verbose", "--quiet"],
    "events": [
        "--actor",
        "--country",
        "--since",
        "--until",
        "--type",
        "--status",
        "--language",
        "--outlet",
        "--topic",
        "--limit",
        "--offset",
        "--format",
        "table|json|csv",
        "--db",
    ],
    "quotes": ["--speaker", "--since", "--until", "--limit", "--offset", "--format", "--db"],
    "actors": ["--known", "--discovered", "--name", "--country", "--format", "--db"],
    "show": ["DOC-ID", "--format", "table|json", "--db"],
    "eval": ["GOLD", "--corpus", "--format"],
    "demo": ["--db", "--samples", "--format"],
    "export": [
        "--format",
        "plover|cameo|csv|jsonl|parquet",
        "--out",
        "--actor",
        "--country",
        "--since",
        "--until",
        "--type",
        "--status",
        "--language",
        "--outlet",
        "--topic",
        "--all-statuses",
        "--undated",
        "--include-statements",
        "--db",
        "--quiet",
    ],
    "feeds": ["add", "list", "remove", "polls"],
    "serve": ["--db", "--port", "--token", "DIDAR_TOKEN"],
    "screenshots": ["--db", "--out", "--width", "--chromium", "DIDAR_CHROMIUM"],
    "watch": ["--interval", "--once", "--force", "--delay", "--timeout", "--retries",
              "--max-bytes", "--db"],
}


def test_main_help_lists_every_command(runner):
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert f"  {command} " in result.output
    assert "Exit codes" in result.output
    assert set(main.commands) == set(COMMANDS)


@pytest.mark.parametrize("command, words", sorted(COMMANDS.items()))
def test_command_help_lists_its_options(runner, command, words):
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0
    for word in words:
        assert word in result.output, f"{command} --help does not mention {word}"


def test_version(runner):
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0 and "didar" in result.output
