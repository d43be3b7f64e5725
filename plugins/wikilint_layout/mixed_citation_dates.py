"""LAY009: citation dates written in more than one format on a page."""

from __future__ import annotations

import bisect
import re
from collections import Counter

from wikilint import Finding, Located, Page, Rule

from wikilint_layout.layout import layout_index

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
#: The formats told apart; ISO 8601 (2014-07-23) is accepted beside any of them, as the
#: manuals allow it for access and archive dates.
FORMATS = {
    "day month year": rf"[0-3]?[0-9] {_MONTH} [12][0-9]{{3}}(?![0-9])",
    "month day, year": rf"{_MONTH} [0-3]?[0-9], [12][0-9]{{3}}(?![0-9])",
    "year年month月day日": r"[12][0-9]{3}年[01]?[0-9]月[0-3]?[0-9]日",
}
_ALTERNATIVES = "|".join(f"(?P<f{number}>{pattern})" for number, pattern in enumerate(FORMATS.values()))
#: Any of the formats. (The look-ahead at the characters that can start one lets the
#: regex engine skip the rest of the text quickly.)
_ANY_DATE = re.compile(f"(?=[0-9JFMASOND])(?:{_ALTERNATIVES})")
_FORMAT_NAMES = list(FORMATS)
#: A date parameter of a template call whose value is a date in one of the formats (and
#: nothing else): ISO dates and other values never reach Python code.
_DATE_PARAM = re.compile(r"\|\s*(?:date|access-?date|archive-?date|publication-date|orig-date|air-date|"
                         rf"访问日期|訪問日期|日期)\s*=\s*(?P<value>{_ALTERNATIVES})\s*(?=[|}}\n])")


def _format_of(match: re.Match) -> str:
    """The format whose group ``f<number>`` matched."""
    return next(name for number, name in enumerate(_FORMAT_NAMES) if match.group(f"f{number}") is not None)


class MixedCitationDates(Rule):
    """Citation dates written in more than one format on one page.

    A page's references should write their dates one way (enwiki MOS:DATEUNIFY; zhwiki's
    格式手冊 alike): the formats told apart are `26 July 2014`, `July 26, 2014` and
    `2014年7月26日` (abbreviated months count with their format); ISO dates (`2014-07-26`)
    are accepted beside any of them. Dates are read from the date parameters of citation
    templates (`date`, `access-date`, `archive-date`…) and from the text of hand-written
    references; the dates in the page's less common formats are reported. On a page with
    a date-format template (enwiki `{{Use dmy dates}}`; site data
    `layout-date-format-templates`) the citation templates print every date in that format
    whatever the source says, so only hand-written references are read there. No fix. A
    matter of style: info.

    **Bad**

    ```wikitext
    A.<ref>{{cite web |url=https://example.org/a |title=A |date=2014年7月23日}}</ref>
    B.<ref>{{cite web |url=https://example.org/b |title=B |date=2014年8月7日}}</ref>
    C.<ref>[https://example.org/c C], Mail Online, 24 July 2014.</ref>
    <references />
    ```

    **Good**

    ```wikitext
    A.<ref>{{cite web |url=https://example.org/a |title=A |date=2014年7月23日}}</ref>
    B.<ref>{{cite web |url=https://example.org/b |title=B |date=2014年8月7日}}</ref>
    C.<ref>[https://example.org/c C], Mail Online, 2014年7月24日.</ref>
    <references />
    ```
    """

    code = "LAY009"
    name = "mixed-citation-dates"
    severity = "info"

    def check(self, page: Page):
        index = layout_index(page)
        dates: list[tuple[int, int, str, str]] = []  # (start, end, text, format)
        text = page.text
        for citation in index.citations:
            if citation.hand_written:
                for match in _ANY_DATE.finditer(text, citation.contents_start, citation.contents_end):
                    dates.append((match.start(), match.end(), match.group(), _format_of(match)))
        if "date-format" not in index.keys_by_role:
            dates += _template_dates(text, index.citation_templates)
        counts = Counter(date_format for *_, date_format in dates)
        if len(counts) < 2:
            return
        ranked = counts.most_common()
        usual = ranked[0][0] if ranked[0][1] > ranked[1][1] else min(dates)[3]  # a tie: the first one written
        for start, end, written, date_format in sorted(dates):
            if date_format != usual:
                yield Finding(start, end, f"date '{written}' is written {date_format}; the page's other citation "
                                          f"dates are written {usual} ({counts[usual]} of {len(dates)})")


def _template_dates(text: str, calls: list[Located]) -> list[tuple[int, int, str, str]]:
    """The dates of the citation templates' date parameters (found in the page text, then
    kept when a citation template holds them)."""
    if not calls:
        return []
    starts = [call.start for call in calls]
    found = []
    for match in _DATE_PARAM.finditer(text, calls[0].start, max(call.end for call in calls)):
        position = bisect.bisect_right(starts, match.start()) - 1
        if position >= 0 and match.end() <= calls[position].end:
            found.append((match.start("value"), match.end("value"), match["value"], _format_of(match)))
    return found
