"""Ships the built-in question bank and rubrics inside the wheel.

In a checkout they live at the top level (question_bank/, rubrics/); a wheel
copies them to mockroom/builtin/ so `mockroom` finds them once installed.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).parent


class BuildWithBank(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "mockroom" / "builtin"
        for name in ("question_bank", "rubrics"):
            src = ROOT / name
            if src.is_dir():
                shutil.copytree(src, target / name, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithBank})
