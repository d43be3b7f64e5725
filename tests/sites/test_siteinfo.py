"""Site data from MediaWiki's siteinfo and from a dump's <siteinfo>, and the site files
``wikilint site import`` writes."""

from __future__ import annotations

import argparse
import io
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from wikilint._toml import loads_toml
from wikilint.commands import site as site_command
from wikilint.page import Page
from wikilint.site import UNKNOWN_WIKI, load_site, preset_data, site_from_data
from wikilint.siteinfo import (
    SiteInfoError, image_options_from_magic_words, link_trail_from_php, site_data_from_api, site_data_from_dump,
    site_toml,
)

from sites.sitedata import SITEDATA, wiki_facts

DATA = Path(__file__).parent / "data"


def _answer(version: int) -> dict:
    return json.loads((DATA / f"dewiki-siteinfo-fv{version}.json").read_text(encoding="utf-8"))


# -- the API answer ----------------------------------------------------------------

def test_both_format_versions_give_the_same_site_data():
    assert site_data_from_api(_answer(1)) == site_data_from_api(_answer(2))
    assert site_data_from_api(_answer(2)["query"]) == site_data_from_api(_answer(2))  # the query object alone


def test_what_the_answer_says_of_dewiki():
    data = site_data_from_api(_answer(2))
    assert data["extends"] == "dewiki" and data["name"] == "dewiki" and data["language"] == "de"
    assert data["first-letter-case-insensitive"] is True
    assert data["link-trail"] == "[äöüßa-z]+"
    namespaces = data["namespaces"]
    assert namespaces["file"] == ["Datei", "File", "Bild", "Image"]
    assert namespaces["user"] == ["Benutzer", "User", "Benutzerin"]
    assert namespaces["portal"] == ["Portal", "P"] and namespaces["portal-talk"] == ["Portal Diskussion", "PD"]
    assert namespaces["module"] == ["Modul", "Module"]
    assert "main" not in namespaces and "" not in namespaces
    options = data["image-options"]
    assert options["thumbnail"] == ["mini", "miniatur", "thumb", "thumbnail"]
    assert options["manualthumb"] == ["mini", "miniatur", "thumbnail", "thumb"]
    assert options["upright"] == ["hochkant", "upright"] and options["alt"] == ["alternativtext", "alt"]
    assert options["page"] == ["seite", "page"] and options["px-suffix"] == ["px"]
    assert data["extension-tags"] == ["pre", "nowiki", "gallery", "ref", "references", "syntaxhighlight"]


def test_the_imported_site_works_as_the_preset_does():
    site = site_from_data(site_data_from_api(_answer(1)))
    assert site.is_namespace("Bild:X.jpg", "file") and site.is_namespace("kategorie:X", "category")
    assert site.link_trail is not None and site.link_trail.fullmatch("ßen")
    assert site.get("reference-list-templates") == preset_data("dewiki")["reference-list-templates"]  # extended


def test_a_wiki_without_a_preset_extends_default_as_unknown():
    answer = _answer(2)
    answer["query"]["general"]["wikiid"] = "examplewiki"
    data = site_data_from_api(answer)
    assert data["extends"] == "default" and data["name"] == "examplewiki"
    assert all(data[key] is False for key in UNKNOWN_WIKI)
    del answer["query"]["general"]["wikiid"]
    answer["query"]["general"]["sitename"] = "Example Wiki"
    assert site_data_from_api(answer)["name"] == "example-wiki"


def test_variants_case_and_interwiki():
    answer = {"query": {"general": {"wikiid": "x", "lang": "zh", "case": "case-sensitive", "linktrail": "/^()(.*)$/sD",
                                    "variants": [{"code": "zh", "name": "中文"}, {"code": "zh-hans", "name": "简体"}]},
                        "interwikimap": [{"prefix": "Commons", "url": "https://commons.wikimedia.org/wiki/$1"}]}}
    data = site_data_from_api(answer)
    assert data["variants"] == ["zh", "zh-hans"] and data["first-letter-case-insensitive"] is False
    assert data["link-trail"] == "" and data["interwiki-prefixes"] == ["commons"]
    assert "namespaces" not in data and "image-options" not in data  # not asked for: inherited


@pytest.mark.parametrize("answer", [{}, {"query": {}}, {"query": {"general": "x"}}, [], {"error": {"code": "x"}}])
def test_what_is_not_a_siteinfo_answer(answer):
    with pytest.raises(SiteInfoError, match="not a siteinfo answer"):
        site_data_from_api(answer)


@pytest.mark.parametrize(("php", "python"), [
    ("/^([a-z]+)(.*)$/sD", "[a-z]+"),
    ("/^()(.*)$/sD", ""),
    ("/^([äöüßa-z]+)(.*)$/sDu", "[äöüßa-z]+"),
    ("/^([a-z\\x{0900}-\\x{0963}]+)(.*)$/sDu", "[a-z\\u0900-\\u0963]+"),
    ("/^(\\p{L}+)(.*)$/sDu", "[^\\W\\d_]+"),
    ("/^((?:c'h|[a-z])+)(.*)$/sDu", "(?:c'h|[a-z])+"),
    ("/^(:?[a-zâ]+)(.*)$/sDu", ":?[a-zâ]+"),
])
def test_link_trails_from_php(php, python):
    assert link_trail_from_php(php) == python


@pytest.mark.parametrize("php", ["[a-z]+", "/^([\\p{Chakma}]+)(.*)$/su", "/^([a-z+)(.*)$/sD"])
def test_link_trails_python_cannot_read(php):
    with pytest.raises(SiteInfoError):
        link_trail_from_php(php)


def test_image_options_keep_what_the_rules_can_read():
    options = image_options_from_magic_words({
        "img_page": ["頁=$1", "$1頁", "page=$1", "page $1"], "img_width": ["$1像素", "$1px"],
        "img_alt": ["替代文字", "alt=$1"], "img_upright": ["右上", "右上=$1", "upright_$1"], "img_thumbnail": ["縮圖"]})
    assert options == {"thumbnail": ["縮圖"], "upright": ["右上", "upright"], "alt": ["alt"], "page": ["頁", "page"],
                       "px-suffix": ["像素", "px"]}


def test_the_importer_agrees_with_the_language_data():
    """An answer made of ../shared/sitedata's facts for jawiki imports to the wiki's names."""
    if not (SITEDATA / "wikimedia-wikis.json").is_file():
        pytest.skip("../shared/sitedata is not present")
    facts = wiki_facts("jawiki")
    answer = {"query": {
        "general": {"wikiid": "jawiki", "lang": facts.language, "case": "first-letter", "linktrail": facts.link_trail},
        "namespaces": {str(n): {"id": n, "name": name, "canonical": name} for n, name in facts.display.items()},
        "namespacealiases": [{"id": n, "alias": alias} for n, names in facts.names.items() if n in facts.display
                             for alias in sorted(names)],
        "magicwords": [{"name": name, "aliases": words} for name, words in facts.magic_words.items()]}}
    data = site_data_from_api(answer)
    assert data["namespaces"]["file"][0] == "ファイル" and "画像" in data["namespaces"]["file"]
    assert set(data["namespaces"]["category"]) >= {"Category", "カテゴリ"}
    assert data["image-options"]["thumbnail"] == preset_data("jawiki")["image-options"]["thumbnail"]


# -- a dump's <siteinfo> -----------------------------------------------------------

def test_a_dump_of_a_wiki_with_a_preset():
    data = site_data_from_dump("dewiki", "first-letter", {0: "", 6: "Datei", 14: "Kategorie", 100: "Portal",
                                                          101: "Portal Diskussion", 2600: "Thema"})
    assert data["extends"] == "dewiki" and data["first-letter-case-insensitive"] is True
    assert data["namespaces"]["file"][:2] == ["Datei", "File"] and "Bild" in data["namespaces"]["file"]
    assert data["namespaces"]["portal-talk"][0] == "Portal Diskussion"
    assert data["namespaces"]["thema"] == ["Thema"]
    site = site_from_data(data)
    assert site.is_namespace("Thema:X", "thema") and site.is_namespace("Bild:X", "file")
    assert site.get("references-section-title") == "Einzelnachweise"  # from the preset


def test_a_dump_of_a_wiki_without_a_preset():
    data = site_data_from_dump(None, "case-sensitive", {6: "Lêer", 7: "Lêerbespreking", 14: "Kategorie"})
    assert data["extends"] == "default" and data["first-letter-case-insensitive"] is False
    assert all(data[key] is False for key in UNKNOWN_WIKI)
    assert data["namespaces"]["file"] == ["Lêer", "File", "Image"]
    site = site_from_data(data)
    assert site.is_namespace("lêer:X.jpg", "file") and site.normalize_title("berlyn") == "berlyn"


def test_a_dumps_reference_list_templates_make_the_list_known():
    data = site_data_from_dump("afwiki", "first-letter", {6: "Lêer"}, reference_list_templates=["Verwysings"])
    assert data["reference-list-templates"][-1] == "Verwysings" and data["reference-list-templates-known"] is True


def test_a_dump_with_an_unknown_case():
    with pytest.raises(SiteInfoError, match="title case"):
        site_data_from_dump("dewiki", "first", {})


# -- the site file -----------------------------------------------------------------

def test_the_site_file_reads_back_as_written(tmp_path):
    data = site_data_from_api(_answer(2))
    data["reference-list-templates"] = ['Quote "x"', "Back\\slash", "Zero\u200cwidth", "it's"]
    text = site_toml(data, header="a header\nof two lines", comments={"link-trail": "why", "namespaces": "names"})
    assert text.startswith("# a header\n# of two lines\nextends = \"dewiki\"\nname = \"dewiki\"\n")
    assert "\\u200c" in text and "# why\nlink-trail = " in text
    assert loads_toml(text) == data
    path = tmp_path / "dewiki-import.toml"
    path.write_text(text, encoding="utf-8")
    site = load_site(str(path))
    assert site.name == "dewiki" and site.is_namespace("Datei:X.png", "file")


# -- the command -------------------------------------------------------------------

def _run(*argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="wikilint")
    site_command.add_parser(parser.add_subparsers(dest="command"))
    out, err = io.StringIO(), io.StringIO()
    status = site_command.run(parser.parse_args(list(argv)), out, err)
    return status, out.getvalue(), err.getvalue()


def test_import_writes_a_site_file_that_config_can_name(tmp_path):
    target = tmp_path / "mywiki.toml"
    status, out, err = _run("site", "import", str(DATA / "dewiki-siteinfo-fv1.json"), "-o", str(target))
    assert status == 0 and out == "" and err.startswith(f"wrote {target}: site 'dewiki'")
    page = Page("[[Bild:Berlin.jpg|mini|links|Das Rathaus]]", site=load_site(str(target)))
    assert page.site.split_namespace("Bild:Berlin.jpg")[0] == "file"
    assert "made by `wikilint site import`" in target.read_text(encoding="utf-8")


def test_import_to_standard_output():
    status, out, _err = _run("site", "import", str(DATA / "dewiki-siteinfo-fv2.json"))
    assert status == 0 and loads_toml(out)["name"] == "dewiki"


@pytest.mark.parametrize(("content", "message"), [
    (None, "cannot read"), ("{", "is not JSON"), ('{"query": {}}', "not a siteinfo answer"),
    (b"\xff\xfe{", "not UTF-8"),
])
def test_import_errors_are_one_line(tmp_path, content, message):
    source = tmp_path / "siteinfo.json"
    if isinstance(content, bytes):
        source.write_bytes(content)
    elif content is not None:
        source.write_text(content, encoding="utf-8")
    status, out, err = _run("site", "import", str(source))
    assert status == 2 and out == "" and message in err and err.count("\n") == 1


def test_import_needs_an_action():
    status, _out, err = _run("site")
    assert status == 2 and "site import" in err


class _SiteinfoHandler(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        type(self).requests.append(self.path)
        body = (DATA / "dewiki-siteinfo-fv2.json").read_bytes()
        if not self.path.startswith("/w/api.php"):
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def api_server():
    server = HTTPServer(("127.0.0.1", 0), _SiteinfoHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _SiteinfoHandler.requests = []
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_import_from_a_url(api_server, tmp_path):
    target = tmp_path / "fetched.toml"
    status, _out, err = _run("site", "import", "--url", f"{api_server}/w/api.php", "-o", str(target))
    assert status == 0, err
    query = _SiteinfoHandler.requests[0]
    assert "meta=siteinfo" in query and "siprop=general|namespaces|namespacealiases|magicwords" in query
    assert "formatversion=2" in query and "format=json" in query
    assert loads_toml(target.read_text(encoding="utf-8"))["namespaces"]["file"][0] == "Datei"


def test_import_from_a_url_that_fails(api_server):
    status, _out, err = _run("site", "import", "--url", f"{api_server}/nothing/here")
    assert status == 2 and "cannot fetch" in err and err.count("\n") == 1
    status, _out, err = _run("site", "import", "--url", "ftp://example.org/api.php")
    assert status == 2 and "not an http(s) URL" in err
