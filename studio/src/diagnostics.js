// The validator's findings (POST /api/validate, the same as drp validate) in the editor, at
// their line and column, and as a list under it; "did you mean" is offered as a fix.
import { linter } from "@codemirror/lint";
import { syntaxTree } from "@codemirror/language";
import { EditorSelection } from "@codemirror/state";
import { post, element } from "./api.js";

function position(doc, line, column) {
  if (line < 1) return 0;
  const l = doc.line(Math.min(line, doc.lines));
  return Math.min(l.from + Math.max(column - 1, 0), l.to);
}

// The JSON token the finding points at (a key or a value), else one character.
function range(state, from) {
  const node = syntaxTree(state).resolveInner(from, 1);
  if (node && node.from === from && node.to - node.from < 200 && !["Object", "Array", "JsonText"].includes(node.name))
    return { from, to: node.to };
  return { from, to: Math.min(from + 1, state.doc.length) };
}

function describe(d) {
  return d.message + (d.hint ? "\nhint: " + d.hint : "") + (d.did_you_mean ? "\ndid you mean " + JSON.stringify(d.did_you_mean) + "?" : "");
}

function showList(view, found) {
  const list = document.getElementById("diagnostics");
  list.replaceChildren(...found.map((d) => {
    const li = element("li", { class: d.severity, "data-line": d.line, "data-column": d.column, "data-rule": d.rule },
      element("span", { class: "where" }, `line ${d.line}, column ${d.column}`), " ", d.severity, ": ",
      d.pointer ? element("code", {}, d.pointer) : "", d.pointer ? " " : "", d.message);
    if (d.hint) li.append(element("span", { class: "hint" }, "hint: " + d.hint));
    if (d.did_you_mean) li.append(element("span", { class: "suggestion" }, `did you mean "${d.did_you_mean}"?`));
    li.addEventListener("click", () => {
      const at = position(view.state.doc, d.line, d.column);
      view.dispatch({ selection: EditorSelection.cursor(at), scrollIntoView: true });
      view.focus();
    });
    return li;
  }));
  const errors = found.filter((d) => d.severity === "error").length;
  const others = found.length - errors;
  const notes = others ? ` (${others} warning${others === 1 ? "" : "s"} or note${others === 1 ? "" : "s"})` : "";
  document.getElementById("diagnostic-count").textContent =
    errors === 0 ? "— the policy is valid" + notes : `— ${errors} error${errors === 1 ? "" : "s"}` + notes;
  document.body.dataset.validated = String(Number(document.body.dataset.validated || 0) + 1);
}

export function validation(onChecked) {
  return linter(async (view) => {
    const text = view.state.doc.toString();
    const { ok, answer } = await post("/api/validate", { text });
    if (view.state.doc.toString() !== text) return [];  // typed on: a newer check follows
    if (!ok) {  // e.g. a text over the studio's 4 MiB: say so rather than show old findings
      document.getElementById("diagnostics").replaceChildren(element("li", { class: "error" }, "Not checked: " + answer.error.message));
      return [];
    }
    showList(view, answer.diagnostics);
    onChecked(answer);
    return answer.diagnostics.map((d) => {
      const { from, to } = range(view.state, position(view.state.doc, d.line, d.column));
      const out = { from, to, severity: d.severity === "note" ? "info" : d.severity, message: describe(d), source: d.rule };
      if (d.did_you_mean) {
        out.actions = [{
          name: `use "${d.did_you_mean}"`,
          apply(v, f, t) {
            const old = v.state.sliceDoc(f, t);
            const insert = old.startsWith('"') ? JSON.stringify(d.did_you_mean) : d.did_you_mean;
            v.dispatch({ changes: { from: f, to: t, insert } });
          },
        }];
      }
      return out;
    });
  }, { delay: 400 });
}
