"""Dependencies (issue #20, point 8): every package the code imports is declared in pyproject.toml, and the lock
files scripts/bootstrap-venv installs from (made by scripts/lock) pin a version of each within its range."""

import ast
import re
import sys
import tomllib
from functools import cache
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
RUNTIME = [Requirement(r) for r in PROJECT["dependencies"]]
TEST = RUNTIME + [Requirement(r) for r in PROJECT["optional-dependencies"]["test"]]
SHIPPED_CODE = ["cms", "exam_news", "search", "config"]  # installed and served: runtime dependencies only
OTHER_CODE = ["tests", "tools", "bench", "scripts", "manage.py"]  # run from a checkout with the test extra
OWN = {"cms", "exam_news", "search", "config", "tests", "tools", "bench", "scripts", "conftest"}
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.M)


def imported_packages(places: list[str]) -> dict[str, set[str]]:
    """Top-level modules imported (absolute imports) by the Python files under places, with the files."""
    found: dict[str, set[str]] = {}
    for place in places:
        path = ROOT / place
        for file in [path] if path.is_file() else sorted(path.rglob("*.py")):
            for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.partition(".")[0]
                    if top not in sys.stdlib_module_names and top not in OWN:
                        found.setdefault(top, set()).add(str(file.relative_to(ROOT)))
    return found


def undeclared(imports: dict[str, set[str]], requirements: list[Requirement]) -> dict[str, list[str]]:
    declared = {canonicalize_name(r.name) for r in requirements}
    provided_by = packages_distributions()
    return {module: sorted(files) for module, files in imports.items()
            if not declared & {canonicalize_name(d) for d in provided_by.get(module, [module])}}


@cache
def pins(lock: str) -> dict[str, set[Version]]:
    pinned: dict[str, set[Version]] = {}
    for name, version in _PIN.findall((ROOT / "requirements" / lock).read_text(encoding="utf-8")):
        pinned.setdefault(canonicalize_name(name), set()).add(Version(version))
    return pinned


def test_the_shipped_code_imports_only_declared_runtime_dependencies():
    assert undeclared(imported_packages(SHIPPED_CODE), RUNTIME) == {}


def test_tests_tools_and_benchmarks_import_only_declared_dependencies():
    assert undeclared(imported_packages(OTHER_CODE), TEST) == {}


def test_the_check_notices_an_undeclared_import():
    imports = {"ninja": {"config/api.py"}, "yaml": {"tests/x.py"}}
    assert undeclared(imports, [Requirement("django-ninja>=1.4")]) == {"yaml": ["tests/x.py"]}


@pytest.mark.parametrize(("lock", "requirements"), [("lock.txt", RUNTIME), ("lock-test.txt", TEST)])
def test_each_lock_pins_every_declared_dependency_within_its_range(lock, requirements):
    pinned = pins(lock)
    stale = [f"{r} (locked: {sorted(map(str, pinned.get(canonicalize_name(r.name), [])))})" for r in requirements
             if not pinned.get(canonicalize_name(r.name))
             or not all(r.specifier.contains(v, prereleases=True) for v in pinned[canonicalize_name(r.name)])]
    assert not stale, f"requirements/{lock} is out of date; run scripts/lock: {stale}"


def test_serve_and_test_run_the_same_versions():
    runtime, test = pins("lock.txt"), pins("lock-test.txt")
    assert runtime and {name: versions for name, versions in runtime.items() if test.get(name) != versions} == {}


@pytest.mark.parametrize("lock", ["lock.txt", "lock-test.txt", "bootstrap.txt"])
def test_every_locked_package_carries_its_hashes(lock):
    text = (ROOT / "requirements" / lock).read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])  # after uv's two header lines
    assert entries and all(_PIN.match(e) and "--hash=sha256:" in e for e in entries)
