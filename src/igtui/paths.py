"""Where igtui keeps user data and caches (platformdirs, overridable by env vars)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "igtui"


def data_dir() -> Path:
    """Notes and reading state; `IGTUI_DATA_DIR` overrides (tests, portable installs)."""
    override = os.environ.get("IGTUI_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


def cache_dir() -> Path:
    """Search-index cache; `IGTUI_CACHE_DIR` overrides."""
    override = os.environ.get("IGTUI_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir(APP_NAME))
