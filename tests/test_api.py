"""The public API is complete and documented (httpx's test_exported_members idea)."""

from __future__ import annotations

import inspect

import pytest

import detente


@pytest.mark.parametrize("name", detente.__all__)
def test_exported_member_exists_and_is_documented(name):
    member = getattr(detente, name)
    if inspect.isclass(member) or inspect.isfunction(member):
        assert inspect.getdoc(member), f"detente.{name} has no docstring"


def test_cli_commands_have_help_with_example():
    from typer.main import get_command

    from detente.cli import app

    group = get_command(app)
    for name, command in group.commands.items():
        sub = getattr(command, "commands", None) or {name: command}
        for inner in sub.values():
            assert inner.help and "Example" in inner.help, f"`detente {name}` help lacks an example"
