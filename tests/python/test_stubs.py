"""The type stubs shipped beside closeloop._core (closeloop/_core/*.pyi)
against the module itself, as mypy's stubtest would: every public name of the
module, its submodules and their classes has a stub and every stub names
something real; functions' parameter names (one list per overload) match what
pybind11 declares. A function, method or property added to the bindings
fails here until scripts/gen_stubs.py is run again."""

import ast
import importlib.util
import inspect
import pathlib
import types

import pytest

import closeloop as cl
from conftest import SOURCE_DIR

PACKAGE_DIR = pathlib.Path(cl.__file__).resolve().parent
STUBS = {"": "__init__.pyi", "spc": "spc.pyi", "store": "store.pyi"}
# Dunder methods the stubs carry (the rest of the dunders are object's).
DUNDERS = {"__init__", "__iter__", "__len__", "__getitem__", "__eq__", "__int__"}


def load_generator():
    spec = importlib.util.spec_from_file_location("gen_stubs", SOURCE_DIR / "scripts" / "gen_stubs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def stub_tree(sub):
    path = PACKAGE_DIR / "_core" / STUBS[sub]
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def module_of(sub):
    return cl._core if not sub else getattr(cl._core, sub)


def stub_names(body):
    """{name: node} of the definitions in a module or class body."""
    out = {}
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            out.setdefault(node.name, []).append(node)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            out.setdefault(node.target.id, []).append(node)
        elif isinstance(node, ast.ImportFrom) and node.module is None:  # from . import spc as spc
            for alias in node.names:
                out.setdefault(alias.asname or alias.name, []).append(node)
    return out


def public(names):
    return {n for n in names if not n.startswith("_") or n in DUNDERS}


def class_members(cls):
    """The public names a class defines itself. A class without a
    constructor has only the slot wrapper that refuses to build one."""
    own = vars(cls)
    return {n for n in public(own)
            if not (n.startswith("__") and type(own[n]).__name__ == "wrapper_descriptor")}


def runtime_names(module):
    return {n for n in vars(module) if not n.startswith("_")
            and (not isinstance(getattr(module, n), types.ModuleType) or n in STUBS)}


def parameter_lists(nodes):
    lists = []
    for node in nodes:
        if not isinstance(node, ast.FunctionDef):
            continue
        a = node.args
        lists.append([p.arg for p in a.posonlyargs + a.args]
                     + ([a.vararg.arg] if a.vararg else [])
                     + [p.arg for p in a.kwonlyargs]
                     + ([a.kwarg.arg] if a.kwarg else []))
    return lists


def declared_parameters(generator, value, name):
    if isinstance(value, staticmethod):
        value = value.__func__
    if inspect.isfunction(value):
        return [list(inspect.signature(value).parameters)]
    function = value.__func__ if type(value).__name__ == "instancemethod" else value
    return [[p for p in sig.names] for sig in generator.signatures(function, name)]


def test_stubs_are_what_the_generator_writes_now():
    generator = load_generator()
    for name, text in generator.stubs().items():
        shipped = (PACKAGE_DIR / "_core" / name).read_text(encoding="utf-8")
        assert shipped == text, f"_core/{name} is stale: run scripts/gen_stubs.py"


@pytest.mark.parametrize("sub", list(STUBS))
def test_every_public_name_has_a_stub_and_back(sub):
    module = module_of(sub)
    stubbed = stub_names(stub_tree(sub).body)
    assert runtime_names(module) == public(stubbed) - {"Any", "overload"}


@pytest.mark.parametrize("sub", list(STUBS))
def test_classes_and_functions_match_their_stubs(sub):
    generator = load_generator()
    module = module_of(sub)
    stubbed = stub_names(stub_tree(sub).body)
    checked = 0
    for name in sorted(runtime_names(module)):
        value = getattr(module, name)
        if isinstance(value, type):
            body = stub_names(stubbed[name][0].body)
            members = getattr(value, "__members__", {})
            own = class_members(value)
            assert own == public(body), f"{name}: members differ from the stub"
            for attr in own:
                member = vars(value)[attr]
                if attr in members or isinstance(member, property):
                    continue
                if callable(member) or isinstance(member, staticmethod):
                    want = declared_parameters(generator, member, attr)
                    if want:
                        assert parameter_lists(body[attr]) == want, f"{name}.{attr}"
                        checked += 1
        elif callable(value) and not isinstance(value, types.ModuleType):
            want = declared_parameters(generator, value, name)
            assert parameter_lists(stubbed[name]) == want, name
            checked += 1
    assert checked > 0


def test_an_editor_finds_the_headline_calls():
    core = stub_names(stub_tree("").body)
    store = stub_names(stub_tree("store").body)
    assert "Store" in store and "import_csv" in stub_names(store["Store"][0].body)
    assert "count_partition" in core and "IncidentTable" in core
    assert parameter_lists(core["count_partition"])[0][:2] == ["incidents", "by"]
