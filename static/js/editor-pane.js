// The editor pane `vi FILE`, `nano FILE`, `edit FILE` and `kubectl edit` open: the server sends
// `edit` (tab, path, content), the student edits in a textarea, Save sends `save` with the new
// content and Cancel sends `cancel`; the command in that tab then finishes with its `done`.
//
// Uses the template's #editor (#editor-path, a textarea, button[data-editor="save"] and
// button[data-editor="cancel"]); builds whatever is missing.
// Ctrl+S saves, Escape cancels; Tab indents by two spaces, Escape then Tab leaves the textarea.

export class EditorPane {
  constructor(session, root) {
    this.session = session;
    this.root = root || createRoot(session.root);
    this.tab = null;
    this.ensureParts();
    this.root.hidden = true;
    this.root.dataset.open = "false";
    this.saveButton.addEventListener("click", () => this.save());
    this.cancelButton.addEventListener("click", () => this.cancel());
    this.textarea.addEventListener("keydown", (ev) => this.onKey(ev));
    session.on("edit", (msg) => this.open(msg));
    session.on("done", (msg) => {
      if (this.tab !== null && msg.tab === this.tab) this.close(); // ended another way (Ctrl-C)
    });
    session.addEventListener("close", () => this.close());
  }

  ensureParts() {
    const r = this.root;
    if (!r.getAttribute("role")) r.setAttribute("role", "dialog");
    this.pathLabel = r.querySelector("#editor-path, [data-editor-path]");
    if (!this.pathLabel) {
      this.pathLabel = document.createElement("h2");
      this.pathLabel.id = "editor-path";
      r.prepend(this.pathLabel);
    }
    if (!this.pathLabel.id) this.pathLabel.id = "editor-path";
    if (!r.getAttribute("aria-labelledby")) r.setAttribute("aria-labelledby", this.pathLabel.id);
    this.textarea = r.querySelector("textarea");
    if (!this.textarea) {
      this.textarea = document.createElement("textarea");
      r.append(this.textarea);
    }
    this.textarea.classList.add("editor-text");
    this.textarea.spellcheck = false;
    this.textarea.setAttribute("autocapitalize", "off");
    this.textarea.setAttribute("autocomplete", "off");
    this.textarea.setAttribute("wrap", "off");
    if (!this.textarea.getAttribute("aria-labelledby") && !this.textarea.getAttribute("aria-label")) {
      this.textarea.setAttribute("aria-labelledby", this.pathLabel.id);
    }
    this.saveButton = findButton(r, "save") || makeButton(r, "save", "Save");
    this.cancelButton = findButton(r, "cancel") || makeButton(r, "cancel", "Cancel");
  }

  open(msg) {
    this.tab = Number.isInteger(msg.tab) ? msg.tab : 0;
    this.path = String(msg.path ?? "");
    this.pathLabel.textContent = this.path;
    this.textarea.value = String(msg.content ?? "");
    this.root.hidden = false;
    this.root.dataset.open = "true";
    this.root.dataset.path = this.path;
    this.returnFocus = document.activeElement;
    this.textarea.setSelectionRange(0, 0);
    this.textarea.scrollTop = 0;
    this.textarea.focus();
  }

  save() {
    if (this.tab === null) return;
    this.session.send({ type: "save", tab: this.tab, content: this.textarea.value });
    this.close();
  }

  cancel() {
    if (this.tab === null) return;
    this.session.send({ type: "cancel", tab: this.tab });
    this.close();
  }

  close() {
    if (this.tab === null) return;
    const tab = this.session.tabs.get(this.tab);
    this.tab = null;
    this.root.hidden = true;
    this.root.dataset.open = "false";
    if (this.root.contains(document.activeElement) || document.activeElement === document.body) {
      if (tab) {
        this.session.activate(tab.index);
        tab.focus();
      } else {
        this.returnFocus?.focus?.();
      }
    }
  }

  onKey(ev) {
    if ((ev.ctrlKey || ev.metaKey) && (ev.key === "s" || ev.key === "S")) {
      ev.preventDefault();
      this.save();
      return;
    }
    if (ev.key === "Escape") {
      if (this.escapePressed) {
        ev.preventDefault();
        this.cancel();
        return;
      }
      this.escapePressed = true;
      return;
    }
    if (ev.key === "Tab" && !ev.shiftKey && !ev.ctrlKey && !ev.altKey && !this.escapePressed) {
      ev.preventDefault();
      insertAtCursor(this.textarea, "  ");
    }
    this.escapePressed = false;
  }
}

function findButton(root, action) {
  return (
    root.querySelector(`[data-editor="${action}"]`) ||
    root.querySelector(`[data-editor-action="${action}"]`) ||
    root.querySelector(`[data-action="${action}"]`) ||
    root.querySelector(`button[name="${action}"]`) ||
    root.querySelector(`button.${action}`)
  );
}

function makeButton(root, action, label) {
  let bar = root.querySelector(".editor-buttons");
  if (!bar) {
    bar = document.createElement("div");
    bar.className = "editor-buttons";
    root.append(bar);
  }
  const b = document.createElement("button");
  b.type = "button";
  b.dataset.editor = action;
  b.textContent = label;
  bar.append(b);
  return b;
}

function createRoot(terminalRoot) {
  const div = document.createElement("div");
  div.id = "editor";
  div.hidden = true;
  terminalRoot.after(div);
  return div;
}

function insertAtCursor(textarea, text) {
  const { selectionStart: a, selectionEnd: b, value } = textarea;
  textarea.value = value.slice(0, a) + text + value.slice(b);
  textarea.selectionStart = textarea.selectionEnd = a + text.length;
}
