#!/usr/bin/python3
"""Writes the type stubs of closeloop's compiled module from the module itself.

    PYTHONPATH=build/dev/python /usr/bin/python3 scripts/gen_stubs.py [--check]

pybind11 puts each function's signature, with types, on the first line of its
docstring (one per overload); this script reads them, and the classes,
properties, enums, exceptions and submodules the module holds, and writes
python/closeloop/_core/__init__.pyi, spc.pyi and store.pyi (the package
folder beside the compiled module: stubs only, never imported). Defaults are
written as "...", and a type pybind11 cannot name is written as Any.
`--check` writes nothing and exits 1 when the committed stubs differ.
tests/python/test_stubs.py runs the same comparison and, independently,
checks every public name of the module against the stubs.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import inspect
import pathlib
import re
import sys
import types

ROOT = pathlib.Path(__file__).resolve().parents[1]
STUB_DIR = ROOT / "python" / "closeloop" / "_core"
MODULE = "closeloop._core"
SUBMODULES = ("spc", "store")
# The typing generics pybind11 writes in signatures.
TYPING = ("Callable", "Dict", "Iterable", "Iterator", "List", "Optional", "Sequence", "Set",
          "Tuple", "Union")

HEADER = ('"""Type stubs of {name}, written by scripts/gen_stubs.py from the module\'s '
          'signatures.\nDo not edit: rebuild the module and run the script."""\n\n')


def is_public(name):
    return not name.startswith("_")


def scan(text, start=0):
    """(index, character, depth) of each character outside quotes, depth
    counting brackets and <...> object reprs (not the arrow "->")."""
    depth, quote = 0, None
    for i in range(start, len(text)):
        ch = text[i]
        if quote:
            if ch == quote and text[i - 1] != "\\":
                quote = None
            continue
        if ch in "'\"":
            quote = ch
            continue
        if ch in "([{<":
            depth += 1
        elif ch in ")]}>" and not (ch == ">" and text[i - 1] == "-"):
            depth -= 1
        yield i, ch, depth


def split_top_level(text, separator=","):
    """Splits at separators outside brackets, quotes and <...> object reprs."""
    parts, start = [], 0
    for i, ch, depth in scan(text):
        if ch == separator and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def matching_paren(text, open_index):
    for i, ch, depth in scan(text, open_index):
        if depth == 0 and ch == ")":
            return i
    raise ValueError(f"unbalanced signature: {text}")


class Signature:
    """One pybind11 signature line: parameters as (kind, name, type, has_default)."""

    def __init__(self, params, returns):
        self.params = params
        self.returns = returns

    @property
    def names(self):
        return [name for kind, name, _, _ in self.params if kind not in ("/", "*")]


def parse_signature(line, name):
    """`name(a: int, *, b: str = 'x') -> T` into a Signature, or None."""
    line = line.strip()
    if not line.startswith(name + "("):
        return None
    close = matching_paren(line, len(name))
    inner = line[len(name) + 1:close]
    rest = line[close + 1:].strip()
    returns = rest[2:].strip() if rest.startswith("->") else "None"
    params = []
    for part in split_top_level(inner):
        if part in ("*", "/"):
            params.append((part, part, None, False))
            continue
        kind = "normal"
        if part.startswith("**"):
            kind, part = "**", part[2:]
        elif part.startswith("*"):
            kind, part = "*args", part[1:]
        # "x: Dict[str, int] = {}": the default follows the first "=" outside brackets
        pieces = split_top_level(part, "=")
        head, default = pieces[0], len(pieces) > 1
        pname, _, ptype = head.partition(":")
        params.append((kind, pname.strip(), ptype.strip() or None, default))
    return Signature(params, returns)


def signatures(function, name):
    """The signatures of a pybind11 function or method (one per overload)."""
    doc = (getattr(function, "__doc__", None) or "").strip()
    lines = doc.splitlines()
    if not lines:
        return []
    if "Overloaded function." in doc:
        out = []
        for line in lines:
            match = re.match(r"^\d+\. (.*)$", line.strip())
            if match:
                sig = parse_signature(match.group(1), name)
                if sig:
                    out.append(sig)
        return out
    sig = parse_signature(lines[0], name)
    return [sig] if sig else []


def python_signature(function):
    """A Signature of a plain Python function (no types)."""
    params = []
    seen_star = False
    for p in inspect.signature(function).parameters.values():
        if p.kind == p.KEYWORD_ONLY and not seen_star:
            params.append(("*", "*", None, False))
            seen_star = True
        kind = {p.VAR_POSITIONAL: "*args", p.VAR_KEYWORD: "**"}.get(p.kind, "normal")
        seen_star = seen_star or kind == "*args"
        params.append((kind, p.name, None, p.default is not p.empty))
    return Signature(params, None)


def is_pybind_function(obj):
    return type(obj).__name__ in ("builtin_function_or_method", "instancemethod")


def unwrap(obj):
    return obj.__func__ if type(obj).__name__ == "instancemethod" else obj


class Writer:
    """Stub text of one module, with the imports its types need."""

    def __init__(self, module_name):
        self.module_name = module_name
        self.imports = set()
        self.lines = []

    def type_text(self, text):
        if not text:
            return "Any"
        own = self.module_name + "."
        text = text.replace(own, "")
        for dotted in re.findall(r"\b((?:closeloop|numpy|datetime|os|typing)(?:\.\w+)+)", text):
            module = dotted.rsplit(".", 1)[0]
            self.imports.add(module)
        try:
            ast.parse(text, mode="eval")
        except SyntaxError:
            return "Any"
        return text

    def function(self, name, sigs, indent, kind=None):
        pad = " " * indent
        overload = len(sigs) > 1
        for sig in sigs:
            if overload:
                self.lines.append(f"{pad}@overload")
            if kind == "static":
                self.lines.append(f"{pad}@staticmethod")
            params = []
            for pkind, pname, ptype, default in sig.params:
                if pkind in ("*", "/"):
                    params.append(pkind)
                    continue
                prefix = {"*args": "*", "**": "**"}.get(pkind, "")
                if pname == "self" and kind == "method" and not params:
                    params.append("self")
                    continue
                annotation = f": {self.type_text(ptype)}" if ptype else ""
                equals = " = ..." if annotation else "=..."
                params.append(f"{prefix}{pname}{annotation}{equals if default else ''}")
            returns = f" -> {self.type_text(sig.returns)}" if sig.returns else ""
            self.lines.append(f"{pad}def {name}({', '.join(params)}){returns}: ...")

    def klass(self, name, cls):
        bases = [b for b in cls.__bases__ if b.__name__ not in ("object", "pybind11_object")]
        base_text = ", ".join(self.type_text(f"{b.__module__}.{b.__qualname__}")
                              if b.__module__ != "builtins" else b.__name__ for b in bases)
        self.lines.append(f"class {name}({base_text}):" if base_text else f"class {name}:")
        body_start = len(self.lines)
        members = getattr(cls, "__members__", None)
        for attr, value in vars(cls).items():
            if not is_public(attr) and attr not in ("__init__", "__iter__", "__len__",
                                                    "__getitem__", "__eq__", "__int__"):
                continue
            if members is not None and attr in members:
                self.lines.append(f"    {attr}: {name}")
            elif isinstance(value, property):
                doc = (value.fget.__doc__ or "") if value.fget else ""
                match = re.match(r"^\w*\((?:self|arg0)[^)]*\) -> (.*)$",
                                 doc.strip().splitlines()[0]) if doc.strip() else None
                ptype = self.type_text(match.group(1)) if match else "Any"
                writable = value.fset is not None
                self.lines.append(f"    {attr}: {ptype}" if writable else "    @property")
                if not writable:
                    self.lines.append(f"    def {attr}(self) -> {ptype}: ...")
            elif isinstance(value, staticmethod):
                target = value.__func__
                sigs = signatures(target, attr) if is_pybind_function(target) \
                    else [python_signature(target)]
                self.function(attr, sigs, 4, kind="static")
            elif is_pybind_function(value):
                self.function(attr, signatures(unwrap(value), attr) or
                              [Signature([("normal", "self", None, False)], "Any")], 4,
                              kind="method")
            elif inspect.isfunction(value):
                self.function(attr, [python_signature(value)], 4, kind="method")
            elif is_public(attr):
                self.lines.append(f"    {attr}: {self.type_text(type(value).__module__ + '.' + type(value).__qualname__) if type(value).__module__ != 'builtins' else type(value).__name__}")
        if len(self.lines) == body_start:
            self.lines.append("    ...")
        self.lines.append("")

    def text(self):
        body = "\n".join(self.lines)
        used = sorted(name for name in TYPING if re.search(rf"\b{name}\[", body))
        imports = ["from typing import " + ", ".join(["Any", *used, "overload"])]
        for module in sorted(self.imports):
            if module == self.module_name:
                continue
            imports.append(f"import {module}")
        return (HEADER.format(name=self.module_name) + "\n".join(imports) + "\n\n"
                + "\n".join(self.lines).rstrip() + "\n")


def module_stub(module, submodules=()):
    writer = Writer(module.__name__)
    names = sorted(n for n in vars(module) if is_public(n))
    for name in names:
        value = getattr(module, name)
        if isinstance(value, types.ModuleType):
            if name in submodules:
                writer.lines.append(f"from . import {name} as {name}")
            continue
        if isinstance(value, type):
            writer.klass(name, value)
        elif is_pybind_function(value):
            writer.function(name, signatures(value, name), 0)
            writer.lines.append("")
        elif inspect.isfunction(value):
            writer.function(name, [python_signature(value)], 0)
            writer.lines.append("")
        else:
            kind = type(value)
            writer.lines.append(f"{name}: {kind.__name__ if kind.__module__ == 'builtins' else writer.type_text(kind.__module__ + '.' + kind.__qualname__)}")
    return writer.text()


def stubs():
    """{relative path: text} of every stub file, from the imported module."""
    importlib.import_module("closeloop")  # installs the pandas adapters on the classes
    core = importlib.import_module(MODULE)
    out = {"__init__.pyi": module_stub(core, SUBMODULES)}
    for sub in SUBMODULES:
        out[f"{sub}.pyi"] = module_stub(getattr(core, sub))
    for name, text in out.items():
        ast.parse(text, filename=name)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="compare with the committed stubs; write nothing")
    args = parser.parse_args()
    stale = []
    for name, text in stubs().items():
        path = STUB_DIR / name
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(name)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if args.check and stale:
        print("stale stubs: " + ", ".join(stale) + " (run scripts/gen_stubs.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
