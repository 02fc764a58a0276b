"""The module structure (README, "Architecture"): the layers' contracts hold (pyproject.toml,
also run by `make lint`), no two modules import each other in a circle, and the Dutch text
library imports nothing of the project. Imports inside functions count: they tie modules as
much as the ones at the top. Imports for type annotations only (`if TYPE_CHECKING:`) do not,
as in the contracts (`exclude_type_checking_imports`): they never run."""

import subprocess
import sys
import tomllib
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("kennisbank", "accounts", "initiatieven", "search")


def _contract_ignores() -> set[tuple[str, str]]:
    """The single imports that the layers contract lets pass for now, each named in full."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    ignored = set()
    for contract in config["contracts"]:
        for line in contract.get("ignore_imports", []):
            importer, imported = (part.strip() for part in line.split("->"))
            if "*" not in importer + imported:
                ignored.add((importer, imported))
    return ignored


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(*PACKAGES, cache_dir=None, exclude_type_checking_imports=True)


def test_the_layer_contracts_hold():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(  # noqa: S603
        [lint_imports, "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _project_module(name: str) -> bool:
    return ".migrations" not in name


def test_no_import_cycle_between_modules(graph):
    ignored = _contract_ignores()
    imports = {
        module: {
            imported
            for imported in graph.find_modules_directly_imported_by(module)
            if _project_module(imported) and (module, imported) not in ignored
        }
        for module in graph.modules
        if _project_module(module)
    }
    try:
        TopologicalSorter(imports).prepare()
    except CycleError as error:
        cycle = error.args[1]
        pytest.fail("Modules import each other in a circle: " + " -> ".join(reversed(cycle)))


def test_the_dutch_text_library_imports_nothing_of_the_project(graph):
    library = "search.dutch"
    outside = {
        (module, imported)
        for module in graph.find_descendants(library) | {library}
        for imported in graph.find_modules_directly_imported_by(module)
        if imported != library and not imported.startswith(library + ".")
    }
    assert outside == set()
