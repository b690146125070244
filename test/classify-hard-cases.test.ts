import { describe, expect, it } from 'vitest';
import { loadClassifier } from '../src/classify/classifier.ts';
import type { Label } from '../src/model/types.ts';

const classifier = loadClassifier();

// One behaviour per case, per language: [what the case shows, the post, the label it must get].
type HardCase = [behaviour: string, text: string, label: Label];

const HARD_CASES: Record<string, HardCase[]> = {
  en: [
    ['sarcasm around a failure is still a complaint', 'oh good, my internet is dead again. love paying for nothing', 'complaint'],
    ['a negated outage is not a complaint', 'whatsapp is not down for me, it works fine', 'other'],
    ['a question about an outage with no service named is a complaint', 'is the internet down for anyone else or just me??', 'complaint'],
    ['a hashtag-only outage under an unrelated sentence is a joke', 'time to finally read that book I bought in 2019 #whatsappdown 😂', 'joke'],
    ['all caps rage is a complaint', 'NOTHING IS LOADING ON NETFLIX AGAIN', 'complaint'],
    ['misspellings still read as a complaint', 'instagarm keeps crashign every time i open it', 'complaint'],
    ['a quoted headline plus "same here" is a complaint', '"Outlook down for thousands" yep same here, no emails since 9', 'complaint'],
    ['a recovery message is not a complaint', 'ok discord is back up, works again for me', 'other'],
    ['another sense of "down" is not a complaint', 'feeling a bit down since the weekend tbh', 'other'],
    ['an operator status post in the first person plural is not a complaint', "We're aware some users can't log in and our team is working on a fix.", 'other'],
    ['a reshared complaint is not a complaint of its own', "RT @popstar_jay: instagram is down again and I can't post my new video", 'other'],
    ['a reshared headline stays news', 'RT @newsdesk_eu: Instagram down for thousands of users across Europe, Downdetector data shows', 'news'],
    ['outage hashtags alone are a complaint', '#outage #netflixdown #netflix', 'complaint'],
  ],
  nl: [
    ['sarcasm around a failure is still a complaint', 'top weer Ziggo, de hele avond geen internet', 'complaint'],
    ['a negated outage is not a complaint', 'KPN ligt er niet uit hoor, bij mij werkt alles', 'other'],
    ['a question about an outage is a complaint', 'ligt whatsapp eruit of ligt het aan mij?', 'complaint'],
    ['code-switching to English is a complaint', 'Odido is down, al de hele ochtend geen bereik', 'complaint'],
    ['a quoted headline plus "bij mij ook" is a complaint', '"Storing bij Ziggo" ja bij mij ook, tv en internet weg', 'complaint'],
    ['a recovery message is not a complaint', 'eindelijk, de storing is voorbij en KPN doet het weer', 'other'],
    ['"works again" negated at the end of the sentence is a complaint', 'mijn internet werkt weer niet 😡', 'complaint'],
    ['a news sentence is news', 'Door een storing bij KPN konden duizenden klanten dinsdag niet bellen', 'news'],
    ['a joke about an outage is a joke', 'whatsapp ligt eruit dus ik moet nu echt met mijn huisgenoten praten 😂', 'joke'],
  ],
  de: [
    ['sarcasm around a failure is still a complaint', 'danke Vodafone, schon wieder seit Stunden kein Internet', 'complaint'],
    ['a negated outage is not a complaint', 'Telekom ist nicht down, bei mir läuft alles', 'other'],
    ['"geht wieder" negated at the end of the sentence is a complaint', 'Vodafone Kabel geht wieder nicht', 'complaint'],
    ['a reshared complaint is not a complaint of its own', 'RT @fussballstar: WhatsApp geht bei mir schon wieder nicht', 'other'],
    ['a question about an outage is a complaint', 'geht WhatsApp bei euch auch nicht oder nur bei mir?', 'complaint'],
    ['all caps rage is a complaint', 'SCHON WIEDER KEIN INTERNET, TELEKOM!', 'complaint'],
    ['a recovery message is not a complaint', 'Internet geht wieder, endlich', 'other'],
    ['a news sentence is news', 'Störung bei Vodafone: Tausende Kunden in Berlin ohne Internet', 'news'],
    ['a joke about an outage is a joke', 'WhatsApp down, ich muss jetzt mit meiner Familie reden 😂', 'joke'],
    ['a misspelled complaint is a complaint', 'Störrung bei der Sparkasse? Überweisung geht nicht', 'complaint'],
  ],
  fr: [
    ['a question about an outage is a complaint', 'Free est en panne chez vous aussi ou juste moi ?', 'complaint'],
    ['a negated outage is not a complaint', "Orange n'est pas en panne, chez moi tout marche", 'other'],
    ['code-switching to English is a complaint', 'SFR down encore une fois, plus d\'internet depuis ce matin', 'complaint'],
    ['a recovery message is not a complaint', 'ça remarche enfin, la box est revenue', 'other'],
    ['another sense of "orange" is not a complaint', "un jus d'orange et au lit", 'other'],
    ['a news sentence is news', 'Panne chez Bouygues Telecom : des milliers de clients privés de réseau mardi', 'news'],
    ['a joke about an outage is a joke', 'Instagram en panne, je vais devoir parler à ma famille mdr 😂', 'joke'],
    ['all caps rage is a complaint', 'ENCORE UNE PANNE INTERNET CHEZ FREE', 'complaint'],
  ],
  es: [
    ['a question about an outage is a complaint', '¿Se ha caído Instagram para todos o solo para mí?', 'complaint'],
    ['a negated outage is not a complaint', 'Movistar no está caído, a mí me funciona perfecto', 'other'],
    ['code-switching to English is a complaint', 'whatsapp down otra vez, no me llegan los mensajes', 'complaint'],
    ['a recovery message is not a complaint', 'ya vuelve a funcionar WhatsApp, menos mal', 'other'],
    ['a news sentence is news', 'Una caída de Movistar deja sin servicio a miles de clientes en Madrid', 'news'],
    ['a joke about an outage is a joke', 'se cayó WhatsApp y tuve que hablar con mi familia jajaja 😂', 'joke'],
    ['all caps rage is a complaint', 'NO FUNCIONA NADA DE VODAFONE OTRA VEZ', 'complaint'],
    ['a misspelled complaint is a complaint', 'no puedo iniciar sesion en el banco, eror todo el rato', 'complaint'],
  ],
  pt: [
    ['a question about an outage is a complaint', 'o instagram caiu pra todo mundo ou só pra mim?', 'complaint'],
    ['a negated outage is not a complaint', 'o nubank não caiu não, aqui tá funcionando normal', 'other'],
    ['a recovery message is not a complaint', 'voltou! whatsapp funcionando de novo', 'other'],
    ['another sense of "vivo" is not a complaint', 'assistindo o show ao vivo com a galera', 'other'],
    ['a news sentence is news', 'Usuários relatam instabilidade no WhatsApp nesta terça, segundo o Downdetector', 'news'],
    ['a joke about an outage is a joke', 'whatsapp caiu e eu tive que conversar com a minha família kkkkk', 'joke'],
    ['a complaint without an accent is a complaint', 'nao consigo fazer pix, app do banco fora do ar', 'complaint'],
    ['all caps rage is a complaint', 'CLARO SEM INTERNET DE NOVO', 'complaint'],
  ],
  it: [
    ['a question about an outage is a complaint', 'anche a voi instagram non carica niente?', 'complaint'],
    ['a negated outage is not a complaint', 'TIM non è down, a me funziona benissimo', 'other'],
    ['another sense of "giù" is not a complaint', 'oggi sono un po\' giù di morale', 'other'],
    ['a recovery message is not a complaint', 'finalmente la fibra è tornata, funziona di nuovo', 'other'],
    ['a news sentence is news', 'WhatsApp down, migliaia di segnalazioni in tutta Italia secondo Downdetector', 'news'],
    ['a complaint with a maintenance word in the user voice is a complaint', 'manutenzione in pieno giorno? da stamattina non funziona niente, vergogna', 'complaint'],
    ['all caps rage is a complaint', 'NON FUNZIONA NIENTE, VODAFONE VERGOGNA', 'complaint'],
  ],
  pl: [
    ['a question about an outage is a complaint', 'czy tylko u mnie Messenger nie działa?', 'complaint'],
    ['a negated outage is not a complaint', 'u mnie Play działa normalnie, żadnej awarii', 'other'],
    ['a complaint about maintenance in the day is a complaint', 'znowu prace serwisowe w środku dnia i nic nie działa, żenada', 'complaint'],
    ['a recovery message is not a complaint', 'już działa, dzięki za szybką naprawę', 'other'],
    ['an operator notice about planned maintenance is not a complaint', 'W nocy prowadzimy prace serwisowe, usługa może być chwilowo niedostępna. Przepraszamy za utrudnienia', 'other'],
    ['a news sentence is news', 'Awaria mBanku. Klienci od rana zgłaszają problemy z logowaniem', 'news'],
    ['a joke about an outage is a joke', 'awaria Facebooka i nagle wszyscy wyszli na dwór xD', 'joke'],
  ],
  tr: [
    ['a question about an outage is a complaint', 'sadece bende mi Instagram açılmıyor?', 'complaint'],
    ['another sense of "çöktü" is not a complaint', 'bugün moralim çöktü', 'other'],
    ['a recovery message is not a complaint', 'internet geri geldi sonunda, düzeldi', 'other'],
    ['a news sentence is news', 'Türk Telekom çöktü: binlerce kullanıcı erişim sorunu yaşıyor', 'news'],
    ['a joke about an outage is a joke', 'WhatsApp çöktü ailemle konuşmak zorunda kaldım 😂', 'joke'],
    ['all caps rage is a complaint', 'TURKCELL YİNE ÇEKMİYOR', 'complaint'],
    ['a complaint without Turkish letters is a complaint', 'superonline yine kesik, internet yok', 'complaint'],
  ],
  ja: [
    ['a question about an outage is a complaint', 'LINE繋がらないの私だけ？', 'complaint'],
    ['another sense of 落ちる is not a complaint', '試験に落ちて気分も落ちてる', 'other'],
    ['a recovery message is not a complaint', 'ドコモ直った、よかった', 'other'],
    ['a news sentence is news', 'auで大規模な通信障害、全国で利用者に影響', 'news'],
    ['a joke about an outage is a joke', 'インスタ落ちてみんなツイッターに来てて草', 'joke'],
    ['a complaint that the announced recovery is not real is a complaint', '復旧したって発表あったけど、まだ全然繋がらない', 'complaint'],
    ['a Japanese outage hashtag alone is a complaint', 'また繋がらない #ドコモ障害', 'complaint'],
  ],
};

for (const [lang, cases] of Object.entries(HARD_CASES)) {
  describe(`classify, ${lang}: hard cases`, () => {
    for (const [behaviour, text, label] of cases) {
      it(`${behaviour}: "${text}"`, () => {
        expect(classifier.classify({ text, lang }).label).toBe(label);
      });
    }
  });
}
