"""The lesson library stands alone: it never imports the journal, and the journal uses only its public face
(`library()`, the crisis lines), so either can change inside without breaking the other."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LIBRARY_MODULES = [
    *sorted(path.relative_to(ROOT).as_posix() for path in (ROOT / "attachment_app/lessons").glob("*.py")),
    "attachment_app/crisis_lines.py",
]
PUBLIC = {
    "attachment_app.lessons": {"library"},
    "attachment_app.crisis_lines": {"crisis_lines", "COUNTRY_COOKIE"},
}


def imports(path):
    """(module, name) for every `from module import name` and (module, None) for every `import module`."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield from ((node.module, alias.name) for alias in node.names)
        elif isinstance(node, ast.Import):
            yield from ((alias.name, None) for alias in node.names)


def test_the_lesson_library_does_not_import_the_journal():
    assert "attachment_app/lessons/collection.py" in LIBRARY_MODULES, "the library's own files are checked"
    for module in LIBRARY_MODULES:
        found = [name for name, _ in imports(ROOT / module) if name.split(".")[0] in ("journal", "reminders")]
        assert found == [], f"{module} imports {found}"


def test_the_journal_uses_only_the_librarys_public_functions():
    for path in [*(ROOT / "journal").rglob("*.py"), *(ROOT / "reminders").rglob("*.py")]:
        if "migrations" in path.parts:
            continue
        for module, name in imports(path):
            if module.startswith("attachment_app"):
                assert name in PUBLIC.get(module, set()), f"{path.relative_to(ROOT)} uses {module}.{name}"
