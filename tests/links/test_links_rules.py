"""The link rules (LNK001–LNK006) on small pages, en and zh sites."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from wikilint import Page
from wikilint.api import fix_text, fix_text_result, lint_text
from wikilint.config import ConfigError
from wikilint.site import Site, load_site
from wikilint_links.ambiguous_label import AmbiguousLabel
from wikilint_links.links import TITLE_RESOLVER_KEY

ROOT = Path(__file__).resolve().parents[2]


def codes(text, select=("LNK",), **kwargs):
    return [d.code for d in lint_text(text, None if select is None else list(select), **kwargs)]


# -- LNK001 redundant-label ------------------------------------------------------------

@pytest.mark.parametrize(("bad", "good"), [
    ("[[Paris|Paris]]", "[[Paris]]"),
    ("[[Mail_Online|Mail Online]]", "[[Mail Online]]"),
    ("[[Foo|foo]]", "[[foo]]"),
    ("[[foo bar|Foo  bar]]", "[[Foo  bar]]"),
    ("[[ Foo |Foo]]", "[[Foo]]"),
    ("[[Foo#History|Foo#History]]", "[[Foo#History]]"),
    ("[[:Category:Cats|Category:Cats]]", "[[:Category:Cats]]"),
    ("[[Tom &amp; Jerry|Tom & Jerry]]", "[[Tom & Jerry]]"),
    ("[[A%20B|A B]]", "[[A B]]"),
])
def test_redundant_label_fixed(bad, good):
    page = f"Text {bad} more.\n"
    assert codes(page, ["LNK001"]) == ["LNK001"]
    assert fix_text(page, ["LNK001"]) == f"Text {good} more.\n"


@pytest.mark.parametrize("page", [
    "[[Paris|the capital]]",
    "[[Foo#History|Foo]]",          # the label hides the section
    "[[Foo|''Foo'']]",              # markup in the label
    "[[Foo]]s",
])
def test_redundant_label_leaves_real_labels(page):
    assert codes(page, ["LNK001"]) == []


def test_redundant_label_first_letter_case_sensitive_site(tmp_path):
    site = tmp_path / "wiktionary.toml"
    site.write_text('extends = "default"\nfirst-letter-case-insensitive = false\n', encoding="utf-8")
    assert codes("[[Foo|foo]]", ["LNK001"], site=str(site)) == []
    assert codes("[[foo|foo]]", ["LNK001"], site=str(site)) == ["LNK001"]


def test_redundant_label_zh():
    page = "兩國公民皆須申請[[簽證|簽證]]方可入境，[[哈萨克斯坦|哈薩克]]。\n"
    assert codes(page, site="zhwiki") == ["LNK001"]
    assert fix_text(page, ["LNK"], site="zhwiki") == "兩國公民皆須申請[[簽證]]方可入境，[[哈萨克斯坦|哈薩克]]。\n"


# -- LNK002 trail-label --------------------------------------------------------------

def test_trail_label_en():
    assert fix_text("Most [[Dog|dogs]] and [[cat|cats]]ville.\n", ["LNK002"]) == \
        "Most [[dog]]s and [[cat]]sville.\n"


@pytest.mark.parametrize("page", [
    "[[Dog|Dog s]]",          # a space is not part of the trail
    "[[Dog|DOGS]]",           # upper case is not in the en trail
    "[[Dog|dogfights]]",      # longer than max-trail-length
    "[[Lac|Lacé]]",           # é is not in the en trail
])
def test_trail_label_not_applicable(page):
    assert codes(page, ["LNK002"]) == []


def test_trail_label_length_option():
    assert codes("[[Dog|dogfights]]", ["LNK002"], rule_options={"trail-label": {"max-trail-length": 0}}) \
        == ["LNK002"]


def test_trail_label_never_on_zh():
    assert codes("[[Dog|Dogs]] [[狗|狗們]]", ["LNK002"], site="zhwiki") == []


# -- LNK003 repeated-link ---------------------------------------------------------------

REPEATS = """Lead about [[Dog|dogs]].

== History ==
A [[dog]] barked. Another [[Dog|hound]] barked.{{Infobox|breed=[[Dog]]}}<ref>[[Dog]] book</ref>
{|
| [[Dog]]
|}
[[File:X.png|thumb|A [[dog]].]]

== Care ==
Feed the [[dog]].
"""


def test_repeated_link_page_scope():
    found = [(d.code, d.line) for d in lint_text(REPEATS, ["LNK003"])]
    assert found == [("LNK003", 4), ("LNK003", 11)]
    fixed = fix_text(REPEATS, ["LNK003"], unsafe_fixes=True)
    assert "Another hound barked." in fixed
    assert "Feed the dog." in fixed
    assert fixed.count("[[") == REPEATS.count("[[") - 2


def test_repeated_link_fix_is_unsafe():
    assert fix_text(REPEATS, ["LNK003"]) == REPEATS


def test_repeated_link_section_scope():
    options = {"repeated-link": {"scope": "section"}}
    assert [d.line for d in lint_text(REPEATS, ["LNK003"], rule_options=options)] == [4]


def test_repeated_link_contexts_counted_with_body():
    options = {"repeated-link": {"separate-contexts": ["lead"]}}
    # The template, the reference, the table and the caption repeat the body's link now.
    assert [d.line for d in lint_text(REPEATS, ["LNK003"], rule_options=options)] == [4, 4, 4, 6, 8, 11]


def test_repeated_link_lead_counted_with_body():
    options = {"repeated-link": {"separate-contexts": []}}
    assert lint_text(REPEATS, ["LNK003"], rule_options=options)[0].line == 4
    assert len(lint_text(REPEATS, ["LNK003"], rule_options=options)) == 7


def test_repeated_link_fragments():
    page = "[[Visa]] and [[Visa#On arrival|on arrival]].\n"
    assert codes(page, ["LNK003"]) == ["LNK003"]
    assert codes(page, ["LNK003"], rule_options={"repeated-link": {"compare-fragments": True}}) == []


def test_repeated_link_zh_keeps_visible_text():
    page = "[[簽證]]方可入境。可獲發[[簽證#落地签证|落地簽證]]。\n"
    assert fix_text(page, ["LNK003"], site="zhwiki", unsafe_fixes=True) == "[[簽證]]方可入境。可獲發落地簽證。\n"


def test_repeated_link_no_fix_that_would_make_markup():
    page = "[[Foo]] and '[[Foo|'quoted']]'.\n"
    result = fix_text_result(page, ["LNK003"], unsafe_fixes=True)
    assert [d.code for d in result.diagnostics] == ["LNK003"]
    assert result.text == page


def test_repeated_link_bad_option():
    with pytest.raises(ConfigError, match="'scope' must be one of 'page', 'section', not 'chapter'"):
        lint_text("[[A]] [[A]]", ["LNK003"], rule_options={"repeated-link": {"scope": "chapter"}})


# -- LNK004 ambiguous-label -------------------------------------------------------------

def test_ambiguous_label():
    page = "[[Mercury (planet)|Mercury]] and [[Mercury (element)|Mercury]] and [[Mercury (planet)|Mercury]].\n"
    found = lint_text(page, ["LNK004"])
    assert [d.code for d in found] == ["LNK004"]
    assert "Mercury (element)" in found[0].message


def test_ambiguous_label_unpiped_and_zh():
    assert codes("[[Mercury]] and [[Mercury (planet)|Mercury]]", ["LNK004"]) == ["LNK004"]
    assert codes("[[水星]]与[[水星 (行星)|水星]]", ["LNK004"], site="zhwiki") == ["LNK004"]


def test_ambiguous_label_is_off_by_default():
    page = "[[Mercury (planet)|Mercury]] and [[Mercury (element)|Mercury]].\n"
    assert codes(page, None) == []
    assert codes(page, ["LNK004"]) == ["LNK004"]


# Lines 18 of ../shared/corpus/zh/CyberZHG-wiki-dump-reader.zhwiki__哲学.wiki and 44-45 of
# ../shared/corpus/zh/dbpedia-minidumps.zhwiki__柏林.wiki (CC BY-SA): one page in two scripts.
ZH_VARIANT_PAIRS = [
    "在《[[易經]]》當中已經開始討論哲學問題，形而上学的中文名稱取自《[[易经#易傳|易經]]·[[十翼|繫辭上傳]]》\n",
    "|leader_party = [[德國社會民主黨|SPD]]\n|ruling_party1 = [[德国社会民主党|SPD]]\n",
]


@pytest.mark.parametrize("page", ZH_VARIANT_PAIRS)
def test_ambiguous_label_zh_script_variants_are_one_page(page):
    assert codes(page, ["LNK004"], site="zhwiki") == []
    assert codes(page, ["LNK004"], site="enwiki") == ["LNK004"]      # no converter there


def test_ambiguous_label_zh_different_titles_still_reported():
    assert codes("[[水星]]与[[水星 (行星)|水星]]", ["LNK004"], site="zhwiki") == ["LNK004"]
    assert codes("[[德国|德]]与[[德育|德]]", ["LNK004"], site="zhwiki") == ["LNK004"]


_WITHOUT_ZHCONV = """
import sys
sys.modules["zhconv_rs"] = None          # the optional extra is not installed
from wikilint.api import lint_text
for page in ["[[易經]]與[[易经|易經]]", "[[德国|德]]與[[德育|德]]", "[[水星]]与[[水星 (行星)|水星]]"]:
    print([d.code for d in lint_text(page, ["LNK004"], site="zhwiki")])
"""


def test_ambiguous_label_zh_without_zhconv_stays_quiet_on_possible_variants():
    # 德国/德育 may be variants for all a linter without tables knows: same length, Han only.
    done = subprocess.run([sys.executable, "-c", _WITHOUT_ZHCONV], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["[]", "[]", "['LNK004']"]


def test_ambiguous_label_uses_a_title_resolver_from_the_site():
    redirects = {"Nocturnal": "Nocturnality", "Nocturnal animal": "Nocturnality"}
    # Line 27 and 53 of ../shared/corpus/en/gensim.enwiki__Aardwolf.wiki (CC BY-SA), shortened.
    text = "It is [[nocturnal]], resting in burrows.\nAardwolves are shy and [[nocturnal animal|nocturnal]].\n"
    plain = load_site("enwiki")
    with_redirects = Site.from_data({**plain.data, TITLE_RESOLVER_KEY: lambda title: redirects.get(title, title)})
    assert len(list(AmbiguousLabel().check(Page(text, site=plain)))) == 1
    assert list(AmbiguousLabel().check(Page(text, site=with_redirects))) == []


def test_ambiguous_label_tables_option():
    page = "{|\n| [[2000 US Open|2R]]\n| [[2001 US Open|2R]]\n|}\n"
    assert codes(page, ["LNK004"]) == []
    assert codes(page, ["LNK004"], rule_options={"ambiguous-label": {"check-tables": True}}) == ["LNK004"]


# -- LNK005 self-link -----------------------------------------------------------------

def test_self_link():
    page = "About [[example|examples]], [[Example#History]] and [[Example_]].\n"
    found = lint_text(page, ["LNK005"], title="Example")
    assert [d.code for d in found] == ["LNK005", "LNK005"]
    assert fix_text(page, ["LNK005"], title="Example", unsafe_fixes=True) == \
        "About examples, [[Example#History]] and Example_.\n"


def test_self_link_needs_a_title():
    assert codes("[[Example]]", ["LNK005"]) == []


def test_self_link_zh():
    page = "'''中華民國與哈薩克關係'''見[[中華民國與哈薩克關係]]。\n"
    assert codes(page, ["LNK005"], site="zhwiki", title="中華民國與哈薩克關係") == ["LNK005"]


# -- LNK006 malformed-link -----------------------------------------------------------

@pytest.mark.parametrize(("bad", "good"), [
    ("[[Paris||the capital]]", "[[Paris|the capital]]"),
    ("[[Caf%C3%A9]]", "[[Café]]"),
    ("[[A%20B|label]]", "[[A B|label]]"),
    ("[[ Rome ]]", "[[Rome]]"),
    ("[[Rome |the city]]", "[[Rome|the city]]"),
    ("<ref>[[Mercury (planet)|]]</ref>", "<ref>[[Mercury (planet)|Mercury]]</ref>"),
    ("<ref>[[Help:Contents|]]</ref>", "<ref>[[Help:Contents|Contents]]</ref>"),
    ("{{Cite|publisher=[[Foo, Texas|]]}}", "{{Cite|publisher=[[Foo, Texas|Foo]]}}"),
    ("<ref>[[哈萨克斯坦（国家）|]]</ref>", "<ref>[[哈萨克斯坦（国家）|哈萨克斯坦]]</ref>"),
])
def test_malformed_link_fixed(bad, good):
    page = f"See {bad}.\n"
    assert codes(page, ["LNK006"]) == ["LNK006"]
    assert fix_text(page, ["LNK006"]) == f"See {good}.\n"


def test_malformed_link_reported_without_safe_fix():
    page = "See [[]], [[|Rome]] and [[Rome ]]s.\n"
    assert codes(page, ["LNK006"]) == ["LNK006"] * 3
    assert fix_text(page, ["LNK006"]) == page
    assert fix_text(page, ["LNK006"], unsafe_fixes=True) == "See [[]], Rome and [[Rome ]]s.\n"


def test_pipe_trick_outside_ref_and_templates_is_left_to_the_save():
    assert codes("[[Mercury (planet)|]]", ["LNK006"]) == []


def test_malformed_link_zh():
    assert fix_text("見[[ 簽證 ]]與[[%E7%B0%BD%E8%AD%89]]。", ["LNK006"], site="zhwiki") == "見[[簽證]]與[[簽證]]。"


def test_escapes_a_target_cannot_do_without_are_left_alone():
    # MediaWiki's parser test "Links 18" (wtEscaping): brackets in a section anchor stay encoded.
    assert codes("[[Foo#%5Bon_hold%5D_stuff]] [[A%7CB]] [[100%25]]", ["LNK006"]) == []
    # Beside them, the other escapes are decoded and the needed ones kept.
    assert fix_text("[[Caf%C3%A9#%5Bx%5D]]", ["LNK006"]) == "[[Café#%5Bx%5D]]"


# -- must not touch -------------------------------------------------------------------

UNTOUCHABLE = [
    "[[Category:Dogs|Dogs]]",
    "[[Category:Dogs|dogs]]",
    "[[ Category:Dogs|Dogs]]",
    "[[Category:Dogs|]]",
    "[[分類:狗|狗]]",
    "[[File:Dog.jpg|Dog.jpg]]",
    "[[File:Dog.jpg|thumb|Dog]]",
    "[[Image:Dog.jpg||thumb]]",
    "[[Media:Dog.ogg|Dog.ogg]]",
    "[[Fil:Dog.jpg|thumb|x]]",                   # a file link from a wiki the site does not know
    "[[de:Hund|de:Hund]]",
    "[[en:Dog]] [[en:Dog]]",
    "[[:fr:Chien|fr:Chien]]",
    "[[wikt:dog|wikt:dog]] [[wikt:dog]]",
    "<!-- [[Dog|Dog]] [[Dog|dogs]] [[Dog]] [[ Dog ]] -->",
    "<nowiki>[[Dog|Dog]] [[Dog]] [[Dog]]</nowiki>",
    "<pre>[[Dog|Dog]] [[Dog]] [[Dog]]</pre>",
    "<math>[[Dog|Dog]] [[Dog]] [[Dog]]</math>",
    "<syntaxhighlight lang=\"text\">[[Dog|Dog]] [[Dog]] [[Dog]]</syntaxhighlight>",
    "<source lang=\"text\">[[Dog|Dog]] [[Dog]] [[Dog]]</source>",
    "<code>[[Dog|Dog]] [[Dog]] [[Dog||x]]</code>",
    "{{Code|[[Dog|Dog]] [[Dog]] [[Dog]]}}",
    "{{tl|[[Dog|Dog]] [[Dog]]}}",
    "{{Foo|[[Dog|Dog]]=x|[[Dog]]=y}}",            # parameter names are not rendered
    "[[Cat|[[Dog|Dog]]]]",                       # a link inside a link's label is text
    "[[{{PAGENAME}}|{{PAGENAME}}]] [[{{{1}}}|{{{1}}}]]",
]


@pytest.mark.parametrize("site", ["default", "zhwiki"])
@pytest.mark.parametrize("page", UNTOUCHABLE)
def test_must_not_touch(page, site):
    text = f"Lead.\n{page}\n"
    result = fix_text_result(text, ["LNK"], site=site, title="Dog", unsafe_fixes=True)
    assert [d.code for d in result.diagnostics] == []
    assert result.text == text


def test_must_not_touch_around_fixed_link():
    text = "<!-- [[A|A]] -->[[A|A]]<nowiki>[[A|A]]</nowiki>[[Category:A|A]]\n"
    assert fix_text(text, ["LNK"]) == "<!-- [[A|A]] -->[[A]]<nowiki>[[A|A]]</nowiki>[[Category:A|A]]\n"


def test_caption_links_are_checked():
    assert codes("[[File:X.png|thumb|A [[Dog|Dog]].]]", ["LNK001"]) == ["LNK001"]
    assert codes("[[檔案:X.png|thumb|[[狗|狗]]]]", ["LNK001"], site="zhwiki") == ["LNK001"]


# -- fixes settle -------------------------------------------------------------------

def test_all_fixes_together_settle():
    page = "[[Dog|Dog]] [[ Dog |dogs]] [[Dog||hound]] [[Example|Example]] [[Dog%20House|Dog House]]\n"
    result = fix_text_result(page, ["LNK"], title="Example", unsafe_fixes=True)
    assert not result.failed
    again = fix_text_result(result.text, ["LNK"], title="Example", unsafe_fixes=True)
    assert again.text == result.text
    assert result.text == "[[Dog]] dogs hound Example [[Dog House]]\n"


# -- excerpts of the zh reference page -----------------------------------------------
# Copied from ../shared/corpus/zh/000_b92423fca3869b69.txt (zh Wikipedia, 中華民國與哈薩克關係,
# CC BY-SA), so these checks run without the corpus.

EXCERPT = (
    "===簽證===\n"
    "兩國公民皆須申請[[簽證|簽證]]方可入境對方國家。[[中華民國國民|中華民國公民]]持有[[中華民國護照|中華民國護照]]、"
    "可獲發單次、停留最多30天的觀光或商務[[簽證#落地签证|落地簽證]]。"
    "<ref>[http://www.dailymail.co.uk/news/article-2704625/ Kazakh teen volleyball player] "
    "[[Mail_Online|Mail Online]]. Retrieved on 26 July 2014.</ref>\n"
    "\n"
    "[[Category:中華民國與哈薩克關係|]]\n"
    "[[Category:中華民國雙邊關係|哈]]\n"
)


def test_reference_excerpt():
    found = [(d.code, EXCERPT[d.start:d.end]) for d in lint_text(EXCERPT, ["LNK"], site="zhwiki")]
    assert found == [
        ("LNK001", "[[簽證|簽證]]"),
        ("LNK001", "[[中華民國護照|中華民國護照]]"),
        ("LNK003", "[[簽證#落地签证|落地簽證]]"),
        ("LNK001", "[[Mail_Online|Mail Online]]"),
    ]
    assert fix_text(EXCERPT, ["LNK"], site="zhwiki") == (
        EXCERPT.replace("[[簽證|簽證]]", "[[簽證]]").replace("[[中華民國護照|中華民國護照]]", "[[中華民國護照]]")
        .replace("[[Mail_Online|Mail Online]]", "[[Mail Online]]")
    )
