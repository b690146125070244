import { loadClassifier } from '../src/classify/classifier.ts';
const c = loadClassifier();
const cases: Array<[string, string, string?]> = [
  ['complaint', "can't log in to whatsapp"], ['complaint', 'is instagram down for anyone?'], ['complaint', '@KPN internet ligt er weer uit'],
  ['other', 'I feel down today'], ['other', 'Signal boost: lost dog in Leeds'], ['other', 'Apple pie with grandma'], ['other', 'instagram is back, works again'],
  ['complaint', 'IS DISCORD DOWN??'], ['complaint', 'discord dooown again 😭'], ['other', 'whatsapp is not down, it works fine for me'],
  ['news', 'WhatsApp down: thousands of users report problems, according to Downdetector'], ['complaint', '"WhatsApp down for thousands of users" same here, nothing sends'],
  ['joke', 'everyone running to twitter to see if whatsapp is down 😂'], ['complaint', 'great, netflix stopped working right when the finale started. thanks'],
  ['complaint', 'storing bij ING? kan niet inloggen'], ['other', 'ING werkt weer, gelukkig'], ['news', 'Storing bij KPN: duizenden klanten zonder internet'],
  ['complaint', 'Funktioniert WhatsApp bei noch jemandem nicht?'], ['other', 'Telekom geht wieder, endlich'], ['news', 'Störung bei der Telekom: Tausende Kunden ohne Internet'],
  ['complaint', "WhatsApp ne marche plus chez moi"], ['news', 'Panne géante chez Orange : des milliers d\'abonnés privés d\'internet'], ['other', "le jus d'orange du matin"],
  ['complaint', '¿Se cayó WhatsApp o solo soy yo?'], ['joke', 'Se cayó WhatsApp, cualquier cosa por carta 😂'], ['news', 'Una avería deja sin servicio a miles de clientes de Movistar'],
  ['complaint', 'o whatsapp caiu? aqui não abre nada'], ['other', 'assistindo o jogo ao vivo'], ['news', 'Segundo o Downdetector, mais de 3000 usuários relataram problemas com o Nubank'],
  ['complaint', 'whatsapp non funziona anche a voi?'], ['other', 'finalmente TIM funziona di nuovo'], ['news', 'TIM down: migliaia di segnalazioni in tutta Italia'],
  ['complaint', 'czy tylko u mnie Play nie działa?'], ['news', 'Awaria Play. Użytkownicy zgłaszają problemy w całej Polsce'], ['other', 'gramy w planszówki?'],
  ['complaint', 'Türk Telekom çöktü mü? bende internet yok'], ['other', 'moralim çöktü bugün'], ['news', 'Turkcell çöktü: kullanıcılar erişim sorunu yaşıyor'],
  ['complaint', 'LINE落ちてる？'], ['news', 'ドコモで通信障害、全国規模で発生'], ['other', '試験に落ちた…'], ['joke', 'LINE落ちてみんなツイッターに集合してて草'],
];
let ok = 0;
for (const [gold, text] of cases) {
  const v = c.classify({ text });
  if (v.label === gold) ok++;
  console.log(v.label === gold ? 'ok  ' : 'MISS', gold.padEnd(9), v.label.padEnd(9), v.lang, v.score, text, '|', v.services.join(','), '|', v.sentiment.label, '|', v.why.slice(0, 3).join(', '));
}
console.log(ok, '/', cases.length);
