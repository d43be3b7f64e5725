"""The markup-syntax family on the zh reference page of ``../shared/corpus``.

(That every rule, this family's included, fixes every corpus page soundly is
``tests/test_corpus.py``'s check.) The reference page's three broken file captions leave
stray ``]]`` that the image family reports and can fix (IMG001): the family says nothing
twice. Skips when the corpus is absent.
"""

from __future__ import annotations

from wikilint.api import lint_text


def test_reference_page_leaves_spilled_captions_to_the_image_family(reference_page):
    text = reference_page.read_text(encoding="utf-8")
    assert [d.code for d in lint_text(text, ["SYN"], site="zhwiki")] == []
    assert [d.code for d in lint_text(text, ["IMG001"], site="zhwiki")] == ["IMG001"] * 3
