"""Which wiki a page comes from, read from the page itself (``site = "auto"``).

The signs, each a vote shared by the candidates it fits:

* the namespace names its links use (``[[Kategorie:``, ``[[Datei:``, ``[[分类:``); MediaWiki's
  English names count for the wikis that show them as their own (en's ``Category``);
* its reference headings and list templates (``== Einzelnachweise ==``, ``{{Примечания}}``)
  and the image keywords of its file links (``miniatura``, ``links``);
* zh conversion markup (``{{noteTA}}``, ``-{…}-``);
* its language's most frequent words (site key ``common-words``).

A candidate is ruled out when the page's script is not its own (Han, kana, Hangul,
Arabic, Cyrillic…), when it does not know most of the namespace prefixes of the page's
file links and categories, or when, for a non-Latin alphabet, the page has letters its
alphabet (its link trail) lacks: a Bashkir page has letters Russian does not. Prose in
another candidate's language weakens a candidate. With no sign at all, a script that one
candidate alone writes (Hangul, kana) names it.

When the signs are weak, or two candidates are as likely, the answer is ``default`` with
the reason, and :attr:`Detection.site_overrides` tells the rules that the wiki's lists
are not known. A handful of regex scans per page; a detector is built once per set of
candidates and reused.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Mapping

from wikilint.site import UNKNOWN_WIKI, preset_data, preset_names
from wikilint.siteinfo import CANONICAL_NAMESPACE_NAMES

#: The script a language is written in, where it is not Latin (ISO 15924 codes; CLDR's
#: likely scripts). ``Jpan`` is Japanese: kana with Han.
LANGUAGE_SCRIPTS: Mapping[str, str] = {
    **dict.fromkeys(("zh", "zh-hans", "zh-hant", "yue", "zh-yue", "wuu", "gan", "lzh", "zh-classical"), "Hani"),
    "ja": "Jpan", "ko": "Hang",
    **dict.fromkeys(("ar", "arz", "ary", "fa", "ur", "ps", "ckb", "azb", "mzn", "pnb", "sd", "ug", "glk", "ks"),
                    "Arab"),
    **dict.fromkeys(("he", "yi"), "Hebr"),
    **dict.fromkeys(("ru", "uk", "be", "be-tarask", "bg", "sr", "mk", "kk", "ky", "tg", "tt", "ba", "ce", "cv",
                     "os", "sah", "mn", "mrj", "mhr", "udm", "kv", "myv", "mdf", "ab", "av", "lez", "krc", "xal",
                     "bxr", "tyv", "koi", "kbd", "inh", "lbe", "rue", "alt"), "Cyrl"),
    "el": "Grek", "hy": "Armn", "ka": "Geor", "th": "Thai", "lo": "Laoo", "km": "Khmr", "my": "Mymr",
    **dict.fromkeys(("hi", "mr", "ne", "new", "sa", "mai", "bh", "anp"), "Deva"),
    **dict.fromkeys(("bn", "as", "bpy"), "Beng"), "pa": "Guru", "gu": "Gujr", "or": "Orya", "ta": "Taml",
    "te": "Telu", "kn": "Knda", "ml": "Mlym", "si": "Sinh", "am": "Ethi", "ti": "Ethi", "dv": "Thaa",
    "bo": "Tibt", "dz": "Tibt", "iu": "Cans",
}

#: Unicode blocks → script (the letters the detector counts; everything else is ignored).
_SCRIPT_BLOCKS: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x005A, "Latn"), (0x0061, 0x007A, "Latn"), (0x00C0, 0x024F, "Latn"), (0x1E00, 0x1EFF, "Latn"),
    (0x0370, 0x03FF, "Grek"), (0x0400, 0x052F, "Cyrl"), (0x0530, 0x058F, "Armn"), (0x0590, 0x05FF, "Hebr"),
    (0x0600, 0x06FF, "Arab"), (0x0750, 0x077F, "Arab"), (0x0780, 0x07BF, "Thaa"), (0x0900, 0x097F, "Deva"),
    (0x0980, 0x09FF, "Beng"), (0x0A00, 0x0A7F, "Guru"), (0x0A80, 0x0AFF, "Gujr"), (0x0B00, 0x0B7F, "Orya"),
    (0x0B80, 0x0BFF, "Taml"), (0x0C00, 0x0C7F, "Telu"), (0x0C80, 0x0CFF, "Knda"), (0x0D00, 0x0D7F, "Mlym"),
    (0x0D80, 0x0DFF, "Sinh"), (0x0E00, 0x0E7F, "Thai"), (0x0E80, 0x0EFF, "Laoo"), (0x0F00, 0x0FFF, "Tibt"),
    (0x1000, 0x109F, "Mymr"), (0x10A0, 0x10FF, "Geor"), (0x1100, 0x11FF, "Hang"), (0x1200, 0x139F, "Ethi"),
    (0x1400, 0x167F, "Cans"), (0x1780, 0x17FF, "Khmr"), (0x3040, 0x30FF, "Kana"), (0x3130, 0x318F, "Hang"),
    (0x3400, 0x4DBF, "Hani"), (0x4E00, 0x9FFF, "Hani"), (0xAC00, 0xD7AF, "Hang"), (0xF900, 0xFAFF, "Hani"),
    (0x20000, 0x2FA1F, "Hani"),
)
_BLOCK_STARTS = [start for start, _end, _script in _SCRIPT_BLOCKS]
_SCRIPT_NAMES = {"Latn": "Latin", "Cyrl": "Cyrillic", "Arab": "Arabic", "Hebr": "Hebrew", "Hani": "Han",
                 "Jpan": "Japanese (kana)", "Hang": "Hangul", "Grek": "Greek", "Armn": "Armenian",
                 "Geor": "Georgian", "Deva": "Devanagari", "Thai": "Thai"}

#: How many characters of a page the script, alphabet and word checks read (three slices
#: of its body): enough for a verdict, and the cost stays flat on long pages.
_SAMPLE = 4_500
#: Categories stand at the end of a page: the last this many characters are read for them.
_TAIL = 4_000
#: The share of a page's letters in a non-Latin script that makes it the page's script
#: (the rest is markup, template parameters, URLs and Latin names).
_MIN_SCRIPT_SHARE = 0.1
#: A candidate must account for this share of the page's namespace-like link prefixes.
_MIN_COVERAGE = 0.85
#: Letters outside a non-Latin candidate's alphabet that rule it out: at least this many,
#: and at least this share of the page's letters in its script.
_MIN_FOREIGN_LETTERS = 4
_MIN_FOREIGN_SHARE = 0.01
#: The common-words sign: with at least ``_MIN_WORDS`` words in the sample, a candidate
#: whose common words are ``_WORD_EVIDENCE_SHARE`` of them (and ``_MIN_LEAD`` times the
#: runner-up's) gets a vote. A sample of ``_MIN_PROSE`` words or more where some candidate's
#: words reach ``_PROSE_SHARE`` is prose, which weakens the other candidates.
_MIN_WORDS = 30
_WORD_EVIDENCE_SHARE = 0.1
_MIN_PROSE = 150
_PROSE_SHARE = 0.08
#: Words of markup and citations, left out of the counts (they are in every language's pages).
_MARKUP_WORDS = frozenset(
    "ref references http https www url com org net html htm php jpg jpeg png svg gif pdf px thumb thumbnail "
    "center left right upright style align width height class font color background bgcolor border small br "
    "nbsp span div title cite web book news journal date accessdate access archive archiveurl archivedate "
    "publisher work author last first name lang language page pages isbn doi via retrieved deadurl".split())
#: Evidence that more candidates than this share loses weight in proportion.
_SHARED_EVIDENCE = 4
#: The least score that names a wiki (a local namespace name that only it has, used once,
#: scores 1), and how far ahead of the runner-up it must be.
_MIN_SCORE = 1.0
_MIN_LEAD = 1.5

_FILE_EXTENSIONS = r"(?:jpe?g|png|gif|svg|tiff?|webp|xcf|og[agv]|webm|mp3|wav|flac|midi?|pdf|djvu|stl)"
_LINK_PREFIX = re.compile(r"\[\[[ _]*:?[ _]*([^\[\]|:#\n{}<>]{1,40}?)[ _]*:")
_FILE_LINK_PREFIX = re.compile(rf"\[\[[ _]*([^\[\]|:#\n{{}}<>]{{1,40}}?)[ _]*:[^\[\]|\n]*\.{_FILE_EXTENSIONS}[ _]*[|\]]",
                               re.IGNORECASE)
_LINE_LINK_PREFIX = re.compile(r"^[ \t]*\[\[[ _]*([^\[\]|:#\n{}<>]{1,40}?)[ _]*:[^\[\]\n]*\]\][ \t]*$", re.MULTILINE)
_HEADING = re.compile(r"\n(={2,6})[ \t]*([^=\n][^\n]*?)[ \t]*\1[ \t]*(?=\n)")
_TEMPLATE = re.compile(r"\{\{[ _]*([^{}|\n:#<>]{1,60}?)[ _]*[|}]")
_NOTETA = re.compile(r"\{\{\s*note\s?ta\s*[|}]", re.IGNORECASE)
_CONVERSION = re.compile(r"-\{[^{}\n]{0,200}?\}-")
#: The options of a file link up to its caption's first link (``|miniatura|destra|…``).
_FILE_LINK_OPTIONS = re.compile(rf"\[\[[^\[\]|\n]*\.{_FILE_EXTENSIONS}[ _]*\|([^\[\]\n]*)", re.IGNORECASE)
_SPACES = re.compile(r"[ _]+")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Detection:
    """The site chosen for a page, and why."""

    #: A candidate's name, or ``default`` when the evidence does not name one.
    name: str
    #: 0 (nothing to go on) to 1 (many independent signs).
    confidence: float
    #: What decided, one line each (``[[Kategorie:]] ×19: dewiki``…).
    evidence: tuple[str, ...]

    @property
    def guessed(self) -> bool:
        """Nothing named a wiki: the rules get ``default`` and know that it is a guess."""
        return self.name == "default"

    @property
    def site_overrides(self) -> Mapping[str, Any]:
        """What to lay over the site when loading it (:func:`wikilint.site.load_site`)."""
        return UNKNOWN_WIKI if self.guessed else {}


@dataclass
class _Candidate:
    name: str
    script: str
    #: The letters of the wiki's language (its link trail), or ``None`` when it has none.
    alphabet: re.Pattern[str] | None
    converts_zh: bool
    #: The language's most frequent short words (site key ``common-words``).
    words: frozenset[str] = frozenset()
    #: Lower-case letters tested against the alphabet (memo).
    in_alphabet: dict[str, bool] = field(default_factory=dict)

    def knows_letter(self, letter: str) -> bool:
        known = self.in_alphabet.get(letter)
        if known is None:
            assert self.alphabet is not None
            known = self.in_alphabet[letter] = bool(self.alphabet.fullmatch(letter)
                                                    or self.alphabet.fullmatch(letter.upper()))
        return known


def _fold(name: str) -> str:
    return _SPACES.sub(" ", name).strip().casefold()


def _folded_counts(names: Iterable[str]) -> Counter[str]:
    """How often each name occurs, names compared as MediaWiki compares titles."""
    counts: Counter[str] = Counter()
    for name, count in Counter(names).items():
        counts[_fold(name)] += count
    return counts


def _script(char: str) -> str | None:
    code = ord(char)
    index = bisect.bisect_right(_BLOCK_STARTS, code) - 1
    if index >= 0:
        start, end, script = _SCRIPT_BLOCKS[index]
        if start <= code <= end:
            return script
    return None


_UNIVERSAL_NAMES = frozenset(_fold(name) for name in (*CANONICAL_NAMESPACE_NAMES.values(), "Image", "Image talk"))


@dataclass
class _Signs:
    """What one read of the page found."""

    #: (the candidates it fits, its weight, what it is).
    evidence: list[tuple[frozenset[str], float, str]]
    #: Link prefixes that are namespaces for sure (file links, categories), and how many
    #: of them each candidate knows.
    namespaced: int
    known: Counter[str]
    #: The sample's letters (lower case) by script: {"Cyrl": Counter({"а": 120, …}), …}.
    letters: dict[str, Counter[str]]
    script: str | None
    #: Each word-list candidate's common words as a share of the sample's words.
    word_share: dict[str, float]
    word_count: int


class SiteDetector:
    """Detection among a fixed set of candidate sites (``{name: site data}``)."""

    def __init__(self, sites: Mapping[str, Mapping[str, Any]]) -> None:
        self.candidates: dict[str, _Candidate] = {}
        self.namespace_names: dict[str, frozenset[str]] = {}
        self.headings: dict[str, frozenset[str]] = {}
        self.templates: dict[str, frozenset[str]] = {}
        self.image_words: dict[str, frozenset[str]] = {}
        self.interwiki: set[str] = set()
        english_words = {word for words in _default_image_options().values() for word in words}
        index: dict[str, dict[str, set[str]]] = {"namespaces": {}, "headings": {}, "templates": {}, "images": {}}
        for name, data in sites.items():
            language = str(data.get("language", "en"))
            trail = str(data.get("link-trail") or "")
            script = LANGUAGE_SCRIPTS.get(language, "Latn")
            alphabet = re.compile(f"(?:{trail})") if trail else None
            if alphabet is not None and not _covers(alphabet, script):
                alphabet = None  # a borrowed trail (ja's is English [a-z]): no alphabet of its own
            self.candidates[name] = _Candidate(name=name, script=script, alphabet=alphabet,
                                               converts_zh=language.startswith("zh"),
                                               words=frozenset(str(word) for word in data.get("common-words") or []))
            for names in (data.get("namespaces") or {}).values():
                for position, spelled in enumerate(names):
                    folded = _fold(str(spelled))
                    # MediaWiki's English names are valid everywhere: they point to the wikis
                    # that show them as their own (en's Category, it's File, ja's Template).
                    if folded not in _UNIVERSAL_NAMES or position == 0:
                        index["namespaces"].setdefault(folded, set()).add(name)
            for title in data.get("references-section-titles") or []:
                index["headings"].setdefault(_fold(str(title)), set()).add(name)
            for template in data.get("reference-list-templates") or []:
                index["templates"].setdefault(_fold(str(template)), set()).add(name)
            for key, words in (data.get("image-options") or {}).items():
                for word in words if key != "px-suffix" else ():
                    if word not in english_words:
                        index["images"].setdefault(str(word), set()).add(name)
            self.interwiki.update(_fold(str(prefix)) for prefix in data.get("interwiki-prefixes") or [])
        freeze = lambda table: {key: frozenset(names) for key, names in table.items()}  # noqa: E731
        self.namespace_names = freeze(index["namespaces"])
        self.headings = freeze(index["headings"])
        self.templates = freeze(index["templates"])
        self.image_words = freeze(index["images"])
        self.zh_sites = frozenset(name for name, candidate in self.candidates.items() if candidate.converts_zh)

    def detect(self, text: str) -> Detection:
        signs = self._read(text)
        kept, rejected = self._qualify(signs)
        votes: Counter[str] = Counter()
        why: dict[str, list[str]] = {}
        for sites, weight, reason in signs.evidence:
            # A sign many candidates share ({{Reflist}}) weighs little, whoever is left.
            weight *= min(1.0, _SHARED_EVIDENCE / len(sites))
            fitting = sites & kept.keys()
            for site in fitting:
                votes[site] += weight / len(fitting) * kept[site]
                why.setdefault(site, []).append(reason)
        ranked = sorted(votes, key=lambda site: -votes[site])
        best = votes[ranked[0]] if ranked else 0.0
        runner_up = votes[ranked[1]] if len(ranked) > 1 else 0.0
        # The candidates ruled out that signs pointed to, most voted first.
        refused = tuple(f"not {name}: {rejected[name]}" for name in sorted(
            (name for name in rejected if any(name in sites and len(sites) <= _SHARED_EVIDENCE
                                              for sites, _weight, _reason in signs.evidence)))[:3])
        if best >= _MIN_SCORE and best >= _MIN_LEAD * runner_up:
            confidence = min(1.0, best / 6) * (1 - runner_up / best / 2)
            return Detection(ranked[0], round(confidence, 2), (*why[ranked[0]], *refused))
        if best >= _MIN_SCORE:
            tied = [site for site in ranked if votes[site] * _MIN_LEAD > best]
            return Detection("default", 0.0, (f"as likely: {', '.join(tied)}", *refused))
        if ranked and votes[ranked[0]] / kept[ranked[0]] >= _MIN_SCORE:
            return Detection("default", 0.0, (f"the signs point to {ranked[0]}, but the page's words are "
                                              "another language's", *why[ranked[0]], *refused))
        # No sign at all: a script that only one candidate writes names it.
        writers = [name for name, candidate in self.candidates.items() if candidate.script == signs.script]
        if signs.script not in (None, "Latn") and len(writers) == 1 and writers[0] in kept:
            return Detection(writers[0], 0.3, (f"{_SCRIPT_NAMES.get(signs.script, signs.script)} script",))
        script = _SCRIPT_NAMES.get(signs.script or "", signs.script or "no letters")
        return Detection("default", 0.0, (f"no namespace name, heading, template or words of a known wiki; "
                                          f"{script} script", *refused))

    def _read(self, text: str) -> _Signs:
        evidence: list[tuple[frozenset[str], float, str]] = []
        for prefix, count in _folded_counts(_LINK_PREFIX.findall(text)).items():
            if prefix in self.namespace_names:
                evidence.append((self.namespace_names[prefix], min(count, 5), f"[[{prefix}:]] ×{count}"))
        for title in _folded_counts(title for _level, title in _HEADING.findall(text)):
            if title in self.headings:
                evidence.append((self.headings[title], 1, f"heading “{title}”"))
        for template in _folded_counts(_TEMPLATE.findall(text)):
            if template in self.templates:
                evidence.append((self.templates[template], 1, f"{{{{{template}}}}}"))
        for word in {option.strip() for options in _FILE_LINK_OPTIONS.findall(text) for option in options.split("|")}:
            if word in self.image_words:
                evidence.append((self.image_words[word], 1, f"image option “{word}”"))
        if _NOTETA.search(text) or ("-{" in text and len(_CONVERSION.findall(text)) >= 2):
            evidence.append((self.zh_sites, 3, "zh conversion markup"))
        # File links and links alone on a line at the end (categories) name namespaces for
        # sure; a file link alone on its line is both, hence the larger of the two counts.
        namespaced_prefixes = (_folded_counts(_FILE_LINK_PREFIX.findall(text))
                               | _folded_counts(_LINE_LINK_PREFIX.findall(text, max(0, len(text) - _TAIL))))
        namespaced = 0
        known: Counter[str] = Counter()
        for prefix, count in namespaced_prefixes.items():
            if prefix and prefix not in _UNIVERSAL_NAMES and prefix not in self.interwiki:
                namespaced += count
                for site in self.namespace_names.get(prefix, ()):
                    known[site] += count
        sample = _sample(text)
        letters = _letters_by_script(sample)
        words = Counter(word for word in _WORD.findall(sample.lower()) if word not in _MARKUP_WORDS)
        word_count = sum(words.values())
        word_share = {name: sum(words[word] for word in candidate.words) / word_count
                      for name, candidate in self.candidates.items() if candidate.words and word_count}
        return _Signs(evidence, namespaced, known, letters, _page_script(letters), word_share, word_count)

    def _qualify(self, signs: _Signs) -> tuple[dict[str, float], dict[str, str]]:
        """The candidates the page can come from, with the share of their votes they keep,
        and why the others cannot be it."""
        kept: dict[str, float] = {}
        rejected: dict[str, str] = {}
        top_share = max(signs.word_share.values(), default=0.0)
        has_prose = signs.word_count >= _MIN_PROSE and top_share >= _PROSE_SHARE
        for name, candidate in self.candidates.items():
            reason = self._rejection(candidate, signs)
            if reason:
                rejected[name] = reason
                continue
            # Prose in another candidate's language weakens this one (squared: Danish prose
            # scores 88 % of its words for Norwegian, and Norwegian keeps 77 % of its votes).
            share = signs.word_share.get(name)
            kept[name] = min(1.0, share / top_share) ** 2 if has_prose and share is not None else 1.0
        ranked = sorted((share, name) for name, share in signs.word_share.items() if name in kept)[::-1]
        if signs.word_count >= _MIN_WORDS and ranked and ranked[0][0] >= _WORD_EVIDENCE_SHARE and (
                len(ranked) == 1 or ranked[0][0] >= _MIN_LEAD * ranked[1][0]):
            share, name = ranked[0]
            signs.evidence.append((frozenset({name}), 2, f"common words ({share:.0%} of {signs.word_count})"))
        return kept, rejected

    def _rejection(self, candidate: _Candidate, signs: _Signs) -> str:
        """Why the page cannot be from ``candidate`` ("" when it can)."""
        if signs.script is not None and candidate.script != signs.script:
            return f"the page is in {_SCRIPT_NAMES.get(signs.script, signs.script)} script"
        if signs.namespaced >= 2 and signs.known[candidate.name] < _MIN_COVERAGE * signs.namespaced:
            unknown = signs.namespaced - signs.known[candidate.name]
            return f"{unknown} of the page's {signs.namespaced} namespace prefixes are not its own"
        if candidate.alphabet is None or candidate.script == "Latn":
            return ""  # Latin pages quote names in every language: their letters prove little
        # Non-Latin alphabets are each language's own: a Bashkir page has letters Russian lacks.
        # Non-ASCII Latin letters count too (Ossetian writes æ); other scripts are names.
        native = signs.letters.get("Kana" if candidate.script == "Jpan" else candidate.script, Counter())
        latin = signs.letters.get("Latn", Counter())
        foreign = Counter({letter: count for letters in (native, latin) for letter, count in letters.items()
                           if (letters is native or not letter.isascii()) and not candidate.knows_letter(letter)})
        total = sum(native.values())
        outside = sum(foreign.values())
        if outside >= _MIN_FOREIGN_LETTERS and outside >= _MIN_FOREIGN_SHARE * total:
            return f"letters {''.join(letter for letter, _count in foreign.most_common(5))} are not in its alphabet"
        return ""


def _covers(alphabet: re.Pattern[str], script: str) -> bool:
    """Whether a link trail lists letters of ``script`` (an alphabet of its own)."""
    native = "Kana" if script == "Jpan" else script
    source = re.sub(r"\\u([0-9a-fA-F]{4})", lambda escape: chr(int(escape[1], 16)), alphabet.pattern)
    return any(_script(char) == native for char in source if char.isalpha() and not char.isascii()) or (
        native == "Latn" and "a-z" in source)


def _sample(text: str) -> str:
    """Three slices of the page, at a quarter, the middle and three quarters of it (the
    lead's infobox and the closing lists are mostly markup)."""
    if len(text) <= _SAMPLE:
        return text
    size = _SAMPLE // 3
    return "\n".join(text[start:start + size] for start in
                     (len(text) // 4 - size // 2, len(text) // 2 - size // 2, 3 * len(text) // 4 - size // 2))


def _letters_by_script(sample: str) -> dict[str, Counter[str]]:
    """The sample's letters, lower-cased, with their counts, by script."""
    letters: dict[str, Counter[str]] = {}
    for char, count in Counter(sample).items():
        if char.isalpha():
            script = _script(char)
            if script is not None:
                lower = char.lower()
                letters.setdefault(script, Counter())[lower if len(lower) == 1 else char] += count
    return letters


def _page_script(letters: Mapping[str, Counter[str]]) -> str | None:
    """The page's script: the one most of its letters are in (Japanese when kana are a
    tenth of its Han and kana), ``None`` without letters."""
    by_script = Counter({script: sum(counts.values()) for script, counts in letters.items()})
    if not by_script:
        return None
    kana, han = by_script.pop("Kana", 0), by_script["Hani"]
    if kana and kana >= 0.1 * (kana + han):
        by_script["Jpan"] = by_script.pop("Hani", 0) + kana
    non_latin = [(script, count) for script, count in by_script.items() if script != "Latn"]
    total = sum(by_script.values())
    if non_latin:
        script, count = max(non_latin, key=lambda item: item[1])
        if count >= _MIN_SCRIPT_SHARE * total:  # its prose, among markup, URLs and Latin names
            return script
    return "Latn"


@lru_cache(maxsize=1)
def _default_image_options() -> Mapping[str, list[str]]:
    """MediaWiki's English image keywords: valid on every wiki, so no evidence."""
    return preset_data("default").get("image-options", {})


@lru_cache(maxsize=8)
def _detector(candidates: tuple[str, ...]) -> SiteDetector:
    return SiteDetector({name: preset_data(name) for name in candidates})


def detect_site(text: str, *, candidates: Iterable[str] | None = None) -> Detection:
    """The wiki ``text`` most likely comes from, among the presets named in ``candidates``
    (all the presets but ``default`` when ``None``)."""
    names = tuple(sorted(name for name in (preset_names() if candidates is None else candidates)
                         if name != "default"))
    return _detector(names).detect(text)
