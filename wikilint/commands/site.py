"""``wikilint site import``: a site file from MediaWiki's own description of a wiki.

    wikilint site import SITEINFO.json -o mywiki.toml
    wikilint site import --url https://wiki.example.org/w/api.php -o mywiki.toml

``SITEINFO.json`` is the answer to ``api.php?action=query&meta=siteinfo&siprop=general|
namespaces|namespacealiases|magicwords`` (any ``formatversion``); ``--url`` asks the wiki
for it. The site file holds the wiki's namespace names and aliases, title case, language,
link trail and image keywords, and ``site = "mywiki.toml"`` names it. Without ``-o`` it
goes to standard output.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from wikilint.siteinfo import SiteInfoError, fetch_siteinfo, site_data_from_api, site_toml

EXIT_OK, EXIT_ERROR = 0, 2


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``site`` (with its ``import`` action) to the CLI's sub-commands."""
    site = subparsers.add_parser("site", help="make site files from a wiki's own description")
    actions = site.add_subparsers(dest="site_command", metavar="ACTION", parser_class=type(site))
    importing = actions.add_parser("import", help="a site file from a wiki's meta=siteinfo JSON")
    source = importing.add_mutually_exclusive_group(required=True)
    source.add_argument("siteinfo", nargs="?", metavar="SITEINFO.json",
                        help="the JSON answer of the wiki's API ('-' reads stdin)")
    source.add_argument("--url", help="the wiki's api.php: ask it for the JSON")
    importing.add_argument("-o", "--output", metavar="FILE", help="write the site file to FILE (default: stdout)")
    return site


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run ``wikilint site …``; 0 when the site file was written, 2 on any error."""
    if getattr(args, "site_command", None) != "import":
        err.write("wikilint: error: say what to do: wikilint site import SITEINFO.json -o FILE\n")
        return EXIT_ERROR
    try:
        answer, origin = _answer(args)
        data = site_data_from_api(answer)
        text = site_toml(data, header=_header(answer, origin, data))
    except SiteInfoError as error:
        err.write(f"wikilint: error: {error}\n")
        return EXIT_ERROR
    if not args.output:
        out.write(text)
        return EXIT_OK
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as error:
        err.write(f"wikilint: error: cannot write {args.output}: {error.strerror or error}\n")
        return EXIT_ERROR
    err.write(f"wrote {args.output}: site {data['name']!r} ({len(data.get('namespaces', {}))} namespaces), "
              f"extends {data['extends']!r}\n")
    return EXIT_OK


def _answer(args: argparse.Namespace) -> tuple[Any, str]:
    if args.url:
        return fetch_siteinfo(args.url), args.url
    try:
        if args.siteinfo == "-":
            raw = sys.stdin.read()
        else:
            raw = Path(args.siteinfo).read_text(encoding="utf-8-sig")
    except OSError as error:
        raise SiteInfoError(f"cannot read {args.siteinfo}: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise SiteInfoError(f"{args.siteinfo} is not UTF-8 text: {error.reason}") from error
    try:
        return json.loads(raw), args.siteinfo
    except json.JSONDecodeError as error:
        raise SiteInfoError(f"{args.siteinfo} is not JSON: {error.msg} (line {error.lineno})") from error


def _header(answer: Any, origin: str, data: dict[str, Any]) -> str:
    general = answer.get("query", answer).get("general", {})
    lines = [f"Site file for {general.get('sitename', data['name'])} ({data['name']}), made by `wikilint site import`",
             f"from {origin} ({general.get('generator', 'MediaWiki')}): namespace names and aliases, title case,",
             "language, link trail and image keywords are the wiki's own."]
    if data.get("extends") == "default":
        lines += ["Which templates print a reference list is not in siteinfo: list them in",
                  "reference-list-templates and set reference-list-templates-known = true."]
    return "\n".join(lines)
