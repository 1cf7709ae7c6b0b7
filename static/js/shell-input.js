// What the browser needs to know about shell syntax before the server sees a line.
//
// bash shows its `> ` prompt when Enter leaves the input unfinished (an open quote, a trailing
// `|` or `\`, a here-document waiting for its delimiter, an `if` without `fi`); the terminal then
// collects more lines and sends the whole input as one `run`, as the server's shell expects.
// The check errs on the side of sending: a false "complete" only earns bash's own syntax error.

const OPENERS = { if: "fi", for: "done", while: "done", until: "done", case: "esac" };
const CLOSERS = new Set(["fi", "done", "esac"]);
// Words after which the next word starts a command (so a keyword there counts).
const COMMAND_PREFIX_WORDS = new Set(["then", "else", "elif", "do", "!", "time"]);
const OPERATOR_CHARS = new Set([";", "|", "&", "<", ">", "(", ")"]);

// Whether `text` (the lines typed so far, joined by "\n") is an unfinished shell input.
export function needsMore(text) {
  const st = scan(text);
  return st.more;
}

function scan(text) {
  let i = 0;
  const n = text.length;
  let quote = null; // "'" | '"' | null
  let word = "";
  let wordQuoted = false;
  let commandStart = true; // the next word is in command position
  let lastOp = ""; // the last operator seen since the last word ("|", "&&", "||", ";", "\n")
  const blocks = [];
  let heredocs = []; // pending on this line: {delim, strip}
  let expectHeredocWord = null; // {strip} after a << operator
  const finishWord = () => {
    if (!word && !wordQuoted) return;
    if (expectHeredocWord) {
      heredocs.push({ delim: word, strip: expectHeredocWord.strip });
      expectHeredocWord = null;
    } else if (!wordQuoted && CLOSERS.has(word) && blocks[blocks.length - 1] === word) {
      blocks.pop(); // `fi`, `done`, `esac`: bash accepts them after `;` or a newline
      commandStart = false;
    } else if (commandStart) {
      if (!wordQuoted && OPENERS[word]) blocks.push(OPENERS[word]);
      // `if cmd`, `while cmd`, `then cmd`, `VAR=x cmd`: the next word is a command too.
      commandStart = !wordQuoted && (
        COMMAND_PREFIX_WORDS.has(word) ||
        word === "if" || word === "while" || word === "until" ||
        /^[A-Za-z_][A-Za-z0-9_]*=/.test(word));
    }
    lastOp = "";
    word = "";
    wordQuoted = false;
  };
  while (i < n) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
      i += 1;
      continue;
    }
    if (quote === '"') {
      if (c === "\\" && i + 1 < n) {
        word += text[i + 1];
        i += 2;
        continue;
      }
      if (c === "\\") return { more: true };
      if (c === '"') quote = null;
      else word += c;
      i += 1;
      continue;
    }
    if (c === "\\") {
      if (i + 1 >= n) return { more: true }; // trailing backslash: line continuation
      if (text[i + 1] !== "\n") word += text[i + 1];
      i += 2;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      wordQuoted = true;
      i += 1;
      continue;
    }
    if (c === "#" && !word && !wordQuoted) {
      while (i < n && text[i] !== "\n") i += 1;
      continue;
    }
    if (c === " " || c === "\t") {
      finishWord();
      i += 1;
      continue;
    }
    if (c === "\n") {
      finishWord();
      i += 1;
      if (heredocs.length) {
        const r = readHeredocBodies(text, i, heredocs);
        if (r === null) return { more: true };
        i = r;
        heredocs = [];
      }
      if (lastOp !== "|" && lastOp !== "&&" && lastOp !== "||") {
        lastOp = "\n";
      }
      commandStart = true;
      continue;
    }
    if (OPERATOR_CHARS.has(c)) {
      finishWord();
      let op = c;
      if (c === "<" && text.startsWith("<<<", i)) op = "<<<";
      else if (c === "<" && text.startsWith("<<-", i)) op = "<<-";
      else if (c === "<" && text.startsWith("<<", i)) op = "<<";
      else if ((c === "&" || c === "|" || c === ";" || c === ">") && text[i + 1] === c) op = c + c;
      else if (c === ">" && text[i + 1] === "&") op = ">&";
      else if (c === "&" && text[i + 1] === ">") op = "&>";
      i += op.length;
      if (op === "<<" || op === "<<-") expectHeredocWord = { strip: op === "<<-" };
      if (["|", "||", "&&", ";", "&", "(", ")", ";;"].includes(op)) {
        commandStart = op !== ")";
        lastOp = op;
      }
      continue;
    }
    word += c;
    i += 1;
  }
  if (quote) return { more: true };
  finishWord();
  if (heredocs.length) return { more: true };
  if (lastOp === "|" || lastOp === "&&" || lastOp === "||") return { more: true };
  return { more: blocks.length > 0 };
}

// Reads the bodies of this line's here-documents from `pos`; the position after the last
// delimiter line, or null when the input ends first.
function readHeredocBodies(text, pos, heredocs) {
  let i = pos;
  for (const doc of heredocs) {
    for (;;) {
      if (i >= text.length) return null;
      let j = text.indexOf("\n", i);
      const last = j === -1;
      if (last) j = text.length;
      let line = text.slice(i, j);
      if (doc.strip) line = line.replace(/^\t+/, "");
      i = last ? j : j + 1;
      if (line === doc.delim) break;
      if (last) return null;
    }
  }
  return i;
}

// The word under the cursor, split as the server's completer splits it (complete.split_line):
// `start` indexes `before` (the text before the cursor), `current` is the word with its quotes
// removed (candidates start with it), `quote` the quote that opened it. A completion replaces
// before.slice(start) with the candidate.
export function currentWord(before) {
  let start = 0;
  let cur = "";
  let quote = null;
  let openedWith = null;
  let inWord = false;
  const begin = (i, q) => {
    if (!inWord) {
      start = i;
      openedWith = q;
      inWord = true;
    }
  };
  for (let i = 0; i < before.length; i += 1) {
    const c = before[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === "\\" && quote === '"' && i + 1 < before.length) cur += before[++i];
      else cur += c;
    } else if (c === "'" || c === '"') {
      begin(i, c);
      quote = c;
    } else if (c === "\\" && i + 1 < before.length) {
      begin(i, null);
      cur += before[++i];
    } else if (" \t\n|;&()<>".includes(c)) {
      inWord = false;
      cur = "";
      openedWith = null;
      start = i + 1;
    } else {
      begin(i, null);
      cur += c;
    }
  }
  if (!inWord) start = before.length;
  return { start, current: cur, quote: openedWith };
}

// A completion candidate as it must be typed: special characters behind backslashes, or inside
// the quote the student opened.
export function quoteWord(word, openedQuote = null) {
  if (openedQuote === "'") return `'${word.replace(/'/g, "'\\''")}`;
  if (openedQuote === '"') return `"${word.replace(/(["\\$`])/g, "\\$1")}`;
  return word.replace(/([\s'"\\$`!&|;<>()*?[\]{}#])/g, "\\$1"); // a leading ~ stays: it is the home directory
}

// A file name as one shell word (single quotes unless it is plainly safe).
export function shellQuote(word) {
  if (/^[A-Za-z0-9_./@%+=:,-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, "'\\''")}'`;
}

// The input that writes `content` to `filename` with a quoted here-document, its delimiter
// chosen so that no line of the content ends it early.
export function heredocCommand(filename, content) {
  const lines = content.replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n");
  let delim = "EOF";
  for (let k = 1; lines.includes(delim); k += 1) delim = `EOF${k}`;
  return `cat > ${shellQuote(filename)} <<'${delim}'\n${lines.join("\n")}\n${delim}`;
}

// The longest common prefix of some strings.
export function commonPrefix(items) {
  if (items.length === 0) return "";
  let prefix = items[0];
  for (const item of items.slice(1)) {
    let k = 0;
    while (k < prefix.length && k < item.length && prefix[k] === item[k]) k += 1;
    prefix = prefix.slice(0, k);
  }
  return prefix;
}

// Completion candidates laid out as bash lists them: sorted down the columns, two spaces apart.
export function columns(items, width) {
  if (items.length === 0) return [];
  const colWidth = Math.max(...items.map((s) => s.length)) + 2;
  const perRow = Math.max(1, Math.floor((width + 2) / colWidth));
  const rows = Math.ceil(items.length / perRow);
  const out = [];
  for (let r = 0; r < rows; r += 1) {
    let line = "";
    for (let c = 0; c < perRow; c += 1) {
      const k = c * rows + r;
      if (k >= items.length) break;
      const last = (c + 1) * rows + r >= items.length;
      line += last ? items[k] : items[k].padEnd(colWidth);
    }
    out.push(line);
  }
  return out;
}
