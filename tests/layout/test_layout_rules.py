"""The layout rules one by one: what they report, what they leave alone, and their fixes.

Small pages written for the tests; the excerpts marked so are cut from corpus pages
(``../shared/corpus``, CC BY-SA), with their file named.
"""

from __future__ import annotations

import pytest

from wikilint.api import fix_text, fix_text_result, lint_text


def codes_and_lines(text: str, select: str, site: str = "default", title: str | None = None):
    return [(d.code, d.line) for d in lint_text(text, [select], site=site, title=title)]


# -- LAY001 lead-order ---------------------------------------------------------------------

def test_lead_order_follows_each_sites_manual():
    text = "{{Use dmy dates|date=May 2020}}\n{{Short description|A city}}\n{{About|the city}}\n'''Paris'''.\n"
    found = lint_text(text, ["LAY001"], site="enwiki")
    assert [(d.line, d.message.split(" should")[0]) for d in found] == [
        (2, "short description {{Short description}}"), (3, "hatnote {{About}}")]
    # zhwiki's order puts maintenance before the conversion template, hatnotes before both.
    zh = "{{NoteTA|G1=IT}}\n{{Expand}}\n{{Otheruses|subject=X|other=Y}}\n'''信息学'''是……\n"
    assert codes_and_lines(zh, "LAY001", "zhwiki") == [("LAY001", 2), ("LAY001", 3)]


def test_lead_order_reports_what_follows_the_text_but_never_images():
    text = ("{{Infobox settlement|name=Paris}}\n'''Paris''' is a city.\n{{Refimprove|date=May 2020}}\n"
            "[[File:Paris.jpg|thumb|Paris]]\nMore text.\n== History ==\n{{About|x}}\n")
    found = lint_text(text, ["LAY001"], site="enwiki")
    assert [(d.line, "article text" in d.message) for d in found] == [(3, True)]


def test_lead_order_is_off_without_site_data_and_ignores_unknown_templates():
    text = "{{Infobox x}}\n{{About|x}}\nText.\n"
    assert codes_and_lines(text, "LAY001") == []
    assert codes_and_lines("{{Some banner}}\n{{Short description|x}}\nText.\n", "LAY001", "enwiki") == []


def test_lead_order_on_a_page_without_headings_stops_at_the_text():
    # Bottom matter (an English-variety template after the text) is not the lead's business.
    text = "{{Short description|x}}\n'''X''' is a thing.\n{{Navbox}}\n{{Use dmy dates|date=May 2020}}\n"
    assert codes_and_lines(text, "LAY001", "enwiki") == []


# -- LAY002 appendix-order -----------------------------------------------------------------

def test_appendix_order_compares_the_top_level_headings_only():
    text = ("Text.\n== References ==\n<references />\n=== See also ===\n* x\n"
            "== External links ==\n* y\n== See also ==\n* [[Z]]\n")
    found = lint_text(text, ["LAY002"], site="enwiki")
    assert [(d.line, d.fix) for d in found] == [(8, None)]  # the last section is not moved
    assert "before ==References==" in found[0].message


def test_appendix_order_fix_moves_a_middle_section_whole():
    text = ("Text.\n\n== Further reading ==\n* A book.\n\n== See also ==\n* [[X]]\n* [[Y]]\n\n"
            "== External links ==\n* [https://example.org Example]\n\n[[Category:Things]]\n")
    fixed = fix_text(text, ["LAY002"], site="enwiki", unsafe_fixes=True)
    assert fixed == ("Text.\n\n== See also ==\n* [[X]]\n* [[Y]]\n\n== Further reading ==\n* A book.\n\n"
                     "== External links ==\n* [https://example.org Example]\n\n[[Category:Things]]\n")
    assert fix_text(text, ["LAY002"], site="enwiki") == text  # unsafe: not without the flag


def test_appendix_order_knows_zh_headings_in_both_scripts():
    text = "正文。\n==参考文献==\n{{Reflist}}\n==相關條目==\n*[[甲]]\n==外部链接==\n*[https://example.org 例]\n"
    assert codes_and_lines(text, "LAY002", "zhwiki") == [("LAY002", 4)]


# -- LAY003 consecutive-hatnotes -----------------------------------------------------------

def test_consecutive_hatnotes_of_another_kind_or_with_text_between_are_left_alone():
    assert codes_and_lines("{{Main|A}}\n{{See also|B}}\nText.\n", "LAY003") == []
    assert codes_and_lines("{{See also|A}}\nText.\n{{See also|B}}\n", "LAY003") == []


def test_consecutive_hatnotes_with_named_parameters_are_reported_without_fix():
    text = "{{Main|A|l1=First}}\n{{main|B}}\nText.\n"
    found = lint_text(text, ["LAY003"])
    assert [(d.line, d.fix) for d in found] == [(2, None)]


def test_three_hatnotes_merge_into_one():
    text = "{{See also|A}}\n{{See also|B}}\n{{See also|C|D}}\nText.\n"
    assert fix_text(text, ["LAY003"]) == "{{See also|A|B|C|D}}\nText.\n"


# -- LAY004 redundant-interlanguage-link ---------------------------------------------------

def test_interlanguage_link_fix_keeps_the_other_parameters_in_place():
    text = "{{link-en|X|X|Label}} {{link-ja|Y|Y}} {{Link-de|Z|Zed|d=Z}}\n"
    found = lint_text(text, ["LAY004"], site="zhwiki")
    assert [d.fix is not None for d in found] == [False, True, True]
    assert fix_text(text, ["LAY004"], site="zhwiki") == "{{link-en|X|X|Label}} {{link-ja|Y}} {{Link-de|Z|Zed}}\n"


def test_interlanguage_link_same_title_up_to_case_and_underscores_is_reported_without_fix():
    found = lint_text("{{link-en|Mail_Online|mail Online}}\n", ["LAY004"], site="zhwiki")
    assert [d.fix for d in found] == [None]


def test_enwiki_ill_reads_the_language_parameter():
    assert fix_text("{{ill|Quitzow|de|Quitzow}}\n", ["LAY004"], site="enwiki") == "{{ill|Quitzow|de}}\n"
    # An older parameter order ({{ill|lang|local|foreign}}), excerpt shape of
    # en/gensim.enwiki__Arthur_Schopenhauer.wiki: not read as the current one.
    assert codes_and_lines("{{ill|de|Gymnasium Gotha|Gymnasium Gotha|Gymnasium illustre}}\n", "LAY004",
                           "enwiki") == []
    # More languages after the foreign title: dropping it would shift them.
    found = lint_text("{{ill|X|de|X|fr|X}}\n", ["LAY004"], site="enwiki")
    assert [d.fix for d in found] == [None]


def test_interlanguage_links_are_off_where_the_site_names_none():
    assert codes_and_lines("{{link-en|X|X}}\n", "LAY004") == []


# -- LAY005 inconsistent-template-name -----------------------------------------------------

def test_template_spelling_majority_wins_and_one_finding_fixes_every_use():
    text = "{{cite web|url=a}} {{cite web|url=b}} {{cite web|url=c}} {{Cite web|url=d}} {{Cite web|url=e}}\n"
    found = lint_text(text, ["LAY005"])
    assert len(found) == 1 and "(2 times) is written {{cite web}} 3 times" in found[0].message
    assert fix_text(text, ["LAY005"]).count("{{cite web|") == 5


def test_template_spelling_tie_without_canonical_name_is_left_alone():
    assert codes_and_lines("{{cite web|url=a}} {{Cite web|url=b}}\n", "LAY005") == []
    # enwiki names Cite web as the canonical spelling: it breaks the tie.
    assert fix_text("{{cite web|url=a}} {{Cite web|url=b}}\n", ["LAY005"], site="enwiki") == (
        "{{Cite web|url=a}} {{Cite web|url=b}}\n")


def test_parser_functions_and_magic_words_are_not_template_names():
    text = "{{#if:a|b}} {{#If:a|b}} {{#if:c|d}} {{DEFAULTSORT:X}} {{defaultsort:Y}} {{DEFAULTSORT:Z}}\n"
    assert codes_and_lines(text, "LAY005") == []


def test_non_canonical_case_is_an_unsafe_fix():
    text = "{{REFLIST|2}}\n"
    assert fix_text(text, ["LAY005"], site="zhwiki") == text
    assert fix_text(text, ["LAY005"], site="zhwiki", unsafe_fixes=True) == "{{Reflist|2}}\n"


# -- LAY006 / LAY007 categories ------------------------------------------------------------

def test_empty_sort_key_in_zh_namespace_alias_and_eponymous_category():
    text = "正文。\n[[分類:柏林|]]\n[[Category:德國城市|]]\n"
    assert fix_text(text, ["LAY006"], site="zhwiki") == "正文。\n[[分類:柏林]]\n[[Category:德國城市]]\n"
    assert fix_text(text, ["LAY006"], site="zhwiki", title="柏林", unsafe_fixes=True) == (
        "正文。\n[[分類:柏林| ]]\n[[Category:德國城市]]\n")


def test_empty_sort_key_leaves_ordinary_and_colon_links_alone():
    assert codes_and_lines("[[Category:X| ]] [[Category:Y|y]] [[:Category:Z|]] [[Z|]]\n", "LAY006") == []


def test_defaultsort_moves_above_the_category_run_even_on_the_last_line():
    text = "Text.\n\n[[Category:A]]\n[[Category:B]]\n{{DEFAULTSORT:Key}}"
    assert fix_text(text, ["LAY007"]) == "Text.\n\n{{DEFAULTSORT:Key}}\n[[Category:A]]\n[[Category:B]]"


def test_defaultsort_after_a_category_of_another_section_is_not_reported():
    text = "Text [[Category:A]].\n== Notes ==\nMore.\n{{DEFAULTSORT:Key}}\n[[Category:B]]\n"
    assert codes_and_lines(text, "LAY007") == []
    zh = "正文。\n[[Category:甲]]\n{{默认排序：甲}}\n"
    assert codes_and_lines(zh, "LAY007", "zhwiki") == [("LAY007", 3)]


# -- LAY008 / LAY009 citations ------------------------------------------------------------

CITES = "".join(f"S{number}.<ref>{{{{cite web|url=https://example.org/{number}|title=T{number}}}}}</ref>\n"
                for number in range(4))


def test_hand_written_refs_need_an_established_template_style():
    hand = "H.<ref>[https://example.org/h Story], Example News.</ref>\n"
    assert codes_and_lines(CITES + hand + "<references />\n", "LAY008") == [("LAY008", 5)]
    # Three hand-written refs against four templates: no style to follow yet.
    assert codes_and_lines(CITES + hand * 3 + "<references />\n", "LAY008") == []
    # A ref that is only a URL is REF010's; a note without a link is not a citation.
    rest = "B.<ref>https://example.org/b</ref>\nN.<ref>A note.</ref>\n<references />\n"
    assert codes_and_lines(CITES + rest, "LAY008") == []


def test_mixed_dates_ignore_iso_and_pages_with_a_date_format_template():
    text = ("A.<ref>{{cite web|url=https://example.org/a|title=A|date=5 May 2014|access-date=2014-05-06}}</ref>\n"
            "B.<ref>{{cite web|url=https://example.org/b|title=B|date=6 May 2014}}</ref>\n"
            "C.<ref>{{cite web|url=https://example.org/c|title=C|date=May 7, 2014}}</ref>\n<references />\n")
    found = lint_text(text, ["LAY009"], site="enwiki")
    assert [(d.line, text[d.start:d.end]) for d in found] == [(3, "May 7, 2014")]
    assert codes_and_lines("{{Use dmy dates|date=May 2014}}\n" + text, "LAY009", "enwiki") == []


# -- LAY010 quotation marks ----------------------------------------------------------------

def test_quotation_marks_count_the_articles_own_text_only():
    # Quotation marks in a reference, a link and a template quote titles and names as published.
    text = ("教練稱“不可能”。<ref>{{cite web|url=https://example.org|title=球員成「嬌點」}}</ref>"
            "[[「九二共識」]]{{lang|zh|「甲」}}\n")
    assert codes_and_lines(text, "LAY010", "zhwiki") == []
    assert codes_and_lines(text, "LAY010") == []  # the default site prefers no style
    mixed = "「甲」與「乙」，稱“丙”。\n"
    found = lint_text(mixed, ["LAY010"], site="zhwiki")
    assert [mixed[d.start:d.end] for d in found] == ["“丙”"]


def test_quotation_marks_majority_beats_the_preference():
    text = "“甲”與“乙”，稱「丙」。\n"
    assert [text[d.start:d.end] for d in lint_text(text, ["LAY010"], site="zhwiki")] == ["「丙」"]


# -- LAY011 / LAY012 sourcing --------------------------------------------------------------

def test_wikipedia_as_source_in_comments_and_refs():
    text = ("<!-- Source: English Wikipedia -->\n<!-- per Wikipedia policy, do not add -->\n"
            "A.<ref>{{cite web|url=https://example.org|title=A|website=Wikipedia}}</ref>\n"
            "B.<ref>https://en.wikipedia.org/wiki/History_of_Berlin</ref>\n<references />\n")
    assert codes_and_lines(text, "LAY011") == [("LAY011", 1), ("LAY011", 3), ("LAY011", 4)]
    assert codes_and_lines(text, "LAY011", title="History of Wikipedia") == [("LAY011", 1)]


@pytest.mark.parametrize("url, root", [
    ("http://www.taitraesource.com/default.asp", True), ("https://cus93.trade.gov.tw", True),
    ("https://example.org/", True), ("https://example.org/news/1", False), ("https://example.org/?p=3", False),
    ("https://example.org/#/route", False), ("ftp://example.org/", False),
])
def test_site_root_urls(url, root):
    text = f"A.<ref>{{{{cite web|url={url}|title=A}}}}</ref>\n<references />\n"
    assert bool(codes_and_lines(text, "LAY012")) is root


def test_site_root_url_with_an_archived_copy_or_as_the_publisher_link_is_left_alone():
    archived = ("A.<ref>{{cite web|url=http://www.example.org/|title=A|archive-url=https://web.archive.org/web/"
                "2009/http://www.example.org/|archive-date=2009-01-01}}</ref>\n<references />\n")
    publisher = "A.<ref>[https://example.org/story Story], [https://example.org Example News].</ref>\n<references />\n"
    assert codes_and_lines(archived + publisher, "LAY012") == []


# -- LAY013 / LAY014 zh conversion ---------------------------------------------------------

def test_anchor_script_needs_a_page_of_one_script():
    pytest.importorskip("zhconv_rs")
    traditional = "兩國公民皆須申請簽證方可入境對方國家，經哈薩克轉機若未離開機場轉機區無須申辦過境簽證。" * 2
    assert codes_and_lines(traditional + "[[簽證#落地签证|落地簽證]]\n", "LAY013", "zhwiki") == [("LAY013", 1)]
    assert codes_and_lines(traditional + "[[簽證#落地簽證|落地簽證]]\n", "LAY013", "zhwiki") == []
    assert codes_and_lines("短。[[簽證#落地签证]]\n", "LAY013", "zhwiki") == []  # too little text to tell
    assert codes_and_lines(traditional + "[[簽證#落地签证]]\n", "LAY013") == []  # not a zh site


def test_partly_effective_rules_skip_unused_and_fully_redundant_ones():
    pytest.importorskip("zhconv_rs")
    unused = "{{noteTA\n|1=zh-hant:杜拜; zh-cn:迪拜; zh-sg:杜拜;\n}}\n倫敦。\n"
    redundant = "{{noteTA\n|1=zh-hans:中国; zh-hant:中國;\n}}\n中國。\n"
    assert codes_and_lines(unused, "LAY014", "zhwiki") == []
    assert codes_and_lines(redundant, "LAY014", "zhwiki") == []


def test_fixes_of_the_family_settle():
    text = ("{{See also|A}}\n{{see also|B}}\n{{link-en|X|X|X}}\n== References ==\n<references />\n"
            "== See also ==\n* [[Y]]\n\n== External links ==\n* z\n[[Category:K|]]\n{{DEFAULTSORT:K}}\n")
    result = fix_text_result(text, ["LAY"], site="zhwiki", unsafe_fixes=True)
    assert not result.failed
    assert fix_text_result(result.text, ["LAY"], site="zhwiki", unsafe_fixes=True).applied == []
    assert result.text.startswith("{{See also|A|B}}\n{{link-en|X}}\n== See also ==")
