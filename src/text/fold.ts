// Folds letters to a lower-case, accent-free form so that "Störung", "storung" and "STÖRUNG" meet.
// A table built once from Unicode decomposition keeps the per-character cost to one array read.

const FOLD_LIMIT = 0x0250;
const SPECIAL: Record<string, string> = {
  ß: 'ss', ł: 'l', ı: 'i', ø: 'o', æ: 'ae', œ: 'oe', đ: 'd', ð: 'd', þ: 'th', '’': "'", 'ʼ': "'", '`': "'", '´': "'",
};

const foldTable: string[] = buildFoldTable();
/** 1 where a code unit folds to itself (most of ASCII), so the scanner can keep a slice of the post. */
const foldsToSelf: Uint8Array = Uint8Array.from(foldTable, (folded, code) => (folded.length === 1 && folded.charCodeAt(0) === code ? 1 : 0));

function buildFoldTable(): string[] {
  const table: string[] = new Array(FOLD_LIMIT);
  for (let code = 0; code < FOLD_LIMIT; code++) {
    const lower = String.fromCharCode(code).toLowerCase();
    const special = SPECIAL[lower];
    table[code] = special ?? lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  }
  return table;
}

/** The folded form of one UTF-16 code unit, or undefined when it has no folding (non-Latin scripts). */
export function foldChar(code: number): string | undefined {
  if (code < FOLD_LIMIT) return foldTable[code];
  if (code === 0x2019 || code === 0x02bc) return "'";
  return undefined;
}

/** Whether `foldChar(code)` is the code unit itself or undefined: the character stays as typed (lower-cased). */
export function foldsToItself(code: number): boolean {
  if (code < FOLD_LIMIT) return foldsToSelf[code] === 1;
  return code !== 0x2019 && code !== 0x02bc;
}

/** Lower-cases and strips accents of a whole string (used for lexicon entries and catalogue aliases). */
export function foldText(text: string): string {
  let out = '';
  const lower = text.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    if (code >= 0x0300 && code <= 0x036f) continue;
    out += foldChar(code) ?? lower[i];
  }
  return out;
}
