"""``wikilint rules`` lists every installed rule; ``wikilint rule CODE`` explains one."""

from __future__ import annotations

import argparse

from wikilint.commands.common import EXIT_CLEAN, Context, UsageError
from wikilint.rule import RuleInfo


def add_parser(commands: argparse._SubParsersAction) -> None:
    rules = commands.add_parser("rules", help="list every installed rule")
    rules.add_argument("--output-format", choices=("text", "json"), default="text")
    rules.set_defaults(handler=run_rules)
    rule = commands.add_parser("rule", help="explain one rule")
    rule.add_argument("code", metavar="CODE_OR_NAME")
    rule.add_argument("--output-format", choices=("text", "json"), default="text")
    rule.set_defaults(handler=run_rule)


def run(args: argparse.Namespace, context: Context) -> int:
    return args.handler(args, context)


def rule_explanation(info: RuleInfo) -> dict[str, object]:
    rule = info.rule
    examples = rule.examples()
    return {
        "code": rule.code, "name": rule.name, "summary": rule.summary(), "severity": rule.severity,
        "default_enabled": rule.default_enabled, "fix": rule.fix_applicability,
        "languages": list(rule.languages),
        "options": dict(rule.options), "plugin": info.plugin, "distribution": info.distribution,
        "explanation": rule.documentation(),
        "examples": {"bad": examples.bad, "good": examples.good} if examples else None,
    }


def run_rules(args: argparse.Namespace, context: Context) -> int:
    infos = context.registry.sorted_rules()
    out = context.out
    if args.output_format == "json":
        import json

        json.dump([rule_explanation(info) for info in infos], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return EXIT_CLEAN
    for info in infos:
        rule = info.rule
        state = "on " if rule.default_enabled else "off"
        fix = {"none": "     ", "safe": "fix  ", "unsafe": "fix! "}[rule.fix_applicability]
        sites = f"({', '.join(rule.languages)} sites only) " if rule.languages else ""
        out.write(f"{rule.code:<8} {state} {fix} {rule.name:<32} {sites}{rule.summary()}\n")
    return EXIT_CLEAN


def run_rule(args: argparse.Namespace, context: Context) -> int:
    wanted = args.code
    registry = context.registry
    info = registry.rules.get(wanted.upper()) or registry.by_name().get(wanted)
    if info is None:
        return _explain_engine_code(args, context)
    if args.output_format == "json":
        import json

        json.dump(rule_explanation(info), context.out, ensure_ascii=False, indent=2)
        context.out.write("\n")
        return EXIT_CLEAN
    from wikilint.docs import rule_markdown

    context.out.write(rule_markdown(info))
    return EXIT_CLEAN


def _explain_engine_code(args: argparse.Namespace, context: Context) -> int:
    """WL001, WL002: not rules, but users meet them in reports."""
    from wikilint.engine_codes import ENGINE_CODES, engine_code_markdown

    wanted = args.code
    item = ENGINE_CODES.get(wanted.upper()) or next((e for e in ENGINE_CODES.values() if e.name == wanted), None)
    if item is None:
        raise UsageError(f"unknown rule {wanted!r} (see 'wikilint rules')")
    if args.output_format == "json":
        import json

        explanation = {"code": item.code, "name": item.name, "summary": item.summary, "severity": item.severity,
                       "default_enabled": True, "fix": "none", "options": {}, "plugin": None,
                       "distribution": None, "explanation": f"{item.summary}\n\n{item.explanation}",
                       "examples": None, "engine": True}
        json.dump(explanation, context.out, ensure_ascii=False, indent=2)
        context.out.write("\n")
        return EXIT_CLEAN
    context.out.write(engine_code_markdown(item))
    return EXIT_CLEAN
