"""Bad and good pages for every image rule, with English and Chinese namespace names."""

from __future__ import annotations

import pytest

from wikilint.api import fix_text, fix_text_result, lint_text


def codes(text: str, select: str, site: str = "default") -> list[str]:
    return [d.code for d in lint_text(text, [select], site=site)]


# -- IMG001 spilled-caption --------------------------------------------------------

@pytest.mark.parametrize("site, prefix", [("default", "File"), ("default", "image"), ("zhwiki", "文件"),
                                          ("zhwiki", "檔案"), ("zhwiki", "圖像")])
def test_spilled_caption_found_and_fixed_with_every_alias(site, prefix):
    bad = f"Text.\n[[{prefix}:A b.png|thumb]]The [[Foo|bar]] vote, {{{{lang|fr|x}}}}.]]\nMore.\n"
    good = f"Text.\n[[{prefix}:A b.png|thumb|The [[Foo|bar]] vote, {{{{lang|fr|x}}}}.]]\nMore.\n"
    assert codes(bad, "IMG001", site) == ["IMG001"]
    assert fix_text(bad, ["IMG001"], site=site) == bad            # unsafe: not applied by default
    assert fix_text(bad, ["IMG001"], site=site, unsafe_fixes=True) == good
    assert codes(good, "IMG", site) == []


@pytest.mark.parametrize("good", [
    "[[:File:A.png|thumb]] is linked, not shown.]]\n",          # a leading colon: a plain link
    "[[File:A.png|thumb]]\n\nNew paragraph.]]\n",              # the ]] is in another paragraph
    "[[File:A.png|thumb]] text [[File:B.png|thumb|B]]\n",      # no stray ]]
    "[[File:A.png|thumb]] text [[Foo]] more\n",
    "[[Media:A.ogg|thumb]] text]]\n",                          # Media: is a link, not an image
    "<nowiki>[[File:A.png|thumb]] text]]</nowiki>\n",
])
def test_spilled_caption_not_reported(good):
    assert codes(good, "IMG001") == []


def test_spill_onto_a_link_with_a_caption_has_no_fix():
    bad = "[[File:A.png|thumb|Caption]] more text]]\n"
    assert codes(bad, "IMG001") == ["IMG001"]
    assert fix_text(bad, ["IMG001"], unsafe_fixes=True) == bad


def test_spill_belongs_to_the_nearest_file_link():
    bad = "[[File:A.png|thumb|A]] x [[File:B.png|thumb]] caption of B]]\n"
    assert fix_text(bad, ["IMG001"], unsafe_fixes=True) == "[[File:A.png|thumb|A]] x [[File:B.png|thumb| caption of B]]\n"


def test_spill_inside_a_template_parameter_stays_there():
    bad = "{{Box|[[File:A.png|thumb]]caption]]|other}}\n"
    assert fix_text(bad, ["IMG001"], unsafe_fixes=True) == "{{Box|[[File:A.png|thumb|caption]]|other}}\n"
    assert codes("{{Box|[[File:A.png|thumb]]|caption]]}}\n", "IMG001") == []


# -- IMG002 unclosed-file-link -----------------------------------------------------

@pytest.mark.parametrize("site, prefix", [("default", "File"), ("default", "Image"), ("zhwiki", "文件"),
                                          ("zhwiki", "档案"), ("zhwiki", "图像")])
def test_unclosed_file_link(site, prefix):
    bad = f"Intro.\n[[{prefix}:X.jpg|thumb|A [[link]] caption\n\nNext paragraph.\n"
    found = lint_text(bad, ["IMG002"], site=site)
    assert [(d.code, d.line) for d in found] == [("IMG002", 2)]
    assert codes(bad.replace("caption\n", "caption]]\n"), "IMG002", site) == []


@pytest.mark.parametrize("good", [
    "[[:File:X.jpg]] [[File:Y.jpg|thumb|Y]]\n",
    "<!-- [[File:X.jpg|thumb -->\n",
    "<nowiki>[[File:X.jpg</nowiki>\n",
    "[[Category:X]] [[Filet:X]]\n",
])
def test_unclosed_file_link_not_reported(good):
    assert codes(good, "IMG002") == []


# -- IMG003 unbalanced-caption-markup ----------------------------------------------

@pytest.mark.parametrize("caption, message", [
    ("See {{lang fr", "`{{` in the caption is never closed"),
    ("See }} x", "`}}` in the caption closes nothing"),
    ("A <small>note", "`<small>` in the caption is never closed"),
    ("A <ref>source", "`<ref>` in the caption is never closed"),
    ("A </span> note", "`</span>` in the caption closes nothing"),
    ("''Italic leaks", "unbalanced italic '' in the caption leaks past it"),
    ("'''Bold leaks", "unbalanced bold ''' in the caption leaks past it"),
])
@pytest.mark.parametrize("site, prefix", [("default", "File"), ("zhwiki", "文件")])
def test_unbalanced_caption_markup(caption, message, site, prefix):
    found = lint_text(f"[[{prefix}:X.jpg|thumb|{caption}]]\n", ["IMG003"], site=site)
    assert [d.message for d in found] == [message]


@pytest.mark.parametrize("caption", [
    "{{lang|zh|{{linktext|使}}}} x", "''Italic'' and '''bold'''", "<small>fine</small>", "A<ref name=a/>",
    "<nowiki>{{</nowiki> literal", "x<!-- {{ -->", "[[a|b]] and {{{1}}}", "'''''both'''''",
])
def test_balanced_caption_markup_is_clean(caption):
    assert codes(f"[[File:X.jpg|thumb|{caption}]]\n", "IMG003") == []


@pytest.mark.parametrize("site, prefix", [("default", "Image"), ("zhwiki", "檔案")])
def test_trailing_line_break_removed_safely(site, prefix):
    bad = f"[[{prefix}:X.jpg|縮圖|Caption <br/> ]] and <br> after\n"
    assert codes(bad, "IMG003", site) == ["IMG003"]
    assert fix_text(bad, ["IMG003"], site=site) == f"[[{prefix}:X.jpg|縮圖|Caption]] and <br> after\n"


def test_gallery_caption_brackets():
    bad = "<gallery>\nFile:A.jpg|The [[Reichstag\nB.jpg|Fine [[link]]\n</gallery>\n"
    found = lint_text(bad, ["IMG003"])
    assert [(d.line, d.message) for d in found] == [(2, "`[[` in the caption is never closed")]


# -- IMG004 conflicting-image-options ----------------------------------------------

@pytest.mark.parametrize("options, message", [
    ("thumb|A|B", "second caption: MediaWiki shows only the last one"),
    ("thumb|200px|300px|A", "second size: MediaWiki uses only the last one"),
    ("thumb|left|right|A", "`right` conflicts with `left`: only one of the horizontal alignments applies"),
    ("thumb|frameless|A", "`frameless` conflicts with `thumb`: only one of the image formats applies"),
    ("frame|thumb|A", "`thumb` conflicts with `frame`: only one of the image formats applies"),
    ("thumb|upright|200px|A", "an explicit width overrides `upright`"),
    ("thumb|alt=a|alt=b|A", "second `alt=`: MediaWiki uses only the last one"),
    ("thumb|link=a|link=b|A", "second `link=`: MediaWiki uses only the last one"),
    ("thumb|A|", "empty last option hides the caption before it"),
])
def test_conflicting_options_without_fix(options, message):
    text = f"[[File:X.jpg|{options}]]\n"
    assert [d.message for d in lint_text(text, ["IMG004"])] == [message]
    assert fix_text(text, ["IMG004"]) == text


@pytest.mark.parametrize("site, bad, good", [
    ("default", "[[File:X.jpg|thumb|left|thumb|A]]", "[[File:X.jpg|thumb|left|A]]"),
    ("default", "[[File:X.jpg|thumb|alt=a|alt=a|A]]", "[[File:X.jpg|thumb|alt=a|A]]"),
    ("default", "[[File:X.jpg|thumb||A]]", "[[File:X.jpg|thumb|A]]"),
    ("zhwiki", "[[文件:X.jpg|縮圖|左|thumb|說明]]", "[[文件:X.jpg|縮圖|左|說明]]"),
    ("zhwiki", "[[檔案:X.jpg|缩略图|左|left|說明]]", "[[檔案:X.jpg|缩略图|左|說明]]"),
])
def test_duplicate_options_removed_safely(site, bad, good):
    assert codes(bad, "IMG004", site) == ["IMG004"]
    assert fix_text(bad, ["IMG004"], site=site) == good
    assert codes(good, "IMG004", site) == []


def test_zh_keywords_are_options_not_captions():
    assert codes("[[文件:X.jpg|缩略图|右|200像素|說明]]\n", "IMG", "zhwiki") == []
    # On the default site the same words are captions: two of them.
    assert "IMG004" in codes("[[File:X.jpg|縮圖|右|說明]]\n", "IMG004")


# -- IMG005 malformed-image-size ---------------------------------------------------

@pytest.mark.parametrize("size", ["px100", "100PX", "100pixels", "100 x 50px"])
def test_malformed_size_without_fix(size):
    text = f"[[File:X.jpg|thumb|{size}|A]]\n"
    assert codes(text, "IMG005") == ["IMG005"]
    assert fix_text(text, ["IMG005"]) == text


@pytest.mark.parametrize("site, bad, good", [
    ("default", "[[File:X.jpg|100pxpx|A]]", "[[File:X.jpg|100px|A]]"),
    ("default", "[[File:X.jpg| 100x50pxpx |A]]", "[[File:X.jpg| 100x50px |A]]"),
    ("zhwiki", "[[文件:X.jpg|200像素像素|說明]]", "[[文件:X.jpg|200像素|說明]]"),
])
def test_doubled_suffix_fixed_safely(site, bad, good):
    assert codes(bad, "IMG005", site) == ["IMG005"]
    assert fix_text(bad, ["IMG005"], site=site) == good


@pytest.mark.parametrize("option", ["100px", "x80px", "100x80px", "1990", "Population 100 people",
                                    "64 px", "100x80 px", "x80\tpx"])
def test_valid_sizes_and_captions_are_not_malformed(option):
    assert codes(f"[[File:X.jpg|thumb|{option}]]\n", "IMG005") == []


def test_space_before_px_is_a_size():
    # MediaWiki reads "$1px" with $1 = "64 " and Parser::parseWidthParam accepts
    # /^[0-9]*\s*(?:px)?\s*$/. Line 58 of ../shared/corpus/en/gensim.enwiki__A.wiki (CC BY-SA):
    line = "|[[File:ModernRomanA-01.svg|64 px|Modern Roman A]]<br />Modern Roman A\n"
    assert codes(line, "IMG005", "enwiki") == []
    assert codes(line, "IMG006", "enwiki") == []          # nor an unknown option
    assert codes("[[文件:X.jpg|200 像素|說明]]\n", "IMG005", "zhwiki") == []


# -- IMG006 unknown-image-option ---------------------------------------------------

@pytest.mark.parametrize("option, hint", [
    ("thum", "did you mean `thumb`?"),
    ("rigth", "did you mean `right`?"),
    ("Thumb", "options are case-sensitive: did you mean `thumb`?"),
    ("Left", "options are case-sensitive: did you mean `left`?"),
    ("Alt=A photo", "did you mean `alt=`?"),
    ("width=200", "`width=` is not an image option"),
    ("upright0.8", "write `upright=<factor>`"),
])
def test_unknown_option(option, hint):
    found = lint_text(f"[[File:X.jpg|thumb|{option}|Caption]]\n", ["IMG006"])
    assert [d.message for d in found] == [f"unknown image option `{option}` becomes the caption: {hint}"]


@pytest.mark.parametrize("site, text", [
    ("default", "[[File:X.jpg|thumb|upright=0.8|alt=A|link=Foo|page=2|Nine lives]]"),
    ("default", "[[File:X.webm|thumbtime=3|start=1|end=5|loop|muted|Video]]"),
    ("default", "[[File:X.jpg|thumb|E=mc2]]"),
    ("zhwiki", "[[文件:X.jpg|縮圖|右上|替代=说明|連結=甲|说明]]"),
])
def test_known_options_and_plain_captions_pass(site, text):
    assert codes(text, "IMG006", site) == []


# -- IMG007 invisible-caption ------------------------------------------------------

@pytest.mark.parametrize("site, text", [
    ("default", "[[File:X.jpg|right|200px|A caption]]"),
    ("default", "[[Image:X.jpg|frameless|A caption]]"),
    ("zhwiki", "[[文件:X.jpg|右|说明]]"),
])
def test_invisible_caption(site, text):
    assert codes(text, "IMG007", site) == ["IMG007"]


# Real lines: A.wiki 24-26 and Alkane.wiki 337 from ../shared/corpus/en/gensim.enwiki__*.wiki,
# 生物学.wiki 4-5 from ../shared/corpus/zh/CyberZHG-wiki-dump-reader.zhwiki__生物学.wiki, Berlin.wiki 5
# from ../shared/corpus/other/dbpedia-minidumps.kywiki__Берлин.wiki and 457 from
# ../shared/corpus/other/dbpedia-minidumps.svwiki__Berlin.wiki ("Fil:" written "File:"); CC BY-SA.
ICONS = [
    ("enwiki", '{|\n|- style="background-color:white; text-align:center;"\n'
               '| [[File:EgyptianA-01.svg|Egyptian hieroglyphic ox head]]\n'
               '| [[File:Cretan-1.jpg|35px|Early Crete version of the letter "A"]]\n|}\n'),
    ("zhwiki", '{|  \n|valign="top"|[[File:EscherichiaColi NIAID.jpg|138px|\'\'Escherichia coli\'\']]\n|}\n'),
    ("default", "{{ОЖ\n |сүрөтү                      = [[File:Berlin Montage 4.jpg|Berlin Montage 4|300px]]\n}}\n"),
    ("default", "=== Pendeltåg (S-bahn) [[File:S-Bahn-Logo.svg|20px|S-Bahn]]===\n"),
    ("default", "Höhe [[File:Elevation.svg|x16px|Elevation]] 34 m\n"),
    ("default", "[[File:Wiktionary-logo.svg|link=wikt:Berlin|Berlin in Wiktionary]]\n"),
]


@pytest.mark.parametrize("site, text", ICONS)
def test_icons_in_tables_templates_small_or_linked_are_quiet(site, text):
    assert codes(text, "IMG007", site) == []


def test_icon_size_option_and_a_real_invisible_caption():
    line = "[[File:S-Bahn-Logo.svg|20px|S-Bahn]]\n"
    found = lint_text(line, ["IMG007"], rule_options={"invisible-caption": {"icon-size": 10}})
    assert [d.code for d in found] == ["IMG007"]
    # Line 337 of Alkane.wiki: a 500px scheme whose caption no reader sees.
    assert codes("[[Image:Monobromination of propane.png|500px|center|Monobromination of [[propane]]]]\n",
                 "IMG007", "enwiki") == ["IMG007"]


@pytest.mark.parametrize("site, text", [
    ("default", "[[File:X.jpg|thumb|right|A caption]]"),
    ("default", "[[File:X.jpg|frame|A caption]]"),
    ("default", "[[File:X.jpg|thumb=Y.jpg|A caption]]"),
    ("default", "[[File:X.jpg|20px]]"),
    ("zhwiki", "[[文件:X.jpg|縮圖|右|说明]]"),
])
def test_visible_caption(site, text):
    assert codes(text, "IMG007", site) == []


# -- IMG008 gallery-line-not-file, IMG009 empty-gallery ----------------------------

@pytest.mark.parametrize("site, line", [
    ("default", "[[File:B.jpg|The gate]]"),
    ("default", "Category:Berlin|Berlin"),
    ("default", "Just some text"),
    ("default", "File:No extension|Caption"),
    ("zhwiki", "[[文件:B.jpg|门]]"),
    ("zhwiki", "分类:柏林|柏林"),
])
def test_gallery_line_not_file(site, line):
    text = f"<gallery>\nFile:A.jpg|Fine\n{line}\n</gallery>\n"
    found = lint_text(text, ["IMG008"], site=site)
    assert [(d.code, d.line) for d in found] == [("IMG008", 3)]


@pytest.mark.parametrize("site, line", [
    ("default", "File:B.jpg|The [[gate|Gate]]"),
    ("default", "Image:B.JPEG"),
    ("default", "B.png|No prefix is fine"),
    ("default", "{{{image|}}}|From a template"),
    ("default", "<!-- File:C.jpg|commented out -->"),
    ("zhwiki", "文件:B.jpg|门"),
    ("zhwiki", "圖像:B.svg"),
])
def test_gallery_file_lines_are_clean(site, line):
    assert codes(f"<gallery>\n{line}\n</gallery>\n", "IMG008", site) == []


@pytest.mark.parametrize("text", ["<gallery></gallery>\n", "<gallery />\n",
                                  "<gallery mode=packed>\n<!-- none -->\n\n</gallery>\n"])
def test_empty_gallery(text):
    assert codes(text, "IMG009") == ["IMG009"]


def test_gallery_with_images_is_not_empty():
    assert codes("<gallery>\n文件:B.jpg|门\n</gallery>\n", "IMG009", "zhwiki") == []


# -- all rules together --------------------------------------------------------------

def test_all_fixes_together_settle():
    bad = ("[[File:A.jpg|thumb|thumb|100pxpx]]Caption with <br>]]\n"
           "[[File:B.jpg|thumb|Caption<br>]]\n")
    result = fix_text_result(bad, ["IMG"], unsafe_fixes=True)
    assert not result.failed
    assert result.text == ("[[File:A.jpg|thumb|100px|Caption with]]\n"
                           "[[File:B.jpg|thumb|Caption]]\n")


@pytest.mark.parametrize("text", [
    "[[File:X.jpg|{{1x|thumb}}|{{1x|137px}}|A caption]]",   # provenance: parsoid media.txt (input only)
    "[[File:X.jpg|{{{size|200px}}}|A caption]]",
])
def test_options_made_by_templates_are_not_guessed(text):
    assert codes(text, "IMG") == []
