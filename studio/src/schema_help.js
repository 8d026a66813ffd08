// Completion and hover help from schemas/policy.schema.json (served by GET /api/schema):
// the keys an object may have and the values a field may take, with the schema's titles,
// descriptions and examples. Small on purpose: it reads the subset of JSON Schema drp's
// schema uses ($ref to #/$defs, properties, patternProperties, items, allOf/anyOf/oneOf,
// enum, const).
import { syntaxTree } from "@codemirror/language";
import { hoverTooltip } from "@codemirror/view";

let schema = null;
export async function loadSchema() {
  const res = await fetch("/api/schema");
  if (res.ok) schema = await res.json();
}

function resolve(s) {
  for (let i = 0; s && s.$ref && i < 32; i++) {
    if (!s.$ref.startsWith("#/")) return s;
    let target = schema;
    for (const part of s.$ref.slice(2).split("/")) target = target && target[part.replace(/~1/g, "/").replace(/~0/g, "~")];
    const siblings = { ...s };
    delete siblings.$ref;
    s = target ? { ...target, ...siblings } : null;
  }
  return s;
}

// Every schema that applies to the same value (the branches of allOf, anyOf and oneOf).
function alternatives(s, out = [], depth = 0) {
  s = resolve(s);
  if (!s || typeof s !== "object" || depth > 16) return out;
  out.push(s);
  for (const k of ["allOf", "anyOf", "oneOf"]) for (const b of s[k] || []) alternatives(b, out, depth + 1);
  if (s.then) alternatives(s.then, out, depth + 1);
  if (s.else) alternatives(s.else, out, depth + 1);
  return out;
}

function child(s, step) {
  const found = [];
  for (const a of alternatives(s)) {
    if (step === "[]") {
      if (a.items) found.push(a.items);
    } else if (a.properties && a.properties[step]) {
      found.push(a.properties[step]);
    } else {
      for (const [p, v] of Object.entries(a.patternProperties || {})) if (new RegExp(p, "u").test(step)) found.push(v);
      if (typeof a.additionalProperties === "object") found.push(a.additionalProperties);
    }
  }
  return found.length ? { allOf: found } : null;
}

function schemaAt(path) {
  let s = schema;
  for (const step of path) if (!(s = child(s, step))) return null;
  return s;
}

function keyOf(state, property) {
  const name = property.getChild("PropertyName");
  if (!name) return null;
  try { return JSON.parse(state.sliceDoc(name.from, name.to)); } catch { return null; }
}

// The path from the document's root to the value `node` is in: keys, and "[]" per array.
function pathTo(state, node) {
  const path = [];
  for (let n = node; n; n = n.parent) {
    if (n.name === "Property") {
      const k = keyOf(state, n);
      if (k === null) return null;
      path.unshift(k);
    } else if (n.name === "Array") {
      path.unshift("[]");
    }
  }
  return path;
}

function about(s) {
  const parts = [];
  let title = "", description = "", examples = [];
  for (const a of alternatives(s)) {
    title ||= a.title || "";
    description ||= a.description || "";
    if (!examples.length && Array.isArray(a.examples)) examples = a.examples;
  }
  if (title) parts.push(title);
  if (description) parts.push(description);
  if (examples.length) parts.push("e.g. " + examples.slice(0, 3).map((e) => JSON.stringify(e)).join(", "));
  return parts.join("\n\n");
}

function keysOf(s) {
  const keys = new Map();
  for (const a of alternatives(s)) for (const [k, v] of Object.entries(a.properties || {})) if (!keys.has(k)) keys.set(k, v);
  return keys;
}

function valuesOf(s) {
  const values = [];
  for (const a of alternatives(s)) {
    for (const v of a.enum || []) values.push({ value: v, info: a.description || "" });
    if ("const" in a) values.push({ value: a.const, info: a.description || a.title || "" });
    if (a.type === "boolean") values.push({ value: true, info: "" }, { value: false, info: "" });
  }
  const seen = new Set();
  return values.filter((v) => !seen.has(JSON.stringify(v.value)) && seen.add(JSON.stringify(v.value)));
}

export function completeFromSchema(context) {
  if (!schema) return null;
  const tree = syntaxTree(context.state);
  const node = tree.resolveInner(context.pos, -1);
  // A key being typed: `"sta|` inside an object, or an empty place for one.
  const inName = node.name === "PropertyName" || (node.name === "String" && node.parent?.name === "Object");
  const atKeyPlace = node.name === "Object" || (node.name === "⚠" && node.parent?.name === "Object");
  if (inName || atKeyPlace) {
    const object = inName ? (node.parent.name === "Property" ? node.parent.parent : node.parent) : node.name === "Object" ? node : node.parent;
    const path = pathTo(context.state, object);
    const s = path && schemaAt(path);
    if (!s) return null;
    const present = new Set(object.getChildren("Property").map((p) => keyOf(context.state, p)));
    const from = inName ? node.from : context.pos;
    const options = [...keysOf(s)].filter(([k]) => !present.has(k) || (inName && keyOf(context.state, node.parent) === k))
      .map(([k, v]) => ({ label: JSON.stringify(k), type: "property", info: about(v), apply: JSON.stringify(k) + ": " }));
    return { from, to: inName ? node.to : context.pos, options, validFor: /^"?[\w$]*"?$/ };
  }
  // A value: the enum, const and boolean values its schema allows.
  let property = node;
  while (property && property.name !== "Property" && property.name !== "Array") property = property.parent;
  if (!property || property.name !== "Property") return null;
  const value = node.name === "String" || node.name === "Number" || node.name === "True" || node.name === "False" || node.name === "Null";
  if (!value && !context.explicit) return null;
  const path = pathTo(context.state, value ? node : property);
  const s = path && schemaAt(path);
  if (!s) return null;
  const options = valuesOf(s).map((v) => ({ label: JSON.stringify(v.value), type: "constant", info: v.info }));
  if (!options.length) return null;
  return { from: value ? node.from : context.pos, to: value ? node.to : context.pos, options };
}

export const schemaHover = hoverTooltip((view, pos) => {
  if (!schema) return null;
  const node = syntaxTree(view.state).resolveInner(pos, 1);
  if (node.name !== "PropertyName") return null;
  const path = pathTo(view.state, node.parent);
  const s = path && schemaAt(path);
  const text = s && about(s);
  if (!text) return null;
  return {
    pos: node.from,
    end: node.to,
    above: true,
    create() {
      const dom = document.createElement("div");
      dom.className = "schema-help";
      dom.textContent = text;
      return { dom };
    },
  };
});
