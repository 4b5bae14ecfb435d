"""Settings: defaults, validation with the allowed values in the message, the config command."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import run_cli

from studykit.config import VALIDATORS, Config, config_path, load_config, save_setting
from studykit.errors import ConfigError


def test_defaults_without_a_file():
    assert not config_path().exists()
    config = load_config()
    assert config == Config()
    assert (config.desired_retention, config.day_start_hour, config.timezone) == (0.9, 4, "local")
    assert config.learning_steps == ("1m", "10m")
    assert config.fsrs_parameters == ()


@pytest.mark.parametrize(("key", "text", "parsed"), [
    ("desired_retention", "0.85", 0.85),
    ("new_per_day", "35", 35),
    ("learning_steps", "1m 5m 1h", ("1m", "5m", "1h")),
    ("timezone", "Asia/Shanghai", "Asia/Shanghai"),
    ("day_start_hour", "0", 0),
    ("fsrs_parameters", " ".join(["0.5"] * 21), (0.5,) * 21),
])
def test_set_and_get_round_trip(key, text, parsed):
    assert getattr(save_setting(key, text), key) == parsed
    assert getattr(load_config(), key) == parsed


def test_only_changed_settings_are_written():
    save_setting("new_per_day", "35")
    save_setting("desired_retention", "0.9")  # the default: not written
    assert yaml.safe_load(config_path().read_text("utf-8")) == {"new_per_day": 35}


@pytest.mark.parametrize(("key", "value", "allowed"), [
    ("desired_retention", "1.5", "a number from 0.7 to 0.99"),
    ("desired_retention", "high", "a number from 0.7 to 0.99"),
    ("new_per_day", "-1", "a whole number from 0 to 9999"),
    ("day_start_hour", "24", "a whole number from 0 to 23"),
    ("maximum_interval", "2.5", "a whole number from 1 to 36500"),
    ("learning_steps", "10x", "durations like '1m 10m'"),
    ("timezone", "Mars/Olympus_Mons", "an IANA zone name"),
    ("fsrs_parameters", "1 2 3", "21 FSRS weights"),
])
def test_bad_values_are_rejected_with_the_allowed_range(key, value, allowed):
    save_setting("new_per_day", "35")
    before = config_path().read_text("utf-8")
    with pytest.raises(ConfigError) as error:
        save_setting(key, value)
    assert f"bad value {value!r} for {key}" in str(error.value)
    assert allowed in str(error.value)
    assert config_path().read_text("utf-8") == before


def test_unknown_key():
    with pytest.raises(ConfigError, match="unknown setting 'retention'") as error:
        save_setting("retention", "0.9")
    assert "desired_retention" in error.value.remedy
    assert not config_path().exists()


def test_every_setting_says_what_it_allows():
    assert set(VALIDATORS) == {f for f in Config.__dataclass_fields__}
    assert all(validator.allowed for validator in VALIDATORS.values())


def test_config_command_lists_every_setting_with_its_range():
    out = run_cli("config")
    assert out.returncode == 0, out.stderr
    for key, validator in VALIDATORS.items():
        assert key in out.stdout
        assert f"allowed: {validator.allowed}" in out.stdout
    assert re.search(r"^desired_retention +0\.9$", out.stdout, re.M)
    assert re.search(r"^fsrs_parameters +\(FSRS defaults\)$", out.stdout, re.M)
    assert str(config_path()) in out.stdout


def test_config_command_sets_and_gets():
    out = run_cli("config", "desired_retention", "0.85")
    assert (out.returncode, out.stdout) == (0, "desired_retention = 0.85\n")
    assert run_cli("config", "desired_retention").stdout == "0.85\n"
    assert run_cli("config", "learning_steps", "1m", "5m").stdout == "learning_steps = 1m 5m\n"
    assert load_config().learning_steps == ("1m", "5m")
    listing = run_cli("config").stdout
    assert re.search(r"^desired_retention +0\.85  \(changed\)$", listing, re.M)


def test_config_command_rejects_a_bad_value_in_one_line():
    out = run_cli("config", "desired_retention", "1.5")
    assert out.returncode == 1
    assert out.stdout == ""
    lines = out.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("studykit: error: bad value '1.5' for desired_retention")
    assert "a number from 0.7 to 0.99" in lines[0]
    assert not config_path().exists()


@pytest.mark.parametrize("args", [("nope",), ("nope", "1")])
def test_config_command_rejects_an_unknown_key(args):
    out = run_cli("config", *args)
    assert out.returncode == 1
    assert out.stderr.startswith("studykit: error: unknown setting 'nope'")
    assert len(out.stderr.splitlines()) == 1
