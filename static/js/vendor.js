// xterm.js and its fit addon, from node_modules (served under static/vendor/). The page may have
// loaded the UMD builds already (globals Terminal and FitAddon.FitAddon); otherwise the ES module
// builds are imported here, so the code is never fetched twice.

export async function loadXterm() {
  if (typeof window.Terminal === "function" && window.FitAddon?.FitAddon) {
    return { Terminal: window.Terminal, FitAddon: window.FitAddon.FitAddon };
  }
  const [xterm, fit] = await Promise.all([
    import("../vendor/xterm/lib/xterm.mjs"),
    import("../vendor/xterm-addon-fit/lib/addon-fit.mjs"),
  ]);
  return { Terminal: xterm.Terminal, FitAddon: fit.FitAddon };
}
