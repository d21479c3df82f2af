// The CSF-pNFH level explorer on /biomarker, drawn in the browser (issue 18).
//
// Two parts of one component share this module (a module runs once per page):
//   "controls": the slider and the lower / higher buttons, where the level moves;
//   "answer":   the group's published result and the model's counts, for every grid level, shipped
//               once per session by the server (views/explorer.py builds them with the same sentence
//               functions as the handout).
// A step draws the new answer at once, then tells the server (300 ms after the last step), which
// draws what depends on it (the effect curve, the technical note, the link, the handout's level).
// Until the server has caught up, what it drew for the old level is marked as being updated.
//
// No outside request, no inline script (this file is served by the aid's own server), no HTML from
// the data: every text is set as text, and only **bold** becomes <strong>.

const REPORT_DELAY_MS = 300;
const SPEAK_DELAY_MS = 400;
const STALE_SELECTOR = ".st-key-bm_hr, .st-key-bm_model_after";
const SVG = "http://www.w3.org/2000/svg";

const shared = {
  level: null, // the level the reader sees
  serverLevel: null, // the level the server last drew
  current: null, // the server's answer for its level (a typed level off the grid has no table entry)
  table: null,
  answers: new Set(), // mounted answer parts
  controls: null,
  pending: null, // timer of the report to the server
  sent: null, // the last level reported
  seq: 0,
  speakTimer: null,
};

function el(tag, attrs = {}, text = null) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== null) node.textContent = text;
  return node;
}

// Text with **bold**, as DOM nodes (never innerHTML).
function rich(parent, text) {
  parent.replaceChildren();
  const parts = String(text).split("**");
  parts.forEach((part, i) => {
    if (!part) return;
    if (i % 2 === 1) parent.appendChild(el("strong", {}, part));
    else parent.appendChild(document.createTextNode(part));
  });
  return parent;
}

function paragraphs(parent, texts) {
  parent.replaceChildren(...texts.map((t) => rich(el("p"), t)));
}

function answerFor(level) {
  // The server's answer for its own level (a typed level off the grid); while the numbers are hidden
  // it sends the level's label only, and the table is not on the page.
  if (shared.current && shared.current.level === level && shared.current.band) return shared.current;
  return shared.table ? shared.table.answers[String(level)] || null : null;
}

// ---------------------------------------------------------------- the icon arrays
// colours.person is charts.icon_array.PERSON_PATH, sent with the table: one figure for every picture.
function person(x, y, scale, alive, colours) {
  const p = document.createElementNS(SVG, "path");
  p.setAttribute("d", colours.person);
  p.setAttribute("transform", `translate(${x} ${y}) scale(${scale})`);
  p.setAttribute("fill", alive ? colours.alive : "#FFFFFF");
  p.setAttribute("stroke", alive ? colours.alive : colours.died);
  p.setAttribute("stroke-width", "1.5");
  p.setAttribute("vector-effect", "non-scaling-stroke");
  p.setAttribute("data-status", alive ? "alive" : "died");
  return p;
}

// The same picture as charts/icon_array.py: 100 people, the alive first, filling rows from the top
// left (charts.icons.icon_people); filled figures alive, outlined figures died (never colour alone).
function iconArray(svg, alive, colours) {
  const cell = 22;
  const scale = (0.75 * cell) / 2;
  svg.replaceChildren();
  for (let i = 0; i < 100; i++) {
    const row = Math.floor(i / 10);
    const col = i % 10;
    svg.appendChild(person(col * cell + cell / 2, row * cell + cell / 2, scale, i < alive, colours));
  }
}

function legendItem(label, alive, colours) {
  const item = el("span", { class: "aid-x-key" });
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "-12 -12 24 24");
  svg.setAttribute("width", "18");
  svg.setAttribute("height", "18");
  svg.setAttribute("aria-hidden", "true");
  svg.appendChild(person(0, 0, 9, alive, colours));
  item.append(svg, document.createTextNode(label));
  return item;
}

// ---------------------------------------------------------------- the answer part
// The parent also holds the style sheet's <link> that Streamlit put there: add to it, never clear it.
function buildAnswer(root) {
  const box = el("section", { class: "aid-x-answer", "data-aid-explorer": "answer" });
  const pubHeading = el("h2", { "data-x": "pub-heading" });
  const pub = el("div", { "data-x": "pub" });
  const source = el("p", { class: "aid-x-caption", "data-x": "source" });
  const support = el("div", { class: "aid-x-support", role: "note", "data-x": "support" });
  const modelHeading = el("h2", { "data-x": "model-heading" });
  const model = el("div", { "data-x": "model" });
  const live = el("div", { class: "aid-x-live", role: "status", "aria-live": "polite", "data-x": "live" });
  box.append(pubHeading, pub, source, support, modelHeading, model, live);
  root.appendChild(box);
  return box;
}

function drawModel(model, ans, table) {
  model.replaceChildren();
  if (!ans.shown) {
    model.appendChild(rich(el("p", { "data-x": "outside" }), ans.outside));
    return;
  }
  model.appendChild(rich(el("p", { class: "aid-x-caption", "data-x": "who" }), table.who));
  const pair = el("div", { class: "aid-x-pair" });
  table.arms.forEach((arm, i) => {
    const column = el("div", { class: "aid-x-arm", "data-x": `arm-${i}` });
    column.appendChild(el("p", { class: "aid-x-arm-title" })).appendChild(el("strong", {}, arm.title));
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 220 220");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", arm.name);
    svg.setAttribute("class", "aid-x-icons");
    iconArray(svg, ans.arms[i].alive, table.colours);
    column.appendChild(svg);
    const key = el("p", { class: "aid-x-legend", "aria-hidden": "true" });
    key.append(legendItem(table.alive, true, table.colours), legendItem(table.died, false, table.colours));
    column.appendChild(key);
    column.appendChild(rich(el("p", { "data-x": `counts-${i}` }), ans.arms[i].counts));
    pair.appendChild(column);
  });
  model.appendChild(pair);
  const words = el("div", { "data-x": "sentences" });
  paragraphs(words, ans.sentences);
  model.appendChild(words);
}

function drawAnswer(box, table, level, speak) {
  const ans = answerFor(level);
  if (!ans) return;
  const band = table.bands[ans.band];
  const q = (name) => box.querySelector(`[data-x="${name}"]`);
  if (box.dataset.band !== ans.band) {
    q("pub-heading").textContent = band.heading;
    paragraphs(q("pub"), band.sentences);
    q("source").textContent = band.source;
    paragraphs(q("support"), band.support);
    q("support").hidden = band.support.length === 0;
    box.dataset.band = ans.band;
  }
  if (box.dataset.level !== String(ans.level)) {
    q("model-heading").textContent = ans.heading;
    drawModel(q("model"), ans, table);
    box.dataset.level = String(ans.level);
  }
  if (speak) {
    clearTimeout(shared.speakTimer);
    shared.speakTimer = setTimeout(() => {
      // The aid's one polite live region (ui.access's document script, outside React), else our own.
      const live = document.getElementById("aid-live") || q("live");
      live.textContent = ans.spoken;
    }, SPEAK_DELAY_MS);
  }
}

function drawAll(speak) {
  for (const box of shared.answers) {
    if (box.isConnected) drawAnswer(box, shared.table, shared.level, speak);
    else shared.answers.delete(box);
  }
  markStale();
}

// What the server drew for another level (the effect curve, the caveat) is dimmed and marked busy
// until the server has drawn the reader's level.
function markStale() {
  const stale = shared.serverLevel !== null && shared.level !== shared.serverLevel;
  document.querySelectorAll(STALE_SELECTOR).forEach((node) => {
    node.classList.toggle("aid-x-stale", stale);
    if (stale) node.setAttribute("aria-busy", "true");
    else node.removeAttribute("aria-busy");
  });
}

// ---------------------------------------------------------------- the controls part
function clamp(level, c) {
  return Math.min(c.max, Math.max(c.min, level));
}

function setReaderLevel(level, c, setStateValue) {
  level = clamp(level, c);
  if (level === shared.level) return;
  shared.level = level;
  syncControls();
  drawAll(true);
  clearTimeout(shared.pending);
  shared.pending = setTimeout(() => {
    shared.pending = null;
    shared.sent = level;
    shared.seq += 1;
    setStateValue("level", { level, seq: shared.seq });
  }, REPORT_DELAY_MS);
}

function syncControls() {
  const k = shared.controls;
  if (!k) return;
  const c = k.c;
  const level = shared.level;
  if (Number(k.input.value) !== level) k.input.value = String(level);
  const ans = answerFor(level) || (shared.current && shared.current.level === level ? shared.current : null);
  k.input.setAttribute("aria-valuetext", ans ? ans.label : String(level));
  k.output.textContent = ans ? ans.label : String(level);
  // aria-disabled, not disabled: a disabled button drops the keyboard focus.
  k.lower.setAttribute("aria-disabled", String(level <= c.min));
  k.higher.setAttribute("aria-disabled", String(level >= c.max));
}

function buildControls(root, data, setStateValue) {
  const c = data.c;
  root.querySelector('[data-aid-explorer="controls"]')?.remove();
  const box = el("div", { class: "aid-x-controls", "data-aid-explorer": "controls" });
  const id = `aid-x-range-${Math.random().toString(36).slice(2)}`;
  const label = el("label", { for: id, class: "aid-x-label" }, c.slider);
  const row = el("div", { class: "aid-x-row" });
  const lower = el("button", { type: "button", class: "aid-x-step", "data-x": "lower" });
  lower.append(el("span", { "aria-hidden": "true", class: "aid-x-sign" }, "−"), document.createTextNode(c.lower));
  const higher = el("button", { type: "button", class: "aid-x-step", "data-x": "higher" });
  higher.append(el("span", { "aria-hidden": "true", class: "aid-x-sign" }, "+"), document.createTextNode(c.higher));
  const input = el("input", {
    id,
    type: "range",
    class: "aid-x-range",
    min: String(c.min),
    max: String(c.max),
    step: String(c.step),
  });
  const output = el("output", { for: id, class: "aid-x-value", "aria-hidden": "true" });
  row.append(lower, input, higher);
  box.append(label, output, row);
  root.appendChild(box);
  const k = { c, input, output, lower, higher, set: setStateValue };
  input.addEventListener("input", () => setReaderLevel(Number(input.value), c, k.set));
  for (const [button, delta] of [
    [lower, -c.big],
    [higher, c.big],
  ]) {
    button.addEventListener("click", () => {
      if (button.getAttribute("aria-disabled") === "true") return;
      setReaderLevel((shared.level ?? c.min) + delta, c, k.set);
    });
  }
  return k;
}

function mountControls(parentElement, data, setStateValue) {
  let k = shared.controls;
  if (!k || !k.input.isConnected || !parentElement.contains(k.input)) {
    k = buildControls(parentElement, data, setStateValue);
    shared.controls = k;
  }
  k.set = setStateValue;
  shared.current = data.current;
  const serverLevel = data.level;
  const waiting = shared.pending !== null || (shared.sent !== null && serverLevel !== shared.sent);
  shared.serverLevel = serverLevel;
  // The server's level becomes the reader's unless the reader has moved on since (a report is on
  // its way, or this is the answer to an older one): a step is never undone by a late rerun.
  if (shared.level === null || !waiting || serverLevel === shared.level) {
    if (!waiting) shared.sent = null;
    const changed = shared.level !== serverLevel;
    shared.level = serverLevel;
    syncControls();
    if (changed) drawAll(false);
  }
  markStale();
}

function mountAnswer(parentElement, data) {
  shared.table = data.table;
  let box = parentElement.querySelector('[data-aid-explorer="answer"]');
  if (!box) box = buildAnswer(parentElement);
  shared.answers.add(box);
  if (shared.level !== null) drawAnswer(box, shared.table, shared.level, false);
  markStale();
}

const utf8 = new TextDecoder();

export default function (component) {
  const { parentElement, setStateValue } = component;
  // The answer part's table arrives as UTF-8 bytes (encoded once on the server, see
  // views/explorer.py answer_payload); the controls' data as an object.
  let { data } = component;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) data = JSON.parse(utf8.decode(data));
  if (data.part === "controls") mountControls(parentElement, data, setStateValue);
  else mountAnswer(parentElement, data);
  // Nothing to undo: the drawn nodes stay while Streamlit keeps the element, and go with it.
  return () => {};
}
