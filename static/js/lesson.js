// The page around the terminal: command and manifest buttons in the lesson text, the step list's
// check marks and the clock/undo/reset controls.
//
// - [data-command]: types its command into the active terminal tab and runs it.
// - [data-save-file][data-filename]: writes the neighbouring <code>'s text to that file in the home
//   directory with the server's `write_file` (undoable; `file_saved` confirms it and the button
//   gets data-saved="true"). A name the server would refuse is typed in as a quoted here-document.
// - #steps li[data-step-id]: data-passed follows `steps` messages, `message` goes in its
//   .step-message; a step that turns passed fires `steps-changed` on body (htmx reloads the list).
// - #controls [data-action="reset|undo|pause|resume|advance"] (advance reads data-seconds); the
//   `clock` and `ready` messages show Pause or Resume and put the news in #clock-status.

import { heredocCommand } from "./shell-input.js";
import { t } from "./strings.js";

const ACTIONS = new Set(["reset", "undo", "pause", "resume", "advance"]);
// The file names the server's write_file takes (playground/consumers/validate.py).
const SERVER_PATH = /^[A-Za-z0-9._~-][A-Za-z0-9._/-]{0,199}$/;

export function wireLesson(session, doc = document) {
  const pendingSaves = new Map();
  // Delegated, so buttons htmx swaps in later work too.
  doc.addEventListener("click", (ev) => {
    const target = ev.target instanceof Element ? ev.target : null;
    const command = target?.closest("[data-command]");
    if (command && !command.closest("#terminal")) {
      ev.preventDefault();
      session.typeCommand(command.dataset.command);
      afterTyping(session, ev);
      return;
    }
    const save = target?.closest("[data-save-file]");
    if (save) {
      ev.preventDefault();
      const name = save.dataset.filename || save.dataset.saveFile;
      const code = codeFor(save);
      if (!name || code === null) {
        console.error("save-file button without a file name or a <code> next to it", save);
        return;
      }
      if (SERVER_PATH.test(name) && !name.split("/").includes("..")) {
        save.dataset.saved = "pending";
        pendingSaves.set(name, save);
        session.send({ type: "write_file", tab: session.active?.index ?? 0, path: name, content: code });
      } else {
        session.typeCommand(heredocCommand(name, code));
        afterTyping(session, ev);
      }
      return;
    }
    const control = target?.closest("#controls [data-action]");
    if (control && ACTIONS.has(control.dataset.action)) {
      ev.preventDefault();
      control_(session, control);
    }
  });
  let lastResults = [];
  session.on("steps", (msg) => {
    lastResults = Array.isArray(msg.results) ? msg.results : [];
    if (updateSteps(doc, lastResults)) doc.body.dispatchEvent(new CustomEvent("steps-changed", { bubbles: true }));
  });
  // The list htmx reloads has no messages: put them back.
  doc.body.addEventListener("htmx:afterSettle", () => updateSteps(doc, lastResults));
  session.addEventListener("clock", (ev) => showClock(doc, session, ev.detail));
  session.on("file_saved", (msg) => {
    const button = pendingSaves.get(msg.path);
    pendingSaves.delete(msg.path);
    if (button) button.dataset.saved = "true";
  });
}

// A mouse click sends the student on to the terminal; a keyboard user stays on the button.
function afterTyping(session, ev) {
  if (ev.detail > 0) session.active?.focus();
}

function control_(session, button) {
  const action = button.dataset.action;
  const msg = { type: action };
  if (action === "advance") {
    const seconds = Number(button.dataset.seconds || "30");
    msg.seconds = Number.isFinite(seconds) && seconds > 0 ? seconds : 30;
  }
  session.send(msg);
}

// The server's `clock` (and `ready`) messages: whether the clock is paused, and how far it went.
function showClock(doc, session, msg) {
  const paused = Boolean(msg.paused);
  const controls = doc.getElementById("controls");
  if (controls) {
    const hadFocus = controls.contains(doc.activeElement) ? doc.activeElement : null;
    controls.dataset.paused = paused ? "true" : "false";
    const pause = controls.querySelector('[data-action="pause"]');
    const resume = controls.querySelector('[data-action="resume"]');
    if (pause && resume) {
      pause.hidden = paused;
      resume.hidden = !paused;
      // The button just pressed disappears: keep the keyboard on its partner.
      if (hadFocus && hadFocus.hidden) (paused ? resume : pause).focus();
    }
  }
  if (msg.quiet) return;
  let text;
  if (msg.advanced) text = t("advanced", { seconds: formatSeconds(msg.advanced) });
  else text = t(paused ? "paused" : "resumed");
  const status = doc.getElementById("clock-status");
  if (status) status.textContent = text;
  else session.announce(text);
}

function formatSeconds(seconds) {
  const n = Number(seconds);
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

// The <code> a save button belongs to: the one in its div.codeblock, else the nearest ancestor
// holding exactly one code element, else the closest one before it.
export function codeFor(button) {
  const block = button.closest(".codeblock");
  const inBlock = block?.querySelector("code");
  if (inBlock) return inBlock.textContent;
  let node = button.parentElement;
  for (let depth = 0; node && depth < 4; depth += 1, node = node.parentElement) {
    const codes = node.querySelectorAll("code");
    if (codes.length === 1) return codes[0].textContent;
    if (codes.length > 1) break;
  }
  let prev = button.previousElementSibling;
  while (prev) {
    const code = prev.matches("code") ? prev : prev.querySelector("code");
    if (code) return code.textContent;
    prev = prev.previousElementSibling;
  }
  return null;
}

// Marks the steps; true when a step turned passed.
export function updateSteps(doc, results) {
  if (!Array.isArray(results)) return false;
  let newlyPassed = false;
  for (const r of results) {
    const li = doc.querySelector(`#steps li[data-step-id="${cssEscape(String(r.id))}"]`);
    if (!li) continue;
    const passed = Boolean(r.passed);
    if (passed && li.dataset.passed !== "true") newlyPassed = true;
    li.dataset.passed = passed ? "true" : "false";
    const message = li.querySelector(".step-message, [data-step-message]");
    const text = r.message && !passed ? String(r.message) : "";
    if (message) {
      if (message.textContent !== text) message.textContent = text;
    } else {
      li.title = text;
    }
  }
  const list = doc.getElementById("steps");
  if (list) {
    const all = list.querySelectorAll("li[data-step-id]");
    const done = list.querySelectorAll('li[data-step-id][data-passed="true"]');
    list.dataset.passedCount = String(done.length);
    list.dataset.complete = all.length > 0 && done.length === all.length ? "true" : "false";
  }
  return newlyPassed;
}

function cssEscape(s) {
  return window.CSS?.escape ? window.CSS.escape(s) : s.replace(/["\\]/g, "\\$&");
}
