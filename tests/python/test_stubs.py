"""The type stubs of the extension name everything it exports, so editors complete the API."""
import ast
import pathlib

import drp
from drp import _drp

STUB = pathlib.Path(drp.__file__).with_name("_drp.pyi")


def stub_names():
    tree = ast.parse(STUB.read_text())
    names, members = set(), {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign):
            names.add(node.target.id)
        if isinstance(node, ast.ClassDef):
            members[node.name] = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
    return names, members


def test_every_export_of_the_extension_is_in_its_stub():
    names, members = stub_names()
    exported = {n for n in dir(_drp) if not n.startswith("__")}
    assert exported - names == set()
    for cls in (n for n in exported if isinstance(getattr(_drp, n), type)):
        public = {m for m in dir(getattr(_drp, cls)) if not m.startswith("__")}
        assert public - members[cls] == set(), cls


def test_the_package_is_marked_typed():
    assert STUB.with_name("py.typed").exists()
