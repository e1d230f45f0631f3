"""Upward imports between the layers and import cycles between modules. Prints figures; not a test.

    .venv/bin/python bench/imports.py       # counts, and each cycle
    .venv/bin/python bench/imports.py -v    # also every upward import

The layers are the layers contract in pyproject.toml (lint-imports enforces it; this
counts what it would report). A cycle is a group of modules that all reach each other
through imports, function-level imports included.
"""

import re
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

import grimp

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))

config = tomllib.loads((BASE / "pyproject.toml").read_text())["tool"]["importlinter"]
layers = next(contract for contract in config["contracts"] if contract["type"] == "layers")["layers"]
bottom_up = [[name.strip() for name in re.split(r"[:|]", layer)] for layer in reversed(layers)]
graph = grimp.build_graph(*config["root_packages"], cache_dir=None)


def layer_of(module: str) -> int:
    for number, names in enumerate(bottom_up):
        if any(module == name or module.startswith(name + ".") for name in names):
            return number
    return -1  # a package's own __init__ (config), in no layer


def name_of(number: int) -> str:
    return " : ".join(bottom_up[number]) if number >= 0 else "(none)"


upward = sorted(
    (imp["importer"], imp["imported"])
    for imp in graph.find_matching_direct_imports(import_expression="** -> **")
    if 0 <= layer_of(imp["importer"]) < layer_of(imp["imported"])
)
by_layers = defaultdict(int)
for importer, imported in upward:
    by_layers[(layer_of(importer), layer_of(imported))] += 1
print(f"upward imports (importing module -> imported module): {len(upward)}")
for (low, high), count in sorted(by_layers.items()):
    print(f"  {name_of(low)} -> {name_of(high)}: {count}")
if "-v" in sys.argv:
    for importer, imported in upward:
        print(f"    {importer} -> {imported}")

# Strongly connected groups of modules (Tarjan, iteratively).
edges = {module: sorted(graph.find_modules_directly_imported_by(module)) for module in sorted(graph.modules)}
index, low, on_stack, stack, groups = {}, {}, set(), [], []
for root in edges:
    if root in index:
        continue
    work = [(root, iter(edges[root]))]
    index[root] = low[root] = len(index)
    stack.append(root)
    on_stack.add(root)
    while work:
        node, children = work[-1]
        for child in children:
            if child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(edges[child])))
                break
            if child in on_stack:
                low[node] = min(low[node], index[child])
        else:
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
print(f"import cycles (groups of modules reaching each other): {len(groups)}, {sum(map(len, groups))} modules")
for group in groups:
    print(f"  {len(group)}: {', '.join(group)}")
