// Entry point, loaded as <script type="module" src="{% static 'js/playground.js' %}">: starts the
// terminal on #terminal and wires the editor pane, the lesson text, the steps, the controls and
// the cluster view. Pages without #terminal get only the cluster-view glue.
//
// window.playground exposes the running pieces for debugging and browser tests.

import { wireClusterView } from "./cluster-view.js";
import { EditorPane } from "./editor-pane.js";
import { wireLesson } from "./lesson.js";
import { TerminalSession } from "./terminal-session.js";
import { loadXterm } from "./vendor.js";

// A stylesheet the page did not link: added, and waited for (xterm measures its box on open).
function ensureStylesheet(href, marker) {
  if (document.querySelector(`link[rel="stylesheet"][href*="${marker}"]`)) return Promise.resolve();
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = new URL(href, import.meta.url).href;
  const loaded = new Promise((resolve) => {
    link.addEventListener("load", resolve, { once: true });
    link.addEventListener("error", resolve, { once: true });
  });
  document.head.append(link);
  return loaded;
}

async function start() {
  const root = document.getElementById("terminal");
  const app = { session: null, editor: null, clusterView: wireClusterView(document) };
  window.playground = app;
  if (root) {
    const [xterm] = await Promise.all([
      loadXterm(),
      ensureStylesheet("../vendor/xterm/css/xterm.css", "xterm.css"),
      ensureStylesheet("../css/terminal.css", "terminal.css"),
    ]);
    app.session = new TerminalSession(root, xterm);
    app.editor = new EditorPane(app.session, document.getElementById("editor"));
    wireLesson(app.session, document);
  }
  document.documentElement.dataset.playground = "ready";
}

function run() {
  start().catch((e) => {
    document.documentElement.dataset.playground = "failed";
    throw e;
  });
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", run, { once: true });
} else {
  run();
}
