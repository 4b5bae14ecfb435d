"""The user's settings: ``$STUDYKIT_HOME/config.yaml``.

One schema, :data:`VALIDATORS`, checks every value, whether it comes from the file
(YAML types) or from ``studykit config KEY VALUE`` (text). Nothing is coerced: ``true``
is not 1, ``20.9`` is not 20, NaN and infinity are no numbers, and a duration or count
must lie in its range. A refused value is reported with its key, the value and what is
allowed; a file with several bad values reports them all.
"""

from __future__ import annotations

import math
import re
import stat
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from studykit.atomicfile import atomic_write
from studykit.errors import ConfigError
from studykit.paths import CONFIG_FILE, home

_DURATION = re.compile(r"(\d{1,15}(?:\.\d{1,6})?)\s*(s|m|h|d)")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_WHOLE = re.compile(r"[+-]?\d{1,18}")
_DECIMAL = re.compile(r"[+-]?(\d{1,30}\.?\d{0,30}|\.\d{1,30})([eE][+-]?\d{1,3})?")
MAX_STEP_SECONDS = 365 * 86400
MAX_STEPS = 10
FSRS_WEIGHTS = 21
SHOWN_CHARS = 60  # of a bad value in a message


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


class BadValue(ValueError):
    """Raised by a validator; the message (may be empty) says what exactly is wrong."""


# -- the schema: key -> validator(value) -> parsed value; validator.allowed says what is --

def _whole(low: int, high: int):
    def check(value) -> int:
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise BadValue("")
        if isinstance(value, str) and not _WHOLE.fullmatch(value.strip()):
            raise BadValue("")
        parsed = int(value)
        if not low <= parsed <= high:
            raise BadValue("out of range")
        return parsed

    check.allowed = f"a whole number from {low} to {high}"
    return check


def _number(low: float, high: float):
    def check(value) -> float:
        parsed = _finite(value)
        if not low <= parsed <= high:
            raise BadValue("out of range")
        return parsed

    check.allowed = f"a number from {low} to {high}"
    return check


def _finite(value) -> float:
    """A real number from an int, a float or a decimal text; never from a bool."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise BadValue("not a number")
    if isinstance(value, str) and not _DECIMAL.fullmatch(value.strip()):
        raise BadValue("not a number")
    try:
        parsed = float(value)
    except OverflowError:
        raise BadValue("not a finite number") from None
    if not math.isfinite(parsed):
        raise BadValue("not a finite number")
    return parsed


def _steps(value) -> tuple[str, ...]:
    items = value.split() if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not 1 <= len(items) <= MAX_STEPS:
        raise BadValue("")
    for item in items:
        if not isinstance(item, str):
            raise BadValue(f"{item!r} is not a duration")
        seconds = parse_duration(item, strict=True)
        if not 1 <= seconds <= MAX_STEP_SECONDS:
            raise BadValue(f"{item} is out of range")
    return tuple(item.strip() for item in items)


_steps.allowed = (f"1 to {MAX_STEPS} durations like '1m 10m' (units s, m, h, d; each from "
                  "1s to 365d)")


def _timezone(value) -> str:
    from studykit.days import zone

    if not isinstance(value, str):
        raise BadValue("")
    try:
        zone(value)
    except Exception:  # noqa: BLE001 - zoneinfo raises several types
        raise BadValue("") from None
    return value


_timezone.allowed = "'local' or an IANA zone name such as Asia/Shanghai"


def _parameters(value) -> tuple[float, ...]:
    items = value.split() if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or len(items) not in (0, FSRS_WEIGHTS):
        raise BadValue("")
    weights = tuple(_finite(item) for item in items)
    if weights:
        from fsrs.scheduler import LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS

        for index, (weight, low, high) in enumerate(
                zip(weights, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True)):
            if not low <= weight <= high:
                raise BadValue(f"weight {index} = {weight:g} is outside FSRS's bounds "
                               f"{low:g} to {high:g}")
    return weights


_parameters.allowed = (f"{FSRS_WEIGHTS} FSRS weights within FSRS's bounds (set by "
                       "`studykit optimize`), or empty for the defaults")

VALIDATORS = {
    "desired_retention": _number(0.70, 0.99),
    "new_per_day": _whole(0, 9999),
    "reviews_per_day": _whole(0, 99999),
    "learning_steps": _steps,
    "relearning_steps": _steps,
    "maximum_interval": _whole(1, 36500),
    "day_start_hour": _whole(0, 23),
    "timezone": _timezone,
    "learn_ahead_minutes": _whole(0, 1440),
    "leech_threshold": _whole(1, 99),
    "fsrs_parameters": _parameters,
}


def parse_duration(text: str, *, strict: bool = False) -> float:
    match = _DURATION.fullmatch(text.strip())
    if not match:
        if strict:
            raise BadValue(f"{text!r} is not a duration")
        raise ConfigError(f"not a duration: {text!r}", "write it like 1m, 10m, 1h or 1d")
    return float(match.group(1)) * _UNIT_SECONDS[match.group(2)]


def config_path() -> Path:
    return home() / CONFIG_FILE


def validate(key: str, value) -> object:
    """The parsed value of setting ``key``; ConfigError naming the key, the value and what
    is allowed when ``key`` is unknown or ``value`` does not fit."""
    if key not in VALIDATORS:
        raise ConfigError(f"unknown setting {_shown(key)}",
                          f"known settings: {', '.join(VALIDATORS)}")
    try:
        return VALIDATORS[key](value)
    except BadValue as exc:
        detail = f" ({exc})" if str(exc) else ""
        raise ConfigError(f"bad value {_shown(value)} for {key}{detail}",
                          f"use {VALIDATORS[key].allowed}") from None


def load_config(path: Path | None = None) -> Config:
    path = path or config_path()
    values, problems = _validated(_read_settings(path))
    if problems:
        raise ConfigError(f"{path}: " + "; ".join(problems),
                          "fix these lines (or delete the file to go back to the defaults)")
    return replace(Config(), **values)


def save_setting(key: str, value, path: Path | None = None) -> Config:
    """Validate and store one setting; returns the new configuration. Another bad value
    in the file is not overwritten silently: the change is refused, naming it."""
    import yaml

    path = path or config_path()
    parsed = validate(key, value)
    others = {k: v for k, v in _read_settings(path).items() if k != key}
    values, problems = _validated(others)
    if problems:
        raise ConfigError(f"{path}: " + "; ".join(problems),
                          f"fix these lines first (or delete the file), then set {key} again")
    updated = replace(Config(), **values, **{key: parsed})
    data = {f.name: _plain(getattr(updated, f.name)) for f in fields(Config)
            if getattr(updated, f.name) != f.default and not callable(f.default)}
    data = {k: v for k, v in data.items() if v not in ((), [])}
    try:
        with atomic_write(path) as stream:
            stream.write(yaml.safe_dump(data, allow_unicode=True, sort_keys=True))
    except OSError as exc:
        raise ConfigError(f"cannot write {path}: {exc.strerror or exc}",
                          "make STUDYKIT_HOME writable") from None
    return updated


def _read_settings(path: Path) -> dict:
    """The file's mapping as YAML read it (empty when there is no file)."""
    import yaml

    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a pipe would block the read
            raise ConfigError(f"{path} is not a regular file", "replace it with a settings "
                              "file, or delete it to go back to the defaults")
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}",
                          "check its permissions, or delete it") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path} is not UTF-8 text (byte {data[exc.start]:#04x} at offset "
                          f"{exc.start})", "save it as UTF-8, or delete it to go back to the "
                          "defaults") from None
    try:
        settings = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" at line {where.line + 1}" if where is not None else ""
        raise ConfigError(f"{path} is not valid YAML{line} ({getattr(exc, 'problem', exc)})",
                          "fix that line, or delete the file to go back to the defaults") \
            from None
    if settings is None:
        return {}
    if not isinstance(settings, dict):
        raise ConfigError(f"{path} is not a mapping of settings (key: value lines)",
                          "fix or delete the file")
    return settings


def _validated(settings: dict) -> tuple[dict, list[str]]:
    values, problems = {}, []
    for key, value in settings.items():
        try:
            values[key] = validate(key if isinstance(key, str) else repr(key), value)
        except ConfigError as exc:
            problems.append(str(exc))
    return values, problems


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= SHOWN_CHARS else f"{text[:SHOWN_CHARS]}… ({len(text)} chars)"


def _plain(value):
    return list(value) if isinstance(value, tuple) else value
