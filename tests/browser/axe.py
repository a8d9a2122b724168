"""An accessibility scan with axe-core (shipped inside axe-playwright-python; nothing is downloaded)."""

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()


def violations(page):
    """axe's violations on the current page, as readable lines (empty when the page passes)."""
    results = _axe.run(page)
    lines = []
    for violation in results.response["violations"]:
        targets = ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return lines


def scan(page, base_url, paths):
    """Visit each path and collect axe's violations by path (empty when every page passes)."""
    problems = {}
    for path in paths:
        page.goto(f"{base_url}{path}")
        found = violations(page)
        if found:
            problems[path] = found
    return problems
