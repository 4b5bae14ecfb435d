"""The user's day: it starts at ``day_start_hour`` local time (4 am by default, as Anki),
so a late-night session still counts as the same day. Times in, times out: all aware."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from functools import cache


@cache
def zone(name: str | None) -> tzinfo | None:
    """A tz for a config value: an IANA name, or None/"local" for the system's zone."""
    if not name or name == "local":
        return None
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def local(moment: datetime, tz: tzinfo | None) -> datetime:
    return moment.astimezone(tz) if tz is not None else moment.astimezone()


def study_day(moment: datetime, tz: tzinfo | None, day_start_hour: int) -> date:
    """The calendar date of the study day ``moment`` falls in."""
    return (local(moment, tz) - timedelta(hours=day_start_hour)).date()


def day_start(day: date, tz: tzinfo | None, day_start_hour: int) -> datetime:
    """The moment study day ``day`` begins, as an aware datetime in ``tz``."""
    naive = datetime.combine(day, time(hour=day_start_hour))
    if tz is None:
        return naive.astimezone()  # the system's local zone
    return naive.replace(tzinfo=tz)


def day_bounds(moment: datetime, tz: tzinfo | None, day_start_hour: int
               ) -> tuple[datetime, datetime]:
    """Start and end of the study day containing ``moment``."""
    day = study_day(moment, tz, day_start_hour)
    return (day_start(day, tz, day_start_hour),
            day_start(day + timedelta(days=1), tz, day_start_hour))
