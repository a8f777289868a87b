"""The question bank: YAML files -> validated Questions and Rubrics.

The arrows run one way: `parse` (bytes -> `ParsedFile`, pure) <- `source` (reading files,
the `ParseSource` seam) <- `cache` (a `ParseSource` that parses only what changed) <-
`load` (finding files, adding parses up, cross-checking into a `model.Bank`).
"""

from mockroom.core.bank.load import YAML_SUFFIXES, load_bank, load_paths
from mockroom.core.bank.model import Bank, Origin, criterion_keys

__all__ = ["YAML_SUFFIXES", "Bank", "Origin", "criterion_keys", "load_bank", "load_paths"]
