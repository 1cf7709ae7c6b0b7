// One terminal tab: an xterm.js screen with a readline-like prompt over one server-side shell.
//
// The browser edits the line locally (bash's readline would, in a real terminal) and sends whole
// inputs: `run` on Enter, `complete` on Tab, `interrupt` on Ctrl-C while a command runs. While a
// command runs (until its `done`), keys are kept as type-ahead and replayed at the next prompt,
// where readline would read them; Ctrl-C acts at once and drops the type-ahead, as a tty does.

import { LineEditor, displayWidth } from "./line-editor.js";
import { columns, commonPrefix, currentWord, needsMore, quoteWord } from "./shell-input.js";

export const DEFAULT_PROMPT = "student@playground:~$ ";
const CONTINUATION_PROMPT = "> ";
const PASTE_START = "\x1b[200~";
const PASTE_END = "\x1b[201~";
// Keys wait this long for `completions` (as bash waits for its completer); a later answer still
// applies if the line has not changed meanwhile.
const COMPLETION_TIMEOUT_MS = 5000;

const THEME = {
  background: "#111418",
  foreground: "#e6e6e6",
  cursor: "#f5e0dc",
  selectionBackground: "#585b7099",
  black: "#45475a",
  red: "#f38ba8",
  green: "#a6e3a1",
  yellow: "#f9e2af",
  blue: "#89b4fa",
  magenta: "#f5c2e7",
  cyan: "#94e2d5",
  white: "#bac2de",
  brightBlack: "#7f849c",
  brightRed: "#f38ba8",
  brightGreen: "#a6e3a1",
  brightYellow: "#f9e2af",
  brightBlue: "#89b4fa",
  brightMagenta: "#f5c2e7",
  brightCyan: "#94e2d5",
  brightWhite: "#ffffff",
};

export class TerminalTab {
  // `session` sends messages and hears about tabs closing; `panel` is the element to draw in;
  // `xterm` holds the Terminal and FitAddon classes (vendor.js).
  constructor(session, index, panel, { xterm, prompt = DEFAULT_PROMPT, screenReader = false } = {}) {
    this.session = session;
    this.index = index;
    this.panel = panel;
    this.prompt = prompt;
    this.line = new LineEditor();
    this.pending = []; // lines of an unfinished input (here-document, open quote, trailing |)
    this.busy = false; // a `run` was sent and its `done` has not come
    this.ready = false; // the prompt is drawn and keys go to the line editor
    this.queue = ""; // type-ahead
    this.completing = null; // {text, cursor, timer} while waiting for `completions`
    this.interrupted = false;
    this.closeOnDone = false;
    this.startCol = 0; // the column where the prompt starts
    this.shownOffset = 0; // cells from the prompt row's column 0 to the cursor
    this.pasting = null; // text of a bracketed paste in progress

    panel.dataset.busy = "false";
    panel.dataset.ready = "false";
    const background = getComputedStyle(panel).getPropertyValue("--term-bg").trim() || THEME.background;
    this.term = new xterm.Terminal({
      convertEol: true,
      cursorBlink: true,
      fontFamily: 'ui-monospace, "DejaVu Sans Mono", "Noto Sans Mono CJK SC", Menlo, Consolas, monospace',
      fontSize: 14,
      scrollback: 5000,
      screenReaderMode: screenReader,
      theme: { ...THEME, background },
    });
    this.fitAddon = new xterm.FitAddon();
    this.term.loadAddon(this.fitAddon);
    this.term.open(panel);
    const textarea = this.term.textarea;
    textarea?.setAttribute("aria-label", panel.getAttribute("aria-label") || `Terminal ${index + 1}`);
    if (panel.hasAttribute("aria-describedby")) {
      textarea?.setAttribute("aria-describedby", panel.getAttribute("aria-describedby"));
    }
    this.term.attachCustomKeyEventHandler((ev) => this.onKeyEvent(ev));
    this.term.onData((data) => this.feed(data));
    this.term.write("\x1b[?2004h"); // bracketed paste: a paste arrives marked as one
    this.fit();
    this.showPrompt();
  }

  // ------------------------------------------------------------------ layout
  fit() {
    if (!this.panel.offsetParent && this.panel.getClientRects().length === 0) return; // hidden
    try {
      this.fitAddon.fit();
    } catch {
      // not measurable yet (fonts loading): the next resize fits
    }
  }

  focus() {
    this.term.focus();
  }

  // The whole buffer as text (scrollback included), one line per row: for tests and debugging.
  screenText() {
    const buf = this.term.buffer.active;
    const rows = [];
    for (let y = 0; y < buf.length; y += 1) {
      const line = buf.getLine(y);
      if (!line) continue;
      const text = line.translateToString(true);
      if (line.isWrapped && rows.length) rows[rows.length - 1] += text;
      else rows.push(text);
    }
    while (rows.length && rows[rows.length - 1] === "") rows.pop();
    return rows.join("\n");
  }

  dispose() {
    clearTimeout(this.completing?.timer);
    this.term.dispose();
  }

  // Keys xterm.js should not take: Shift+Tab (and Escape then Tab) leave the terminal, as a
  // keyboard user needs a way out (Tab alone completes); Ctrl+C with text selected and
  // Ctrl+Shift+C copy, Ctrl+V and Ctrl+Shift+V paste (the browser does both; xterm.js handles its
  // copy and paste events).
  onKeyEvent(ev) {
    if (ev.type !== "keydown") return true;
    if (ev.key === "Tab" && (ev.shiftKey || this.escapePressed)) {
      this.escapePressed = false;
      return false; // the browser moves the focus
    }
    this.escapePressed = ev.key === "Escape";
    const key = ev.key.toLowerCase();
    if ((ev.ctrlKey || ev.metaKey) && !ev.altKey) {
      if (key === "v") return false;
      if (key === "c" && (ev.shiftKey || ev.metaKey || this.term.hasSelection())) return false;
    }
    return true;
  }

  // ------------------------------------------------------------------ publishing state
  setBusy(busy) {
    this.busy = busy;
    this.panel.dataset.busy = busy ? "true" : "false";
    this.session.tabStateChanged(this);
  }

  // data-ready turns true once xterm has drawn the prompt (writes are parsed asynchronously).
  setReady(ready) {
    this.ready = ready;
    if (!ready) {
      this.panel.dataset.ready = "false";
      return;
    }
    this.term.write("", () => {
      if (this.ready) this.panel.dataset.ready = "true";
    });
  }

  // ------------------------------------------------------------------ input
  // Everything typed, pasted or clicked in goes through here.
  feed(data) {
    while (data) {
      if (this.pasting !== null) {
        const end = data.indexOf(PASTE_END);
        if (end === -1) {
          this.pasting += data;
          return;
        }
        const text = this.pasting + data.slice(0, end);
        this.pasting = null;
        data = data.slice(end + PASTE_END.length);
        this.feedText(text.replace(/\r\n?/g, "\n"));
        continue;
      }
      if (!this.ready || this.completing) {
        const ctrlC = data.indexOf("\x03");
        if (ctrlC !== -1 && this.busy) {
          this.queue = ""; // a tty drops the type-ahead on SIGINT
          this.interrupt();
          data = data.slice(ctrlC + 1);
          continue;
        }
        this.queue += data;
        return;
      }
      if (data.startsWith(PASTE_START)) {
        this.pasting = "";
        data = data.slice(PASTE_START.length);
        continue;
      }
      const n = this.handleToken(data);
      data = data.slice(n);
    }
  }

  // Text that arrives as text (a paste, a [data-command] button): runs of characters are inserted
  // at once and each newline is an Enter, so several lines run one after another.
  feedText(text) {
    const parts = text.split("\n");
    let data = "";
    parts.forEach((part, k) => {
      data += part.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, "");
      if (k < parts.length - 1) data += "\r";
    });
    this.feedPlain(data);
  }

  feedPlain(data) {
    while (data) {
      if (!this.ready || this.completing) {
        // Still text, not keys: a tab in it is a character, not a completion.
        this.queue += PASTE_START + data.replace(/\r/g, "\n") + PASTE_END;
        return;
      }
      const enter = data.indexOf("\r");
      const chunk = enter === -1 ? data : data.slice(0, enter);
      if (chunk) {
        this.line.insert(chunk);
        this.render();
      }
      if (enter === -1) return;
      data = data.slice(enter + 1);
      this.enter();
    }
  }

  // Handles the key or text at the start of `data`; returns how many characters it used.
  handleToken(data) {
    const c = data[0];
    if (c === "\x1b") return this.handleEscape(data);
    if (c >= " " && c !== "\x7f") {
      let n = 0;
      while (n < data.length && data[n] >= " " && data[n] !== "\x7f" && data[n] !== "\x1b") n += 1;
      this.line.insert(data.slice(0, n));
      this.render();
      return n;
    }
    switch (c) {
      case "\r":
      case "\n":
        this.enter();
        break;
      case "\x7f":
      case "\x08":
        if (this.line.backspace()) this.render();
        break;
      case "\t":
        this.complete();
        break;
      case "\x01":
        this.line.home();
        this.render();
        break;
      case "\x05":
        this.line.end();
        this.render();
        break;
      case "\x02":
        this.line.left();
        this.render();
        break;
      case "\x06":
        this.line.right();
        this.render();
        break;
      case "\x15":
        this.line.killToStart();
        this.render();
        break;
      case "\x0b":
        this.line.killToEnd();
        this.render();
        break;
      case "\x17":
        this.line.killWordBack();
        this.render();
        break;
      case "\x19":
        this.line.yank();
        this.render();
        break;
      case "\x14":
        this.line.transpose();
        this.render();
        break;
      case "\x10":
        if (this.line.historyPrev()) this.render();
        break;
      case "\x0e":
        if (this.line.historyNext()) this.render();
        break;
      case "\x0c":
        this.clearScreen();
        break;
      case "\x03":
        this.cancelLine();
        break;
      case "\x04":
        this.ctrlD();
        break;
      default:
        break; // other control characters do nothing at the prompt
    }
    return 1;
  }

  handleEscape(data) {
    const csi = /^\x1b\[([0-9;]*)([~A-Za-z])/.exec(data);
    if (csi) {
      if (data.startsWith(PASTE_START)) {
        this.pasting = "";
        return PASTE_START.length;
      }
      const [all, params, final] = csi;
      const mod = params.split(";")[1]; // 5: Ctrl, 3: Alt
      this.handleKey(final === "~" ? `~${params.split(";")[0]}` : final, mod === "5" || mod === "3");
      return all.length;
    }
    const ss3 = /^\x1bO([A-Za-z])/.exec(data);
    if (ss3) {
      this.handleKey(ss3[1], false);
      return 3;
    }
    if (data.length >= 2) {
      // Alt+key
      switch (data[1]) {
        case "b":
          this.line.wordLeft();
          break;
        case "f":
          this.line.wordRight();
          break;
        case "d":
          this.line.killWordForward();
          break;
        case "\x7f":
          this.line.killWordBack();
          break;
        default:
          return 2;
      }
      this.render();
      return 2;
    }
    return 1;
  }

  handleKey(key, modified) {
    switch (key) {
      case "A":
        if (this.line.historyPrev()) this.render();
        return;
      case "B":
        if (this.line.historyNext()) this.render();
        return;
      case "C":
        if (modified) this.line.wordRight();
        else this.line.right();
        break;
      case "D":
        if (modified) this.line.wordLeft();
        else this.line.left();
        break;
      case "H":
      case "~1":
      case "~7":
        this.line.home();
        break;
      case "F":
      case "~4":
      case "~8":
        this.line.end();
        break;
      case "~3":
        if (!this.line.deleteChar()) return;
        break;
      default:
        return;
    }
    this.render();
  }

  // ------------------------------------------------------------------ line actions
  enter() {
    this.line.end();
    this.render();
    const line = this.line.accept();
    this.term.write("\r\n");
    this.pending.push(line);
    const text = this.pending.join("\n");
    if (needsMore(text)) {
      this.drawPrompt(CONTINUATION_PROMPT, 0);
      return;
    }
    this.pending = [];
    this.line.remember(text.includes("\n") ? text.split("\n")[0] : text);
    if (!text.trim()) {
      this.drawPrompt(this.prompt, 0);
      return;
    }
    this.run(text);
  }

  // Sends an input to the server; the prompt comes back with its `done`.
  run(text) {
    this.setReady(false);
    this.setBusy(true);
    this.interrupted = false;
    this.session.send({ type: "run", tab: this.index, line: text });
  }

  // Ctrl-C while a command runs: the server's shell echoes the ^C (as the tty would) and ends
  // the command; its `done` brings the prompt back.
  interrupt() {
    this.interrupted = true;
    this.session.send({ type: "interrupt", tab: this.index });
  }

  // Ctrl-C at the prompt: bash prints ^C and starts over on a new line.
  cancelLine() {
    this.line.end();
    this.render();
    this.line.accept();
    this.pending = [];
    this.term.write("^C\r\n");
    this.drawPrompt(this.prompt, 0);
  }

  // Ctrl-D: delete the character under the cursor; on an empty line end the input (an unfinished
  // here-document or quote goes to the shell as it is, which says what is missing), or log out.
  ctrlD() {
    if (this.line.text) {
      if (this.line.deleteChar()) this.render();
      return;
    }
    if (this.pending.length) {
      const text = this.pending.join("\n");
      this.pending = [];
      this.line.accept();
      this.term.write("\r\n");
      this.run(text);
      return;
    }
    this.term.write("exit\r\n");
    this.closeOnDone = this.index > 0;
    this.run("exit");
  }

  clearScreen() {
    this.startCol = 0;
    this.shownOffset = 0;
    this.render("\x1b[H\x1b[2J");
  }

  complete() {
    const text = this.line.text;
    const cursor = this.line.cursor;
    const timer = setTimeout(() => {
      this.lateCompletion = this.completing;
      this.finishCompleting();
    }, COMPLETION_TIMEOUT_MS);
    this.completing = { text, cursor, timer };
    this.lateCompletion = null;
    this.session.send({ type: "complete", tab: this.index, line: text, cursor });
  }

  finishCompleting() {
    if (!this.completing) return;
    clearTimeout(this.completing.timer);
    this.completing = null;
    this.flushQueue();
  }

  // A `completions` message: one candidate is inserted, several extend the word to their common
  // prefix or are listed under the line, as bash does.
  onCompletions(items) {
    const req = this.completing || this.lateCompletion;
    this.lateCompletion = null;
    if (!req) return;
    if (!this.ready || req.text !== this.line.text || req.cursor !== this.line.cursor) {
      this.finishCompleting();
      return;
    }
    const before = this.line.beforeCursor;
    const after = this.line.afterCursor;
    const word = currentWord(before);
    const head = before.slice(0, word.start);
    const candidates = [...new Set(items.map(String))].filter((s) => s.startsWith(word.current));
    if (candidates.length === 1) {
      const item = candidates[0];
      const closing = item.endsWith("/") ? "" : `${word.quote ?? ""}${after.startsWith(" ") ? "" : " "}`;
      this.replaceBefore(head + quoteWord(item, word.quote) + closing, after);
    } else if (candidates.length > 1) {
      const prefix = commonPrefix(candidates);
      if (prefix.length > word.current.length) {
        this.replaceBefore(head + quoteWord(prefix, word.quote), after);
      } else {
        this.listCandidates(candidates);
      }
    }
    this.finishCompleting();
  }

  replaceBefore(before, after) {
    this.line.set(before + after, Array.from(before).length);
    this.render();
  }

  listCandidates(items) {
    const shown = items.map((s) => {
      const trimmed = s.endsWith("/") ? s.slice(0, -1) : s;
      const base = trimmed.includes("/") ? trimmed.slice(trimmed.lastIndexOf("/") + 1) : trimmed;
      return base + (s.endsWith("/") ? "/" : "");
    });
    const cursor = this.line.cursor;
    this.line.end();
    this.render();
    this.term.write(`\r\n${columns(shown, this.term.cols).join("\r\n")}\r\n`);
    this.line.cursor = cursor;
    this.startCol = 0;
    this.shownOffset = 0;
    this.render();
  }

  // ------------------------------------------------------------------ drawing
  get currentPrompt() {
    return this.pending.length ? CONTINUATION_PROMPT : this.prompt;
  }

  // Redraws prompt and line and puts the cursor where the editor has it. Offsets count cells
  // from column 0 of the row where the prompt starts; a line longer than the screen wraps.
  render(prefix = "") {
    const cols = Math.max(1, this.term.cols);
    const prompt = this.currentPrompt;
    const shown = this.line.text.replace(/\t/g, " "); // a pasted tab shows as one space
    const head = this.startCol + displayWidth(prompt);
    const total = head + displayWidth(shown);
    const target = head + displayWidth(this.line.beforeCursor.replace(/\t/g, " "));
    let out = prefix;
    const up = Math.floor(this.shownOffset / cols);
    if (up) out += `\x1b[${up}A`;
    out += "\r";
    if (this.startCol) out += `\x1b[${this.startCol}C`;
    out += `\x1b[J${prompt}${shown}`;
    if (total > 0 && total % cols === 0) out += "\r\n"; // leave the pending-wrap column
    const back = Math.floor(total / cols) - Math.floor(target / cols);
    if (back) out += `\x1b[${back}A`;
    out += "\r";
    if (target % cols) out += `\x1b[${target % cols}C`;
    this.shownOffset = target;
    this.term.write(out);
  }

  // Draws a prompt at the start of the current row (startCol) and takes keys again.
  drawPrompt(prompt, startCol) {
    if (prompt !== CONTINUATION_PROMPT) this.prompt = prompt;
    this.startCol = startCol;
    this.shownOffset = startCol;
    this.ready = true;
    this.render();
    this.setReady(true);
    this.flushQueue();
  }

  // After output, the prompt goes where the output left the cursor (xterm knows where that is
  // once it has parsed what was written).
  showPrompt() {
    this.setReady(false);
    const generation = (this.promptGeneration = (this.promptGeneration || 0) + 1);
    this.term.write("", () => {
      // More output came (a later call draws the prompt), or a command runs after all.
      if (generation !== this.promptGeneration || this.busy) return;
      let col = this.term.buffer.active.cursorX;
      if (col >= this.term.cols || (this.interrupted && col > 0)) {
        this.term.write("\r\n");
        col = 0;
      }
      this.interrupted = false;
      this.drawPrompt(this.prompt, col);
    });
  }

  flushQueue() {
    if (!this.ready || this.completing || !this.queue) return;
    const q = this.queue;
    this.queue = "";
    this.feed(q);
  }

  // ------------------------------------------------------------------ server messages
  onOutput(data) {
    if (this.busy) {
      this.term.write(data);
      return;
    }
    if (!this.ready) {
      // The prompt is about to be drawn: it goes after this output instead.
      this.term.write(data);
      this.showPrompt();
      return;
    }
    // Output at the prompt (a background job): clear the line, print, draw the prompt again.
    this.clearPromptLine();
    this.term.write(data);
    this.showPrompt();
  }

  onDone(msg) {
    if (typeof msg.prompt === "string" && msg.prompt) this.prompt = msg.prompt;
    if (!this.busy) {
      if (this.ready) this.render(); // a prompt announced without a command: show it
      return;
    }
    this.setBusy(false);
    if (this.closeOnDone) {
      this.session.closeTab(this);
      return;
    }
    this.showPrompt();
  }

  // What the server says about this tab when the socket opens (`ready`) or after an undo: its
  // prompt, whether a command still runs there (a reload during `kubectl get -w`), its history.
  applyStatus({ prompt, running, history } = {}) {
    if (typeof prompt === "string" && prompt) this.prompt = prompt;
    if (Array.isArray(history) && this.line.history.length === 0) {
      for (const line of history) this.line.remember(String(line));
    }
    if (running && !this.busy) {
      this.finishCompleting();
      this.clearPromptLine();
      this.setReady(false);
      this.setBusy(true);
    } else if (!running && this.busy) {
      this.setBusy(false);
      this.showPrompt();
    } else if (this.ready) {
      this.render();
    }
  }

  // Erases the prompt and the line being typed (the cursor goes where the prompt started).
  clearPromptLine() {
    const cols = Math.max(1, this.term.cols);
    const up = Math.floor(this.shownOffset / cols);
    let out = up ? `\x1b[${up}A` : "";
    out += "\r";
    if (this.startCol) out += `\x1b[${this.startCol}C`;
    this.term.write(`${out}\x1b[J`);
    this.shownOffset = this.startCol;
  }

  // A line from the page (undo, reset, saved file), dim, above the prompt.
  notice(text) {
    this.onOutput(`\x1b[2m${text}\x1b[0m\n`);
  }

  // `reset`: a fresh shell; the screen and the history go too.
  resetShell(prompt) {
    this.finishCompleting();
    this.queue = "";
    this.pending = [];
    this.line = new LineEditor();
    if (typeof prompt === "string" && prompt) this.prompt = prompt;
    this.setBusy(false);
    this.term.write("\x1bc\x1b[?2004h"); // RIS through the write queue, after pending output
    this.startCol = 0;
    this.shownOffset = 0;
    this.showPrompt();
  }

  // The connection dropped: a running command will not report back.
  onDisconnect() {
    this.finishCompleting();
    if (this.busy) {
      this.setBusy(false);
      this.interrupted = true; // the prompt starts on a line of its own
      this.showPrompt();
    }
  }

  // Text typed in by a [data-command] button or the lesson: as if the student typed it and
  // pressed Enter (after whatever is already on the line, which bash would run first... so the
  // line is cleared first, as a student would).
  typeCommand(text) {
    const input = text.replace(/\r\n?/g, "\n").replace(/\n+$/, "");
    if (this.ready && !this.completing && !this.queue) {
      if (this.line.text) {
        this.line.set("");
        this.render();
      }
      this.pending = [];
    }
    this.feedText(`${input}\n`);
  }
}
