// The studio's own server is the only place the page talks to (its CSP allows no other).
export async function post(path, body) {
  const res = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = await res.json();
  return { ok: res.ok, status: res.status, answer };
}

export async function get(path) {
  const res = await fetch(path);
  return { ok: res.ok, status: res.status, answer: await res.json() };
}

/// Runs `task` once typing has paused for `ms`; a newer call supersedes an older one.
export function debounce(task, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => task(...args), ms);
  };
}

export function element(tag, attributes = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) {
    if (k === "class") e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}
