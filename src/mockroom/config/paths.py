"""Where mockroom keeps things. Every location can be overridden by an environment
variable, so tests and teams never depend on a real home directory.

- MOCKROOM_HOME: data folder (database, bank cache). Default: platformdirs' user data dir.
- MOCKROOM_DB: SQLAlchemy URL of the database. Default: SQLite file in the data folder.
- MOCKROOM_BANK: extra bank folders, separated by ':' (os.pathsep).
- XDG_DOCUMENTS_DIR (platformdirs): where the app exports to, unless the settings say.
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "mockroom"
_PACKAGE = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The data folder; not created here (callers create it with owner-only rights)."""
    home = os.environ.get("MOCKROOM_HOME")
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP, appauthor=False))


def default_export_dir() -> Path:
    """The platform's documents folder (XDG_DOCUMENTS_DIR, ~/Documents...) when it exists,
    else `exports/` in the data folder."""
    from platformdirs import user_documents_dir

    documents = Path(user_documents_dir())
    return documents if documents.is_dir() else data_dir() / "exports"


def default_db_url() -> str:
    url = os.environ.get("MOCKROOM_DB")
    if url:
        return url
    return f"sqlite:///{data_dir() / 'mockroom.db'}"


def builtin_dir(name: str) -> Path | None:
    """`question_bank` or `rubrics` shipped with mockroom: from a checkout or an installed wheel."""
    for candidate in (_PACKAGE.parent.parent / name, _PACKAGE / "builtin" / name):
        if candidate.is_dir():
            return candidate
    return None


def bank_dirs(extra: list[str | Path] | None = None, builtin: bool = True) -> list[Path]:
    """Folders to load questions and rubrics from: built-in first, then MOCKROOM_BANK, then `extra`."""
    dirs: list[Path] = []
    if builtin:
        dirs += [d for d in (builtin_dir("question_bank"), builtin_dir("rubrics")) if d]
    env = os.environ.get("MOCKROOM_BANK", "")
    dirs += [Path(p).expanduser() for p in env.split(os.pathsep) if p.strip()]
    dirs += [Path(p).expanduser() for p in extra or []]
    return unique_paths(dirs)


def unique_paths(paths: list[Path]) -> list[Path]:
    """The paths in order, each place once however it was spelled."""
    seen: set[Path] = set()
    unique = []
    for p in paths:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique
