// The terminal websocket and its tabs: one socket (`ws/terminal/<slug>/`) carries every tab's
// messages, each tagged with the tab number the server keeps a shell for.
//
// State the page publishes (styles and tests read it): #terminal[data-connection] is
// "connecting", "open" or "closed"; data-tab-count, data-active-tab; each panel [data-tab] has
// data-busy and data-ready. Page-level messages (undo, reset, file saved, connection lost) are
// printed dim in the active tab and announced through the .terminal-status live region; the
// clock's news go to #clock-status (lesson.js).

import { t } from "./strings.js";
import { DEFAULT_PROMPT, TerminalTab } from "./terminal-tab.js";

const MAX_TABS = 8; // the server keeps shells for tabs 0..7
const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 10000;
const CLOSE_NO_SESSION = 4401; // playground/consumers/common.py
const CLOSE_NOT_FOUND = 4404;
const CLOSE_TOO_MANY = 4429; // playground/consumers/limits.py: this session has its most terminals open

export class TerminalSession extends EventTarget {
  // `xterm`: the Terminal and FitAddon classes (vendor.js loadXterm).
  constructor(root, xterm) {
    super();
    this.root = root;
    this.xterm = xterm;
    this.url = socketUrl(root.dataset.ws || "/ws/terminal/sandbox/");
    this.prompt = root.dataset.prompt || DEFAULT_PROMPT;
    this.screenReader = "screenReader" in root.dataset;
    this.maxTabs = Math.min(MAX_TABS, parseInt(root.dataset.maxTabs || `${MAX_TABS}`, 10) || MAX_TABS);
    this.tabs = new Map();
    this.active = null;
    this.outbox = [];
    this.retryMs = RECONNECT_MIN_MS;
    this.socket = null;
    this.handlers = new Map(); // message type -> callbacks for the page (steps, edit, ...)
    this.buildChrome();
    const count = Math.max(1, parseInt(root.dataset.tabs || "1", 10) || 1);
    for (let i = 0; i < count; i += 1) this.addTab(i, { activate: i === 0 });
    this.resizeObserver = new ResizeObserver(() => this.active?.fit());
    this.resizeObserver.observe(this.panels);
    this.connect();
  }

  // ------------------------------------------------------------------ the tab bar
  buildChrome() {
    const root = this.root;
    this.bar = root.querySelector(".terminal-tabs") || document.createElement("div");
    this.bar.className = "terminal-tabs";
    this.list = document.createElement("div");
    this.list.className = "terminal-tablist";
    this.list.setAttribute("role", "tablist");
    this.list.setAttribute("aria-label", t("tabs"));
    this.list.addEventListener("keydown", (ev) => this.onTablistKey(ev));
    this.addButton = document.createElement("button");
    this.addButton.type = "button";
    this.addButton.className = "terminal-tab-add";
    this.addButton.textContent = "+";
    this.addButton.title = t("new_tab");
    this.addButton.setAttribute("aria-label", this.addButton.title);
    this.addButton.addEventListener("click", () => this.newTab());
    this.bar.replaceChildren(this.list, this.addButton);
    this.panels = root.querySelector(".terminal-panels") || document.createElement("div");
    this.panels.className = "terminal-panels";
    const help = document.createElement("p");
    help.id = `${root.id || "terminal"}-help`;
    help.className = "terminal-help";
    help.hidden = true;
    help.textContent = t("terminal_help");
    this.status = document.createElement("p");
    this.status.className = "terminal-status";
    this.status.setAttribute("role", "status");
    this.status.textContent = t("connecting");
    root.replaceChildren(this.bar, this.panels, help, this.status);
    this.helpId = help.id;
    root.dataset.connection = "connecting";
  }

  addTab(index, { activate = true } = {}) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "terminal-tab";
    button.id = `terminal-tab-${index}`;
    button.setAttribute("role", "tab");
    button.setAttribute("aria-controls", `terminal-panel-${index}`);
    button.textContent = `${index + 1}`;
    button.setAttribute("aria-label", t("terminal_tab", { n: index + 1 }));
    button.dataset.tab = String(index);
    button.addEventListener("click", () => this.activate(index, { focus: true }));
    this.list.append(button);

    const panel = document.createElement("div");
    panel.className = "terminal-panel";
    panel.id = `terminal-panel-${index}`;
    panel.dataset.tab = String(index);
    panel.setAttribute("role", "tabpanel");
    panel.setAttribute("aria-labelledby", button.id);
    panel.setAttribute("aria-label", t("terminal_tab", { n: index + 1 }));
    panel.setAttribute("aria-describedby", this.helpId);
    this.panels.append(panel);
    // xterm.js measures its container when it opens: show the panel first.
    const previous = this.active;
    panel.hidden = false;
    const tab = new TerminalTab(this, index, panel, {
      xterm: this.xterm,
      prompt: this.prompt,
      screenReader: this.screenReader,
    });
    tab.button = button;
    this.tabs.set(index, tab);
    if (activate || !previous) this.activate(index);
    else panel.hidden = true;
    this.publishTabs();
    return tab;
  }

  newTab() {
    let index = 0;
    while (this.tabs.has(index)) index += 1;
    if (index >= this.maxTabs) return null;
    const tab = this.addTab(index);
    tab.focus();
    return tab;
  }

  activate(index, { focus = false } = {}) {
    const tab = this.tabs.get(index);
    if (!tab) return;
    for (const t of this.tabs.values()) {
      const on = t === tab;
      t.panel.hidden = !on;
      t.button.setAttribute("aria-selected", on ? "true" : "false");
      t.button.tabIndex = on ? 0 : -1;
    }
    this.active = tab;
    this.root.dataset.activeTab = String(index);
    tab.fit();
    if (focus) tab.focus();
  }

  closeTab(tab) {
    if (tab.index === 0 || !this.tabs.has(tab.index)) return;
    this.tabs.delete(tab.index);
    const wasActive = this.active === tab;
    tab.dispose();
    tab.button.remove();
    tab.panel.remove();
    if (wasActive) this.activate(Math.max(...this.tabs.keys()), { focus: true });
    this.publishTabs();
  }

  publishTabs() {
    this.root.dataset.tabCount = String(this.tabs.size);
    this.addButton.disabled = this.tabs.size >= this.maxTabs;
    const order = [...this.list.children].sort((a, b) => Number(a.dataset.tab) - Number(b.dataset.tab));
    this.list.append(...order);
  }

  tabStateChanged() {
    this.dispatchEvent(new CustomEvent("tabstate"));
  }

  // Arrow keys move between tabs (the WAI-ARIA tabs pattern).
  onTablistKey(ev) {
    const keys = [...this.tabs.keys()].sort((a, b) => a - b);
    const at = keys.indexOf(this.active?.index);
    let next = null;
    if (ev.key === "ArrowRight") next = keys[(at + 1) % keys.length];
    else if (ev.key === "ArrowLeft") next = keys[(at - 1 + keys.length) % keys.length];
    else if (ev.key === "Home") next = keys[0];
    else if (ev.key === "End") next = keys[keys.length - 1];
    if (next === null || next === undefined) return;
    ev.preventDefault();
    this.activate(next);
    this.tabs.get(next).button.focus();
  }

  // ------------------------------------------------------------------ the socket
  connect() {
    this.root.dataset.connection = "connecting";
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.addEventListener("open", () => {
      sessionStorage.removeItem("playground-reloaded");
      this.retryMs = RECONNECT_MIN_MS;
      this.root.dataset.connection = "open";
      this.status.textContent = "";
      const queued = this.outbox;
      this.outbox = [];
      for (const msg of queued) socket.send(JSON.stringify(msg));
      this.dispatchEvent(new CustomEvent("open"));
    });
    socket.addEventListener("message", (ev) => this.receive(ev.data));
    socket.addEventListener("close", (ev) => {
      if (this.socket !== socket) return;
      if (ev.code === CLOSE_NO_SESSION && !sessionStorage.getItem("playground-reloaded")) {
        // The session expired while the page was open: the page view starts a new one.
        sessionStorage.setItem("playground-reloaded", "1");
        window.location.reload();
        return;
      }
      const wasOpen = this.root.dataset.connection === "open";
      this.root.dataset.connection = "closed";
      this.outbox = []; // a command sent to a dead socket must not run twice later
      for (const tab of this.tabs.values()) tab.onDisconnect();
      if (ev.code === CLOSE_TOO_MANY) {
        // The server said why in the terminal; retrying would be refused the same way until
        // another page is closed, and would keep taking a place the student may free for this one.
        this.status.textContent = t("too_many_terminals");
        this.dispatchEvent(new CustomEvent("close"));
        return;
      }
      this.status.textContent = t("reconnecting");
      if (wasOpen) this.active?.notice(t("reconnecting"));
      this.dispatchEvent(new CustomEvent("close"));
      if (ev.code === CLOSE_NOT_FOUND) return; // no such lesson: retrying will not help
      setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MAX_MS);
    });
  }

  send(msg) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(msg));
    } else {
      this.outbox.push(msg);
    }
  }

  on(type, callback) {
    if (!this.handlers.has(type)) this.handlers.set(type, []);
    this.handlers.get(type).push(callback);
  }

  receive(raw) {
    let msg;
    try {
      msg = JSON.parse(raw);
    } catch {
      console.error("terminal: not JSON:", raw);
      return;
    }
    const tab = this.tabs.get(Number.isInteger(msg.tab) ? msg.tab : -1);
    switch (msg.type) {
      case "output":
        tab?.onOutput(String(msg.data ?? ""));
        break;
      case "done":
        tab?.onDone(msg);
        break;
      case "completions":
        tab?.onCompletions(Array.isArray(msg.items) ? msg.items : []);
        break;
      case "error":
        this.showError(msg, tab);
        break;
      case "ready":
        this.onReady(msg);
        break;
      case "undo":
        this.onUndo(msg);
        break;
      case "reset":
        this.onReset(msg);
        break;
      case "clock":
        this.onClock(msg);
        break;
      case "file_saved":
        this.announce(t("saved_file", { path: msg.path }));
        break;
      default:
        break;
    }
    for (const callback of this.handlers.get(msg.type) || []) callback(msg, tab);
  }

  // `ready`, on every (re)connection: the server's tabs with their prompts, history and running
  // commands; a reload finds the tabs it left.
  onReady(msg) {
    this.root.dataset.lesson = String(msg.lesson ?? "");
    this.onClock(msg, { quiet: true });
    const tabs = msg.tabs && typeof msg.tabs === "object" ? msg.tabs : {};
    for (const [key, status] of Object.entries(tabs)) {
      const index = Number(key);
      if (!Number.isInteger(index) || index < 0 || index >= this.maxTabs) continue;
      const tab = this.tabs.get(index) || this.addTab(index, { activate: false });
      tab.applyStatus(status || {});
    }
  }

  // `undo`: the cluster, the files and the shells are back where they were before the last
  // command; a command that was still running went with it.
  onUndo(msg) {
    if (!msg.ok) {
      this.announce(t("nothing_to_undo"));
      return;
    }
    const prompts = msg.prompts && typeof msg.prompts === "object" ? msg.prompts : {};
    for (const tab of this.tabs.values()) {
      tab.applyStatus({ prompt: prompts[String(tab.index)], running: false });
    }
    this.announce(msg.line ? t("undone", { line: msg.line }) : t("undone_file"));
  }

  // `reset`: a fresh cluster and shell; extra tabs close, the first starts over.
  onReset(msg) {
    for (const tab of [...this.tabs.values()]) {
      if (tab.index !== 0) this.closeTab(tab);
    }
    this.tabs.get(0)?.resetShell(msg.prompt);
    this.activate(0);
    this.announce(t("reset"));
  }

  // `clock` (and `ready`): the page's controls show it (lesson.js).
  onClock(msg, { quiet = false } = {}) {
    this.root.dataset.paused = msg.paused ? "true" : "false";
    this.dispatchEvent(new CustomEvent("clock", { detail: { ...msg, quiet } }));
  }

  // A page-level message: dim in the active tab, and to screen readers.
  announce(text) {
    this.status.textContent = text;
    this.active?.notice(text);
  }

  // An `error` message: shown in red in its tab (or the active one); a tab waiting on the
  // server gets its prompt back.
  showError(msg, tab) {
    const target = tab || this.active;
    if (!target) return;
    console.warn("terminal: server error:", msg.message);
    const message = msg.message === "the editor is not available yet" ? t("editor_unavailable") : msg.message;
    const text = `\x1b[31m${String(message ?? "error")}\x1b[0m\n`;
    if (target.completing) target.finishCompleting();
    if (target.busy && tab) {
      target.onOutput(text);
      target.onDone({});
    } else {
      target.onOutput(text);
    }
  }

  // ------------------------------------------------------------------ for the page
  typeCommand(text) {
    const tab = this.active;
    if (!tab) return;
    tab.typeCommand(text);
  }

  dispose() {
    this.resizeObserver.disconnect();
    const socket = this.socket;
    this.socket = null;
    socket?.close();
    for (const tab of this.tabs.values()) tab.dispose();
  }
}

function socketUrl(path) {
  if (/^wss?:\/\//.test(path)) return path;
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${window.location.host}${path.startsWith("/") ? "" : "/"}${path}`;
}
