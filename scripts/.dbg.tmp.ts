import { compileLexicon, loadLexicons } from '../src/text/lexicon.ts';
import { scanText } from '../src/text/tokenize.ts';
const lex = compileLexicon('de', loadLexicons());
const t = scanText('Geht Netflix bei euch auch nicht?').tokens;
console.log(t, lex.cues.findAll(t).map((h) => `${h.value.category}:${h.value.phrase}`));
