"""The terminal's line editing, tabs, editor and page controls against a scripted socket.

The socket is answered by Playwright itself (``FakeServer`` in conftest), so each test knows
exactly what the server says; the real back end is exercised in ``test_sandbox.py``.
"""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import wait_until
from tests.browser.screen import (
    focus_terminal,
    screen,
    type_line,
    wait_for_last_line,
    wait_for_prompt,
    wait_for_screen,
    wait_for_whole_screen,
)

PROMPT = "student@playground:~$ "


def lines(page, tab=0):
    return screen(page, tab).split("\n")


def paste(page, text, tab=0):
    """A clipboard paste into the tab, as the browser delivers it."""
    page.locator(f"#terminal-panel-{tab} textarea").evaluate(
        """(el, text) => {
            const data = new DataTransfer();
            data.setData('text/plain', text);
            el.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
        }""", text)


def test_prompt_and_run(harness):
    """Enter sends the typed line as one `run`; its output and a new prompt follow."""
    page, fake = harness.page, harness.fake
    wait_for_prompt(page)
    type_line(page, "echo hello")
    wait_for_screen(page, "ran<echo hello>")
    wait_for_prompt(page)
    assert lines(page) == [PROMPT + "echo hello", "ran<echo hello>", PROMPT]
    assert fake.runs() == ["echo hello"]


def test_cursor_keys_and_kill_commands(harness):
    """Arrows, Home/End, Backspace/Delete and Ctrl-A/E/U/W/K/Y edit the line as readline does."""
    page, fake = harness.page, harness.fake
    wait_for_prompt(page)
    type_line(page, "get pods", enter=False)
    page.keyboard.press("Home")
    page.keyboard.type("kubectl ")
    page.keyboard.press("End")
    page.keyboard.type(" -Ax")
    page.keyboard.press("Backspace")  # "kubectl get pods -A"
    for _ in range(3):
        page.keyboard.press("ArrowLeft")
    page.keyboard.press("Delete")  # the space before -A
    page.keyboard.type(" ")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # after "-A"
    page.keyboard.press("Control+A")
    page.keyboard.type("time ")
    page.keyboard.press("Control+E")
    page.keyboard.type(" wide")
    page.keyboard.press("Control+W")  # drops "wide"
    page.keyboard.type("-o wide")
    wait_for_screen(page, PROMPT + "time kubectl get pods -A -o wide")
    page.keyboard.press("Enter")
    wait_for_prompt(page)
    assert fake.runs() == ["time kubectl get pods -A -o wide"]
    type_line(page, "echo one two three", enter=False)
    page.keyboard.press("Control+A")
    page.keyboard.press("Control+F")
    page.keyboard.press("Control+F")
    page.keyboard.press("Control+F")
    page.keyboard.press("Control+F")
    page.keyboard.press("Control+F")
    page.keyboard.press("Control+K")  # "echo "
    page.keyboard.type("x")
    page.keyboard.press("Control+Y")  # "echo xone two three"
    page.keyboard.press("Control+A")
    page.keyboard.press("Control+F")
    page.keyboard.press("Control+U")  # "cho xone two three"
    page.keyboard.press("Enter")
    wait_for_prompt(page)
    assert fake.runs()[-1] == "cho xone two three"


def test_history_up_down(harness):
    """Up and Down walk the history (no repeats, not lines starting with a space) and keep the draft."""
    page, fake = harness.page, harness.fake
    for line in ["first", "second", "second", " secret"]:
        wait_for_prompt(page)
        type_line(page, line)
    wait_for_prompt(page)
    type_line(page, "draft", enter=False)
    page.keyboard.press("ArrowUp")
    wait_for_last_line(page, PROMPT + "second")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")  # stays on the oldest
    wait_for_last_line(page, PROMPT + "first")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    wait_for_last_line(page, PROMPT + "draft")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    wait_for_prompt(page)
    assert fake.runs() == ["first", "second", "second", " secret", "second"]


def test_ctrl_c_interrupts_a_running_command_and_drops_typeahead(harness):
    """While a command runs, keys wait; Ctrl-C sends `interrupt` at once and drops them."""
    page, fake = harness.page, harness.fake
    fake.hold.add("kubectl get pods -w")
    wait_for_prompt(page)
    type_line(page, "kubectl get pods -w")
    wait_for_screen(page, "running kubectl get pods -w")
    expect(page.locator("#terminal-panel-0")).to_have_attribute("data-busy", "true")
    page.evaluate("() => window.playground.session.tabs.get(0).term.selectAll()")
    page.keyboard.press("Control+C")  # with text selected: copy, not interrupt
    page.evaluate("() => window.playground.session.tabs.get(0).term.clearSelection()")
    page.keyboard.type("typed ahead")
    page.keyboard.press("Control+C")
    wait_for_screen(page, "running kubectl get pods -w\n^C\n" + PROMPT)
    wait_for_prompt(page)
    assert lines(page)[-1] == PROMPT
    assert [m["type"] for m in fake.received] == ["run", "interrupt"]
    assert fake.received[1] == {"type": "interrupt", "tab": 0}


def test_typeahead_runs_at_the_next_prompt(harness):
    """Lines typed while a command runs are run one after another once it is done."""
    page, fake = harness.page, harness.fake
    fake.hold.add("sleep 5")
    wait_for_prompt(page)
    type_line(page, "sleep 5")
    wait_for_screen(page, "running sleep 5")
    page.keyboard.type("echo a")
    page.keyboard.press("Enter")
    page.keyboard.type("echo b")
    page.keyboard.press("Enter")
    page.keyboard.type("echo c")
    assert fake.runs() == ["sleep 5"]
    fake.send({"type": "done", "tab": 0, "exit_code": 0, "prompt": PROMPT})
    wait_for_screen(page, "ran<echo b>\n" + PROMPT + "echo c")
    assert fake.runs() == ["sleep 5", "echo a", "echo b"]
    assert lines(page)[-5:] == [PROMPT + "echo a", "ran<echo a>", PROMPT + "echo b", "ran<echo b>",
                                PROMPT + "echo c"]


def test_tab_completion_single_and_several(harness):
    """One candidate is inserted with a space; several are listed under the line, which is redrawn."""
    page, fake = harness.page, harness.fake
    fake.words = ["pods", "podtemplates", "nginx-1", "nginx-2"]
    wait_for_prompt(page)
    type_line(page, "kubectl get po", enter=False)
    page.keyboard.press("Tab")  # common prefix "pod"
    wait_for_screen(page, PROMPT + "kubectl get pod")
    assert fake.received[-1] == {"type": "complete", "tab": 0, "line": "kubectl get po", "cursor": 14}
    page.keyboard.press("Tab")
    wait_for_screen(page, "pods          podtemplates\n" + PROMPT + "kubectl get pod")
    page.keyboard.type("s")
    page.keyboard.press("Tab")
    wait_for_screen(page, PROMPT + "kubectl get pods ")
    page.keyboard.type("ng")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    wait_for_screen(page, "nginx-1  nginx-2\n" + PROMPT + "kubectl get pods nginx-")
    page.keyboard.type("1")
    page.keyboard.press("Enter")
    wait_for_prompt(page)
    assert fake.runs() == ["kubectl get pods nginx-1"]


def test_completion_in_the_middle_of_a_line_sends_the_cursor(harness):
    """The cursor travels with `complete` (in characters); the candidate replaces the word before it."""
    page, fake = harness.page, harness.fake
    fake.words = ["describe", "delete"]
    wait_for_prompt(page)
    type_line(page, "kubectl desc pod/web -n default", enter=False)
    for _ in range(len(" pod/web -n default")):
        page.keyboard.press("ArrowLeft")
    page.keyboard.press("Tab")
    wait_for_screen(page, PROMPT + "kubectl describe pod/web -n default")
    assert fake.received[-1]["cursor"] == len("kubectl desc")
    page.keyboard.type("X")  # the cursor sits after the inserted word
    page.keyboard.press("Enter")
    wait_for_prompt(page)
    assert fake.runs() == ["kubectl describeX pod/web -n default"]


def test_paste_of_several_lines_runs_them_in_order(harness):
    """A pasted block runs line by line; a here-document in it stays one input."""
    page, fake = harness.page, harness.fake
    wait_for_prompt(page)
    focus_terminal(page)
    paste(page, "kubectl get nodes\ncat > p.yaml <<EOF\nkind: Pod\n\tspec: {}\nEOF\nkubectl create -f p.yaml\necho partial")
    wait_for_screen(page, "ran<kubectl create -f p.yaml>\n" + PROMPT + "echo partial")
    assert fake.runs() == ["kubectl get nodes", "cat > p.yaml <<EOF\nkind: Pod\n\tspec: {}\nEOF",
                           "kubectl create -f p.yaml"]
    page.keyboard.press("Enter")
    wait_for_screen(page, "ran<echo partial>")


def test_ctrl_d_deletes_or_logs_out(harness):
    """Ctrl-D deletes under the cursor; on an empty line of a second tab it exits and closes the tab."""
    page, fake = harness.page, harness.fake
    wait_for_prompt(page)
    page.get_by_role("button", name="New terminal tab").click()
    wait_for_prompt(page, tab=1)
    type_line(page, "abc", tab=1, enter=False)
    page.keyboard.press("Home")
    page.keyboard.press("Control+D")
    wait_for_last_line(page, PROMPT + "bc", tab=1)
    page.keyboard.press("End")
    page.keyboard.press("Control+D")  # at the end of a line: nothing
    page.keyboard.press("Control+U")
    wait_for_last_line(page, PROMPT, tab=1)
    page.keyboard.press("Control+D")
    expect(page.locator("#terminal-panel-1")).to_have_count(0)
    expect(page.locator("#terminal")).to_have_attribute("data-tab-count", "1")
    assert fake.received[-1] == {"type": "run", "tab": 1, "line": "exit"}


def test_output_at_the_prompt_keeps_the_typed_line(harness):
    """Output that arrives while the student types (a background job) goes above the redrawn line."""
    page, fake = harness.page, harness.fake
    wait_for_prompt(page)
    type_line(page, "kubectl get", enter=False)
    fake.send({"type": "output", "tab": 0, "data": "[1]+  Done                    sleep 1\n"})
    wait_for_screen(page, "[1]+  Done                    sleep 1\n" + PROMPT + "kubectl get")
    page.keyboard.type(" nodes")
    page.keyboard.press("Enter")
    wait_for_prompt(page)
    assert fake.runs() == ["kubectl get nodes"]


def test_second_tab_has_its_own_shell(harness):
    """The + button opens tab 1; its commands carry tab 1 and its output stays there."""
    page, fake = harness.page, harness.fake
    wait_for_prompt(page)
    page.get_by_role("button", name="New terminal tab").click()
    expect(page.get_by_role("tab", name="Terminal 2")).to_have_attribute("aria-selected", "true")
    wait_for_prompt(page, tab=1)
    type_line(page, "curl localhost:8080", tab=1)
    wait_for_screen(page, "ran<curl localhost:8080>", tab=1)
    assert fake.received[-1] == {"type": "run", "tab": 1, "line": "curl localhost:8080"}
    assert "curl" not in screen(page, 0)
    page.get_by_role("tab", name="Terminal 1").click()
    expect(page.locator("#terminal-panel-0")).to_be_visible()
    expect(page.locator("#terminal-panel-1")).to_be_hidden()


def test_ready_restores_tabs_history_and_running_commands(harness):
    """On (re)connection the server's tabs come back with their prompts, history and busy state."""
    page, fake = harness.page, harness.fake
    wait_for_prompt(page)
    fake.send({"type": "ready", "lesson": "sandbox", "paused": True, "now": 0, "tabs": {
        "0": {"prompt": "student@playground:~/app$ ", "running": False, "history": ["kubectl get nodes"]},
        "1": {"prompt": PROMPT, "running": True, "history": []},
    }})
    expect(page.locator("#terminal")).to_have_attribute("data-tab-count", "2")
    expect(page.locator("#terminal-panel-1")).to_have_attribute("data-busy", "true")
    expect(page.locator("#terminal")).to_have_attribute("data-paused", "true")
    wait_for_screen(page, "student@playground:~/app$ ")
    focus_terminal(page)
    page.keyboard.press("ArrowUp")
    wait_for_screen(page, "student@playground:~/app$ kubectl get nodes")
    page.get_by_role("tab", name="Terminal 2").click()
    focus_terminal(page, tab=1)
    page.keyboard.press("Control+C")
    wait_until(page, lambda: any(m["type"] == "interrupt" for m in fake.received))
    assert fake.received[-1] == {"type": "interrupt", "tab": 1}


def test_editor_pane_save_and_cancel(harness):
    """`edit` opens the pane with the file; Save sends the new text, Cancel sends `cancel`."""
    page, fake = harness.page, harness.fake
    fake.hold.add("vi web.yaml")
    wait_for_prompt(page)
    type_line(page, "vi web.yaml")
    wait_for_screen(page, "running vi web.yaml")
    fake.send({"type": "edit", "tab": 0, "path": "web.yaml", "content": "kind: Pod\n"})
    editor = page.locator("#editor")
    expect(editor).to_be_visible()
    expect(editor.locator("#editor-path")).to_have_text("web.yaml")
    area = editor.locator("textarea")
    expect(area).to_be_focused()
    expect(area).to_have_value("kind: Pod\n")
    area.press("Control+End")
    area.type("metadata:")
    area.press("Enter")
    area.press("Tab")  # indents instead of leaving
    area.type("name: web")
    editor.get_by_role("button", name="Save").click()
    expect(editor).to_be_hidden()
    wait_for_screen(page, "saved\n" + PROMPT)
    assert fake.received[-1] == {"type": "save", "tab": 0, "content": "kind: Pod\nmetadata:\n  name: web"}
    expect(page.locator("#terminal-panel-0 textarea")).to_be_focused()

    type_line(page, "vi web.yaml")
    wait_for_screen(page, "running vi web.yaml")
    fake.send({"type": "edit", "tab": 0, "path": "web.yaml", "content": "x"})
    expect(editor).to_be_visible()
    area.press("Control+S")
    expect(editor).to_be_hidden()
    assert fake.received[-1] == {"type": "save", "tab": 0, "content": "x"}
    wait_for_prompt(page)

    type_line(page, "vi web.yaml")
    wait_for_screen(page, "running vi web.yaml")
    fake.send({"type": "edit", "tab": 0, "path": "web.yaml", "content": "x"})
    editor.get_by_role("button", name="Cancel").click()
    expect(editor).to_be_hidden()
    wait_for_screen(page, "cancelled")
    assert fake.received[-1] == {"type": "cancel", "tab": 0}


def test_lesson_buttons_steps_and_controls(harness):
    """Command buttons run in the active tab, manifest buttons save files, steps tick, controls send."""
    page, fake = harness.page, harness.fake
    wait_for_prompt(page)
    page.get_by_role("button", name="Run: kubectl get pods").click()
    wait_for_screen(page, PROMPT + "kubectl get pods\nran<kubectl get pods>")
    save = page.locator('[data-filename="web.yaml"]')
    save.click()
    expect(save).to_have_attribute("data-saved", "true")
    assert fake.received[-1] == {"type": "write_file", "tab": 0, "path": "web.yaml",
                                 "content": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n"}
    wait_for_screen(page, "Saved web.yaml in your home directory.")
    page.locator('[data-filename="my file.txt"]').click()  # not a name write_file takes
    wait_for_screen(page, "ran<cat > 'my file.txt' <<'EOF1'")
    assert fake.runs()[-1] == "cat > 'my file.txt' <<'EOF1'\nEOF\nodd\nEOF1"

    page.evaluate("() => document.body.addEventListener('steps-changed', () => window.stepsChanged = true)")
    fake.send({"type": "steps", "results": [{"id": "s1", "passed": True, "message": ""},
                                            {"id": "s2", "passed": False, "message": "Create the pod web."}]})
    expect(page.locator('#steps li[data-step-id="s1"]')).to_have_attribute("data-passed", "true")
    expect(page.locator('#steps li[data-step-id="s2"]')).to_have_attribute("data-passed", "false")
    expect(page.locator('#steps li[data-step-id="s2"] .step-message')).to_have_text("Create the pod web.")
    assert page.evaluate("() => window.stepsChanged") is True

    pause = page.get_by_role("button", name="Pause")
    pause.focus()
    page.keyboard.press("Enter")
    fake.send({"type": "clock", "paused": True, "now": 0, "advanced": None})
    expect(page.locator("#controls")).to_have_attribute("data-paused", "true")
    expect(pause).to_be_hidden()
    expect(page.get_by_role("button", name="Resume")).to_be_focused()
    page.get_by_role("button", name="+5 min").click()
    fake.send({"type": "clock", "paused": True, "now": 0, "advanced": 300})
    expect(page.locator("#clock-status")).to_have_text("300 seconds passed.")
    page.get_by_role("button", name="Undo").click()
    page.get_by_role("button", name="Reset").click()
    wait_until(page, lambda: [m["type"] for m in fake.received][-4:] == ["pause", "advance", "undo", "reset"])
    assert fake.received[-3] == {"type": "advance", "seconds": 300}
    fake.send({"type": "undo", "ok": True, "line": "kubectl get pods", "prompts": {"0": PROMPT}})
    wait_for_screen(page, "Undone: kubectl get pods")
    fake.send({"type": "reset", "prompt": PROMPT})
    wait_until(page, lambda: screen(page).startswith("A fresh cluster"))
    wait_for_prompt(page)


def test_keyboard_reaches_everything_and_leaves_the_terminal(harness):
    """Tab reaches the tab bar and the + button; Shift+Tab leaves the terminal; focus is visible."""
    page = harness.page
    wait_for_prompt(page)
    focus_terminal(page)
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_role("button", name="New terminal tab")).to_be_focused()
    outline = page.get_by_role("button", name="New terminal tab").evaluate(
        "el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    expect(page.locator("#terminal")).to_have_attribute("data-tab-count", "2")
    page.get_by_role("tab", name="Terminal 2").focus()
    page.keyboard.press("ArrowLeft")
    expect(page.get_by_role("tab", name="Terminal 1")).to_be_focused()
    expect(page.get_by_role("tab", name="Terminal 1")).to_have_attribute("aria-selected", "true")
    focus_terminal(page)
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    expect(page.locator("#terminal-panel-0 textarea")).not_to_be_focused()


def test_lost_connection_gives_prompts_back_and_reconnects(harness):
    """When the socket drops, a waiting tab gets its prompt back, the page says so and reconnects."""
    page, fake = harness.page, harness.fake
    fake.hold.add("kubectl get pods -w")
    wait_for_prompt(page)
    type_line(page, "kubectl get pods -w")
    wait_for_screen(page, "running kubectl get pods -w")
    first = fake.ws
    assert first is not None
    first.close(code=1011, reason="server restart")
    expect(page.locator("#terminal")).to_have_attribute("data-connection", "closed")
    wait_for_screen(page, "running kubectl get pods -w\nConnection lost, reconnecting…\n" + PROMPT)
    wait_for_prompt(page)
    expect(page.locator("#terminal")).to_have_attribute("data-connection", "open")
    assert fake.ws is not first
    type_line(page, "echo back")
    wait_for_screen(page, "ran<echo back>")


def test_too_many_terminals_says_so_and_does_not_retry(harness):
    """Closed with 4429 (this session has its most terminals open): the server's reason stays on
    the screen, the page says what to do, and it does not keep reconnecting."""
    page, fake = harness.page, harness.fake
    wait_for_prompt(page)
    first = fake.ws
    assert first is not None
    reason = ("Too many terminals open for this session (at most 8): "
              "close another page of the playground, then reload this one")
    fake.send({"type": "error", "message": reason})
    first.close(code=4429, reason="at most 8 terminals per session")
    expect(page.locator("#terminal")).to_have_attribute("data-connection", "closed")
    expect(page.locator("#terminal")).to_contain_text(
        "Too many playground pages are open: close one, then reload this page.")
    wait_for_screen(page, reason)
    assert "reconnecting" not in screen(page)
    page.wait_for_timeout(2500)  # longer than the first reconnect delay
    assert fake.ws is first
    expect(page.locator("#terminal")).to_have_attribute("data-connection", "closed")


def test_ctrl_c_and_ctrl_l_at_the_prompt(harness):
    """Ctrl-C with no command running prints ^C and a fresh prompt (nothing sent); Ctrl-L clears."""
    page, fake = harness.page, harness.fake
    wait_for_prompt(page)
    type_line(page, "kubectl delete pod x", enter=False)
    page.keyboard.press("Control+C")
    wait_for_screen(page, PROMPT + "kubectl delete pod x^C\n" + PROMPT)
    page.keyboard.press("Enter")
    wait_for_last_line(page, PROMPT)
    assert fake.runs() == []
    type_line(page, "echo one")
    wait_for_prompt(page)
    type_line(page, "echo two", enter=False)
    page.keyboard.press("Control+L")
    wait_for_whole_screen(page, PROMPT + "echo two")
    page.keyboard.press("Enter")
    wait_for_screen(page, PROMPT + "echo two\nran<echo two>\n" + PROMPT)


def test_unfinished_input_continues_with_bash_prompt(harness):
    """A here-document, open quote or trailing | gets bash's `> ` prompt; the input goes as one `run`."""
    page, fake = harness.page, harness.fake
    wait_for_prompt(page)
    type_line(page, "cat > a.yaml <<'EOF'\napiVersion: v1\nkind: Pod\nEOF")
    wait_for_screen(page, "ran<")
    assert fake.runs() == ["cat > a.yaml <<'EOF'\napiVersion: v1\nkind: Pod\nEOF"]
    assert lines(page)[:4] == [PROMPT + "cat > a.yaml <<'EOF'", "> apiVersion: v1", "> kind: Pod", "> EOF"]
    wait_for_prompt(page)
    type_line(page, "echo 'a\nb' |\ncat")
    wait_for_prompt(page)
    assert fake.runs()[-1] == "echo 'a\nb' |\ncat"
    type_line(page, "cat <<END\nno end")
    wait_for_last_line(page, "> ")
    page.keyboard.press("Control+D")  # the shell gets it as it is and warns
    wait_for_prompt(page)
    assert fake.runs()[-1] == "cat <<END\nno end"


def test_narrow_screen_fits_and_long_lines_wrap(harness):
    """On a phone-sized screen the terminal fits (no sideways scrolling); a long line wraps and edits."""
    page, fake = harness.page, harness.fake
    page.set_viewport_size({"width": 360, "height": 640})
    wait_for_prompt(page)
    wait_until(page, lambda: page.evaluate("() => window.playground.session.tabs.get(0).term.cols") < 45)
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
    box = page.locator("#terminal-panel-0 .xterm-screen").bounding_box()
    assert box is not None and box["x"] + box["width"] <= 360
    long = "echo " + " ".join(f"w{k}" for k in range(40))
    type_line(page, long, enter=False)
    page.keyboard.press("Home")
    page.keyboard.type("time ")
    page.keyboard.press("End")
    page.keyboard.press("Backspace")
    wait_for_whole_screen(page, PROMPT + "time " + long[:-1])
    page.keyboard.press("Enter")
    wait_for_prompt(page)
    assert fake.runs() == ["time " + long[:-1]]


def test_colours_pass_through_and_errors_show_in_red(harness):
    """Colour codes colour the output; a server `error` for a command shows red and gives the prompt back."""
    page, fake = harness.page, harness.fake
    fake.on_run = lambda line, tab: [{"type": "output", "tab": tab, "data": "\x1b[31mred\x1b[0m plain\n"}]
    wait_for_prompt(page)
    type_line(page, "colour")
    wait_for_screen(page, "red plain")
    colours = """row => {
        const line = window.playground.session.tabs.get(0).term.buffer.active.getLine(row);
        return [line.getCell(0).getFgColor(), line.getCell(0).isFgPalette(), line.getCell(4).isFgDefault()];
    }"""
    assert page.evaluate(colours, 1) == [1, True, True]
    wait_for_prompt(page)
    # The consumer answers a failed call with `error` alone (no `done`).
    fake.on_run = lambda line, tab: [{"type": "error", "tab": tab, "message": "internal error: that could not be done"}]
    type_line(page, "boom")
    wait_for_screen(page, PROMPT + "boom\ninternal error: that could not be done\n" + PROMPT)
    wait_for_prompt(page)
    assert page.evaluate(colours, 3)[:2] == [1, True]
