"""The CLI progress line: on a terminal only, at most ten updates a second, erased at the end."""

from __future__ import annotations

import io

import pytest

from crm_desktop.cli.progress import ProgressLine, counted


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_counted_says_done_of_total() -> None:
    assert counted("vcard", 42_000, 100_000, "contacts") == "vcard: 42,000 / 100,000 contacts"
    assert counted("interactions", 5_000, None, "rows") == "interactions: 5,000 rows"


def test_a_terminal_gets_one_line_rewritten_and_erased() -> None:
    out, clock = Terminal(), Clock()
    with ProgressLine(out, clock=clock) as line:
        assert line.enabled
        line.show("a: 1")  # the first update shows at once
        clock.now += 0.05
        line.show("a: 2")  # too soon: skipped
        clock.now += 0.06
        line.show("a: 3")
        line.show("a: 4", force=True)  # a final state always shows
    assert out.getvalue() == "\r\x1b[Ka: 1\r\x1b[Ka: 3\r\x1b[Ka: 4\r\x1b[K"


def test_the_line_is_erased_when_the_work_is_interrupted() -> None:
    out = Terminal()
    with pytest.raises(KeyboardInterrupt), ProgressLine(out) as line:
        line.show("vcard: 2,000 / 100,000 contacts")
        raise KeyboardInterrupt
    assert out.getvalue().endswith("contacts\r\x1b[K")


def test_a_pipe_or_file_gets_nothing() -> None:
    out = io.StringIO()  # isatty() is False
    with ProgressLine(out) as line:
        assert not line.enabled
        line.show("a: 1", force=True)
    assert out.getvalue() == ""
