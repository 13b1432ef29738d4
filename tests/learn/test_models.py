"""The packaged models, DETENTE_MODELS, and what a bad models folder does."""

from __future__ import annotations

import subprocess
import sys

import pytest

from detente.errors import ConfigError
from detente.learn.models import PACKAGED, TASKS, Models, load_models
from detente.settings import Settings


def test_packaged_models_load_with_their_data_statement():
    models = load_models(None)
    assert isinstance(models, Models)
    assert all(getattr(models, task).classes for task in TASKS)
    data = models.meta["data"]
    assert data["reports"] >= 120 and len(data["processes"]) >= 20
    assert (PACKAGED / "models.npz").stat().st_size < 10_000_000


@pytest.mark.parametrize("value", ["none", "off", "0"])
def test_detente_models_none_runs_on_rules_alone(value):
    settings = Settings.from_env({"DETENTE_MODELS": value})
    assert load_models(settings.models) is None


def test_a_models_folder_without_models_is_a_configuration_error(tmp_path):
    with pytest.raises(ConfigError, match="detente train"):
        load_models(str(tmp_path))


def test_extract_with_a_bad_models_folder_says_one_line(tmp_path):
    env = {"DETENTE_MODELS": str(tmp_path / "missing"), "PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"}
    run = subprocess.run([sys.executable, "-m", "detente", "extract", "-", "--published", "2026-02-05"],
                         input="Hamas rejected the proposal.", capture_output=True, text=True, env=env)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    assert "detente train" in run.stderr


def test_the_setting_reaches_the_loaded_pipeline():
    """DETENTE_MODELS decides what the extractors are handed."""
    from detente.pipeline import load

    assert load(Settings(models="none")).models is None
    assert load(Settings()).models is not None


def test_switched_on_the_stance_model_only_adds_to_the_rules(tmp_path):
    """With its threshold at 0 the model speaks for every pair the rules left
    silent; the rules' positions all stay, and every added one has evidence."""
    import json
    import shutil

    from detente.pipeline import extract_local
    from detente.records import Document

    shutil.copy(PACKAGED / "models.npz", tmp_path)
    meta = json.loads((PACKAGED / "meta.json").read_text())
    meta["thresholds"]["stance"] = 0.0
    (tmp_path / "meta.json").write_text(json.dumps(meta))
    text = ("Kyiv and Moscow met in Istanbul on Friday. Ukraine said it was ready for a ceasefire. "
            "The Kremlin, for its part, wants the talks to address the root causes of the war.")
    doc = Document(id="d", text=text, published="2025-05-16")
    rules, on = (next(extract_local([doc], settings=Settings(models=m))) for m in ("none", str(tmp_path)))
    key = lambda p: (p.party, p.issue, p.stance)  # noqa: E731
    assert {key(p) for p in rules.positions} <= {key(p) for p in on.positions}
    assert len(on.positions) > len(rules.positions)
    assert not on.invalid_evidence(text)
