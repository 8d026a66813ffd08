"""Helpers the schema tests share: reading JSON and JSONL, error pointers, walking a schema."""
from __future__ import annotations

import json
from pathlib import Path

# Keywords whose subschemas only constrain properties declared elsewhere.
CONSTRAINTS = frozenset({"if", "then", "else", "not", "anyOf", "allOf", "oneOf"})


def load(path: Path):
    with path.open(encoding="utf-8") as f:
        return json.load(f)


def read_log(path: Path) -> list[dict]:
    """The events of a JSONL log."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def pointer(error) -> str:
    """The JSON pointer of a jsonschema error's instance ("" for the document itself)."""
    return "".join(f"/{part}" for part in error.absolute_path)


def subschemas(node, path: str = "#", skip=frozenset()):
    """(path, object) for every JSON object in a schema, depth first, not entering `skip` keys."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            if key not in skip:
                yield from subschemas(value, f"{path}/{key}", skip)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from subschemas(value, f"{path}/{i}", skip)


def declared_properties(schema):
    """(path, subschema) for every property a schema declares, not merely constrains; a `true`
    schema (an event type re-admitting a common field) declares nothing."""
    for path, node in subschemas(schema, skip=CONSTRAINTS):
        for name, sub in node.get("properties", {}).items():
            if sub is not True:
                yield f"{path}/properties/{name}", sub
