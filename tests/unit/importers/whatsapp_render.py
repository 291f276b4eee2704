"""Writing messages back out in WhatsApp's syntax variants, for round-trip and volume tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from tending.domain.chat import ChatMessage

NNBSP = "\u202f"


def _hour12(time: datetime) -> tuple[int, bool]:
    return (time.hour % 12 or 12), time.hour >= 12


def _android_dmy(t: datetime) -> str:
    return f"{t:%d/%m/%y, %H:%M} - "


def _ios_dmy(t: datetime) -> str:
    return f"[{t:%d/%m/%Y, %H:%M:%S}] "


def _ios_us_12h(t: datetime) -> str:
    hour, pm = _hour12(t)
    return f"\u200e[{t.month}/{t.day}/{t:%y}, {hour}:{t:%M:%S}{NNBSP}{'PM' if pm else 'AM'}] "


def _android_us_12h(t: datetime) -> str:
    hour, pm = _hour12(t)
    return f"{t.month}/{t.day}/{t:%y}, {hour}:{t:%M} {'pm' if pm else 'am'} - "


def _spanish_12h(t: datetime) -> str:
    hour, pm = _hour12(t)
    return f"{t:%d/%m/%Y}, {hour}:{t:%M} {'p. m.' if pm else 'a. m.'} - "


def _german_dotted(t: datetime) -> str:
    return f"{t:%d.%m.%y, %H:%M} - "


def _year_first(t: datetime) -> str:
    return f"{t:%Y-%m-%d %H:%M} - "


def _finnish(t: datetime) -> str:
    return f"{t.day}.{t.month}.{t.year} klo {t.hour}.{t:%M} - "


def _korean_12h(t: datetime) -> str:
    hour, pm = _hour12(t)
    return f"{t.year}. {t.month}. {t.day}. {'오후' if pm else '오전'} {hour}:{t:%M} - "


def _chinese_12h(t: datetime) -> str:
    hour, pm = _hour12(t)
    return f"{t.year}/{t.month}/{t.day} {'下午' if pm else '上午'}{hour}:{t:%M} - "


# name -> (header writer, date order to read it with, whether seconds are written)
VARIANTS: dict[str, tuple[Callable[[datetime], str], str, bool]] = {
    "android_dmy": (_android_dmy, "dmy", False),
    "ios_dmy": (_ios_dmy, "dmy", True),
    "ios_us_12h": (_ios_us_12h, "mdy", True),
    "android_us_12h": (_android_us_12h, "mdy", False),
    "spanish_12h": (_spanish_12h, "dmy", False),
    "german_dotted": (_german_dotted, "dmy", False),
    "year_first": (_year_first, "ymd", False),
    "finnish": (_finnish, "dmy", False),
    "korean_12h": (_korean_12h, "ymd", False),
    "chinese_12h": (_chinese_12h, "ymd", False),
}


def render(message: ChatMessage, variant: str) -> str:
    """One message as the lines of an export (ends with a newline)."""
    header = VARIANTS[variant][0](message.time)
    if message.sender is None:
        return f"{header}{message.text}\n"
    return f"{header}{message.sender}: {message.text}\n"
