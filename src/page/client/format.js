// Readable numbers and times, and a small DOM builder, shared by every view.
const MINUTE = 60_000;

/** An element with attributes (event handlers as on* functions) and children (strings become text). */
function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false || value === null) continue;
    if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === 'string' || typeof child === 'number' ? String(child) : child);
  }
  return node;
}

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

/** 12,345 for counts; one decimal below 10 for rates such as a baseline of 0.4 a minute. */
function fmtNumber(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return Math.abs(value) < 10 && !Number.isInteger(value) ? decimal.format(value) : integer.format(value);
}

/** Confidence and shares as whole percentages. */
function fmtPercent(share) {
  if (share === null || share === undefined) return '–';
  return `${Math.round(share * 100)} %`;
}

/** Times are UTC everywhere on the page: the reports and the API are. */
function fmtTime(ms) {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

function fmtClock(ms) {
  return new Date(ms).toISOString().slice(11, 16);
}

/** "15:38 – 21:54 UTC (6 h 16 min)" or "since 15:38 UTC" for an open span; the date when it differs from the day before. */
function fmtSpan(startMs, endMs) {
  const start = fmtTime(startMs);
  if (endMs === undefined) return `since ${start} UTC`;
  const end = new Date(startMs).toISOString().slice(0, 10) === new Date(endMs).toISOString().slice(0, 10) ? fmtClock(endMs) : fmtTime(endMs);
  return `${start} – ${end} UTC (${fmtDuration(endMs - startMs)})`;
}

function fmtDuration(ms) {
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** "Netherlands (NL)"; ZZ is the project's code for posts whose country was not found. */
function regionName(code) {
  if (code === 'ZZ') return 'unknown country';
  if (code === 'GLOBAL') return 'all regions';
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

function languageName(code) {
  if (code === 'und') return 'undetermined';
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}
