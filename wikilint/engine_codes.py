"""The engine's own diagnostic codes, documented like rules.

They are not rules (nothing selects or ignores them: they report that a rule or a fix
failed), but users meet them in reports, so ``wikilint rule WL001`` explains them,
``docs/rules/`` has a page for each, and SARIF links to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from wikilint.engine import FIX_FAILED, INTERNAL_ERROR


@dataclass(frozen=True)
class EngineCode:
    code: str
    name: str
    summary: str
    explanation: str
    severity: str = "error"


ENGINE_CODES: dict[str, EngineCode] = {item.code: item for item in (
    EngineCode(
        INTERNAL_ERROR[0], INTERNAL_ERROR[1],
        "A rule failed on this page: it raised an exception or returned a malformed finding.",
        "The message names the rule and what went wrong. The rule's other findings on the page are "
        "dropped; every other rule still runs, and the run exits with status 2.\n\n"
        "This is a bug in the rule (or in the plugin that provides it), not in the page: report it to "
        "the plugin's authors with the page. Until it is fixed, `--ignore` the rule's code or add the "
        "page to `per-file-ignores` for it.",
    ),
    EngineCode(
        FIX_FAILED[0], FIX_FAILED[1],
        "The fixes of a rule were not applied to this page.",
        "wikilint refuses a rule's fixes when the fixed text would fail an acceptance check (it must "
        "re-parse to itself and leave no more unmatched `[[ ]]`/`{{ }}` than before), when the fixes "
        "do not settle within `fix-limit` passes, or when they undo another rule's fix. That rule's "
        "fixes are dropped and the page is fixed without them; the other rules' fixes stay. The "
        "message names the rule and the reason; the run exits with status 2.\n\n"
        "Fix the finding by hand, or raise `fix-limit` when the message says the fixes did not "
        "settle. A refusal that the page does not explain is a bug in the rule's fix: report it.",
    ),
)}


def engine_code_markdown(item: EngineCode) -> str:
    """Its page, shaped like a rule's page."""
    return "\n".join([
        f"# {item.code} `{item.name}`", "",
        f"**{item.summary}**", "",
        f"- Severity: {item.severity}",
        "- Engine diagnostic: reported by wikilint itself, not by a rule; it cannot be selected or ignored.",
        "", "## Description", "", item.explanation, "",
    ])
