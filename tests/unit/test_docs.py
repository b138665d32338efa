"""Every CLI command has help text and appears in the README; every setting is documented."""

from pathlib import Path

import click

from actorgraph import config
from actorgraph.cli import main

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


def all_commands(group: click.Group, prefix: str = "actorgraph") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        found.append((path, command))
        if isinstance(command, click.Group):
            found.extend(all_commands(command, path))
    return found


def test_every_command_has_help_and_is_in_the_readme():
    commands = all_commands(main)
    assert len(commands) >= 5
    for path, command in commands:
        assert (command.help or "").strip(), f"{path} has no help text"
        top = path.split()[1]
        assert f"actorgraph {top}" in README, f"{path} is not in README.md"


def test_every_setting_is_in_the_readme():
    for setting in config.SETTINGS:
        assert f"`{setting.name}`" in README, f"{setting.name} is not in README.md"
