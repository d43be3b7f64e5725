"""Site data from MediaWiki's own description of a wiki, and the site file that holds it.

Every MediaWiki answers ``api.php?action=query&meta=siteinfo`` with its namespaces, their
aliases, the magic words of its language and its link trail. :func:`site_data_from_api`
turns that answer (``formatversion=1`` or ``2``) into site data, the same shape a preset
file has; :func:`site_data_from_dump` does the same for the ``<siteinfo>`` of an XML dump,
which holds less (namespace names and the title case). :func:`site_toml` writes site data
as a site file that ``site = "…"`` can name.

Namespaces are keyed as the rules know them: ``file``, ``category``, ``template``… for
MediaWiki's own namespaces (by number, whatever the wiki calls them), the canonical name
in lower case for the others (``portal``, ``draft``), and ``<key>-talk`` for their talk
namespaces.
"""

from __future__ import annotations

import json
import re
import unicodedata
import urllib.parse
import urllib.request
from typing import Any, Iterable, Mapping, Sequence

from wikilint.site import REFERENCE_LIST_TEMPLATES_KNOWN, UNKNOWN_WIKI, preset_data, preset_names


class SiteInfoError(ValueError):
    """Site information that cannot be turned into site data."""


#: MediaWiki's namespace numbers (``includes/Defines.php``, Scribunto's 828/829) → key.
CORE_NAMESPACE_KEYS: Mapping[int, str] = {
    -2: "media", -1: "special", 1: "talk", 2: "user", 3: "user-talk", 4: "project", 5: "project-talk",
    6: "file", 7: "file-talk", 8: "mediawiki", 9: "mediawiki-talk", 10: "template", 11: "template-talk",
    12: "help", 13: "help-talk", 14: "category", 15: "category-talk", 828: "module", 829: "module-talk",
}
#: MediaWiki's canonical (English) names of those namespaces: valid on every wiki.
CANONICAL_NAMESPACE_NAMES: Mapping[int, str] = {
    -2: "Media", -1: "Special", 1: "Talk", 2: "User", 3: "User talk", 4: "Project", 5: "Project talk",
    6: "File", 7: "File talk", 8: "MediaWiki", 9: "MediaWiki talk", 10: "Template", 11: "Template talk",
    12: "Help", 13: "Help talk", 14: "Category", 15: "Category talk", 828: "Module", 829: "Module talk",
}

#: Image-option magic words (MediaWiki's ``img_*`` ids) → ``[image-options]`` key.
IMAGE_OPTION_KEYS: Mapping[str, str] = {
    "img_thumbnail": "thumbnail", "img_manualthumb": "manualthumb", "img_framed": "framed",
    "img_frameless": "frameless", "img_border": "border", "img_left": "left", "img_right": "right",
    "img_center": "center", "img_none": "none", "img_baseline": "baseline", "img_sub": "sub",
    "img_super": "super", "img_top": "top", "img_text_top": "text-top", "img_middle": "middle",
    "img_bottom": "bottom", "img_text_bottom": "text-bottom", "img_upright": "upright", "img_alt": "alt",
    "img_link": "link", "img_page": "page", "img_class": "class", "img_lang": "lang", "img_width": "px-suffix",
}
#: Options whose magic words take a value (``alt=$1``); the others are bare words, but for
#: ``upright`` (both) and the width (``$1px``, kept as its suffix).
_VALUE_OPTIONS = frozenset({"manualthumb", "alt", "link", "page", "class", "lang"})

#: The query whose answer :func:`site_data_from_api` reads.
SITEINFO_QUERY = {
    "action": "query", "meta": "siteinfo", "format": "json", "formatversion": "2",
    "siprop": "general|namespaces|namespacealiases|magicwords|extensiontags",
}


# -- pieces ------------------------------------------------------------------------

def namespace_key(number: int, canonical: str, subject_key: str | None = None) -> str:
    """The key of namespace ``number``: the rules' name for a core namespace, else the
    canonical name (``Portal`` → ``portal``); a talk namespace (odd number) whose subject
    namespace has a key gets ``<that key>-talk``."""
    if number in CORE_NAMESPACE_KEYS:
        return CORE_NAMESPACE_KEYS[number]
    if number % 2 and subject_key:
        return f"{subject_key}-talk"
    return re.sub(r"[\s_]+", "-", canonical.strip()).lower()


_PHP_TRAIL = re.compile(r"/\^\((?P<trail>.*)\)\(\.\*\)\$/(?P<flags>[a-zA-Z]*)", re.DOTALL)
_PCRE_HEX = re.compile(r"\\x\{([0-9A-Fa-f]+)\}")


def link_trail_from_php(pattern: str) -> str:
    """The ``link-trail`` value for MediaWiki's ``$linkTrail`` (a PHP regex such as
    ``/^([äöüßa-z]+)(.*)$/sDu``): a Python regex of the trail itself (``[äöüßa-z]+``), or
    ``""`` for a wiki without a link trail (``/^()(.*)$/sD``).

    Raises :class:`SiteInfoError` for a form that has no Python equivalent here.
    """
    match = _PHP_TRAIL.fullmatch(pattern.strip())
    if match is None:
        raise SiteInfoError(f"link trail {pattern!r} is not of the form /^(…)(.*)$/")
    trail = match["trail"]
    if not trail:
        return ""
    trail = _PCRE_HEX.sub(lambda hexa: _python_escape(int(hexa[1], 16)), trail)
    # \p{L} (any letter) has no escape in Python's re; standing alone it is [^\W\d_].
    trail = re.sub(r"(?<!\\)\\p\{L\}(?![^\[]*\])", r"[^\\W\\d_]", trail)
    if re.search(r"(?<!\\)\\[pPX]", trail):
        raise SiteInfoError(f"link trail {pattern!r} uses a Unicode property Python's re does not know")
    if "i" in match["flags"]:
        trail = f"(?i:{trail})"
    try:
        re.compile(trail)
    except re.error as error:
        raise SiteInfoError(f"link trail {pattern!r}: {error}") from error
    return trail


def _python_escape(code_point: int) -> str:
    return f"\\u{code_point:04x}" if code_point <= 0xFFFF else f"\\U{code_point:08x}"


def image_options_from_magic_words(magic_words: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """``[image-options]`` from ``img_*`` magic words (``{"img_thumbnail": ["mini", "thumb"]}``).

    Bare keywords stay as they are; a value option keeps its word before ``=$1`` (or before
    `` $1``/``_$1``); the width (``$1px``, ``$1пкс``) gives its suffix. Forms that put the
    value first (zh ``$1页``) are left out: the rules cannot read them.
    """
    options: dict[str, list[str]] = {}
    for magic_id, key in IMAGE_OPTION_KEYS.items():
        words: list[str] = []
        for alias in magic_words.get(magic_id, ()):
            word = _option_word(key, str(alias))
            if word and word not in words:
                words.append(word)
        if words:
            options[key] = words
    return options


def _option_word(key: str, alias: str) -> str | None:
    if key == "px-suffix":
        return alias[2:] if alias.startswith("$1") and len(alias) > 2 else None
    if "$1" not in alias:
        return None if key in _VALUE_OPTIONS else alias
    for marker in ("=$1", " $1", "_$1"):
        if alias.endswith(marker) and "$1" not in alias[:-len(marker)]:
            word = alias[:-len(marker)]
            return word if key in _VALUE_OPTIONS or key == "upright" else None
    return None


# -- the API answer ----------------------------------------------------------------

def site_data_from_api(answer: Mapping[str, Any]) -> dict[str, Any]:
    """Site data from the JSON of ``meta=siteinfo`` (``siprop=general|namespaces|
    namespacealiases|magicwords``, optionally ``extensiontags`` and ``interwikimap``),
    ``formatversion`` 1 or 2, whole or just its ``query`` object.

    The result extends the preset of the same ``dbname`` when there is one (its reference
    templates and headings are facts the API does not give), else ``default`` with
    :data:`~wikilint.site.UNKNOWN_WIKI`'s flags: which templates print a reference list is
    not in the API's answer.
    """
    query = answer.get("query", answer) if isinstance(answer, Mapping) else None
    if not isinstance(query, Mapping) or not isinstance(query.get("general"), Mapping):
        raise SiteInfoError("not a siteinfo answer: no query.general (ask for siprop=general|namespaces|…)")
    general = query["general"]
    name = str(general.get("wikiid") or "") or _name_from_sitename(str(general.get("sitename", "custom")))
    data: dict[str, Any] = {}
    if name in preset_names():
        data["extends"] = name
    else:
        data["extends"] = "default"
        data.update(UNKNOWN_WIKI)
    data["name"] = name
    if general.get("lang"):
        data["language"] = str(general["lang"])
    variants = [str(item.get("code")) for item in general.get("variants") or [] if isinstance(item, Mapping)]
    if len(variants) > 1:
        data["variants"] = variants
    if general.get("case") in ("first-letter", "case-sensitive"):
        data["first-letter-case-insensitive"] = general["case"] == "first-letter"
    if isinstance(general.get("linktrail"), str):
        data["link-trail"] = link_trail_from_php(general["linktrail"])
    if "namespaces" in query:
        data["namespaces"] = _api_namespaces(query["namespaces"], query.get("namespacealiases") or [])
    if "magicwords" in query:
        magic = {str(word.get("name")): list(word.get("aliases") or []) for word in query["magicwords"]
                 if isinstance(word, Mapping)}
        data["image-options"] = image_options_from_magic_words(magic)
    if "extensiontags" in query:
        data["extension-tags"] = [str(tag).strip("<>") for tag in query["extensiontags"]]
    if "interwikimap" in query:
        data["interwiki-prefixes"] = sorted({str(entry["prefix"]).lower() for entry in query["interwikimap"]
                                             if isinstance(entry, Mapping) and entry.get("prefix")})
    return data


def _name_from_sitename(sitename: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", sitename.lower()).strip("-") or "custom"


def _api_namespaces(namespaces: Any, aliases: Any) -> dict[str, list[str]]:
    """``{key: [local name, canonical name, aliases…]}`` from the API's namespace lists."""
    entries: dict[int, tuple[str, str]] = {}
    items = namespaces.values() if isinstance(namespaces, Mapping) else namespaces
    for entry in items:
        if not isinstance(entry, Mapping) or "id" not in entry:
            continue
        number = int(entry["id"])
        local = str(entry.get("name", entry.get("*", "")))
        if number != 0:
            entries[number] = (local, str(entry.get("canonical") or local))
    alias_names: dict[int, list[str]] = {}
    for alias in aliases:
        if isinstance(alias, Mapping) and "id" in alias:
            alias_names.setdefault(int(alias["id"]), []).append(str(alias.get("alias", alias.get("*", ""))))
    return _keyed_namespaces({number: [local, canonical, *alias_names.get(number, [])]
                              for number, (local, canonical) in entries.items()},
                             {number: canonical for number, (_local, canonical) in entries.items()})


def _keyed_namespaces(names: Mapping[int, Iterable[str]], canonical: Mapping[int, str]) -> dict[str, list[str]]:
    """Names per namespace number → names per key, spaces for underscores, each name once,
    MediaWiki's canonical English name added to its core namespaces."""
    keyed: dict[str, list[str]] = {}
    keys: dict[int, str] = {}
    for number in sorted(names, key=lambda n: (n % 2, n)):  # subject namespaces first
        subject_key = keys.get(number - 1) if number % 2 else None
        keys[number] = key = namespace_key(number, canonical.get(number, ""), subject_key)
        spelled = keyed.setdefault(key, [])
        for name in [*names[number], CANONICAL_NAMESPACE_NAMES.get(number, "")]:
            name = name.replace("_", " ").strip()
            if name and name not in spelled:
                spelled.append(name)
    return {key: keyed[key] for key in sorted(keyed, key=lambda key: _key_order(keys, key))}


def _key_order(keys: Mapping[int, str], key: str) -> int:
    return min(number for number, each in keys.items() if each == key)


# -- a dump's <siteinfo> -----------------------------------------------------------

def site_data_from_dump(dbname: str | None, case: str, namespaces: Mapping[int, str], *,
                        reference_list_templates: Iterable[str] | None = None) -> dict[str, Any]:
    """Site data for the pages of a dump: the preset named by the dump's ``dbname`` (or
    ``default`` with :data:`~wikilint.site.UNKNOWN_WIKI`'s flags when there is none) with
    the dump's namespace names added and its title ``case`` (``first-letter`` or
    ``case-sensitive``).

    ``reference_list_templates``, when given, are the dump's templates that hold
    ``<references />`` (read from its Template namespace): they join the list and make
    it known.
    """
    if case not in ("first-letter", "case-sensitive"):
        raise SiteInfoError(f"unknown title case {case!r} (first-letter or case-sensitive)")
    known = dbname in preset_names() if dbname else False
    base = preset_data(dbname if known else "default")
    data: dict[str, Any] = {"extends": dbname if known else "default", "name": dbname or "default"}
    if not known:
        data.update(UNKNOWN_WIKI)
    data["first-letter-case-insensitive"] = case == "first-letter"
    present: dict[str, list[str]] = {key: list(names) for key, names in base.get("namespaces", {}).items()}
    key_of_name = {name.casefold(): key for key, names in present.items() for name in names}
    overlay: dict[str, list[str]] = {}
    for number in sorted(namespaces, key=lambda n: (n % 2, n)):
        name = str(namespaces[number]).replace("_", " ").strip()
        if number == 0 or not name:
            continue
        key = CORE_NAMESPACE_KEYS.get(number) or key_of_name.get(name.casefold())
        if key is None:
            subject = namespaces.get(number - 1) if number % 2 else None
            subject_key = key_of_name.get(str(subject).replace("_", " ").strip().casefold()) if subject else None
            key = namespace_key(number, name, subject_key)
            key_of_name[name.casefold()] = key
        names = overlay.setdefault(key, [name])
        for known_name in present.get(key, [CANONICAL_NAMESPACE_NAMES.get(number, "")]):
            if known_name and known_name not in names:
                names.append(known_name)
    data["namespaces"] = overlay
    if reference_list_templates is not None:
        templates = list(base.get("reference-list-templates", []))
        templates += [name for name in reference_list_templates if name not in templates]
        data["reference-list-templates"] = templates
        data[REFERENCE_LIST_TEMPLATES_KNOWN] = True
    return data


# -- fetching and writing ----------------------------------------------------------

def fetch_siteinfo(url: str, timeout: float = 30.0) -> dict[str, Any]:
    """The siteinfo JSON from a wiki: ``url`` is its ``api.php`` (the query is added) or a
    full query URL. Raises :class:`SiteInfoError` with a one-line reason."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise SiteInfoError(f"not an http(s) URL: {url}")
    if "meta=siteinfo" not in parts.query:
        query = urllib.parse.urlencode(SITEINFO_QUERY, safe="|")
        url = urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path or "/api.php", query, ""))
    request = urllib.request.Request(url, headers={"User-Agent": "wikilint site import",
                                                   "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) checked above
            body = response.read()
    except (OSError, ValueError) as error:
        raise SiteInfoError(f"cannot fetch {url}: {getattr(error, 'reason', None) or error}") from error
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SiteInfoError(f"{url} did not answer JSON: {error}") from error


_TOP_KEYS_FIRST = ("extends", "name", "language", "variants", "first-letter-case-insensitive", "link-trail")


def site_toml(data: Mapping[str, Any], header: str = "", comments: Mapping[str, str] | None = None) -> str:
    """``data`` as a site file: ``header`` as comment lines on top, then the plain keys
    (``extends``, ``name``… first), then one table per mapping. ``comments`` puts a
    comment above a key (``"link-trail"``) or a table (``"namespaces"``)."""
    comments = comments or {}
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    plain = [key for key in data if not isinstance(data[key], Mapping)]
    plain.sort(key=lambda key: _TOP_KEYS_FIRST.index(key) if key in _TOP_KEYS_FIRST else len(_TOP_KEYS_FIRST))
    for key in plain:
        lines += _comment_lines(comments.get(key))
        lines.append(f"{_toml_key(key)} = {_toml_value(data[key])}")
    for table in (key for key in data if isinstance(data[key], Mapping)):
        lines.append("")
        lines += _comment_lines(comments.get(table))
        lines.append(f"[{_toml_key(table)}]")
        for key, value in data[table].items():
            lines += _comment_lines(comments.get(f"{table}.{key}"))
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def _comment_lines(comment: str | None) -> list[str]:
    return [f"# {line}".rstrip() for line in comment.splitlines()] if comment else []


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _toml_string(key)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
    raise SiteInfoError(f"cannot write {type(value).__name__} to TOML")


def _toml_string(text: str) -> str:
    """A literal string when it can be one (regexes stay readable), else a basic string
    with invisible characters (controls, ZWNJ and other format characters) escaped."""
    invisible = [char for char in text if unicodedata.category(char) in ("Cc", "Cf")]
    if "\\" in text and "'" not in text and not invisible:
        return f"'{text}'"
    escaped = []
    for char in text:
        if char in '"\\':
            escaped.append("\\" + char)
        elif unicodedata.category(char) in ("Cc", "Cf"):
            escaped.append(f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'
