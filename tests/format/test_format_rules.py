"""Each formatting rule on the cases its docstring example does not show: what it leaves
alone (content, format-off regions, other wikis' conventions) and its options.

Every case goes through ``format_text``, which also checks that the output is stable and
means what the input meant.
"""

from __future__ import annotations

import pytest

from format_support import ALL_FORMAT_RULES, format_text
from wikilint.api import lint_text
from wikilint.plugin_host import get_registry

FORMAT_RULES = [info for info in get_registry().sorted_rules() if info.rule.kind == "format"]


def fmt(text: str, code: str, site: str = "default", **options) -> str:
    rule = get_registry().rules[code].rule
    return format_text(text, (code,), site, {rule.name: options} if options else None)


# -- every rule ------------------------------------------------------------------------


def test_the_format_plugin_registers_thirteen_format_rules():
    assert [info.code for info in FORMAT_RULES] == [f"FMT{number:03}" for number in range(1, 14)]
    assert all(info.rule.fix_applicability == "safe" and info.plugin == "format" for info in FORMAT_RULES)
    assert [info.code for info in FORMAT_RULES if not info.rule.default_enabled] == ["FMT013"]


@pytest.mark.parametrize("info", FORMAT_RULES, ids=[info.code for info in FORMAT_RULES])
def test_format_off_regions_are_left_byte_for_byte(info):
    bad = info.rule.examples().bad
    inside = f"Intro.\n\n<!-- wikilint: format off -->\n{bad}<!-- wikilint: format on -->\n"
    assert fmt(inside, info.code) == inside
    unclosed = f"Intro.\n\n<!-- wikilint:format off -->\n{bad}"  # to the end of the page
    assert fmt(unclosed, info.code) == unclosed


@pytest.mark.parametrize("info", FORMAT_RULES, ids=[info.code for info in FORMAT_RULES])
def test_text_around_a_format_off_region_is_formatted(info):
    examples = info.rule.examples()
    region = f"<!-- wikilint: format off -->\n{examples.bad}<!-- wikilint: format on -->\n"
    formatted = fmt(f"{region}\n{examples.bad}", info.code)
    assert formatted.startswith(region)
    assert formatted != f"{region}\n{examples.bad}"


@pytest.mark.parametrize("info", FORMAT_RULES, ids=[info.code for info in FORMAT_RULES])
def test_format_rules_leave_comments_and_literal_tags_alone(info):
    bad = info.rule.examples().bad
    for literal in (f"<!--\n{bad}-->\n", f"<pre>\n{bad}</pre>\n", f"<nowiki>\n{bad}</nowiki>\n",
                    f"<syntaxhighlight lang=text>\n{bad}</syntaxhighlight>\n", f"<poem>\n{bad}</poem>\n"):
        assert fmt("Text.\n\n" + literal, info.code) == "Text.\n\n" + literal


def test_a_literal_tag_the_parser_missed_is_still_left_alone():
    poem = "<poem>\nFirst line</br>\nsecond line<br>\n</poem>\nAfter<br>\n"  # "</br>" hides it from the parser
    assert fmt(poem, "FMT008") == "<poem>\nFirst line</br>\nsecond line<br>\n</poem>\nAfter<br />\n"
    mentioned = "<!-- no <pre> here -->\nText.  \n"
    assert fmt(mentioned, "FMT010") == "<!-- no <pre> here -->\nText.\n"


# -- headings --------------------------------------------------------------------------


def test_heading_spacing_compact_style():
    assert fmt("== History ==\nText.\n", "FMT001", style="compact") == "==History==\nText.\n"


def test_heading_spacing_leaves_titles_that_start_or_end_with_equals_signs():
    text = "== =Odd= ==\n===x ==\n"  # (the second is a level-2 heading titled "=x")
    assert fmt(text, "FMT001") == text


def test_blank_line_before_heading_counts():
    assert fmt("== A ==\nText.\n", "FMT002") == "== A ==\nText.\n"  # page start: nothing to add
    assert fmt("Text.\n== A ==\n", "FMT002") == "Text.\n\n== A ==\n"
    two = "Text.\n\n\n== A ==\n"
    assert fmt(two, "FMT002") == two  # two render more space than one: kept
    assert fmt("Text.\n\n\n\n== A ==\n", "FMT002") == two  # three render as two
    four = "Text.\n\n\n\n\n== A ==\n"
    assert fmt(four, "FMT002") == four


def test_blank_line_before_heading_keeps_comment_lines_and_preformatted_blocks():
    commented = "Text.\n<!-- about A -->\n== A ==\n"
    assert fmt(commented, "FMT002") == commented
    preformatted = " code\n   \n   \n   \n== A ==\n"  # the white-space-only lines are part of the box
    assert fmt(preformatted, "FMT002") == preformatted


def test_blank_line_before_heading_inside_a_tag_and_a_parameter():
    assert fmt("<div>\n== A ==\n</div>\n", "FMT002") == "<div>\n\n== A ==\n</div>\n"
    positional = "{{Box|Intro.\n== A ==\n}}\n"  # MediaWiki passes a positional parameter as written
    assert fmt(positional, "FMT002") == positional


# -- lists -----------------------------------------------------------------------------


def test_list_marker_spacing_leaves_redirects_definitions_and_empty_items():
    redirect = "#REDIRECT [[Paris]]\n"
    assert fmt(redirect, "FMT003") == redirect
    assert fmt(";term:definition\n*\n", "FMT003") == "; term:definition\n*\n"


def test_list_marker_spacing_compact_style_never_joins_markers():
    assert fmt("* a\n#: b\n", "FMT003", style="compact") == "*a\n#:b\n"
    separate = ": : not nested\n"  # "::" would nest the item one level deeper
    assert fmt(separate, "FMT003", style="compact") == separate


def test_list_marker_spacing_leaves_link_labels_alone():
    caption = "[[File:X.jpg|thumb|A\n*caption]]\n"
    assert fmt(caption, "FMT003") == caption


# -- links -----------------------------------------------------------------------------


def test_links_without_a_label_show_their_target_as_written():
    shown = "See [[Eiffel_Tower]] and [[eiffel tower]].\n"
    assert fmt(shown, "FMT004") == shown
    assert fmt("See [[ Eiffel Tower]] now.\n", "FMT004") == "See [[Eiffel Tower]] now.\n"


def test_link_spaces_move_out_only_where_the_text_stays_the_same():
    assert fmt("See [[Paris ]]. Then\n", "FMT004") == "See [[Paris]] . Then\n"
    trail = "The [[Paris |Paris ]]ian way\n"  # "ian" joins the label: the space is inside the link
    assert fmt(trail, "FMT004") == "The [[Paris|Paris ]]ian way\n"
    line_start = "[[Paris| the city]] is big.\n"  # a leading space would make the line preformatted
    assert fmt(line_start, "FMT004") == line_start


def test_links_that_show_nothing_where_they_stand_keep_their_labels():
    text = "[[Category:Towers_in_Paris| Eiffel]]\n[[File:Eiffel_tower.jpg| thumb |The_tower]]\n[[de:Eiffel_turm]]\n"
    assert fmt(text, "FMT004") == ("[[Category:Towers in Paris| Eiffel]]\n[[File:Eiffel tower.jpg| thumb |The_tower]]\n"
                                   "[[de:Eiffel_turm]]\n")


def test_link_style_leaves_the_pipe_trick_and_code_templates_alone():
    text = "[[Paris_(France)|]] and {{tl|x}} {{code|[[Foo_bar|x]]}}\n"
    assert fmt(text, "FMT004") == text


def test_link_in_a_positional_parameter_gets_its_target_tidied_but_not_its_spaces():
    assert fmt("{{Quote|[[Foo_bar| x ]]}}\n", "FMT004") == "{{Quote|[[Foo bar| x ]]}}\n"


# -- templates -------------------------------------------------------------------------


def test_template_name_spacing_leaves_parser_functions_alone():
    text = "{{ #if: x | y }} {{ lc: X }}\n"
    assert fmt(text, "FMT005") == text


def test_template_layout_leaves_one_line_calls_and_positional_parameters():
    one_line = "{{Cite web |url=http://x.org |title= X }}\n"
    assert fmt(one_line, "FMT006") == one_line
    positional = "{{Quote\n| Text with  spaces \n|author=X}}\n"
    assert fmt(positional, "FMT006") == "{{Quote\n| Text with  spaces \n| author = X\n}}\n"


def test_template_layout_keeps_values_and_their_line_starts():
    text = "{{Infobox\n|list=\n* a\n* b\n|empty=\n|nested={{Flag|FR}}|last = x}}\n"
    assert fmt(text, "FMT006") == ("{{Infobox\n| list =\n* a\n* b\n| empty =\n| nested = {{Flag|FR}}\n"
                                   "| last = x\n}}\n")


def test_template_layout_alignment_options():
    aligned = "{{Infobox person\n| name       = Ada\n| birth_date = 1815\n}}\n"
    assert fmt(aligned, "FMT006") == aligned  # "keep": an aligned call stays aligned
    assert fmt(aligned, "FMT006", align_equals="never") == "{{Infobox person\n| name = Ada\n| birth_date = 1815\n}}\n"
    plain = "{{Navbox\n| name = Ada\n| birth_date = 1815\n}}\n"
    assert fmt(plain, "FMT006") == plain
    assert fmt(plain, "FMT006", align_equals="always") == "{{Navbox\n| name       = Ada\n| birth_date = 1815\n}}\n"
    assert fmt(plain, "FMT006", align_equals="infoboxes") == plain
    assert fmt(aligned.replace("  ", " "), "FMT006", align_equals="infoboxes") == aligned


def test_template_layout_pipe_at_the_end_of_lines():
    assert fmt("{{Box|\na=1|\nb=2}}\n", "FMT006") == "{{Box\n| a = 1\n| b = 2\n}}\n"


# -- tags ------------------------------------------------------------------------------


def test_template_layout_edits_only_the_white_space_it_decided_on():
    # FMT006 decides from white space read off a call's nodes and places its edits by
    # offsets worked out apart: an edit whose place does not hold the white space the
    # decision read is refused (the rule then decides again from the page text).
    from mwparserfromhell.nodes import Template
    from wikilint_format.index import format_index
    from wikilint_format.template_layout import _SEPARATOR, _edits

    from wikilint import Edit
    from wikilint.api import make_rule_set
    from wikilint.page import Page

    text = "{{Box|a=1\n|b=2}}\n"
    page = Page(text, site=make_rule_set([], site="default").site)
    spans = format_index(page).template_spans(page.nodes(Template)[0])
    # Nothing ends the name "Box" (offsets 2-5): a newline goes in at 5.
    assert _edits([(_SEPARATOR, 0, "", "\n")], spans, text) == [Edit(5, 5, "\n")]
    # Had the decision read a space there, the edit would replace the "x" of "Box": refused.
    assert _edits([(_SEPARATOR, 0, " ", "\n")], spans, text) is None
    page.release()


def test_self_closing_tags_with_unquoted_and_empty_attributes():
    assert fmt("<ref name=foo/> <references responsive/>\n", "FMT007") == "<ref name=foo /> <references responsive />\n"
    assert fmt("<br/>\n", "FMT007") == "<br/>\n"  # br-style's business


def test_br_style_options_and_attributes():
    assert fmt("a<br />b\n", "FMT008", style="<br>") == "a<br>b\n"
    assert fmt("a<br>b\n", "FMT008", style="<br/>") == "a<br/>b\n"
    cleared = '<br clear="all">\n'
    assert fmt(cleared, "FMT008") == cleared


def test_ref_attribute_quotes_single_style_and_values_it_cannot_quote():
    assert fmt('<ref name="a">x</ref>\n', "FMT009", quotes="single") == "<ref name='a'>x</ref>\n"
    kept = "<ref name='say \"hi\"'>x</ref>\n"
    assert fmt(kept, "FMT009") == kept


# -- white space -----------------------------------------------------------------------


def test_trailing_whitespace_is_content_on_preformatted_lines():
    text = "Text.  \n code  \n  \n more  \nEnd.  \n"
    assert fmt(text, "FMT010") == "Text.\n code  \n  \n more  \nEnd.\n"


def test_trailing_whitespace_stays_in_positional_parameters_and_visible_spaces_stay():
    text = "{{Poem|line one  \nline two}}\n{{Box|text=line  \nmore}}\nNo-break\u00a0\n"
    assert fmt(text, "FMT010") == "{{Poem|line one  \nline two}}\n{{Box|text=line\nmore}}\nNo-break\u00a0\n"


def test_trailing_whitespace_in_tables_and_headings():
    text = "{| class=wikitable  \n|-  \n| a  \n|}\n== H ==  \n"
    assert fmt(text, "FMT010") == "{| class=wikitable\n|-\n| a\n|}\n== H ==\n"


def test_final_newline_cases():
    assert fmt("Text.", "FMT011") == "Text.\n"
    assert fmt("Text.\n", "FMT011") == "Text.\n"
    assert fmt("", "FMT011") == ""
    assert fmt("\n\n", "FMT011") == "\n\n"
    # A format-off region that runs to the end of the page ends it as written (the
    # engine would refuse the added newline: it changes the region).
    unclosed = "Text.\n<!-- wikilint: format off -->\n*kept  "
    assert fmt(unclosed, "FMT011") == unclosed
    closed = "Text.\n<!-- wikilint: format off -->\n*kept  \n<!-- wikilint: format on -->"
    assert fmt(closed, "FMT011") == closed
    assert fmt(closed + "\nMore.", "FMT011") == closed + "\nMore.\n"


def test_blank_lines_before_categories_only():
    text = "Text.\n\n\n\nMore.\n\n\n\n[[Category:A]]\n"
    assert fmt(text, "FMT012") == "Text.\n\n\n\nMore.\n\n\n[[Category:A]]\n"


def test_gather_categories_is_off_by_default_and_leaves_transcluded_pages_alone():
    text = "[[Category:A]]\nText.\n\nMore.\n[[Category:B]]\n"
    assert [d.code for d in lint_text(text, ["FMT"], kind="format")] == ["FMT013"]
    assert "FMT013" not in [d.code for d in lint_text(text, kind="format")]
    assert fmt(text, "FMT013") == "Text.\n\nMore.\n[[Category:A]]\n[[Category:B]]\n"
    transcluded = "<noinclude>[[Category:A]]</noinclude>\nText.\n[[Category:B]]\n"
    assert fmt(transcluded, "FMT013") == transcluded


def test_gather_categories_moves_sort_keys_with_their_links():
    text = "[[Category:A| ]]\nText.\n[[Category:B|b]]\n[[Category:C]]\n"
    assert fmt(text, "FMT013") == "Text.\n[[Category:A| ]]\n[[Category:B|b]]\n[[Category:C]]\n"
    gathered = "Text.\n[[Category:A| ]]\n[[Category:B]]\n[[Category:C|c ]]\n"
    assert fmt(gathered, "FMT013") == gathered


def test_gather_categories_keeps_links_in_text_and_puts_language_links_last():
    text = "Text [[Category:A]] here.\n[[de:X]]\nMore.\n[[Category:B]]\n{{Stub}}\n"
    assert fmt(text, "FMT013") == "Text [[Category:A]] here.\nMore.\n[[Category:B]]\n[[de:X]]\n{{Stub}}\n"


def test_all_rules_together_on_a_messy_page():
    text = ("{{ Infobox settlement|name=Paris\n|country  =France}}\n'''Paris'''<ref name=a>X</ref> is a"
            " [[capital_city|capital]].  \n==Sights==\n*[[Eiffel_Tower| the tower]]<br>\n\n\n\n\n"
            "[[Category:Cities]]\n<references/>\n\n\n")
    assert format_text(text, ALL_FORMAT_RULES) == (
        "{{Infobox settlement\n| name = Paris\n| country = France\n}}\n'''Paris'''<ref name=\"a\">X</ref> is a"
        " [[capital city|capital]].\n\n== Sights ==\n* [[Eiffel Tower|the tower]]<br />\n\n\n[[Category:Cities]]\n"
        "<references />\n")
