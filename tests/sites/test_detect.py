"""Detecting a page's wiki from the page itself (wikilint.detect)."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from wikilint.detect import Detection, SiteDetector, detect_site
from wikilint.site import UNKNOWN_WIKI, preset_data, preset_names

PRESETS = set(preset_names())


def _expected(dbname: str) -> str:
    return dbname if dbname in PRESETS else "default"


def _known_pages(corpus: Path) -> list[tuple[str, str, str]]:
    """``(file, text, dbname)`` of every page file whose wiki index.tsv names.

    A text filed under two wikis is left out: the dbpedia minidump of arwiki holds the
    Bavarian and Waray articles, and that of mswiki the Piedmontese one, byte for byte as
    the barwiki, warwiki and pmswiki minidumps do, so their wiki is not known.
    """
    with open(corpus / "index.tsv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    pages = [(row["file"], (corpus / row["file"]).read_text(encoding="utf-8"),
              {"commons": "commonswiki"}.get(row["lang"], row["lang"].replace("-", "_") + "wiki")) for row in rows]
    wikis_of_text: dict[str, set[str]] = defaultdict(set)
    for _file, text, dbname in pages:
        wikis_of_text[text].add(dbname)
    return [(file, text, dbname) for file, text, dbname in pages if len(wikis_of_text[text]) == 1]


def test_detection_names_the_right_wiki_for_95_percent_of_the_corpus(corpus):
    pages = _known_pages(corpus)
    assert len(pages) > 300
    confused = []
    for file, text, dbname in pages:
        detection = detect_site(text)
        if detection.name != _expected(dbname):
            confused.append(f"{file}: {dbname} → {detection.name} ({'; '.join(detection.evidence[:2])})")
    right = len(pages) - len(confused)
    assert right / len(pages) >= 0.95, f"{right}/{len(pages)} right; confused:\n" + "\n".join(confused)


def test_every_preset_wiki_in_the_corpus_is_recognised_on_one_of_its_pages(corpus):
    by_wiki: dict[str, list[str]] = defaultdict(list)
    for _file, text, dbname in _known_pages(corpus):
        if dbname in PRESETS:
            by_wiki[dbname].append(detect_site(text).name)
    missed = {wiki: names for wiki, names in by_wiki.items() if wiki not in names}
    assert len(by_wiki) >= 30 and not missed


def test_the_zh_reference_page_is_zhwiki(reference_page):
    detection = detect_site(reference_page.read_text(encoding="utf-8"))
    assert detection.name == "zhwiki"
    assert any("zh conversion markup" in line for line in detection.evidence)


def test_local_namespace_names_name_the_wiki():
    text = "Berlin ist die Hauptstadt.\n[[Datei:Berlin.jpg|mini|links|Das Rathaus]]\n\n[[Kategorie:Berlin]]\n"
    detection = detect_site(text)
    assert detection.name == "dewiki" and detection.site_overrides == {}
    assert any("[[datei:]]" in line for line in detection.evidence)


def test_letters_outside_the_alphabet_rule_a_wiki_out():
    # Bashkir writes Russian's namespace names, with letters Russian does not have.
    prose = "Берлин — Германияның башҡалаһы һәм иң ҙур ҡалаһы. Ҡалала өс миллиондан ашыу кеше йәшәй. " * 20
    detection = detect_site(prose + "\n[[Файл:Berlin.jpg|мини|Ҡала]]\n\n[[Категория:Германия ҡалалары]]\n")
    assert detection.name == "default"
    assert detection.site_overrides == UNKNOWN_WIKI
    russian = "Берлин — столица и крупнейший город Германии. В городе живёт более трёх миллионов человек. " * 20
    detection = detect_site(russian + "\n[[Файл:Berlin.jpg|мини|Город]]\n\n[[Категория:Города Германии]]\n")
    assert detection.name == "ruwiki"
    assert any("common words" in line for line in detection.evidence)


def test_a_script_only_one_candidate_writes_is_enough():
    assert detect_site("베를린은 독일의 수도이자 최대 도시이다. " * 10).name == "kowiki"
    assert detect_site("ベルリンはドイツの首都である。" * 10).name == "jawiki"


def test_weak_evidence_gives_default_with_the_reason():
    for text in ("", "Berlin is a city.", "[[Foo]] [[Bar]]"):
        detection = detect_site(text)
        assert detection.name == "default" and detection.guessed and detection.confidence == 0.0
        assert detection.evidence and detection.site_overrides == UNKNOWN_WIKI


def test_two_wikis_as_likely_give_default():
    # One Czech and German category name, nothing else.
    detection = detect_site("[[Kategorie:X]]\n")
    assert detection.name == "default"


def test_candidates_limit_the_answer():
    text = "[[Datei:Berlin.jpg|mini|Rathaus]]\n[[Kategorie:Berlin]]\n"
    assert detect_site(text, candidates=["dewiki", "frwiki"]).name == "dewiki"
    assert detect_site(text, candidates=["frwiki", "eswiki"]).name == "default"


def test_a_detector_over_site_data_held_in_memory():
    # A site imported from siteinfo is a candidate as a preset is.
    custom = dict(preset_data("default"), name="mywiki",
                  namespaces={**preset_data("default")["namespaces"], "file": ["Bildo", "File"]})
    detector = SiteDetector({"mywiki": custom, "dewiki": preset_data("dewiki")})
    assert detector.detect("[[Bildo:X.png|thumb|A]]\n[[Bildo:Y.png|thumb|B]]\n").name == "mywiki"


def test_detection_is_a_plain_value():
    detection = Detection("dewiki", 0.5, ("[[datei:]] ×3",))
    assert not detection.guessed and detection.site_overrides == {}


@pytest.mark.parametrize("name", sorted(PRESETS - {"default"}))
def test_every_preset_feeds_the_detector(name):
    detector = SiteDetector({name: preset_data(name)})
    assert detector.candidates[name].name == name
    assert any(name in sites for sites in detector.namespace_names.values())
