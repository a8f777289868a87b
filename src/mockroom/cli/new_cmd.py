"""`mockroom new ID`: write a commented question and rubric to start from."""

from __future__ import annotations

import argparse


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", help="new question id, <track>.<slug>, e.g. mine.prioritise-requests")
    p.add_argument("--dir", default="my-bank", help="folder to write into (default: ./my-bank)")


def run(args: argparse.Namespace) -> int:
    import re
    from importlib.resources import files
    from pathlib import Path

    from mockroom.cli.main import CliError
    from mockroom.core.models import ID_RE

    if not re.match(ID_RE, args.id) or args.id.count(".") != 1:
        raise CliError(f"{args.id!r} is not an id of the form <track>.<slug> (lower case, digits, '-')")
    track, slug = args.id.split(".")
    root = Path(args.dir)
    targets = {
        root / track / f"{slug}.yaml": "question.yaml",
        root / "rubrics" / track / f"{slug}.yaml": "rubric.yaml",
    }
    for path in targets:
        if path.exists():
            raise CliError(f"{path} already exists; not overwriting it")
    templates = files("mockroom.core").joinpath("templates")
    for path, name in targets.items():
        text = templates.joinpath(name).read_text("utf-8")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8") as f:  # "x": never overwrite, even in a race
                f.write(text.format(id=args.id, track=track, dir=root))
        except OSError as e:
            raise CliError(f"cannot write {path}: {e.strerror or e}") from None
        print(f"wrote {path}")
    print(f"next: edit them, then `mockroom lint {root}` and `mockroom --bank {root}`")
    return 0
