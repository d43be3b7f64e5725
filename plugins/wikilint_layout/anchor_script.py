"""LAY013: a zh section anchor written in the other script than the article's."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from mwparserfromhell.nodes import Wikilink

from wikilint import Finding, Page, Rule, plain_text

from wikilint_zh.simulation import converter


@cache
def _cjk() -> re.Pattern[str]:
    """CJK ideographs. Compiled on first use: ``re`` takes some 4 ms to compile a class of
    28,000 code points, which every start-up paid, while only links to a section need it."""
    return re.compile("[\u3400-\u9fff\uf900-\ufaff]")


#: A page is written in one script when its characters of that script outnumber the
#: other's this many times (and there are enough of them to tell).
DOMINANCE = 3
MIN_CHARACTERS = 20


def page_script(text: str, convert) -> str | None:
    """``zh-hant`` or ``zh-hans`` for a page written mostly in that script, else None.

    Each distinct CJK character is converted once, on its own line (so that no phrase
    rule joins neighbours): a character the simplified conversion changes is traditional,
    one the traditional conversion changes is simplified."""
    counts = Counter(_cjk().findall(text))
    if not counts:
        return None
    characters = list(counts)
    joined = "\n".join(characters)
    as_simplified = convert(joined, "zh-hans", False).split("\n")
    as_traditional = convert(joined, "zh-hant", False).split("\n")
    if len(as_simplified) != len(characters) or len(as_traditional) != len(characters):
        return None
    traditional = sum(counts[char] for char, simple in zip(characters, as_simplified) if simple != char)
    simplified = sum(counts[char] for char, full in zip(characters, as_traditional) if full != char)
    if traditional >= MIN_CHARACTERS and traditional > DOMINANCE * simplified:
        return "zh-hant"
    if simplified >= MIN_CHARACTERS and simplified > DOMINANCE * traditional:
        return "zh-hans"
    return None


class AnchorScript(Rule):
    """A zh section anchor written in the other script than the article's.

    Language conversion changes what readers see, not link targets: the part after `#`
    must match the target section's heading as its source text writes it. An anchor in
    simplified characters inside an article written in traditional ones (or the reverse)
    was often copied from a converted view of the target and may not match its heading
    (`落地签证` for a section written `落地簽證`). Check the target heading; no fix, since
    the target page's text is not known here. Off by default (a hint of low confidence:
    the target may really be written in the other script). Runs on zh sites only and
    needs the optional zhconv-rs package.

    **Bad**

    ```wikitext
    兩國公民皆須申請簽證方可入境對方國家。中華民國國民持有中華民國護照、哈薩克外交部核准的邀請函，可獲發單次、停留最多三十天的觀光或商務[[簽證#落地签证|落地簽證]]。
    ```

    **Good**

    ```wikitext
    兩國公民皆須申請簽證方可入境對方國家。中華民國國民持有中華民國護照、哈薩克外交部核准的邀請函，可獲發單次、停留最多三十天的觀光或商務[[簽證#落地簽證|落地簽證]]。
    ```
    """

    code = "LAY013"
    name = "anchor-script"
    severity = "info"
    default_enabled = False
    example_site = "zhwiki"

    def check(self, page: Page):
        if page.site.language != "zh":
            return
        anchors = []
        for item in page.nodes(Wikilink):
            title = plain_text(item.node.title)
            if title is None or "#" not in title:
                continue
            fragment = title.partition("#")[2].strip()
            if _cjk().search(fragment) and not item.in_literal:
                anchors.append((item, fragment))
        if not anchors:
            return
        convert = converter()
        if convert is None:
            return
        script = page_script(page.text, convert)
        if script is None:
            return
        other = "zh-hans" if script == "zh-hant" else "zh-hant"
        names = {"zh-hant": "traditional", "zh-hans": "simplified"}
        for item, fragment in anchors:
            in_page_script = convert(fragment, script, False)
            if in_page_script != fragment and convert(fragment, other, False) == fragment:
                yield Finding(item.start, item.end,
                              f"anchor '{fragment}' is written in {names[other]} characters in a "
                              f"{names[script]} article; anchors are not converted: check that the target "
                              f"heading is written this way and not '{in_page_script}'")
