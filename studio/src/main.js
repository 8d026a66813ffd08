// drp studio's page: the editor (CodeMirror 6) with the validator's diagnostics and the
// schema's help, the flowchart redrawn as the author types, the scenario runner, save and
// download. Everything goes to the studio's own server and nowhere else.
import { EditorView, basicSetup } from "codemirror";
import { keymap } from "@codemirror/view";
import { json } from "@codemirror/lang-json";
import { autocompletion } from "@codemirror/autocomplete";
import { lintGutter } from "@codemirror/lint";
import { get, post } from "./api.js";
import { validation } from "./diagnostics.js";
import { drawer } from "./drawing.js";
import { loadSchema, completeFromSchema, schemaHover } from "./schema_help.js";
import { scenario } from "./scenario.js";

const status = document.getElementById("status");
function say(text, isError = false) {
  status.textContent = text;
  status.className = isError ? "error" : "";
}

let session = { file: null };
let savedText = null;
const drawing = drawer();

const view = new EditorView({
  parent: document.getElementById("editor"),
  extensions: [
    basicSetup,
    json(),
    lintGutter(),
    validation(() => {}),
    autocompletion({ override: [completeFromSchema] }),
    schemaHover,
    keymap.of([{ key: "Mod-s", preventDefault: true, run: () => { save(); return true; } }]),
    EditorView.updateListener.of((u) => {
      if (!u.docChanged) return;
      drawing.soon(u.state.doc.toString());
      markDirty();
    }),
  ],
});

function markDirty() {
  const dirty = savedText !== null && view.state.doc.toString() !== savedText;
  document.title = (dirty ? "• " : "") + "drp studio" + (session.file ? " — " + session.file : "");
}

function replaceText(text) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

async function save() {
  if (!session.file) return say("Started without a file: use Download, or start drp studio FILE", true);
  const text = view.state.doc.toString();
  const { ok, answer } = await post("/api/save", { text });
  if (!ok) return say("Not saved: " + answer.error.message, true);
  savedText = text;
  markDirty();
  say(`Saved ${answer.saved}` + (answer.backup ? ` (the previous version is ${answer.backup})` : ""));
}

function download() {
  const blob = new Blob([view.state.doc.toString()], { type: "application/json" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = (session.file || "policy.json").split("/").pop();
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

async function start() {
  await loadSchema();
  const seeds = (await get("/api/seeds")).answer.seeds;
  const select = document.getElementById("seeds");
  for (const s of seeds) select.append(new Option(s, s));
  const opened = await get("/api/session");
  if (!opened.ok) throw new Error(opened.answer.error.message);
  session = opened.answer;
  const shown = document.getElementById("file");
  shown.textContent = session.file ? session.file.split("/").pop() : "(no file: Save is off, Download works)";
  if (session.file) shown.title = session.file;
  document.getElementById("save").disabled = !session.file;
  if (session.text !== null && session.text !== undefined) {
    savedText = session.text;
    replaceText(session.text);
    say("Opened " + session.file.split("/").pop());
  } else {
    say(session.file ? `${session.file} does not exist yet: start from a seed, then Save creates it` : "Start from a seed policy");
  }
  document.getElementById("open-seed").addEventListener("click", async () => {
    const { ok, answer } = await post("/api/seed", { name: select.value });
    if (!ok) return say(answer.error.message, true);
    replaceText(answer.text);  // Ctrl-Z brings back what was there
    say(`Started from the seed ${answer.name}` + (session.file ? ": Save writes it to " + session.file : ""));
  });
  document.getElementById("save").addEventListener("click", save);
  document.getElementById("download").addEventListener("click", download);
  scenario(() => view.state.doc.toString());
  drawing.now(view.state.doc.toString());
  document.body.dataset.ready = "true";
}

window.studio = { view };  // for the browser test and for authors curious in the console
start().catch((e) => say("The studio could not start: " + e.message, true));
