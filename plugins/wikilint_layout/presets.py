"""The per-wiki facts the layout rules need, contributed to the site presets.

Every key starts with ``layout-``; a site file (or a preset file) may override any of them.
Template names are compared the way MediaWiki compares titles (first letter
case-insensitive where the site says so, ``_`` as a space, no ``Template:`` prefix); one
``*`` in a name stands for any text (``Infobox*``, ``Pp-*``, ``Use * English``).

Sources: enwiki's Manual of Style, MOS:ORDER and MOS:LAYOUT (the order of the elements
before the article text and of the appendix sections); zhwiki's 格式手冊/版面佈局
(WP:ORDER: 消歧義連結模板 → 優特狀態模板 → 維護性模板 → 字詞轉換模板 → 導讀提示模板 →
信息框模板 → 右側圖像 → 導言文字; appendices 參見 → 注釋/參考資料 → 延伸閱讀 → 外部連結).
The lists name the common templates only: a template the lists do not know is never
reported, so an omission costs a missed finding, not a false one.
"""

from __future__ import annotations

from typing import Any

#: Citation templates (``Cite *``) and the magic word that sets the page's sort key.
_DEFAULT: dict[str, Any] = {
    "layout-lead-order": [],
    "layout-lead-templates": {},
    "layout-appendix-sections": [],
    "layout-mergeable-hatnotes": ["See also", "Main", "Further"],
    "layout-interlanguage-link-templates": [],
    "layout-canonical-templates": [],
    "layout-citation-templates": ["Cite *", "Citation", "Cite"],
    "layout-date-format-templates": [],
    "layout-quotation-marks": [],
    "layout-defaultsort-words": ["DEFAULTSORT:", "DEFAULTSORTKEY:", "DEFAULTCATEGORYSORT:"],
}

_EN_HATNOTES = [
    "About", "About-distinguish", "About-distinguish-text", "Distinguish", "Dablink", "For", "For multi",
    "Hatnote", "Other uses", "Other uses of", "Otheruses", "Other people", "Other places", "Other ships",
    "Redirect", "Redirect2", "Redirect-multi", "Redirect-distinguish", "Redirect-several", "Self reference",
    "Selfref", "Similar names", "Technical reasons", "Main", "See also", "Further",
]

_EN_MAINTENANCE = [
    "Multiple issues", "More citations needed", "Refimprove", "Unreferenced", "Citation style", "Cleanup",
    "Cleanup *", "Copy edit", "Copyedit", "Advert", "Tone", "POV", "Disputed", "Original research", "Notability",
    "Orphan", "Dead end", "Update", "Expand language", "Lead too short", "Lead too long", "No footnotes",
    "More footnotes", "More footnotes needed", "Primary sources", "Third-party", "Third-party sources",
    "Self-published", "BLP sources", "BLP unsourced", "BLP primary sources", "Globalize", "Essay-like",
    "Fansite", "Trivia", "Technical", "Confusing", "Unbalanced", "Overly detailed", "Very long", "Underlinked",
    "Overlinked", "Peacock", "Weasel", "Autobiography", "COI", "Merge", "Merge to", "Merge from", "Split",
    "Rough translation", "Context", "Current", "Recentism", "In-universe", "Manual", "How-to", "Unencyclopedic",
    "Buzzword", "Synthesis", "Contradict", "Undue weight", "Example farm", "Too few opinions", "Expert needed",
    "One source", "Single source", "Outdated", "Missing information", "Inadequate lead",
]

_ENWIKI: dict[str, Any] = {
    # (The featured and good article templates go to the bottom matter on enwiki.)
    "layout-lead-order": ["short-description", "hatnote", "deletion-protection", "maintenance",
                          "variety-and-date-format", "infobox", "image", "text"],
    "layout-lead-templates": {
        "short-description": ["Short description"],
        "hatnote": _EN_HATNOTES,
        "deletion-protection": ["Pp", "Pp-*", "Article for deletion/dated", "AfDM", "Proposed deletion/dated",
                                "Prod", "Db", "Db-*", "Speedy deletion", "Copyvio"],
        "maintenance": _EN_MAINTENANCE,
        "variety-and-date-format": ["Use dmy dates", "Use mdy dates", "Use DMY dates", "Use MDY dates",
                                    "Use ymd dates", "Use * English", "Use Oxford spelling", "EngvarA",
                                    "EngvarB", "EngvarC", "EngvarO"],
        "infobox": ["Infobox*", "Taxobox", "Speciesbox", "Subspeciesbox", "Automatic taxobox", "Chembox",
                    "Drugbox", "Geobox"],
    },
    "layout-appendix-sections": [
        ["See also"],
        ["Notes and references", "Notes", "Footnotes", "References", "Citations", "Sources",
         "References and notes", "Works cited", "Explanatory notes"],
        ["Further reading"],
        ["External links"],
    ],
    "layout-interlanguage-link-templates": [
        # {{ill|local title|language code|foreign title|lt=label}}; the foreign title
        # defaults to the local one.
        {"names": ["Interlanguage link", "Ill", "Interlanguage link multi", "Illm"],
         "local": "1", "language": "2", "foreign": "3", "labels": ["lt"]},
    ],
    "layout-canonical-templates": ["Reflist", "Cite web", "Cite news", "Cite book", "Cite journal",
                                   "Citation needed", "Short description", "See also", "Main"],
    "layout-date-format-templates": ["Use dmy dates", "Use mdy dates", "Use DMY dates", "Use MDY dates",
                                     "Use ymd dates"],
}

_ZHWIKI: dict[str, Any] = {
    "layout-lead-order": ["hatnote", "status", "maintenance", "language-conversion", "guide", "infobox",
                          "image", "text"],
    "layout-lead-templates": {
        "hatnote": _EN_HATNOTES + ["Distinguish2", "Redirect3", "Not", "Otheruse", "消歧义", "消歧義"],
        "status": ["Featured article", "Featured list", "Good article"],
        "maintenance": _EN_MAINTENANCE + [
            "Expand", "Wikify", "Translation", "Roughtranslation", "Onesource", "Substub", "Plot", "Expert",
            "Unreliable sources", "Verify sources", "Inappropriate person", "Cleanup-jargon", "Review",
            "多個問題", "多个问题"],
        "language-conversion": ["NoteTA", "Note TA", "全局僻字"],
        "guide": ["CJK-New-Char", "UTC+8", "Contains Chinese text"],
        "infobox": ["Infobox*", "Taxobox", "Speciesbox", "Automatic taxobox", "Chembox", "Drugbox", "Geobox"],
    },
    "layout-appendix-sections": [
        ["參見", "参见", "參看", "参看", "參閱", "参阅", "相關條目", "相关条目", "另見", "另见", "See also"],
        ["參考資料", "参考资料", "注釋", "注释", "註釋", "腳註", "脚注", "註解", "注解", "參考文獻", "参考文献",
         "參考來源", "参考来源", "資料來源", "资料来源", "來源", "来源", "參考", "参考", "參考書目", "参考书目",
         "Notes", "References"],
        ["延伸閱讀", "延伸阅读", "擴展閱讀", "扩展阅读", "擴充閱讀", "扩充阅读", "Further reading"],
        ["外部連結", "外部链接", "外部鏈接", "外部連接", "外部连接", "External links"],
    ],
    "layout-mergeable-hatnotes": ["See also", "Main", "Further", "参见", "參見", "另见", "另見", "主条目",
                                  "主條目"],
    "layout-interlanguage-link-templates": [
        # zhwiki's 内部链接助手 (Module:ilh): {{link-en|local title|foreign title|label}}; the
        # foreign title and the label default to the local title.
        {"names": ["Link-*", "Le", "Lj", "Lk", "Ld", "Ly"], "local": "1", "foreign": "2", "labels": ["3", "d"]},
    ],
    "layout-canonical-templates": ["Reflist", "NoteTA", "Cite web", "Cite news", "Cite book", "Cite journal",
                                   "See also", "Main", "Link-en", "Link-ja", "Link-de", "Link-fr"],
    # zhwiki's 格式手冊/標點符號 asks for one style of quotation marks per article and
    # prefers the corner brackets, which read alike in every regional variant.
    "layout-quotation-marks": ["「」", "“”"],
    "layout-defaultsort-words": ["DEFAULTSORT:", "DEFAULTSORTKEY:", "DEFAULTCATEGORYSORT:", "默认排序：",
                                 "默認排序："],
}

PRESETS: dict[str, dict[str, Any]] = {"default": _DEFAULT, "enwiki": _ENWIKI, "zhwiki": _ZHWIKI}
