"""The semantic check: what it treats as the same page, and that it catches real changes.

Every "same" pair below is a change a formatting rule makes (or MediaWiki renders alike);
every "different" pair is a change a careless formatter could make that readers would see
(or that changes what a template receives). Real pages from ../shared/corpus are mutated
too: a changed link target, positional parameter spacing or visible word is always found,
on its line.
"""

from __future__ import annotations

import re

import pytest

from support import CORPUS, corpus_page_files, site_for_corpus_page
from wikilint.page import Page
from wikilint.semantic import (
    _Known,
    _ViewBuilder,
    find_difference,
    first_difference,
    format_off_regions,
    is_language_link,
    is_parser_function,
    semantic_view,
)
from wikilint.site import load_site

SITE = load_site("default")


def difference(before: str, after: str, site=SITE) -> str | None:
    return first_difference(Page(before, site=site), Page(after, site=site))


SAME = [
    ("==History==\nText.\n", "== History ==\nText.\n"),
    ("Text.\n== A ==\n", "Text.\n\n== A ==\n"),
    ("Text.\n\n\n\n== A ==\n", "Text.\n\n\n== A ==\n"),  # 3 and 2 blank lines before a heading
    ("*a\n#b\n;c:d\n", "* a\n# b\n; c : d\n"),
    ("Text.  \nMore.\t\n", "Text.\nMore.\n"),
    ("Text.  \n   \nMore.\n", "Text.\n\nMore.\n"),  # a white-space-only line is a blank line
    ("[[Foo_bar|x]] [[ Foo bar |x]]", "[[Foo bar|x]] [[Foo bar|x]]"),
    ("a [[ Foo]] b", "a [[Foo]] b"),  # MediaWiki drops a target's leading spaces
    ("a [[Foo ]]. b", "a [[Foo]] . b"),
    ("x[[Foo| bar ]] y", "x [[Foo|bar]] y"),
    ("{{ foo |x= a |y=\n b\n}}", "{{Foo\n| x = a\n| y = b\n}}"),  # names and named values are trimmed
    ("{{Template:Cite_web|url=x}}", "{{cite web|url=x}}"),
    ("<references/>", "<references />"),
    ("a<br>b</br>c<br/>d<BR >", "a<br />b<br />c<br />d<br />"),
    ('<ref name=foo group=\'g\'>x</ref>', '<ref name="foo" group="g">x</ref>'),
    ("Text.\n\n\n", "Text.\n"),  # MediaWiki trims the end of a page
    ("\nText.\n", "Text.\n"),  # one blank line at the top renders as none
    ("Text.\n\n[[Category:A]]\n\nMore.\n", "Text.\n\nMore.\n[[Category:A]]\n"),  # taken out with the newline before
    ("Text.\n\n\n\n[[de:Paris]]\n", "Text.\n[[de:Paris]]\n"),
    ("[[File:A_b.jpg|thumb|A\ncaption]]", "[[File:A b.jpg|thumb|A caption]]"),
    ("a <!-- c --> b", "a <!-- c --> b"),
]

DIFFERENT = [
    ("[[Foo|x]]", "[[Bar|x]]", "line 1: link to 'Foo' showing 'x' became link to 'Bar' showing 'x'"),
    ("{{foo| a}}", "{{foo|a}}", "line 1: text ' a' became 'a'"),
    ("The quick fox.", "The quick dog.", "line 1: text 'The quick fox.' became 'The quick dog.'"),
    ("[[Foo_bar]]", "[[Foo bar]]", "showing 'Foo_bar' became"),  # shown as written
    ("[[Foo|x]]s", "[[Foo|x]] s", "showing 'xs' became"),  # the link trail is part of the link
    ("Text.\n\nMore.", "Text.\n\n\nMore.", "line 3: text"),  # two blank lines render an empty paragraph
    ("Text.\n\n\n== A ==", "Text.\n\n== A ==", "line 2"),  # 2 and 1 blank lines before a heading differ
    (" code  \nText.", " code\nText.", "line 1"),  # a preformatted line keeps its spaces
    (" code\n  \n more", " code\n\n more", "line 2"),  # one box or two
    ("Text.\n more", "Text.\nmore", "line 2"),
    ("{{foo|a=b}}", "{{foo|a=c}}", "text 'b' became 'c'"),
    ("{{foo|a=b}}", "{{bar|a=b}}", "template 'Foo' became template 'Bar'"),
    ("{{#if:x| a }}", "{{#if:x|a}}", "text ' a ' became 'a'"),  # parser functions get arguments as written
    ("== A ==", "=== A ===", "level-2 heading 'A' became level-3 heading 'A'"),
    ("<pre>a  </pre>", "<pre>a</pre>", "line 1"),
    ("<nowiki>[[Foo_bar]]</nowiki>", "<nowiki>[[Foo bar]]</nowiki>", "line 1"),
    ('<div class="a">x</div>', '<div class="b">x</div>', "<div> tag"),
    ("<!-- a -->", "<!-- b -->", "comment"),
    ("[[Category:A]]\n[[Category:B]]", "[[Category:B]]\n[[Category:A]]", "category"),
    ("[[Category:A|x]]", "[[Category:A|y]]", "category"),
    ("[[de:A]]", "", "language link"),
    ("[http://a.org A]", "[http://b.org A]", "external link"),
    ("*a\n", "**a\n", "line 1"),
    ("{{foo}}", "{{foo}}{{bar}}", "template 'Bar' is new"),
    ("<!-- wikilint: format off -->\na  \n<!-- wikilint: format on -->",
     "<!-- wikilint: format off -->\na\n<!-- wikilint: format on -->", "line 1: format-off region 1 changed"),
]


@pytest.mark.parametrize(("before", "after"), SAME)
def test_what_formatting_may_change_is_the_same_page(before, after):
    assert difference(before, after) is None


@pytest.mark.parametrize(("before", "after", "described"), DIFFERENT)
def test_what_readers_would_see_is_a_difference(before, after, described):
    found = difference(before, after)
    assert found is not None and described in found, found
    assert "\n" not in found


def test_the_difference_says_where_it_is_in_both_pages():
    before = "Intro.\n\n{{Box|a=1}}\nOne two.\nThree four.\n"
    after = "Intro.\n\n{{Box\n| a = 1\n}}\nOne two.\nThree for.\n"
    found = find_difference(Page(before, site=SITE), Page(after, site=SITE))
    assert found.message.startswith("line 5: text")
    assert before[found.original_offset:].startswith("Three four.")
    assert after[found.formatted_offset:].startswith("Three for.")
    gone = find_difference(Page("[[A|a]][[B|b]]", site=SITE), Page("[[A|a]]", site=SITE))
    assert gone.message == "line 1: link to 'B' showing 'b' is gone" and gone.original_offset == 7


def test_identical_text_is_the_same_without_a_look():
    page = Page("Text.", site=SITE)
    assert first_difference(page, page) is None


def test_link_trails_follow_the_site():
    zh = load_site("zhwiki")  # no link trail: letters after ]] are plain text
    assert difference("[[Foo|x]]s", "[[Foo|x]] s", zh) is not None
    assert difference("[[Foo| x]]s", "[[Foo|x]] s", zh) is not None
    assert difference("a[[Foo| x]]", "a [[Foo|x]]", zh) is None


def test_classifications_shared_with_the_rules():
    assert is_parser_function("#if: x", SITE) and is_parser_function("lc:X", SITE)
    assert is_parser_function("subst:Foo", SITE) and not is_parser_function("Template:Foo", SITE)
    assert not is_parser_function(":Main Page", SITE) and not is_parser_function("Cite web", SITE)
    assert is_language_link("de:Paris", SITE) and is_language_link("zh-yue:X", SITE)
    assert not is_language_link("wikt:word", SITE) and not is_language_link("Category:X", SITE)
    page = Page("a<!-- wikilint: format off -->b<!--wikilint:format on-->c<!-- wikilint: format off -->d", site=SITE)
    assert format_off_regions(page) == [(1, 56), (57, 87)]  # an "off" without an "on" runs to the end


PAGES = corpus_page_files(CORPUS)[::50] if CORPUS.is_dir() else []


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


@pytest.mark.skipif(not PAGES, reason="../shared/corpus is not present")
@pytest.mark.parametrize("path", PAGES, ids=[p.name for p in PAGES])
def test_mutations_of_real_pages_are_caught_on_their_line(path):
    text = path.read_text(encoding="utf-8")
    site = load_site(site_for_corpus_page(path))
    original = Page(text, site=site)
    mutations = []
    link = re.search(r"\[\[([^\]\|\[:{}<]{2,})\|", text)
    if link:  # a link's target
        mutations.append((link.start(1), text[:link.start(1)] + "Zz" + text[link.start(1):]))
    positional = re.search(r"\{\{[^{}|]+\|([^{}|=\n]+)[|}]", text)
    if positional:  # a positional parameter's spacing
        mutations.append((positional.start(1), text[:positional.start(1)] + " " + text[positional.start(1):]))
    word = re.search(r"(?m)^[A-Za-z][a-z]+ [a-z]+", text)
    if word:  # a visible word of the text
        mutations.append((word.start(), text[:word.start()] + "Zz" + text[word.start() + 2:]))
    assert mutations
    for offset, mutated in mutations:
        found = first_difference(original, Page(mutated, site=site))
        assert found is not None, f"{path.name}: a change at line {_line(text, offset)} went unnoticed"
        assert found.startswith(f"line {_line(text, offset)}"), found


def _keys_without_offsets_are_the_views_keys(page: Page, known: _Known | None = None) -> None:
    """find_difference accepts a page on views built without offsets (the same walk with
    the position arithmetic left out): their keys must be the whole view's, exactly."""
    view = semantic_view(page)
    builder = _ViewBuilder(page, known, located=False)
    keys_only = builder.build()
    assert keys_only.keys == view.keys
    assert keys_only.categories == [key for key, _ in view.categories]
    assert keys_only.language_links == [key for key, _ in view.language_links]
    assert not keys_only.offsets and len(view.offsets) == len(view.keys)
    assert bool(builder.directives) == bool(view.format_off or "format on" in page.text)


@pytest.mark.parametrize("text", sorted({text for pair in SAME + DIFFERENT for text in pair[:2]}
                                        | {"a\ue000[[b|c]]d {{e|f=\ue001}}", "<!-- wikilint: format off -->x"}))
def test_views_without_offsets_have_the_same_keys(text):
    _keys_without_offsets_are_the_views_keys(Page(text, site=SITE))


@pytest.mark.skipif(not PAGES, reason="../shared/corpus is not present")
@pytest.mark.parametrize("path", PAGES, ids=[p.name for p in PAGES])
def test_views_without_offsets_have_the_same_keys_on_real_pages(path):
    page = Page(path.read_text(encoding="utf-8"), site=load_site(site_for_corpus_page(path)))
    known = _Known()
    _keys_without_offsets_are_the_views_keys(page, known)
    # Viewed again with what the first view kept (template names, link targets, links),
    # as the formatted page is: the same keys.
    _keys_without_offsets_are_the_views_keys(page, known)


def test_links_seen_before_are_placed_as_where_they_stand():
    """Links viewed alike (the same target, label and trail) are worked out once for both
    pages of a comparison; where they are is still each page's own."""
    found = find_difference(Page("[[A|b]]\n[[A|b]]s [[C]]\n", site=SITE), Page("[[A|b]]\n[[A|b]]s  [[D]]\n", site=SITE))
    assert found is not None and found.message.startswith("line 2: link to 'C' showing 'C' became link to 'D'"), found
    assert (found.original_offset, found.formatted_offset) == (17, 18)
    moved = find_difference(Page("x\n[[A|b]]s\n", site=SITE), Page("x\n[[A|b]] s\n", site=SITE))
    assert moved is not None and moved.message.startswith("line 2: link to 'A' showing 'bs'"), moved
    assert (moved.original_offset, moved.formatted_offset) == (2, 2)


def test_a_formatted_page_is_freed_without_the_cyclic_collector():
    """Formatting leaves no reference cycle: both pages and their trees go as soon as they are
    dropped. (A cycle through the semantic view's builder once kept every formatted page's
    two trees alive until the collector ran, which then scanned them: that was the better
    part of a format run's time.)"""
    import gc

    from format_support import DEFAULT_FORMAT_RULES
    from support import REPO_ROOT
    from wikilint.api import make_rule_set
    from wikilint.formatter import format_page

    text = (REPO_ROOT / "samples" / "en" / "Arraignment.wiki").read_text(encoding="utf-8")
    rule_set = make_rule_set(DEFAULT_FORMAT_RULES, site="enwiki", kind="format")
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        gc.collect()
        result = format_page(Page(text, site=rule_set.site), rule_set)
        assert result.text != text and not result.failed
        assert gc.collect() == 0
    finally:
        if was_enabled:
            gc.enable()


def test_text_between_headings_list_items_and_nodes_keeps_its_place():
    """A body's folded text is cut at every node's placeholder (headings, list items and
    other nodes alike): each stretch of text is one key, where it starts in the page."""
    page = Page("== H ==\n* a [[b]] c\n#x\n\n\ntext {{t|1}} end\n", site=SITE)
    view = semantic_view(page)
    assert list(zip(view.keys, view.offsets)) == [
        (("heading", 2, "H"), 0), (("text", "\n"), 7), (("list", "*"), 8), (("text", "a "), 9),
        (("link", "B", "b"), 12), (("text", " c\n"), 17), (("list", "#"), 20), (("text", "x\n\n\ntext "), 21),
        (("template", "T"), 30), (("positional", 1), 34), (("text", "1"), 34), (("/template",), 37),
        (("text", " end"), 37)]
    _keys_without_offsets_are_the_views_keys(page)
