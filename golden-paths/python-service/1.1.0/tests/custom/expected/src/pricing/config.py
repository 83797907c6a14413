"""Settings from environment variables, so the same image runs in every environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    """Every setting the service reads at start-up."""

    port: int = 9000
    shutdown_timeout: int = 10


def load_settings(environ: Mapping[str, str] = os.environ) -> Settings:
    """Reads the settings; unset variables keep their defaults, malformed ones raise."""
    defaults = Settings()
    return Settings(
        port=_integer(environ, "PORT", defaults.port, 1, 65535),
        shutdown_timeout=_integer(
            environ, "SHUTDOWN_TIMEOUT", defaults.shutdown_timeout, 1, 300
        ),
    )


def _integer(
    environ: Mapping[str, str], key: str, default: int, low: int, high: int
) -> int:
    raw = environ.get(key, "")
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{key}: {raw!r} is not an integer") from None
    if not low <= value <= high:
        raise ValueError(f"{key}: {value} is outside {low}..{high}")
    return value
