// Why a post counted as a complaint, in words: the phrases that decided it, then the shape of the post,
// from the classifier's feature ids (`outage:werkt niet`, `cue:bare-outage`) and feature-words.json.
const FEATURE_WORDS = JSON.parse(document.getElementById('feature-words').textContent);

/** Features that say nothing a reader needs: the category flags repeat the phrases listed. */
const SILENT_FEATURES = /^(cat:|bias$|lang:)/;

/** `why` as sentences: [{label, words: [...]}] for phrases, then plain descriptions; unknown ids kept as they are. */
function explainWhy(why) {
  const phrases = new Map();
  const traits = [];
  for (const feature of why) {
    if (SILENT_FEATURES.test(feature)) continue;
    const known = FEATURE_WORDS.features[feature];
    if (known) {
      traits.push(known);
      continue;
    }
    const colon = feature.indexOf(':');
    const category = feature.slice(0, colon);
    const label = FEATURE_WORDS.phrases[category];
    if (colon > 0 && label) {
      if (!phrases.has(label)) phrases.set(label, []);
      const words = phrases.get(label);
      // Accent-folded twins ("não responde", "nao responde") are one phrase to a reader.
      const word = feature.slice(colon + 1);
      if (!words.some((w) => fold(w) === fold(word))) words.push(word);
    } else traits.push(feature);
  }
  return { phrases: [...phrases].map(([label, words]) => ({ label, words })), traits };
}

function fold(text) {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The explanation as an element: "outage words “não responde” · negative words “😡” · a very short post". */
function whyElement(why) {
  const { phrases, traits } = explainWhy(why);
  const parts = [
    ...phrases.map(({ label, words }) => h('span', { class: 'why-part' }, `${label} `, ...words.map((w, i) => [i ? ', ' : '', h('q', {}, w)]))),
    ...traits.map((t) => h('span', { class: 'why-part' }, t)),
  ];
  return h('p', { class: 'why' }, h('span', { class: 'muted' }, 'Why: '), ...parts.map((p, i) => [i ? ' · ' : '', p]));
}

/** The post's text with the deciding phrases marked. */
function markedText(text, why) {
  const words = explainWhy(why).phrases.flatMap((p) => p.words).filter((w) => w.length > 1);
  if (words.length === 0) return [text];
  const pattern = new RegExp(`(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'giu');
  return text.split(pattern).map((part, i) => (i % 2 ? h('mark', {}, part) : part));
}
