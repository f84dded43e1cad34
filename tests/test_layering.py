"""The packages of `assistant` import only down the data flow (see assistant/__init__.py)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "assistant"
# Lower layers first; a module may import its own layer and the layers before it.
LAYERS = (
    ("types", "config", "errors"),
    ("text",),
    ("figures",),
    ("parsing",),
    ("index",),
    ("retrieval",),
    ("answering",),
    ("llm",),
    ("evaluation",),
    ("cli",),
)
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def layer_of(module: str) -> str:
    """'assistant.answering.qa' -> 'answering'; 'assistant' itself -> ''."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, module) of every `assistant` import in a module, inside functions too."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "assistant":
            if node.module == "assistant":
                found.extend((node.lineno, f"assistant.{alias.name}") for alias in node.names)
            else:
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "assistant")
    return found


def upward_imports(root: Path = PACKAGE) -> list[str]:
    """Every import that points up the data flow, as 'file:line imports module'."""
    wrong = []
    for path in sorted(root.rglob("*.py")):
        own = layer_of(".".join(("assistant", *path.relative_to(root).with_suffix("").parts)))
        if own not in RANK:
            continue
        for line, module in imported_modules(ast.parse(path.read_text(encoding="utf-8"))):
            target = layer_of(module)
            if target in RANK and RANK[target] > RANK[own]:
                wrong.append(f"{path.relative_to(root.parent)}:{line} imports {module}")
    return wrong


def test_every_module_sits_in_a_known_layer():
    names = {p.stem if p.parent == PACKAGE else p.relative_to(PACKAGE).parts[0] for p in PACKAGE.rglob("*.py")}
    assert names - {"__init__"} <= set(RANK)


def test_imports_point_only_down_the_data_flow():
    assert upward_imports() == []


@pytest.mark.parametrize(
    "layer, statement, module",
    [
        ("figures", "from assistant.answering.qa import Assistant", "assistant.answering.qa"),
        ("text", "from assistant import index", "assistant.index"),
        ("parsing", "def lazy():\n    import assistant.retrieval.hybrid", "assistant.retrieval.hybrid"),
    ],
)
def test_an_upward_import_is_caught(tmp_path, layer, statement, module):
    """A copy of the package with one upward import added fails the check, naming the line."""
    copy = tmp_path / "assistant"
    for path in PACKAGE.rglob("*.py"):
        target = copy / path.relative_to(PACKAGE)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (copy / layer / "upward.py").write_text(statement + "\n", encoding="utf-8")
    line = statement.count("\n") + 1
    assert upward_imports(copy) == [f"assistant/{layer}/upward.py:{line} imports {module}"]
