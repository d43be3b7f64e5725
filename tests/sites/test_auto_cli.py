"""site = "auto" through the real command line: a zh page with no configuration gets the zh
rules, the zh rules named on an English page say once that they do not apply, and
--show-settings / -v say which site was chosen and why."""

from __future__ import annotations

import json
import shutil

from support import REPO_ROOT, run_wikilint

ZH_SAMPLE = REPO_ROOT / "samples" / "zh" / "气象学.wiki"
EN_SAMPLE = REPO_ROOT / "samples" / "en" / "Arraignment.wiki"


def _codes(result) -> list[str]:
    return [line["code"] for line in map(json.loads, result.stdout_text.splitlines())]


def test_a_zh_page_without_configuration_gets_the_zh_rules(tmp_path):
    page = tmp_path / "气象学.wiki"
    shutil.copyfile(ZH_SAMPLE, page)
    auto = run_wikilint("check", "--output-format", "json-lines", str(page), cwd=tmp_path)
    named = run_wikilint("check", "--output-format", "json-lines", "--site", "zhwiki", str(page), cwd=tmp_path)
    assert any(code.startswith("ZH") for code in _codes(auto))
    assert auto.stdout_text == named.stdout_text


def test_the_reference_page_without_configuration_matches_zhwiki(tmp_path, reference_page):
    page = tmp_path / reference_page.name
    shutil.copyfile(reference_page, page)
    auto = run_wikilint("check", "--output-format", "json-lines", str(page), cwd=tmp_path)
    named = run_wikilint("check", "--output-format", "json-lines", "--site", "zhwiki", str(page), cwd=tmp_path)
    assert len(_codes(auto)) > 50 and auto.stdout_text == named.stdout_text


def test_zh_rules_named_on_an_english_page_say_so_once(tmp_path):
    for name in ("a.wiki", "b.wiki"):
        shutil.copyfile(EN_SAMPLE, tmp_path / name)
    result = run_wikilint("check", "--select", "ZH,LNK001", str(tmp_path), cwd=tmp_path)
    notices = [line for line in result.stderr_text.splitlines() if "apply only to" in line]
    assert notices == ["wikilint: ZH001–ZH020 apply only to sites in another language, and were not run on pages "
                       "of enwiki (language en)"]
    assert "ZH0" not in result.stdout_text


def test_show_settings_and_verbose_say_why(tmp_path):
    page = tmp_path / "气象学.wiki"
    shutil.copyfile(ZH_SAMPLE, page)
    shown = run_wikilint("check", "--show-settings", str(page), cwd=tmp_path).stdout_text
    assert 'Site: zhwiki (site = "auto" (the default): detected from the page' in shown
    assert "  zh conversion markup" in shown
    verbose = run_wikilint("check", "-v", str(page), cwd=tmp_path).stderr_text
    assert f"{page}: site zhwiki (detected: " in verbose
    weak = tmp_path / "short.wiki"
    weak.write_text("Hello.\n", encoding="utf-8")
    shown = run_wikilint("check", "--show-settings", str(weak), cwd=tmp_path).stdout_text
    assert "Site: default (" in shown and "name no wiki clearly" in shown
