"""Synthetic pages the dump command's tests share."""

from __future__ import annotations

from wikilint.dump import SyntheticPage


def fixable_pages(count: int) -> list[SyntheticPage]:
    """Pages with findings (some fixable), CRLF-free escapes, non-ASCII text, redirects,
    another namespace and a page with two revisions."""
    pages = []
    for number in range(count):
        if number % 9 == 4:
            pages.append(SyntheticPage(f"Redirect {number}", f"#REDIRECT [[Page {number - 1}]]",
                                       redirect=f"Page {number - 1}"))
        elif number % 13 == 6:
            pages.append(SyntheticPage(f"Talk:Page {number}", f"Talk about [[Page {number}|page {number}]].",
                                       namespace=1))
        elif number % 5 == 0:
            pages.append(SyntheticPage(
                f"Page {number}", f"'''Page {number}''' links [[Apple|apple]] & \"quotes\" — 頁 {number}.<ref>A</ref>"
                f"\n\n== Notes ==\n<references/>\n" + "Filler text. " * number))
        else:
            pages.append(SyntheticPage(f"Page {number}", f"'''Page {number}''' is plain: [[Pear]] & <b>bold</b>.\n"
                                       + "More text. " * (number % 40)))
    return pages


#: mwparserfromhell's tokenizer is quadratic on this (minutes): a page no budget lets through.
SLOW_TEXT = "<ref>x " * 20000


class CrashingBatch:
    """A unit whose worker process dies (as a crash in native code would) the first time it
    reaches the page titled ``crash`` (``marker`` remembers it); a picklable class that the
    worker processes can import."""

    def __init__(self, tasks, marker):
        self.tasks = tasks
        self.marker = marker

    def items(self):
        import os

        for task in self.tasks:
            if task.title == "crash" and not os.path.exists(self.marker):
                open(self.marker, "w").close()
                os._exit(70)
            yield task

    def finish(self, results):
        return len(results)


class WaitingBatch:
    """A unit that sleeps before the pages named in ``waits`` (title → seconds), the first
    time only (``marker`` is a folder that remembers): a page held up by a busy machine or
    by waiting, as wall-clock time passes and hardly any processor time."""

    def __init__(self, tasks, waits, marker):
        self.tasks = tasks
        self.waits = waits
        self.marker = marker

    def items(self):
        import os
        import time

        for index, task in enumerate(self.tasks):
            seen = os.path.join(self.marker, str(index))
            if task.title in self.waits and not os.path.exists(seen):
                open(seen, "w").close()
                time.sleep(self.waits[task.title])
            yield task

    def finish(self, results):
        return len(results)
