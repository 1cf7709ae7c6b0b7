// The line being typed at the prompt: text, cursor, history and readline's editing commands.
//
// Pure state, no terminal: terminal-tab.js turns keys into these calls and redraws. The text is
// kept as an array of code points so the cursor never lands inside a surrogate pair, and the
// cursor sent with a `complete` message counts code points, as Python's str indexes do.

const MAX_HISTORY = 500;

export class LineEditor {
  constructor() {
    this.chars = [];
    this.cursor = 0;
    this.history = [];
    this.historyIndex = null; // null: editing the new line; else an index into history
    this.draft = null; // the new line, kept while browsing history
    this.killed = "";
  }

  get text() {
    return this.chars.join("");
  }

  get beforeCursor() {
    return this.chars.slice(0, this.cursor).join("");
  }

  get afterCursor() {
    return this.chars.slice(this.cursor).join("");
  }

  set(text, cursor = null) {
    this.chars = Array.from(text);
    this.cursor = cursor === null ? this.chars.length : Math.max(0, Math.min(cursor, this.chars.length));
  }

  insert(text) {
    const add = Array.from(text);
    this.chars.splice(this.cursor, 0, ...add);
    this.cursor += add.length;
  }

  left() {
    if (this.cursor > 0) this.cursor -= 1;
  }

  right() {
    if (this.cursor < this.chars.length) this.cursor += 1;
  }

  home() {
    this.cursor = 0;
  }

  end() {
    this.cursor = this.chars.length;
  }

  backspace() {
    if (this.cursor === 0) return false;
    this.chars.splice(this.cursor - 1, 1);
    this.cursor -= 1;
    return true;
  }

  deleteChar() {
    if (this.cursor >= this.chars.length) return false;
    this.chars.splice(this.cursor, 1);
    return true;
  }

  // Ctrl-U: unix-line-discard, the text before the cursor.
  killToStart() {
    this.killed = this.chars.splice(0, this.cursor).join("");
    this.cursor = 0;
  }

  // Ctrl-K: kill-line, the text from the cursor on.
  killToEnd() {
    this.killed = this.chars.splice(this.cursor).join("");
  }

  // Ctrl-W: unix-word-rubout, back to the previous whitespace.
  killWordBack() {
    let i = this.cursor;
    while (i > 0 && isSpace(this.chars[i - 1])) i -= 1;
    while (i > 0 && !isSpace(this.chars[i - 1])) i -= 1;
    this.killed = this.chars.splice(i, this.cursor - i).join("");
    this.cursor = i;
  }

  // Alt-D: kill-word forward (alphanumeric words, as readline's).
  killWordForward() {
    const j = this.wordEnd(this.cursor);
    this.killed = this.chars.splice(this.cursor, j - this.cursor).join("");
  }

  // Ctrl-Y: yank the last killed text.
  yank() {
    if (this.killed) this.insert(this.killed);
  }

  // Alt-B / Ctrl-Left: back to the start of an alphanumeric word.
  wordLeft() {
    let i = this.cursor;
    while (i > 0 && !isWordChar(this.chars[i - 1])) i -= 1;
    while (i > 0 && isWordChar(this.chars[i - 1])) i -= 1;
    this.cursor = i;
  }

  // Alt-F / Ctrl-Right: forward to the end of an alphanumeric word.
  wordRight() {
    this.cursor = this.wordEnd(this.cursor);
  }

  wordEnd(from) {
    let i = from;
    const n = this.chars.length;
    while (i < n && !isWordChar(this.chars[i])) i += 1;
    while (i < n && isWordChar(this.chars[i])) i += 1;
    return i;
  }

  // Ctrl-T: transpose the two characters around the cursor.
  transpose() {
    const n = this.chars.length;
    if (n < 2 || this.cursor === 0) return;
    const i = this.cursor === n ? n - 1 : this.cursor;
    [this.chars[i - 1], this.chars[i]] = [this.chars[i], this.chars[i - 1]];
    this.cursor = Math.min(i + 1, n);
  }

  historyPrev() {
    if (this.history.length === 0 || this.historyIndex === 0) return false;
    if (this.historyIndex === null) {
      this.draft = this.text;
      this.historyIndex = this.history.length;
    }
    this.historyIndex -= 1;
    this.set(this.history[this.historyIndex]);
    return true;
  }

  historyNext() {
    if (this.historyIndex === null) return false;
    this.historyIndex += 1;
    if (this.historyIndex >= this.history.length) {
      this.historyIndex = null;
      this.set(this.draft ?? "");
      this.draft = null;
    } else {
      this.set(this.history[this.historyIndex]);
    }
    return true;
  }

  // Debian's bash sets HISTCONTROL=ignoreboth: no lines starting with a space, no repeats.
  remember(line) {
    if (!line.trim() || line.startsWith(" ")) return;
    if (this.history[this.history.length - 1] === line) return;
    this.history.push(line);
    if (this.history.length > MAX_HISTORY) this.history.shift();
  }

  // Enter: the line is done; the editor starts a fresh one.
  accept() {
    const line = this.text;
    this.set("");
    this.historyIndex = null;
    this.draft = null;
    return line;
  }
}

function isSpace(ch) {
  return ch === " " || ch === "\t";
}

function isWordChar(ch) {
  return /[\p{L}\p{N}_]/u.test(ch);
}

// Display width of a string in terminal cells: escape sequences take none, wide East Asian
// characters two, combining marks none. Enough for prompts and typed lines.
export function displayWidth(text) {
  let width = 0;
  const plain = text.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, "").replace(/\x1b\][^\x07\x1b]*(\x07|\x1b\\)/g, "");
  for (const ch of plain) {
    const cp = ch.codePointAt(0);
    if (cp < 32 || (cp >= 0x7f && cp < 0xa0)) continue;
    if (/\p{Mn}|\p{Me}/u.test(ch) || cp === 0x200b) continue;
    width += isWide(cp) ? 2 : 1;
  }
  return width;
}

function isWide(cp) {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}
