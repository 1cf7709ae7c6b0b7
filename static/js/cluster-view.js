// Glue for the live cluster view. htmx's ws extension does the work: an element with
// hx-ext="ws" ws-connect="/ws/cluster/<slug>/" receives the HTML the server pushes and swaps the
// fragments marked hx-swap-oob (#cluster-view, #cluster-filter); the namespace filter goes back
// with ws-send. This module only publishes the socket's state for styles and tests:
// #cluster-view[data-connection] is "connecting", "open" or "closed", data-swaps counts the
// pushes applied.

export function wireClusterView(doc = document) {
  const view = doc.getElementById("cluster-view");
  if (!view) return null;
  if (!window.htmx) {
    console.error("cluster view: htmx is not loaded (vendor/htmx/htmx.min.js, then vendor/htmx-ext-ws/ws.js)");
  }
  let swaps = 0;
  let state = "connecting";
  const set = (value) => {
    state = value;
    const current = doc.getElementById("cluster-view"); // an oob swap may have replaced it
    if (current) current.dataset.connection = state;
  };
  set("connecting");
  // The ws extension fires these on the element with ws-connect; they bubble to the body.
  doc.body.addEventListener("htmx:wsConnecting", () => set("connecting"));
  doc.body.addEventListener("htmx:wsOpen", () => set("open"));
  doc.body.addEventListener("htmx:wsClose", () => set("closed"));
  doc.body.addEventListener("htmx:wsError", () => set("closed"));
  doc.body.addEventListener("htmx:wsAfterMessage", () => {
    swaps += 1;
    const current = doc.getElementById("cluster-view");
    if (current) {
      current.dataset.swaps = String(swaps);
      current.dataset.connection = state;
    }
  });
  return view;
}
