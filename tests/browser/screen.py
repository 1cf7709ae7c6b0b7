"""Reading and typing into the page's terminal (xterm.js keeps its text in a buffer, not the DOM)."""

from __future__ import annotations

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

SCREEN_JS = "tab => window.playground.session.tabs.get(tab).screenText()"


def screen(page: Page, tab: int = 0) -> str:
    """The tab's whole buffer as text, wrapped rows joined."""
    return page.evaluate(SCREEN_JS, tab)


def wait_for_screen(page: Page, text: str, tab: int = 0, timeout: float = 10_000) -> None:
    """Wait (Playwright's polling, no sleeps) until the tab's buffer contains ``text``."""
    try:
        page.wait_for_function(
            "([tab, text]) => window.playground?.session?.tabs.get(tab)?.screenText().includes(text)",
            arg=[tab, text], timeout=timeout, polling="raf",
        )
    except PlaywrightError as e:
        raise AssertionError(f"{text!r} not on terminal tab {tab}; the screen:\n{screen(page, tab)}") from e


def wait_for_whole_screen(page: Page, text: str, tab: int = 0, timeout: float = 10_000) -> None:
    """Wait until the tab's buffer is exactly ``text`` (after ``clear``, Ctrl-L)."""
    try:
        page.wait_for_function(
            "([tab, text]) => window.playground?.session?.tabs.get(tab)?.screenText() === text",
            arg=[tab, text], timeout=timeout, polling="raf",
        )
    except PlaywrightError as e:
        raise AssertionError(f"the screen of tab {tab} is not {text!r} but:\n{screen(page, tab)}") from e


def wait_for_last_line(page: Page, text: str, tab: int = 0, timeout: float = 10_000) -> None:
    """Wait until the tab's last non-empty row reads exactly ``text`` (the line being edited)."""
    try:
        page.wait_for_function(
            "([tab, text]) => window.playground?.session?.tabs.get(tab)?.screenText().split('\\n').pop() === text",
            arg=[tab, text], timeout=timeout, polling="raf",
        )
    except PlaywrightError as e:
        raise AssertionError(f"last line is not {text!r} on tab {tab}; the screen:\n{screen(page, tab)}") from e


def wait_for_prompt(page: Page, tab: int = 0, timeout: float = 10_000) -> None:
    """Wait until the tab shows its prompt and takes keys (no command running)."""
    page.wait_for_selector(f'#terminal-panel-{tab}[data-ready="true"][data-busy="false"]', timeout=timeout)


def focus_terminal(page: Page, tab: int = 0) -> None:
    page.locator(f"#terminal-panel-{tab} textarea").focus()


def type_line(page: Page, line: str, tab: int = 0, enter: bool = True) -> None:
    """Type ``line`` key by key into a tab (newlines press Enter), as a student would."""
    focus_terminal(page, tab)
    parts = line.split("\n")
    for k, part in enumerate(parts):
        if part:
            page.keyboard.type(part)
        if k < len(parts) - 1 or enter:
            page.keyboard.press("Enter")


def last_line(page: Page, tab: int = 0) -> str:
    return screen(page, tab).split("\n")[-1]
