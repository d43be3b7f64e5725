"""The one place wikilint parses wikitext: mwparserfromhell's parse, without costs that
buy nothing.

mwparserfromhell's builder hands every child it has just built to
``mwparserfromhell.utils.parse_anything`` (each node's constructor does, for its title,
name, value, attributes: about 1,600 calls for a 15 KB page, most of them with a
``Wikicode`` that is returned unchanged). That function starts with four function-level
relative imports, so each call runs Python's import machinery four times before it looks
at its argument: about 40 % of a whole parse (processor time over the corpus pages:
12.4 s with the stock function, 7.1 s with the shortcut below; mwparserfromhell 0.7.2,
and its development branch still has the imports).

:func:`parse` installs, once per process, a function in front of it that returns a
``Wikicode`` argument at once, exactly as the original does first, and hands every other
argument to the original: the trees are the same (``tests/test_parsing.py`` compares them
over corpus pages and parser-test snippets). It replaces the name in the mwparserfromhell
modules that imported it, and only where the name is still mwparserfromhell's own function,
so another library's wrapper is never replaced, and a future mwparserfromhell without the
function is simply parsed as it is. The right fix is upstream (imports at module level);
when a release has it, the shortcut can go.

The rest of a parse is mwparserfromhell's pure-Python builder (some 80 % of what is left):
with the C tokenizer and a mwparserfromhell version on :data:`VERIFIED_VERSIONS`,
:func:`parse` builds the tree from the tokenizer's tokens with wikilint's own builder
(:mod:`wikilint.tree_builder`), which makes the same nodes, with the same attributes, for
some 40 % of the cost (``tests/test_parsing.py`` compares every attribute of every
node over the corpus). With another version, the pure-Python tokenizer, or tokens the
builder does not expect, it is mwparserfromhell's own parse.
"""

from __future__ import annotations

import sys
from typing import Any, Callable

import mwparserfromhell
import mwparserfromhell.parser
import mwparserfromhell.utils
from mwparserfromhell.wikicode import Wikicode

from wikilint import tree_builder

#: The mwparserfromhell versions whose tokens and node attributes wikilint's builder was
#: checked against (a new version joins once ``tests/test_parsing.py`` passes with it).
VERIFIED_VERSIONS = frozenset({"0.7.2"})


def parse(text: str) -> Wikicode:
    """The tree of ``text`` as wikilint reads every page (style tags left as text: ``''``
    and ``'''`` are not parsed into tags, which is faster and lossless)."""
    if not _shortcut_installed:
        install_shortcut()
    tokenizer = _fast_tokenizer()
    if tokenizer is not None and type(text) is str:
        tokens = tokenizer().tokenize(text, 0, True)  # context 0, skip_style_tags
        try:
            return tree_builder.build(tokens)
        except Exception:  # tokens it does not know: the stock parse builds or raises as always
            pass
    return mwparserfromhell.parse(text, skip_style_tags=True)


def _fast_tokenizer() -> Callable[[], Any] | None:
    """mwparserfromhell's C tokenizer class when wikilint's builder may build from its
    tokens (the C tokenizer is in use and the version is a verified one); else None."""
    parser = mwparserfromhell.parser
    if getattr(mwparserfromhell, "__version__", None) not in VERIFIED_VERSIONS \
            or not getattr(parser, "use_c", False):
        return None
    return getattr(parser, "CTokenizer", None)


def _make_shortcut(original: Callable[..., Wikicode]) -> Callable[..., Wikicode]:
    def parse_anything(value: Any, context: int = 0, *args: Any, **options: Any) -> Wikicode:
        if isinstance(value, Wikicode):  # the original's first test, without its imports
            return value
        return original(value, context, *args, **options)

    parse_anything.__wrapped__ = original  # type: ignore[attr-defined]
    parse_anything.__doc__ = original.__doc__
    return parse_anything


_shortcut_installed = False


def install_shortcut() -> None:
    """Put the shortcut in front of ``parse_anything`` in every loaded mwparserfromhell
    module that refers to it (they imported it by name). Safe to call again."""
    global _shortcut_installed  # a process-wide fact about the imported library, not run state
    original = getattr(mwparserfromhell.utils, "parse_anything", None)
    if callable(original) and getattr(original, "__module__", None) == "mwparserfromhell.utils":
        shortcut = _make_shortcut(original)
        for name, module in list(sys.modules.items()):
            if (name == "mwparserfromhell" or name.startswith("mwparserfromhell.")) \
                    and getattr(module, "parse_anything", None) is original:
                module.parse_anything = shortcut  # type: ignore[attr-defined]
    _shortcut_installed = True
