"""The user's settings: ``$STUDYKIT_HOME/config.yaml``, validated key by key."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from studykit.errors import ConfigError
from studykit.paths import CONFIG_FILE, home

_DURATION = re.compile(r"^(\d+(?:\.\d+)?)\s*(s|m|h|d)$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Config:
    desired_retention: float = 0.90
    new_per_day: int = 20
    reviews_per_day: int = 200
    learning_steps: tuple[str, ...] = ("1m", "10m")
    relearning_steps: tuple[str, ...] = ("10m",)
    maximum_interval: int = 36500
    day_start_hour: int = 4
    timezone: str = "local"
    learn_ahead_minutes: int = 20
    leech_threshold: int = 8
    fsrs_parameters: tuple[float, ...] = field(default=())

    def steps_seconds(self, name: str) -> tuple[float, ...]:
        return tuple(parse_duration(s) for s in getattr(self, name))


# key -> (description of the allowed values, validator returning the parsed value)
def _ranged(kind, low, high):
    def check(value):
        try:
            parsed = kind(value)
        except (TypeError, ValueError):
            return None
        return parsed if low <= parsed <= high else None
    check.allowed = f"a {'number' if kind is float else 'whole number'} from {low} to {high}"
    return check


def _steps(value):
    items = value.split() if isinstance(value, str) else list(value or [])
    try:
        [parse_duration(str(v)) for v in items]
    except ConfigError:
        return None
    return tuple(str(v) for v in items) if items else None


_steps.allowed = "durations like '1m 10m' (units s, m, h, d)"


def _timezone(value):
    from studykit.days import zone

    try:
        zone(str(value))
    except Exception:  # noqa: BLE001 - zoneinfo raises several types
        return None
    return str(value)


_timezone.allowed = "'local' or an IANA zone name such as Asia/Shanghai"


def _parameters(value):
    try:
        params = tuple(float(v) for v in (value.split() if isinstance(value, str) else value))
    except (TypeError, ValueError):
        return None
    return params if len(params) in (0, 19, 21) else None


_parameters.allowed = "21 FSRS weights (set by `studykit optimize`), or empty for the defaults"

VALIDATORS = {
    "desired_retention": _ranged(float, 0.70, 0.99),
    "new_per_day": _ranged(int, 0, 9999),
    "reviews_per_day": _ranged(int, 0, 99999),
    "learning_steps": _steps,
    "relearning_steps": _steps,
    "maximum_interval": _ranged(int, 1, 36500),
    "day_start_hour": _ranged(int, 0, 23),
    "timezone": _timezone,
    "learn_ahead_minutes": _ranged(int, 0, 1440),
    "leech_threshold": _ranged(int, 1, 99),
    "fsrs_parameters": _parameters,
}


def parse_duration(text: str) -> float:
    match = _DURATION.match(text.strip())
    if not match:
        raise ConfigError(f"not a duration: {text!r}", "write it like 1m, 10m, 1h or 1d")
    return float(match.group(1)) * _UNIT_SECONDS[match.group(2)]


def config_path() -> Path:
    return home() / CONFIG_FILE


def validate(key: str, value) -> object:
    if key not in VALIDATORS:
        raise ConfigError(f"unknown setting {key!r}",
                          f"known settings: {', '.join(VALIDATORS)}")
    parsed = VALIDATORS[key](value)
    if parsed is None:
        raise ConfigError(f"bad value {value!r} for {key}", f"use {VALIDATORS[key].allowed}")
    return parsed


def load_config(path: Path | None = None) -> Config:
    path = path or config_path()
    if not path.exists():
        return Config()
    import yaml

    try:
        data = yaml.safe_load(path.read_text("utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}", "fix or delete the file") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path} is not a mapping of settings", "fix or delete the file")
    problems, values = [], {}
    for key, value in data.items():
        try:
            values[key] = validate(str(key), value)
        except ConfigError as exc:
            problems.append(str(exc))
    if problems:
        raise ConfigError(f"{path}: " + "; ".join(problems), "fix the file or use studykit config")
    return replace(Config(), **values)


def save_setting(key: str, value, path: Path | None = None) -> Config:
    """Validate and store one setting; returns the new configuration."""
    import yaml

    path = path or config_path()
    parsed = validate(key, value)
    current = load_config(path)
    updated = replace(current, **{key: parsed})
    data = {f.name: _plain(getattr(updated, f.name)) for f in fields(Config)
            if getattr(updated, f.name) != f.default and not callable(f.default)}
    data = {k: v for k, v in data.items() if v not in ((), [])}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=True), "utf-8")
    tmp.replace(path)
    return updated


def _plain(value):
    return list(value) if isinstance(value, tuple) else value
