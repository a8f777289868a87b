"""The candidate's settings, kept as a small JSON file in the data folder.

A missing file means defaults; a corrupt file or a bad value never stops the
app: the bad part falls back to its default and `load_settings` says why.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from mockroom.config.paths import data_dir, default_export_dir
from mockroom.files.bounded import read_limited

LANGS = ("zh", "en")
FILE_NAME = "settings.json"
MAX_BYTES = 64 * 1024
"""Far more than the few switches need: a larger file is not ours."""


def locale_lang(environ: Mapping[str, str] | None = None) -> str:
    """`zh` when the locale is Chinese, else `en` (LC_ALL, LC_MESSAGES, LANG, LANGUAGE, in that order)."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var, "").strip()
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


@dataclass(frozen=True)
class Settings:
    lang: str = "en"
    """Interface language, `zh` or `en`."""
    clock_on: bool = True
    """Show the prep and answer countdowns."""
    auto_submit: bool = False
    """Submit when the answer time is up instead of counting overtime."""
    live_meter: bool = False
    """Show how many rubric points the draft covers while typing."""
    self_rating: bool = True
    """Ask the candidate to rate each answer 1-5 before showing its score."""
    last_track: str = ""
    """The start screen's last choices; a track or mode it no longer offers (or "") gives
    way to its default."""
    last_mode: str = ""
    last_count: int = 3
    export_dir: str = ""
    """Folder the app exports sessions to; empty: paths.default_export_dir()."""


@dataclass(frozen=True)
class LoadedSettings:
    settings: Settings
    problem: str | None = None
    """Why (part of) the file was ignored, in plain words; None when all was well."""


def settings_path() -> Path:
    return data_dir() / FILE_NAME


def load_settings(
    path: Path | None = None, environ: Mapping[str, str] | None = None
) -> LoadedSettings:
    path = path or settings_path()
    defaults = Settings(lang=locale_lang(environ))
    try:
        # Bounded and non-blocking: a FIFO or /dev/zero in its place must not hang the app.
        raw = read_limited(path, MAX_BYTES).decode("utf-8")
    except FileNotFoundError:
        return LoadedSettings(defaults)
    except (OSError, UnicodeDecodeError) as e:
        return LoadedSettings(defaults, f"cannot read {path}: {e}; using default settings")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        return LoadedSettings(
            defaults, f"{path} is not valid JSON (line {e.lineno}, column {e.colno}: {e.msg}); "
            "using default settings"
        )
    if not isinstance(data, dict):
        return LoadedSettings(defaults, f"{path} must hold a JSON object; using default settings")
    values: dict[str, object] = {}
    bad: list[str] = []
    for f in fields(Settings):
        if f.name not in data:
            continue
        v = data[f.name]
        if _valid(f.name, v):
            values[f.name] = v
        else:
            bad.append(f"{f.name}={json.dumps(v, ensure_ascii=False)}")
    problem = None
    if bad:
        problem = f"{path}: ignored bad value(s) {', '.join(bad)}; using the default for them"
    return LoadedSettings(replace(defaults, **values), problem)  # type: ignore[arg-type]


def _valid(name: str, v: object) -> bool:
    if name == "lang":
        return v in LANGS
    if name in ("last_track", "last_mode"):  # ids the start screen checks against its own
        return isinstance(v, str) and len(v) <= 64 and v.isprintable()
    if name == "last_count":
        return isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 50
    if name == "export_dir":
        return isinstance(v, str)
    return isinstance(v, bool)


def export_folder(settings: Settings) -> Path:
    """Where the app writes exports: the setting, else the platform's documents folder."""
    return Path(settings.export_dir).expanduser() if settings.export_dir else default_export_dir()


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write atomically (temp file + rename), creating the folder owner-only."""
    if settings.lang not in LANGS:
        raise ValueError(f"language must be one of {', '.join(LANGS)}, got {settings.lang!r}")
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(asdict(settings), indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
