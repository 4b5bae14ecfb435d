"""Settings: defaults, validation with the allowed values in the message, the config command."""

from __future__ import annotations

import os
import re

import pytest
import yaml
from conftest import run_cli

from studykit.config import VALIDATORS, Config, config_path, load_config, save_setting
from studykit.errors import ConfigError

WEIGHTS = "1 1 1 1 5 1 1 0.5 1 0.5 1 1 0.1 0.5 1 0.5 2 1 1 0.5 0.5"  # within FSRS's bounds


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
    ("fsrs_parameters", WEIGHTS, tuple(float(w) for w in WEIGHTS.split())),
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


# -- one schema for the file and for `studykit config` ---------------------------------------

def write_config(text: str | bytes) -> None:
    config_path().parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode("utf-8")
    config_path().write_bytes(text)


@pytest.mark.parametrize(("line", "message"), [
    ("new_per_day: true", "bad value True for new_per_day — use a whole number from 0 to 9999"),
    ("new_per_day: 20.9", "bad value 20.9 for new_per_day — use a whole number from 0 to 9999"),
    ("new_per_day: .inf", "bad value inf for new_per_day — use a whole number from 0 to 9999"),
    ("new_per_day: [20]", "bad value [20] for new_per_day — use a whole number from 0 to 9999"),
    ("desired_retention: .nan", "bad value nan for desired_retention (not a finite number) — "
                                "use a number from 0.7 to 0.99"),
    ("desired_retention: true", "bad value True for desired_retention (not a number) — use a "
                                "number from 0.7 to 0.99"),
    ("desired_retention: 1", "bad value 1 for desired_retention (out of range) — use a number "
                             "from 0.7 to 0.99"),
    ("learning_steps: 12", "bad value 12 for learning_steps — use 1 to 10 durations"),
    ("learning_steps: [1m, 12]", "bad value ['1m', 12] for learning_steps (12 is not a "
                                 "duration) — use 1 to 10 durations"),
    ("learning_steps: 99999999999d", "bad value '99999999999d' for learning_steps ("
                                     "99999999999d is out of range) — use 1 to 10"),
    ("relearning_steps: 400d", "bad value '400d' for relearning_steps (400d is out of range)"),
    ("timezone: 8", "bad value 8 for timezone — use 'local' or an IANA zone name"),
    ("fsrs_parameters: [.nan" + ", 1" * 20 + "]", "bad value [nan, 1, 1, 1,"),
    ("fsrs_parameters: [.nan" + ", 1" * 20 + "]", "for fsrs_parameters (not a finite number)"),
    ("fsrs_parameters: " + WEIGHTS.replace("5", "50", 1),
     "for fsrs_parameters (weight 4 = 50 is outside FSRS's bounds 1 to 10)"),
    ("2: x", "unknown setting '2' — known settings: desired_retention"),
])
def test_a_bad_file_is_refused_with_the_key_the_value_and_the_range(line, message):
    write_config(line + "\n")
    with pytest.raises(ConfigError) as error:
        load_config()
    assert str(error.value).startswith(f"{config_path()}: ")
    assert message in str(error.value)


def test_every_bad_line_of_a_file_is_reported_at_once():
    write_config("new_per_day: true\nday_start_hour: 24\ndesired_retention: 0.8\n")
    with pytest.raises(ConfigError) as error:
        load_config()
    assert "bad value True for new_per_day" in str(error.value)
    assert "bad value 24 for day_start_hour (out of range)" in str(error.value)
    assert "desired_retention" not in str(error.value)


@pytest.mark.parametrize(("content", "message"), [
    (b"new_per_day: 3\n\xff\xfe\n", "is not UTF-8 text (byte 0xff at offset 15)"),
    (b"new_per_day: [3\n", "is not valid YAML at line 2"),
    (b"- 1\n- 2\n", "is not a mapping of settings"),
])
def test_an_unreadable_file_is_refused_with_the_way_out(content, message):
    write_config(content)
    with pytest.raises(ConfigError, match=re.escape(message)) as error:
        load_config()
    assert "delete" in error.value.remedy


@pytest.mark.parametrize(("key", "text"), [
    ("new_per_day", "true"), ("new_per_day", "20.9"), ("new_per_day", "inf"),
    ("new_per_day", "1e3"), ("desired_retention", "nan"), ("desired_retention", "inf"),
    ("desired_retention", "1e999"), ("learning_steps", "99999999999d"),
    ("learning_steps", "0s"), ("learning_steps", " ".join(["1m"] * 11)),
    ("fsrs_parameters", " ".join(["nan"] * 21)), ("fsrs_parameters", " ".join(["1e999"] * 21)),
    ("maximum_interval", "9" * 5000),
])
def test_the_same_schema_refuses_the_same_values_when_setting(key, text):
    with pytest.raises(ConfigError, match=f"for {key}"):
        save_setting(key, text)
    assert not config_path().exists()


def test_a_huge_bad_value_is_shown_shortened():
    with pytest.raises(ConfigError) as error:
        save_setting("timezone", "x" * 100_000)
    assert len(str(error.value)) < 300
    assert "(100002 chars)" in str(error.value)


def test_setting_a_key_fixes_that_key_but_not_another_bad_one():
    write_config("new_per_day: true\n")
    assert save_setting("new_per_day", "30").new_per_day == 30  # the bad line is replaced
    write_config("new_per_day: true\n")
    with pytest.raises(ConfigError, match="bad value True for new_per_day") as error:
        save_setting("desired_retention", "0.8")
    assert "then set desired_retention again" in error.value.remedy
    assert config_path().read_text("utf-8") == "new_per_day: true\n"


def test_a_bad_config_stops_review_with_one_line_not_a_traceback():
    write_config("learning_steps: 12\n")
    out = run_cli("review")
    assert out.returncode == 1
    assert out.stderr.startswith(f"studykit: error: {config_path()}: bad value 12 for ")
    assert out.stderr.count("\n") == 1


def test_a_config_that_is_a_pipe_is_refused_without_blocking():
    config_path().parent.mkdir(parents=True)
    os.mkfifo(config_path())
    with pytest.raises(ConfigError, match="config.yaml is not a regular file"):
        load_config()
