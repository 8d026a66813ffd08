// The scenario runner: a dispute built from a form (or pasted as JSONL), run against the
// policy in the editor (POST /api/simulate, the engine of drp simulate): the timeline, each
// obligation's due date with how it was counted, what is overdue as of a date, and every
// event the policy refused with its reason. Scenarios are examples the author types: the
// form fills child_ref and summary with placeholders, never a child's details.
import { post, element } from "./api.js";

const reasons = ["no_response", "inadequate_response", "not_resolved", "discretion"];
// Per event type, its fields beyond type, at, dispute_id (schemas/event.schema.json).
const forms = {
  raise: [["category", "text", "drift_delay"], ["urgency", ["standard", "urgent", "imminent_risk"]],
          ["start_stage", "text", ""], ["start_reason", "text", ""]],
  escalate: [["reason", reasons], ["to", "text", ""]],
  respond: [["adequate", "bool", false]],
  extend: [["until", "date", ""], ["agreed_by", "text", "IRO"]],
  pause: [["approved_by", "text", "IRO_MANAGER"]],
  resume: [],
  legal_advice: [],
  consult: [["role", "text", ""], ["agreed", "bool", false]],
  refer: [["concurrent", "bool", false]],
  referral_decision: [["accepted", "bool", true]],
  meeting: [["kind", "text", ""]],
  record: [["obligation", "text", ""], ["stage", "text", ""]],
  notify: [["role", "text", ""]],
  resolve: [],
  withdraw: [["reason", "text", "example reason"]],
};

// Europe/London's offset on a day at a time, e.g. "+01:00" in summer.
function londonOffset(date, time) {
  const guess = new Date(`${date}T${time}:00Z`);
  const name = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", timeZoneName: "shortOffset" })
    .formatToParts(guess).find((p) => p.type === "timeZoneName").value;
  const m = /GMT([+-])(\d+)(?::(\d+))?/.exec(name);
  return m ? `${m[1]}${m[2].padStart(2, "0")}:${(m[3] || "00").padStart(2, "0")}` : "+00:00";
}

// Which of the policy's ids a field takes, offered as suggestions (the author may type others).
const suggested = {
  category: "categories", start_stage: "stages", to: "stages", stage: "stages",
  role: "roles", agreed_by: "roles", approved_by: "roles",
};

function policyIds(text) {
  let p;
  try { p = JSON.parse(text); } catch { return {}; }
  const keys = (o) => (o && typeof o === "object" && !Array.isArray(o) ? Object.keys(o) : []);
  return {
    categories: keys(p.categories),
    roles: keys(p.roles),
    stages: Array.isArray(p.stages) ? p.stages.map((s) => s && s.id).filter((id) => typeof id === "string") : [],
  };
}

function fillSuggestions(text) {
  const ids = policyIds(text);
  for (const [list, values] of Object.entries(ids))
    document.getElementById("ids-" + list)?.replaceChildren(...values.map((v) => element("option", { value: v })));
}

function fieldInputs(type) {
  return forms[type].map(([name, kind, initial]) => {
    let input;
    if (Array.isArray(kind)) {
      input = element("select", { "data-field": name }, ...kind.map((k) => element("option", { value: k }, k)));
    } else if (kind === "bool") {
      input = element("input", { type: "checkbox", "data-field": name, "data-kind": "bool" });
      input.checked = initial;
    } else {
      input = element("input", { type: kind === "date" ? "date" : "text", "data-field": name, size: "12" });
      if (suggested[name]) input.setAttribute("list", "ids-" + suggested[name]);
      input.value = initial;
    }
    input.id = "field-" + name;
    return element("label", {}, name.replace(/_/g, " ") + " ", input);
  });
}

export function eventFromForm() {
  const type = document.getElementById("event-type").value;
  const date = document.getElementById("event-date").value;
  const time = document.getElementById("event-time").value || "09:00";
  if (!date) return null;
  const e = { type, at: `${date}T${time}:00${londonOffset(date, time)}`, dispute_id: document.getElementById("event-dispute").value || "EXAMPLE-1" };
  if (type === "raise") Object.assign(e, { by: "IRO", child_ref: "EXAMPLE-CHILD", summary: "Example dispute" });
  if (type === "refer") e.to = "cafcass";
  if (type === "resolve") e.summary = "Example resolution";
  for (const input of document.querySelectorAll("#event-fields [data-field]")) {
    const name = input.dataset.field;
    if (input.dataset.kind === "bool") e[name] = input.checked;
    else if (input.value !== "") e[name] = input.value;
  }
  return e;
}

function table(headings, rows) {
  return element("table", {}, element("tr", {}, ...headings.map((h) => element("th", {}, h))), ...rows);
}

function showResults(answer) {
  const box = document.getElementById("results");
  const parts = [];
  if (answer.refusals.length)
    parts.push(element("h3", {}, "Refused"),
      element("ul", { id: "refusals" }, ...answer.refusals.map((r) =>
        element("li", { class: "refusal", "data-line": r.line }, `line ${r.line}: ${r.message} [${r.code}]`))));
  for (const d of answer.disputes) {
    const timeline = table(["at", "event", "what"], d.timeline.map((t) => element("tr", {}, element("td", {}, t.at), element("td", {}, t.type), element("td", {}, t.detail))));
    const owed = table(["status", "obligation", "stage", "who", "due", "how it was counted"], d.obligations.map((o) =>
      element("tr", { class: o.status, "data-id": o.id, "data-stage": o.stage, "data-due-date": o.due_date ?? "" },
        element("td", { class: "status" }, o.status), element("td", {}, o.id), element("td", {}, o.stage), element("td", {}, o.role),
        element("td", { class: "due" }, o.due ?? "—"), element("td", { class: "explain" }, o.explain))));
    parts.push(element("div", { class: "dispute" },
      element("h3", {}, `${d.dispute_id}: ${d.status}${d.stage ? ", at " + d.stage : ""}${d.paused ? ", paused (time out)" : ""} — as of ${answer.as_of}`),
      timeline, owed, element("p", {}, "May happen next: " + (d.allowed_next.join(", ") || "nothing"))));
  }
  if (!parts.length) parts.push(element("p", {}, "No events yet: add some with the form, or paste JSONL."));
  box.replaceChildren(...parts);
  box.dataset.runs = String(Number(box.dataset.runs || 0) + 1);
}

export function scenario(policyText) {
  const type = document.getElementById("event-type");
  type.replaceChildren(...Object.keys(forms).map((t) => element("option", { value: t }, t)));
  const fields = document.getElementById("event-fields");
  const refill = () => {
    fields.replaceChildren(...fieldInputs(type.value));
    fillSuggestions(policyText());
  };
  type.addEventListener("change", refill);
  refill();
  const events = document.getElementById("events");
  document.getElementById("event-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const e = eventFromForm();
    if (!e) return;
    events.value += (events.value && !events.value.endsWith("\n") ? "\n" : "") + JSON.stringify(e) + "\n";
  });
  document.getElementById("clear-events").addEventListener("click", () => {
    events.value = "";
    document.getElementById("results").replaceChildren();
  });
  const run = async () => {
    const { ok, answer } = await post("/api/simulate", { text: policyText(), events: events.value, as_of: document.getElementById("as-of").value });
    const box = document.getElementById("results");
    if (!ok) {
      box.replaceChildren(element("p", { class: "refusal", id: "run-error" }, answer.error.message));
      box.dataset.runs = String(Number(box.dataset.runs || 0) + 1);
      return;
    }
    showResults(answer);
  };
  document.getElementById("run").addEventListener("click", run);
  return { run };
}
