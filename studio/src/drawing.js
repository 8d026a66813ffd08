// The flowchart, redrawn from the editor's text (POST /api/render: drp render's drawing,
// through Graphviz) once typing pauses; while the policy does not load, the last drawing
// stays, marked as out of date.
import { post, debounce } from "./api.js";

// Graphviz escapes the policy's text; anything active is dropped all the same.
function inert(svgText) {
  const doc = new DOMParser().parseFromString(svgText, "image/svg+xml");
  const svg = doc.documentElement;
  if (svg.nodeName !== "svg") return null;
  svg.querySelectorAll("script, foreignObject, a").forEach((e) => e.replaceWith(...e.childNodes));
  for (const e of [svg, ...svg.querySelectorAll("*")])
    for (const a of [...e.attributes]) if (/^on/i.test(a.name) || /href$/i.test(a.name)) e.removeAttribute(a.name);
  return document.importNode(svg, true);
}

export function drawer() {
  const box = document.getElementById("drawing");
  const status = document.getElementById("drawing-status");
  let latest = 0;
  const draw = async (text) => {
    const mine = ++latest;
    const { ok, answer } = await post("/api/render", { text, format: "svg" });
    if (mine !== latest) return;
    if (!ok) {
      status.textContent = box.firstChild ? "— out of date: " + answer.error.message : "— " + answer.error.message;
      status.className = "stale";
      return;
    }
    const svg = inert(answer.drawing);
    if (svg) box.replaceChildren(svg);
    status.textContent = "";
    status.className = "";
    box.dataset.drawn = String(Number(box.dataset.drawn || 0) + 1);
  };
  return { now: draw, soon: debounce(draw, 600) };
}
