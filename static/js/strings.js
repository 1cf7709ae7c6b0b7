// Texts the scripts show, in the page's language: the template puts them in a JSON script
// (`{{ ui_strings|json_script:"ui-strings" }}`) with Python's %(name)s placeholders.

const DEFAULTS = {
  connecting: "Connecting to your cluster…",
  reconnecting: "Connection lost, reconnecting…",
  too_many_terminals: "Too many playground pages are open: close one, then reload this page.",
  saved_file: "Saved %(path)s in your home directory.",
  undone: "Undone: %(line)s",
  undone_file: "Undone: the last saved file.",
  nothing_to_undo: "Nothing to undo.",
  reset: "A fresh cluster for this lesson.",
  paused: "The clock is paused.",
  resumed: "The clock is running.",
  advanced: "%(seconds)s seconds passed.",
  editor_unavailable: "The editor is not available yet.",
  new_tab: "New terminal tab",
  terminal_tab: "Terminal %(n)s",
  tabs: "Terminal tabs",
  terminal_help: "Type shell commands and press Enter. Tab completes; Shift+Tab, or Escape then Tab, leaves the terminal.",
};

let loaded = null;

function table() {
  if (loaded === null) {
    loaded = { ...DEFAULTS };
    const el = document.getElementById("ui-strings");
    if (el) {
      try {
        Object.assign(loaded, JSON.parse(el.textContent));
      } catch (e) {
        console.error("ui-strings is not JSON", e);
      }
    }
  }
  return loaded;
}

export function t(key, params = {}) {
  const text = table()[key] ?? key;
  return text.replace(/%\((\w+)\)s/g, (m, name) => (name in params ? String(params[name]) : m));
}
