// The page's start: which data to show (embedded report, ?src=, /reports/:id, a dropped file, or the
// live API), which view (overview or one service), and the live page's refresh without reloading.
const REFRESH_MS = 10_000;
const root = document.getElementById('root');
const sourceLine = document.getElementById('source');
const state = { search: '', commonScale: false };
let model;
let refreshTimer;

function serviceHref(current, id) {
  return current.kind === 'live' ? `/services/${encodeURIComponent(id)}` : `#service=${encodeURIComponent(id)}`;
}

function homeHref(current) {
  return current.kind === 'live' ? '/' : '#';
}

/** The service a URL names: /services/:id live, #service=id in a report. */
function chosenService() {
  const path = location.pathname.match(/^\/services\/([^/]+)$/);
  if (path) return decodeURIComponent(path[1]);
  const hash = location.hash.match(/^#service=(.+)$/);
  return hash ? decodeURIComponent(hash[1]) : undefined;
}

async function render() {
  const id = chosenService();
  const service = id && model.services.find((s) => s.id === id);
  if (id && !service) {
    root.replaceChildren(h('p', { class: 'error', role: 'alert' }, `No service "${id}" here. `, h('a', { href: homeHref(model) }, 'All services')));
    return;
  }
  if (service && model.kind === 'live') await liveService(model, id, state.region?.service === id ? state.region.region : undefined);
  const kept = keyboardPlace();
  root.replaceChildren(...(service ? serviceView(service, model, state) : overviewView(model, state)).filter(Boolean));
  restoreKeyboardPlace(kept);
  document.title = service ? `${service.name} · outage-radar` : 'outage-radar';
}

/** Where an element is under the root: child indexes, so that the view drawn anew can find its twin. */
function pathOf(node) {
  const path = [];
  for (let n = node; n && n !== root; n = n.parentElement) path.unshift([...n.parentElement.children].indexOf(n));
  return path;
}

function atPath(path) {
  return path.reduce((n, i) => n?.children[i], root);
}

/** An element's identity across a redraw: its tag with its link, name or text. */
function twinKey(node) {
  return `${node.tagName}|${node.getAttribute('href') ?? ''}|${node.getAttribute('data-region') ?? ''}|${node.textContent.trim().slice(0, 80)}`;
}

/**
 * The focused control and the open disclosures, kept across a redraw (the live refresh draws the view
 * anew every 10 s), so that a keyboard user stays where they were.
 */
function keyboardPlace() {
  const focused = root.contains(document.activeElement) && document.activeElement !== root ? document.activeElement : undefined;
  return {
    focused: focused && { path: pathOf(focused), key: twinKey(focused) },
    open: [...root.querySelectorAll('details[open]')].map((d) => ({ path: pathOf(d), key: twinKey(d.querySelector('summary') ?? d) })),
  };
}

/** Finds each kept element again: at the same place if it is the same there, else anywhere by its identity (rows move when the order changes). */
function twinOf({ path, key }, selector) {
  const there = atPath(path);
  if (there && twinKey(there) === key) return there;
  return [...root.querySelectorAll(selector)].find((n) => twinKey(n) === key);
}

function restoreKeyboardPlace({ focused, open }) {
  for (const kept of open) {
    const summary = twinOf({ path: [...kept.path, 0], key: kept.key }, 'details > summary');
    summary?.parentElement.setAttribute('open', '');
  }
  if (focused) twinOf(focused, 'a, button, input, select, summary, [tabindex]')?.focus({ preventScroll: true });
}

function showError(error) {
  root.replaceChildren(h('p', { class: 'error', role: 'alert' }, error.message), h('p', {}, 'Open a report file with the button above, or drop one on the page.'));
}

async function show(load) {
  try {
    model = await load();
    sourceLine.textContent = model.label;
    document.getElementById('home').href = homeHref(model);
    await render();
  } catch (error) {
    showError(error);
  }
}

async function refreshLive() {
  try {
    model = await liveModel();
    document.getElementById('home').href = homeHref(model);
    const newest = Math.max(0, ...model.services.map((s) => (s.at ? Date.parse(s.at) : 0)));
    sourceLine.textContent = `Live: event time up to ${newest ? fmtTime(newest) + ' UTC' : '–'}; updated ${new Date().toLocaleTimeString()}, every ${REFRESH_MS / 1000} s`;
    await render();
  } catch (error) {
    sourceLine.textContent = `Live: the last refresh failed (${error.message}); trying again in ${REFRESH_MS / 1000} s`;
  }
  refreshTimer = setTimeout(refreshLive, REFRESH_MS);
}

/** A report job still running is asked again until it is done. */
async function reportFromApi(id) {
  for (;;) {
    const job = await getJson(`/v1/reports/${encodeURIComponent(id)}`);
    if (job.status !== 'running') return reportModel(reportFrom(job, `report ${id}`), `report ${id}`);
    sourceLine.textContent = `Report ${id} is still running (started ${job.startedAt}); checking again…`;
    await new Promise((r) => setTimeout(r, 3000));
  }
}

function openReportText(text, name) {
  clearTimeout(refreshTimer);
  show(async () => reportModel(reportFrom(JSON.parse(text), name), name));
}

function start() {
  const embedded = document.getElementById('report');
  const src = new URLSearchParams(location.search).get('src');
  const report = location.pathname.match(/^\/reports\/([^/]+)$/);
  if (src) show(async () => reportModel(reportFrom(await getJson(src), src), src));
  else if (embedded) show(async () => reportModel(reportFrom(JSON.parse(embedded.textContent), 'embedded'), 'embedded in this page'));
  else if (report) show(() => reportFromApi(decodeURIComponent(report[1])));
  else if (location.protocol.startsWith('http')) refreshLive();
  else showError(new Error('This page holds no report.'));
}

document.getElementById('search').addEventListener('input', (event) => {
  state.search = event.target.value;
  if (!model) return;
  // Searching is over all services: from a service's page it goes back to the overview.
  if (chosenService()) history.pushState(null, '', homeHref(model) === '#' ? location.pathname + location.search : '/');
  render();
});
document.getElementById('common-scale').addEventListener('change', (event) => {
  state.commonScale = event.target.checked;
  if (model) render();
});
document.getElementById('open-file').addEventListener('change', async (event) => {
  const file = event.target.files[0];
  if (file) openReportText(await file.text(), file.name);
});
window.addEventListener('hashchange', () => model && render());
window.addEventListener('popstate', () => model && render());
const dropHint = document.getElementById('drop-hint');
window.addEventListener('dragover', (event) => {
  event.preventDefault();
  dropHint.hidden = false;
});
window.addEventListener('dragleave', () => (dropHint.hidden = true));
window.addEventListener('drop', async (event) => {
  event.preventDefault();
  dropHint.hidden = true;
  const file = event.dataTransfer.files[0];
  if (file) openReportText(await file.text(), file.name);
});
start();
