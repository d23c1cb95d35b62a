// dateline serve: reloads the page after each rebuild, and shows the errors of a
// failed rebuild over the last good page until they are fixed.
(() => {
  "use strict";
  const script = document.currentScript;
  const shown = script ? script.dataset.build : "";
  const pageTitle = document.title;
  const base = script ? script.dataset.base : "";
  let overlay = null;

  function hide() {
    if (overlay) {
      overlay.remove();
      overlay = null;
      document.title = pageTitle;
    }
  }

  function show(errors) {
    hide();
    overlay = document.createElement("dateline-errors");
    const root = overlay.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent = `
      :host { all: initial; position: fixed; inset: 0; z-index: 2147483647;
        background: rgba(20, 20, 20, .72); overflow: auto; font: 15px/1.45 system-ui, sans-serif; }
      section { max-width: 60rem; margin: 2rem auto; background: #fff; color: #1b1b1b;
        border-top: 6px solid #c62828; border-radius: 4px; padding: 1.2rem 1.5rem; }
      h1 { font-size: 1.15rem; margin: 0 0 .3rem; color: #c62828; }
      p { margin: 0 0 1rem; color: #555; }
      li { margin: 0 0 1rem; }
      .where { font-weight: 600; }
      .warning .where { color: #8a5a00; }
      pre { background: #f6f6f6; padding: .6rem .8rem; overflow: auto; font: 13px/1.4 ui-monospace, monospace; white-space: pre; }
      button { float: right; font: inherit; }`;
    const section = document.createElement("section");
    const close = document.createElement("button");
    close.textContent = "Hide";
    close.addEventListener("click", hide);
    const h1 = document.createElement("h1");
    h1.textContent = `Build failed: ${errors.summary}`;
    const note = document.createElement("p");
    note.textContent =
      "This is the last good version of the page. Fix the files below and save: the page reloads by itself.";
    const list = document.createElement("ol");
    for (const problem of errors.diagnostics) {
      const item = document.createElement("li");
      item.className = problem.severity;
      const where = document.createElement("div");
      where.className = "where";
      where.textContent = `${problem.location}: ${problem.severity}: ${problem.message}`;
      const text = document.createElement("pre");
      text.textContent = problem.text;
      item.append(where, text);
      list.append(item);
    }
    section.append(close, h1, note, list);
    root.append(style, section);
    document.documentElement.append(overlay);
    document.title = `✖ Build failed · ${pageTitle}`;
  }

  function onState(state) {
    if (state.build && state.build !== shown) {
      // The site moved to a new base path: follow it.
      const path = location.pathname;
      if (base && state.base && state.base !== base && path.startsWith(base)) {
        location.replace(state.base + path.slice(base.length) + location.search + location.hash);
      } else {
        location.reload();
      }
      return;
    }
    if (state.errors) {
      show(state.errors);
    } else {
      hide();
    }
  }

  // Only a visible page keeps the event stream open: a browser allows six connections
  // per server, and a seventh preview tab must not wait for one. A page shown again
  // reconnects, hears the current state, and reloads if it missed a build.
  let events = null;
  function connect() {
    if (!events) {
      events = new EventSource("/__dateline/events");
      events.addEventListener("state", (message) => onState(JSON.parse(message.data)));
    }
  }
  function disconnect() {
    if (events) {
      events.close();
      events = null;
    }
  }
  document.addEventListener("visibilitychange", () => (document.hidden ? disconnect() : connect()));
  if (!document.hidden) {
    connect();
  }
})();
