// Templates for the project's own labelled posts (written for this project, not copied from anywhere).
// Slots: {s} service, {h} its handle, {c} city, {n} a count, {t} a time, {d} a day.
// generate-labelled.ts fills them; every 4th template of a label goes to the test split only.
import type { Label, SentimentLabel } from '../src/model/types.ts';

export interface LanguageTemplates {
  services: string[];
  /** Names the catalogue does not know, or generic ones ("the app"): posts often name no known service. */
  unknown: string[];
  cities: string[];
  days: string[];
  times: string[];
  templates: Record<Label, string[]>;
}

export const TEMPLATES: Record<string, LanguageTemplates> = {
  en: {
    services: ['WhatsApp', 'Instagram', 'Netflix', 'Discord', 'Spotify', 'Outlook', 'Gmail', 'Xbox Live', 'PSN', 'Steam', 'Roblox', 'PayPal', 'Teams', 'Slack', 'Zoom', 'AWS', 'GitHub', 'YouTube', 'TikTok', 'Reddit', 'Snapchat', 'Revolut', 'Uber', 'Vodafone', 'Cloudflare', 'Fortnite', 'iCloud', 'Disney+', 'Azure', 'LinkedIn'],
    unknown: ['the app', 'my internet', 'the wifi', 'Showtime', 'Hulu', 'Sky', 'BT', 'Verizon', 'the website', '9gag', 'Fitbit', 'my bank app'],
    cities: ['London', 'Leeds', 'Dublin', 'Chicago', 'Toronto', 'Manchester', 'Austin', 'Sydney'],
    days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
    times: ['9am', 'noon', '3pm', '8:30pm', 'this morning', 'an hour ago', 'last night'],
    templates: {
      complaint: [
        'is {s} down for anyone else?', "can't log in to {s}, keeps saying error", '{h} your app has been down since {t}, fix it', '{s} not loading at all. again.',
        'anyone else getting a 503 on {s}??', "my {s} won't send messages, just one grey tick", '{s} is down and I have a deadline in an hour 😭', "ugh {s} keeps crashing every time I open it",
        '{h} no internet in {c} since {t}, what is going on', 'is it just me or is {s} broken right now', "{s} dooown again, can't even refresh my feed", '{h} payment failed three times, card declined for no reason',
        'cant login to {s} wtf', '{s} down?', 'IS {s} DOWN OR IS IT MY WIFI', 'great, {s} stopped working right when I needed it. thanks a lot',
        "{s} outage again?? this is the third time this month", "my {s} app just shows a spinning wheel", '{h} been trying to stream for an hour, keeps buffering then errors out', 'hey {h} is there an outage in {c}? nothing loads',
        'still no {s} here in {c}, anyone?', '{s} logged me out and now I cant sign back in', 'not a single message going through on {s} today', "so {s} is down and I'm supposed to present in 10 min lol kill me",
        "{s} servers dead again. paid for premium for this??", 'ok {s} just ate my message and now it wont load anything', '#{s}down for me too, {c}', "anyone know why {s} isn't working? tried two phones",
        "{s} won't let me sign in, verification code never arrives", "so is {s} down or did they ban me lol", "{h} been getting 'something went wrong' all morning", "help {h} app says no connection but my wifi is fine", "my internet keeps dropping every 10 minutes {h} sort it out", "{s} just logged everyone in the office out", "lost signal completely, no calls no data, {c}", "why does {s} never work when I actually need it", "tried reinstalling {s} twice, still crashes on launch", "can't pay anywhere, {s} card keeps getting declined", "{s} voice chat is dead for the whole squad", "anyone else's {s} stuck on the loading screen??", "{s} is so slow today it's basically unusable", "3rd day without broadband {h}, this is a joke", "{s} dms not sending, just 'failed to send'", "yo is {s} down or is it just me",
        "\"{s} down for thousands of users\" same here, nothing loads", "same here in {c}, {s} dead since {t}", "me too!! {s} not working at all",
        "thanks {s}, another evening without internet. love paying for nothing",
      ],
      news: [
        '{s} down: thousands of users report problems with the app', '{s} is experiencing a major outage, according to Downdetector', 'Users across {c} reported problems accessing {s} on {d} morning',
        '{s} outage: what we know so far', 'A spokesperson for {s} said the company was aware of the issue and working on a fix', '{s} services were restored after a {n}-minute outage, the company said',
        'BREAKING: {s} suffers global outage affecting millions', 'More than {n} reports of problems with {s} were logged by {t}, Downdetector data showed', '{s} hit by widespread outage; users unable to log in',
        'The outage began at around {t} and affected customers across the country', 'Live updates: {s} back online after hours-long disruption', '{s} confirms outage hit payments for customers in {c}',
        "{s} says it has fixed the problem that left users unable to log in", "Thousands of {s} customers were left without service on {d}", "{s} blames configuration change for {d} outage", "Reports of {s} problems peaked at {t}, according to the tracking site", "{s} users hit by login issues for the second time this week", "{s} apologises after hours-long outage",
      ],
      joke: [
        'everyone running to twitter to check if {s} is down 😂', '{s} down so I guess I have to talk to my family now', 'me refreshing {s} every 5 seconds like that will fix it 💀',
        'nobody: absolutely nobody: me during the {s} outage: *stares at wall*', 'RIP {s} {d} {t} - {d} {t}', '{s} going down right when my ex texted. coincidence? I think not 😂',
        '{s} outage part 2: electric boogaloo', 'the {s} engineers right now pulling cables out one by one lol', 'pov: {s} is down and you have to read a book',
        'thanks {s} for forcing me to be productive today 😂', '{s} down, time to touch grass I guess', 'imagine paying for {s} premium just to watch the loading icon lmao',
        'Our servers are fine. Unlike some apps today 😉 #{s}down', 'While {s} takes a nap, our app is still here for you 😎',
        "me pretending to work now that {s} is down 🙃", "{s} went down and suddenly everyone remembers email exists 😂", "someone at {s} definitely tripped over a cable lmao", "the {s} outage is the most productive I've been all year", "{s} being down is my villain origin story lol", "{s} said take the evening off 😂",
        
      ],
      other: [
        'I feel so down today, nothing is going right', 'new {s} update looks really clean, love the dark mode', 'just deleted {s}, best decision of the year',
        'Signal boost please: our cat went missing in {c}', 'made an apple pie with my grandma today 🍎', 'okay {s} is back up, finally working again',
        'we are aware of issues affecting some users and our team is investigating. updates to follow', 'Get {n}% off {s} premium this week only, use code SAVE', 'the bottom line is we need more people at the match',
        'how do I change my {s} username?', 'anyone want to play Roblox later?', 'turn the music down please, trying to sleep',
        '{s} customer service is awful, waited an hour for a reply', 'the market is going down again today', 'writing down my goals for the year',
        'Update: the issue has been resolved. Thanks for your patience.', 'my phone battery is dead lol', 'Orange is my favourite colour tbh',
        'I love how {s} recommends exactly the songs I want', 'the line at the bakery was so long this morning', 'Steam rising off the lake this morning was beautiful',
        "{s} works fine for me, must be your wifi", 'not down, just slow on my side', 'upside down pineapple cake is back on the menu',
        "thinking about switching from {s} to something else", "love the new {s} feature where you can pin chats", "does {s} have a student discount?", "calm down it's just a game", "the new {s} logo is ugly ngl", "{s} is back for me now", "I'll write it down so I don't forget", "we're investigating reports of issues with {s}. More soon.",
        "{s} is back, works again 🙌", "and we're back. {s} up again", "{s} working again for me, thanks for the fix",
        "{s} Premium free for 3 months, sign up now", "Save {n}% on {s} today only! Link in bio", "Sponsored: try {s} free for 30 days", "Use code WINTER for {n}% off your first order",
      ],
    },
  },
  nl: {
    services: ['KPN', 'Ziggo', 'ING', 'Rabobank', 'ABN AMRO', 'WhatsApp', 'Instagram', 'Odido', 'Netflix', 'Outlook', 'Teams', 'Vodafone', 'DigiD', 'Tikkie', 'Spotify', 'Discord'],
    unknown: ['de app', 'mijn internet', 'de wifi', 'Delta', 'Youfone', 'Simyo', 'de website', 'NS app', 'Bol'],
    cities: ['Amsterdam', 'Rotterdam', 'Utrecht', 'Den Haag', 'Eindhoven', 'Groningen', 'Zwolle', 'Leeuwarden'],
    days: ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'],
    times: ['vanochtend', '9 uur', 'vanmiddag', 'half acht', 'gisteravond', 'een uur'],
    templates: {
      complaint: [
        '{h} internet ligt er weer uit', 'storing bij {s}? kan niet inloggen', '{s} werkt niet, al sinds {t}', 'iemand anders ook last van {s}?',
        'Ligt {s} eruit of ligt het aan mij', 'geen internet en geen tv in {c}, {h} wat is er aan de hand', 'betalen met {s} lukt niet, pinnen in de winkel ging ook mis', '{s} doet het weer eens niet 😡',
        'kan niet inloggen bij {s}, foutmelding na foutmelding', 'bij jullie ook storing bij {s}?', 'mijn berichten komen niet aan via {s}', 'Alweer een storing bij {s}, dit is de derde keer deze week',
        '{s} plat in {c}??', '{h} mijn glasvezel valt steeds weg sinds {t}', 'app van {s} crasht telkens bij het openen', 'weer geen bereik, {s} is echt waardeloos',
        'heeft iemand anders ook geen {s}? thuis werkt niks', 'zit al een uur te wachten, {s} laadt gewoon niet', '{s} ligt plat en ik moet vandaag nog betalen', 'wtf {s} doet niks meer',
        "{s} app blijft hangen bij het opstarten", "al de hele dag geen bereik hier in {c}", "{h} modem knippert rood en niks werkt", "Betaalverzoek via {s} komt niet aan, storing?", "hoezo kan ik niet inloggen bij {s} 🙄", "{s} is traag en laadt niks, iemand anders ook?", "internet valt steeds weg, {h} fix het", "mijn app van {s} geeft alleen maar een foutmelding", "storing {s}? kan geen geld overmaken", "tv beeld bevriest steeds, {s} weer bezig", "Ligt {s} plat? krijg alleen een wit scherm", "niks doet het meer bij {s}, top service weer",
        "\"Storing bij {s}\" ja bij mij ook, niks werkt", "bij mij ook geen {s} in {c}",
        
      ],
      news: [
        'Storing bij {s}: duizenden klanten zonder internet', '{s} kampt met een landelijke storing', 'Klanten van {s} konden {d} urenlang niet inloggen',
        'Volgens Allestoringen kwamen er ruim {n} meldingen binnen over {s}', 'Een woordvoerder van {s} laat weten dat er hard aan een oplossing wordt gewerkt', 'De storing bij {s} is inmiddels verholpen, meldt het bedrijf',
        'Door een storing bij {s} was {d}middag geen telefoonverkeer mogelijk', 'Grote storing bij {s} treft klanten in {c} en omgeving', '{s} getroffen door storing, oorzaak nog onbekend',
        'Gebruikers van {s} hadden {d}ochtend problemen met betalen', 'Ruim {n} huishoudens in {c} zaten zonder internet en televisie',
        "{s} meldt dat de storing rond {t} is begonnen", "Klanten van {s} klagen over problemen met inloggen", "Ook {d} had {s} last van een storing", "Storing bij {s} voorbij, oorzaak wordt onderzocht", "{s} biedt excuses aan na urenlange storing", "Duizenden meldingen over problemen bij {s}",
      ],
      joke: [
        'iedereen die naar twitter rent om te kijken of {s} eruit ligt 😂', '{s} ligt eruit dus ik moet nu echt met mijn familie praten', 'storing bij {s}, eindelijk tijd om een boek te lezen haha',
        'de stagiair van {s} heeft weer over de kabel gestruikeld 😂', '{s} storing en mijn baas denkt dat ik werk 🤣', 'RIP {s}, het was gezellig zolang het duurde',
        'Wij liggen niet plat hoor 😉 #storing', '{s} eruit. toeval? ik denk het niet 🤔😂', 'ik ga gewoon weer brieven schrijven als {s} zo doorgaat haha',
        "{s} ligt eruit, tijd om de buren weer te leren kennen 😂", "dus zonder {s} ben ik gewoon een mens? haha", "storing bij {s} en ik heb ineens een sociaal leven", "{s} plat, iedereen op twitter alsof het nieuws is 😂", "eerst de koffie op en nu {s} eruit, wat een dag haha", "wie heeft er bij {s} op de grote rode knop gedrukt 😂",
      ],
      other: [
        'ik voel me een beetje down vandaag', '{s} werkt weer, gelukkig', 'de storing is opgelost, bedankt voor jullie geduld',
        'We zijn op de hoogte van een storing en werken aan een oplossing. Excuses voor het ongemak.', 'Nu {n}% korting op een abonnement bij {s}!', 'hoe verander ik mijn wachtwoord bij {s}?',
        'de rij bij de bakker was lang vanochtend', 'lekker appeltaart gebakken met oma', 'het was een mooie dag in {c}',
        '{s} heeft echt slechte klantenservice vind ik', 'zie er echt niet uit vandaag haha', 'oranje boven! wat een wedstrijd',
        'bij mij werkt {s} prima hoor', 'wie gaat er vanavond mee naar de film?', 'weer een nieuwe update van {s}, ziet er goed uit',
        'Stuur ons een DM met je postcode, dan kijken we even mee', 'de trein had weer vertraging', 'de aandelen van {s} gingen vandaag omlaag',
        "eindelijk weer internet, {s} doet het weer", "wat kost een abonnement bij {s} eigenlijk?", "ik ga overstappen naar {s}", "storing in de trein bij {c}, alles vertraagd", "mooie lijn getrokken op het veld", "{s} heeft een nieuwe app, best handig", "zin in het weekend", "De storing is verholpen. Excuses voor het ongemak.",
        "{s} doet het weer hoor 🙌", "Storing voorbij, {s} werkt weer normaal",
        "Probeer {s} nu 3 maanden gratis", "Vandaag {n}% korting met code ZOMER",
      ],
    },
  },
  de: {
    services: ['Telekom', 'Vodafone', 'O2', 'WhatsApp', 'Sparkasse', 'Deutsche Bank', 'ING', 'Instagram', 'Netflix', 'PayPal', 'Steam', 'Outlook', 'Teams', 'Discord', 'Amazon', 'DB Navigator'],
    unknown: ['die App', 'mein Internet', 'das WLAN', '1&1', 'Congstar', 'Unitymedia', 'die Webseite', '9Gag', 'Comdirect'],
    cities: ['Berlin', 'Hamburg', 'München', 'Köln', 'Nürnberg', 'Leipzig', 'Stuttgart', 'Dresden'],
    days: ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'],
    times: ['heute morgen', '8 Uhr', 'mittags', 'gestern Abend', 'einer Stunde', '20:30 Uhr'],
    templates: {
      complaint: [
        'Störung bei {s}? Bei mir geht gar nichts', '{h} seit {t} kein Internet in {c}', 'Funktioniert {s} bei noch jemandem nicht?', '{s} ist down, kann mich nicht einloggen',
        'schon wieder kein Netz, {s} echt jetzt?', 'ist {s} gerade down oder liegt es an mir', 'Bei mir kommen keine Nachrichten über {s} an', 'Überweisung mit {s} geht nicht, App hängt nur',
        '{h} Router blinkt rot, kein DSL seit {t}', '{s} stürzt ständig ab, was ist da los', 'kein empfang in {c}, {s} mal wieder', 'Geht {s} bei euch auch nicht?',
        'die {s} app lädt nicht, fehlermeldung ohne ende', 'KEIN INTERNET SEIT STUNDEN {h}', '{s} funzt nicht 😡', 'Ich zahle jeden Monat und {s} funktioniert nicht mal',
        'Warteschlange bei der Hotline und {s} geht immer noch nicht, toller Service', 'hab keinen Empfang mehr, ist {s} gestört?', 'Kartenzahlung abgelehnt, {s} spinnt heute', 'Login bei {s} klappt nicht, Passwort ist aber richtig',
        "{s} App startet nicht mehr, nur weißer Bildschirm", "seit {t} keine Verbindung, Router neu gestartet, nichts", "Bei mir lädt {s} gar nicht, bei euch?", "PushTAN kommt nicht an, {s} was ist los", "{h} warum fällt das Internet ständig aus?", "{s} schon wieder gestört, dritte Mal diese Woche", "Hab nur noch Edge, {s} Netz komplett weg", "kann keine Nachrichten mehr schicken, {s} hängt", "{s} meldet Fehler beim Login, Passwort stimmt aber", "Internet weg, Telefon weg, {h} super gemacht", "Ist {s} down? Nichts geht mehr", "Geht bei euch {s}? Bei mir nur Ladekreis",
        "\"Störung bei {s}\" bei mir auch, nichts geht", "hier in {c} auch kein {s}",
        
      ],
      news: [
        'Störung bei {s}: Tausende Kunden ohne Internet', 'Am {d}morgen gab es bundesweit massive Störungen bei {s}', 'Laut allestörungen.de meldeten über {n} Nutzer Probleme mit {s}',
        '{s}-Ausfall: Das ist bisher bekannt', 'Ein Sprecher von {s} bestätigte die Störung am {d}', 'Die Störung bei {s} ist inzwischen behoben, teilte das Unternehmen mit',
        'Eine Störung im Netz von {s} legte ab {t} Internet und Fernsehen lahm', 'Kunden in {c} konnten am {d} nicht telefonieren', 'Der Dienst {s} hatte am {d}abend größere Probleme',
        'Zahlreiche Nutzer berichten von Ausfällen bei {s}', 'Ursache der Störung bei {s} weiterhin unklar',
        "{s} bestätigt Störung und kündigt Entschädigung an", "Nutzer melden seit {t} Probleme mit {s}", "Ausfall bei {s}: Was Kunden jetzt wissen müssen", "Netzausfall bei {s} in {c} behoben", "{s}: Tausende Störungsmeldungen am {d}", "Laut Unternehmen war ein Softwarefehler die Ursache für den Ausfall bei {s}",
      ],
      joke: [
        '{s} down und alle rennen zu Twitter 😂', '{s} ist weg, jetzt muss ich mit meiner Familie reden', 'Sonnenschein und {s} down, das kann kein Zufall sein!',
        'Der Praktikant bei {s} hat wohl das Kabel gezogen 😂', 'RIP {s}, du wirst vermisst haha', '{s} Ausfall: endlich mal Zeit für ein Buch 🤣',
        'Bei uns läuft alles 😉 Grüße an {s}', 'Panik in Deutschland: {s} geht nicht 😂', 'Wenn {s} ausfällt und man merkt wie süchtig man ist 💀',
        "{s} ist down und ich muss jetzt mit Menschen reden 😂", "Ausfall bei {s}, Deutschland lernt wieder lesen haha", "Wer hat bei {s} den Stecker gezogen? 😂", "{s} weg, endlich Ruhe im Familienchat 🤣", "Kein {s}, also Brieftauben reaktivieren 😂", "{s} down, mein Chef glaubt ich arbeite",
      ],
      other: [
        'Heute fühle ich mich irgendwie down', '{s} geht wieder, endlich', 'Die Störung ist behoben, danke für eure Geduld',
        'Wir wissen von der Störung und arbeiten mit Hochdruck an einer Lösung. Tut uns leid!', 'Jetzt {n}% Rabatt auf {s} sichern!', 'Wie ändere ich mein Passwort bei {s}?',
        'Apfelkuchen mit Oma gebacken, so lecker', 'Bitte nicht stören, ich schlafe', 'Bei mir funktioniert {s} einwandfrei',
        '{s} hat echt den schlechtesten Kundenservice', 'Schönes Wetter heute in {c}', 'Wer kommt heute Abend mit ins Kino?',
        'Schreib uns gern eine DM mit deiner Kundennummer', 'Handy aus, bewusst offline für ein Wochenende', 'Das neue Update von {s} gefällt mir richtig gut',
        'Der Zug hat mal wieder Verspätung', 'Die Aktie von {s} fällt weiter',
        "{s} läuft wieder, danke an die Technik", "Was kostet {s} eigentlich im Monat?", "Ich wechsel bald zu {s}", "Stau auf der A7 bei {c}", "Heute mal kein Handy, nur Natur", "{s} hat eine neue Funktion, ganz praktisch", "Schönes Wochenende euch allen", "Die Störung ist behoben. Danke für eure Geduld!",
        "{s} läuft wieder 🙌", "Störung vorbei, {s} geht wieder normal",
        "{s} jetzt 3 Monate gratis testen", "Nur heute {n}% Rabatt mit dem Code SOMMER",
      ],
    },
  },
  fr: {
    services: ['Orange', 'SFR', 'Free', 'Bouygues', 'WhatsApp', 'Instagram', 'Netflix', 'Snapchat', 'Discord', 'Outlook', 'PayPal', 'Deezer', 'YouTube', 'Twitch', 'Teams', 'Revolut'],
    unknown: ["l'appli", 'ma box', 'le wifi', 'Canal+', 'Molotov', 'La Banque Postale', 'le site', 'Boursorama'],
    cities: ['Paris', 'Lyon', 'Marseille', 'Lille', 'Toulouse', 'Bordeaux', 'Nantes', 'Rennes'],
    days: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
    times: ['ce matin', '9h', 'midi', 'hier soir', 'une heure', '20h30'],
    templates: {
      complaint: [
        '{s} est en panne chez vous aussi ?', '{h} plus d\'internet depuis {t} à {c}', 'Je suis le seul à avoir un problème avec {s} ?', '{s} marche plus, impossible de me connecter',
        'c une blague {s} qui beug encore', 'pas de réseau depuis {t}, {h} vous faites quoi ?', '{s} ne fonctionne pas, mes messages partent pas', 'encore une panne {s}, ras le bol',
        'impossible d\'envoyer un message sur {s} ce soir', '{s} down ? chez moi rien ne charge', 'ma box {s} clignote et plus rien depuis {t}', "j'arrive pas à payer avec {s}, erreur à chaque fois",
        'Y a une panne {s} à {c} ?', '{s} plante dès que je l\'ouvre', 'PLUS DE CONNEXION {h} 😡', 'quelqu\'un d\'autre a {s} qui marche pas ?',
        'Non mais {s} marche plus là', 'ça fait une heure que {s} charge dans le vide', "perso l'appli {s} n'envoie plus rien", 'plus d\'appels ni de sms avec {s} depuis ce matin',
        "l'appli {s} se ferme toute seule depuis ce matin", "{h} ma fibre est coupée depuis {t}, aucune info", "impossible de me connecter à {s}, mot de passe refusé alors qu'il est bon", "{s} en panne ou c'est mon tel ?", "pas moyen d'envoyer un message sur {s} 😤", "{s} rame à mort, rien ne charge", "encore coupé, {h} vous êtes sérieux ?", "réseau {s} inexistant à {c} depuis hier", "mon paiement {s} a échoué trois fois", "{s} marche chez vous ? chez moi écran blanc", "la box {s} a encore lâché", "{s} me déconnecte toutes les 5 minutes",
        "\"Panne {s}\" moi aussi, rien ne marche", "pareil à {c}, plus de {s}",
        "toujours rien, {s} vous abusez, pas une explication",
      ],
      news: [
        'Panne géante chez {s} : des milliers d\'abonnés privés d\'internet', 'Une panne importante sur le réseau de {s} suscite la colère des abonnés', 'Selon Downdetector, plus de {n} signalements ont été enregistrés pour {s}',
        'Les abonnés {s} se plaignent d\'avoir perdu leur connexion {d}', "L'opérateur {s} a annoncé que la situation était rétablie", '{s} : ce que l\'on sait de la panne de {d}',
        'Une panne mondiale a touché {s} dans la soirée de {d}', 'Les clients de {s} à {c} ne pouvaient plus passer d\'appels', "Le porte-parole de {s} indique que les équipes sont mobilisées",
        'De nombreux internautes ont signalé des dysfonctionnements de {s}', 'Panne {s} : le service rétabli après plusieurs heures',
        "{s} : une panne prive des milliers d'utilisateurs de service", "L'opérateur {s} présente ses excuses après la panne", "Panne chez {s} : le point sur la situation", "Des perturbations ont été signalées sur le réseau {s} dans plusieurs régions", "{s} explique la panne par un problème technique", "Les signalements de panne {s} ont culminé vers {t}",
      ],
      joke: [
        'tout le monde qui débarque sur twitter pour voir si {s} est en panne 😂', '{s} en panne, je vais devoir parler à ma famille mdr', 'Imagine quelqu\'un qui a envoyé un message de rupture sur {s} y\'a une heure',
        '{s} a pas supporté le débat d\'hier soir 😂', 'Panne de {s} pendant le match, coïncidence ? je pense pas', 'RIP {s} mdr',
        'Chez nous tout fonctionne 😉 on dit ça on dit rien', 'le stagiaire de {s} a encore débranché la box ptdr', '{s} en panne = journée productive 🤣',
        "{s} en panne, j'ai parlé à mes parents, ils sont sympas en fait mdr", "qui a débranché {s} ? 😂", "{s} down, je redécouvre les livres ptdr", "panne de {s}, la France entière sur Twitter 😂", "{s} en panne, j'ai fini toutes mes tâches, merci {s} mdr", "retour aux pigeons voyageurs depuis que {s} est en panne 🤣",
      ],
      other: [
        'je suis en panne d\'inspiration aujourd\'hui', '{s} remarche enfin', 'Nous mettons tout en œuvre pour rétablir la situation dans les plus brefs délais',
        'Nos équipes sont mobilisées, merci de votre patience', 'Profitez de {n}% de réduction sur {s} ce mois-ci !', 'comment changer mon mot de passe {s} ?',
        'une tarte aux pommes avec ma grand-mère', 'le jus d\'orange du matin 🍊', 'chez moi {s} marche bien',
        'le service client de {s} est vraiment nul', 'il fait beau à {c} aujourd\'hui', 'qui vient au ciné ce soir ?',
        'Contactez-nous en MP avec votre numéro client', 'la nouvelle mise à jour de {s} est top', 'le train a encore du retard',
        'le cours de l\'action {s} baisse encore',
        "{s} refonctionne, merci", "combien coûte l'abonnement {s} ?", "je passe chez {s} le mois prochain", "bouchons sur le périph ce matin", "la ligne 13 est encore blindée", "{s} a sorti une nouvelle fonction sympa", "bon week-end à tous", "Le service est rétabli. Merci de votre patience.",
        "{s} remarche 🙌", "Panne terminée, {s} fonctionne à nouveau",
        "Essayez {s} gratuitement pendant 3 mois", "Aujourd'hui seulement : -{n}% avec le code ETE",
      ],
    },
  },
  es: {
    services: ['WhatsApp', 'Movistar', 'Vodafone', 'Orange', 'BBVA', 'Santander', 'Bizum', 'Instagram', 'Netflix', 'CaixaBank', 'Telcel', 'Twitch', 'Spotify', 'Outlook', 'Discord', 'YouTube'],
    unknown: ['la app', 'mi internet', 'el wifi', 'Digi', 'Jazztel', 'Izzi', 'la web', 'Pepephone', 'Unicaja'],
    cities: ['Madrid', 'Barcelona', 'Sevilla', 'Valencia', 'Bilbao', 'CDMX', 'Monterrey', 'Buenos Aires'],
    days: ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'],
    times: ['esta mañana', 'las 9', 'mediodía', 'anoche', 'una hora', 'las 17:30'],
    templates: {
      complaint: [
        '¿Se cayó {s} o solo soy yo?', '{h} llevo sin internet desde {t} en {c}', '¿A alguien más no le funciona {s}?', '{s} no me deja iniciar sesión, error todo el rato',
        'no me llegan los mensajes de {s}', 'otra vez sin señal, {s} qué pasa', '{s} caído en {c}??', 'no puedo hacer un pago con {s}, me da error',
        'se me cae {s} cada dos por tres', '{h} sin fibra desde {t}, ¿hay alguna avería?', 'No sé ustedes pero a mí {s} está fallando', 'los grupos de {s} no cargan',
        '{s} NO FUNCIONA 😡', 'llevo una hora intentando entrar en {s} y nada', 'se cayó {s} justo cuando tenía que mandar el trabajo', 'tengo problemas con {s}, no carga nada',
        '¿soy el único al que no le va {s}?', 'sin línea y sin datos, {h} arreglad esto ya', 'el cajero no funciona y la app de {s} tampoco', 'ya es la tercera caída de {s} esta semana',
        "la app de {s} se cierra sola desde esta mañana", "{h} sin fibra desde {t}, ¿qué pasa?", "no puedo entrar a {s}, me dice contraseña incorrecta y es la buena", "¿{s} caído o es mi móvil?", "no me envía los mensajes {s} 😤", "{s} va lentísimo, no carga nada", "otra vez sin conexión {h}, ¿en serio?", "{s} sin cobertura en {c} desde ayer", "el pago con {s} me ha fallado tres veces", "¿a ustedes les funciona {s}? a mí pantalla en blanco", "el router de {s} otra vez parpadeando", "{s} me saca de la sesión cada 5 minutos",
        "\"Caída de {s}\" a mí también, no va nada", "igual aquí en {c}, sin {s}",
        "gracias {s} por dejarme sin internet otra vez, genial",
      ],
      news: [
        '{s} sufre una caída a nivel mundial', 'Miles de usuarios reportan problemas con {s}, según Downdetector', 'Una avería deja sin servicio a miles de clientes de {s}',
        'Clientes de {s} informan de problemas para usar la red, especialmente en {c}', 'La compañía confirmó que el servicio de {s} ya se ha restablecido', '{s} dejó de funcionar este {d} durante más de {n} minutos',
        'Caída de {s}: lo que se sabe hasta ahora', 'Poco después de {t}, {s} dejaba de funcionar en todo el mundo', 'No, no es tu internet: {s} experimenta problemas',
        'Usuarios de {s} en {c} reportaron fallas en el envío de mensajes', 'La empresa atribuye la caída de {s} a un error técnico',
        "{s} restablece el servicio tras la caída", "Los usuarios de {s} reportan fallos desde {t}", "Caída de {s}: la empresa pide disculpas", "Miles de clientes de {s} se quedan sin conexión en {c}", "{s} atribuye la incidencia a un problema técnico", "Los reportes de fallos en {s} alcanzaron su pico a {t}",
      ],
      joke: [
        'Se cayó {s}, cualquier cosa por carta 😂', 'todos corriendo a twitter a ver si se cayó {s} jajaja', 'se cae {s} y yo hablando con mi familia por primera vez',
        'cuando se cae {s} y tu jefe te manda el trabajo por ahí 😂', 'RIP {s} jajaja', 'Esperando una indemnización por la caída de {s} 🤣',
        'Aquí seguimos funcionando 😉 saludos a {s}', 'se cayó {s}, toca palomas mensajeras xd', 'la caída de {s} y el becario desenchufando cables jajaja',
        "se cayó {s} y hablé con mi familia, son majos jajaja", "¿quién desenchufó {s}? 😂", "{s} caído, redescubriendo los libros xd", "se cae {s} y todo el mundo a twitter a confirmar jajaja", "gracias {s} por caerte, hoy fui productivo 🤣", "vuelven las palomas mensajeras ahora que {s} no va 😂",
      ],
      other: [
        'hoy me siento un poco caído de ánimo', '{s} ya funciona, por fin', 'Nuestros técnicos están trabajando para resolver la incidencia. Disculpad las molestias',
        'Escríbenos por MD y lo revisamos', '¡{n}% de descuento en {s} esta semana!', '¿cómo cambio mi contraseña de {s}?',
        'tarta de manzana con mi abuela', 'jajaja me cae muy bien tu hermano', 'a mí {s} me funciona bien',
        'la atención al cliente de {s} es malísima', 'qué buen día hace en {c}', 'quién se apunta al cine esta noche?',
        'me encanta la nueva actualización de {s}', 'el metro otra vez con retraso', 'las acciones de {s} bajaron hoy',
        'Estamos trabajando para restablecer el servicio lo antes posible',
        "{s} ya va, gracias", "¿cuánto cuesta {s} al mes?", "me cambio a {s} el mes que viene", "atasco en la M-30 esta mañana", "la línea 1 del metro va a reventar", "{s} tiene una función nueva muy chula", "buen finde a todos", "El servicio ya está restablecido. Gracias por vuestra paciencia.",
        "{s} ya volvió 🙌", "Ya está, {s} funciona otra vez con normalidad",
        "Prueba {s} gratis durante 3 meses", "Solo hoy {n}% de descuento con el código VERANO",
      ],
    },
  },
  pt: {
    services: ['WhatsApp', 'Vivo', 'TIM', 'Claro', 'Nubank', 'Itaú', 'Pix', 'Instagram', 'Netflix', 'Bradesco', 'Inter', 'iFood', 'Spotify', 'YouTube', 'MEO', 'NOS'],
    unknown: ['o app', 'minha internet', 'o wifi', 'Oi', 'Sky', 'Caixa', 'o site', 'PicPay', 'Mercado Pago'],
    cities: ['São Paulo', 'Rio', 'Belo Horizonte', 'Curitiba', 'Recife', 'Porto Alegre', 'Lisboa', 'Porto'],
    days: ['segunda', 'terça', 'quarta', 'quinta', 'sexta', 'sábado', 'domingo'],
    times: ['hoje cedo', '9h', 'meio-dia', 'ontem à noite', 'uma hora', '15h'],
    templates: {
      complaint: [
        '{s} caiu? aqui não abre nada', '{h} tô sem internet desde {t} em {c}', 'mais alguém com {s} fora do ar?', 'não consigo entrar no {s}, só dá erro',
        'o {s} parou de funcionar do nada', 'sem sinal de novo {h}, que palhaçada', 'o pix pelo {s} não vai de jeito nenhum', 'minhas mensagens do {s} não enviam',
        '{s} fora do ar em {c}??', 'só eu que tô sem {s}?', 'o app do {s} trava toda hora', 'TÔ SEM INTERNET HÁ HORAS {h} 😡',
        '{s} bugou aqui, não carrega', 'caiu o {s} bem na hora do trabalho', 'não consigo fazer transferência no {s}', 'o {s} tá muito instável hoje',
        'alguém sabe se o {s} caiu? não recebo nada', 'sem ligação e sem dados, {h} resolve isso', 'de novo o {s} fora do ar, terceira vez na semana', 'internet da {s} caindo toda hora aqui em casa',
        "o app do {s} fecha sozinho desde cedo", "{h} fibra caiu desde {t}, cadê o suporte?", "não consigo logar no {s}, senha certa e dá erro", "o {s} caiu ou é meu celular?", "as mensagens não enviam no {s} 😤", "{s} lento demais, não carrega nada", "de novo sem conexão {h}, sério?", "{s} sem sinal em {c} desde ontem", "pagamento no {s} falhou três vezes", "vocês tão conseguindo usar o {s}? aqui tela branca", "o roteador da {s} piscando de novo", "o {s} me desloga a cada 5 minutos",
        "\"Queda do {s}\" aqui também, nada funciona", "comigo também em {c}, sem {s}",
        "pago todo mês pra {s} não funcionar justo hoje, obrigado",
      ],
      news: [
        '{s} fica fora do ar e usuários relatam instabilidade', 'Segundo o Downdetector, mais de {n} usuários relataram problemas com {s}', 'A {s} passou por problemas durante toda a manhã de {d} em {c}',
        'Os aplicativos ficaram fora do ar por cerca de {n} minutos, informou a empresa', 'Clientes da {s} não conseguiram fazer ligações nesta {d}', 'Na tarde desta {d}, o {s} começou a apresentar instabilidade',
        'Queda do {s}: o que se sabe até agora', 'A empresa informou que o serviço do {s} foi normalizado', 'Usuários de todo o Brasil relatam falhas no {s}',
        '{s} apresenta instabilidade em várias regiões do país', 'Quem precisou usar o {s} nesta manhã não conseguiu',
        "{s} normaliza serviço após instabilidade", "Usuários do {s} relatam falhas desde {t}", "Queda do {s}: empresa pede desculpas", "Milhares de clientes da {s} ficam sem conexão em {c}", "{s} atribui falha a problema técnico", "Relatos de problemas no {s} atingiram o pico às {t}",
      ],
      joke: [
        'todo mundo correndo pro twitter pra ver se o {s} caiu kkkkk', 'o {s} caiu e eu tive que conversar com a minha família', 'caiu o {s}, volta pombo correio kkkk',
        'o estagiário do {s} tropeçou no cabo de novo kkkkk', 'RIP {s} kkkkkk', 'cai o {s} e eu finalmente produtivo 😂',
        'Por aqui tudo funcionando 😉 abraço pro {s}', 'o {s} caiu e meu chefe achando que eu tô trabalhando kkk', '{s} fora do ar, hora de ler um livro 🤣',
        "o {s} caiu e eu conversei com minha família, gente boa kkkk", "quem desligou o {s} da tomada? 😂", "{s} fora do ar, redescobrindo os livros kkkk", "caiu o {s} e todo mundo no twitter confirmando kkkkk", "obrigado {s} por cair, fui produtivo hoje 🤣", "volta pombo correio que o {s} caiu 😂",
      ],
      other: [
        'tô meio pra baixo hoje', '{s} voltou, finalmente', 'Estamos trabalhando para normalizar o serviço o mais rápido possível',
        'Chama a gente na DM que a gente te ajuda', '{n}% de desconto no {s} só hoje!', 'como mudo a senha do {s}?',
        'assistindo o jogo ao vivo com a galera', 'estou vivo, só sumi um pouco', 'aqui o {s} tá funcionando normal',
        'o atendimento do {s} é péssimo', 'que dia lindo em {c}', 'bora pro cinema hoje?',
        'adorei a atualização nova do {s}', 'o metrô atrasou de novo', 'as ações da {s} caíram hoje',
        'caiu a ficha agora sobre aquela conversa',
        "{s} voltou aqui, valeu", "quanto custa o {s} por mês?", "vou mudar pra {s} mês que vem", "trânsito parado na marginal", "a linha vermelha do metrô tá lotada", "o {s} lançou uma função nova bem legal", "bom fim de semana pra todos", "O serviço foi normalizado. Agradecemos a paciência.",
        "{s} voltou 🙌", "Pronto, {s} funcionando normalmente de novo",
        "Experimente o {s} grátis por 3 meses", "Só hoje {n}% de desconto com o cupom VERAO",
      ],
    },
  },
  it: {
    services: ['TIM', 'Vodafone', 'WindTre', 'Iliad', 'Fastweb', 'WhatsApp', 'Instagram', 'Facebook', 'Netflix', 'PayPal', 'Poste', 'Intesa', 'Spotify', 'DAZN', 'YouTube', 'Outlook'],
    unknown: ["l'app", 'la mia connessione', 'il wifi', 'Sky', 'Ho.', 'Kena', 'il sito', 'BancoBPM', 'Unicredit'],
    cities: ['Roma', 'Milano', 'Napoli', 'Torino', 'Bologna', 'Firenze', 'Palermo', 'Bari'],
    days: ['lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'domenica'],
    times: ['stamattina', 'le 9', 'mezzogiorno', 'ieri sera', "un'ora", 'le 11'],
    templates: {
      complaint: [
        '{s} non funziona anche a voi?', '{h} senza internet da {t} a {c}', 'solo a me {s} non va?', 'non riesco ad accedere a {s}, errore continuo',
        '{s} down? non carica niente', 'ancora senza linea, {h} che succede', 'non mi arrivano i messaggi su {s}', 'il pagamento con {s} non va a buon fine',
        'continui disservizi {s} da {t} a {c}', '{s} si blocca ogni volta che lo apro', 'NON VA NIENTE {h} 😡', 'qualcun altro ha problemi con {s}?',
        'la fibra {s} è caduta di nuovo', 'non funziona né il fisso né il cellulare, {h}', 'ma perché {s} oggi non va?', 'è da un\'ora che provo a entrare su {s}',
        '{s} in tilt, non riesco a mandare i vocali', 'pago ogni mese e {s} non funziona mai', 'il modem lampeggia e niente internet, {s} vergogna', 'un disastro {s} oggi, niente rete',
        "l'app di {s} si chiude da sola da stamattina", "{h} fibra giù da {t}, nessuna comunicazione", "non riesco a entrare su {s}, password giusta ma errore", "{s} down o è il mio telefono?", "non partono i messaggi su {s} 😤", "{s} lentissimo, non carica niente", "di nuovo senza connessione {h}, sul serio?", "{s} senza segnale a {c} da ieri", "il pagamento con {s} è fallito tre volte", "a voi funziona {s}? a me schermata bianca", "il modem di {s} lampeggia di nuovo", "{s} mi disconnette ogni 5 minuti",
        "\"{s} down\" anche a me, non va niente", "pure a me a {c}, niente {s}",
        "grazie {s} per la serata senza internet, bellissimo",
      ],
      news: [
        '{s} down: migliaia di segnalazioni in tutta Italia', 'Secondo Downdetector oltre {n} utenti hanno segnalato problemi con {s}', 'Mattinata complicata per i clienti {s}, disservizi in diverse regioni',
        '{s} ha smesso di funzionare in diverse parti del mondo intorno alle {t}', "L'azienda ha comunicato che il servizio di {s} è stato ripristinato", 'Disservizio {s}: cosa sappiamo finora',
        'I clienti {s} a {c} non riuscivano a effettuare chiamate {d}', '{s} down e la rete si infuoca', 'Malfunzionamenti per {s}: segnalazioni da nord a sud',
        'Gli utenti di {s} hanno segnalato problemi di accesso {d} mattina', '{s} torna a funzionare dopo {n} minuti di blackout',
        "{s} ripristina il servizio dopo il disservizio", "Gli utenti di {s} segnalano problemi da {t}", "Disservizio {s}: l'azienda si scusa", "Migliaia di clienti {s} senza connessione a {c}", "{s} attribuisce il guasto a un problema tecnico", "Le segnalazioni di problemi con {s} hanno raggiunto il picco alle {t}",
      ],
      joke: [
        'tutti su twitter a vedere se {s} è down 😂', '{s} non funziona, occasione per parlare con la famiglia ahahah', 'Spero che Zuckerberg abbia tenuto lo scontrino #{s}down',
        'mia madre che non riesce a mandare i vocali su {s}, non le dico niente ahah', '{s} down e si aspettano suicidi di massa 😂', 'approfittate di {s} down per dire le cose in faccia',
        'Da noi tutto funziona 😉 un saluto a {s}', 'il tecnico di {s} ha inciampato nel cavo ahahah', '{s} down: panico, sgomento, disperazione 🤣',
        "{s} down e ho parlato con la mia famiglia, simpatici ahahah", "chi ha staccato la spina a {s}? 😂", "{s} non va, riscopro i libri ahah", "{s} giù e tutti su twitter a confermare ahahah", "grazie {s} per essere caduto, oggi sono stato produttivo 🤣", "tornano i piccioni viaggiatori ora che {s} non va 😂",
        
      ],
      other: [
        'oggi sono un po\' giù di morale', 'finalmente {s} funziona di nuovo', 'Stiamo lavorando per risolvere il problema, ci scusiamo per il disagio',
        'Scrivici in privato e ti aiutiamo', 'Sconto del {n}% su {s} solo questa settimana!', 'come cambio la password di {s}?',
        'torta di mele con la nonna', 'che bella giornata a {c}', 'a me {s} funziona benissimo',
        'il servizio clienti di {s} è pessimo', 'chi viene al cinema stasera?', 'mi piace il nuovo aggiornamento di {s}',
        'il treno è di nuovo in ritardo', 'mia sorella ha un canale, iscrivetevi!', 'appena tornata la connessione, speriamo duri',
        'le azioni di {s} sono scese oggi',
        "{s} è tornato, grazie", "quanto costa {s} al mese?", "passo a {s} il mese prossimo", "traffico bloccato sul raccordo", "la metro A è piena come sempre", "{s} ha una nuova funzione carina", "buon weekend a tutti", "Il servizio è stato ripristinato. Grazie per la pazienza.",
        "{s} è tornato 🙌", "Fine del disservizio, {s} funziona di nuovo",
        "Prova {s} gratis per 3 mesi", "Solo oggi sconto del {n}% con il codice ESTATE",
      ],
    },
  },
  pl: {
    services: ['Play', 'Orange', 'T-Mobile', 'Plus', 'mBank', 'PKO', 'iPKO', 'BLIK', 'WhatsApp', 'Facebook', 'Messenger', 'Instagram', 'Netflix', 'Allegro', 'UPC', 'Discord'],
    unknown: ['aplikacja', 'mój internet', 'wifi', 'Vectra', 'Netia', 'Inea', 'strona', 'Pekao', 'ING Śląski'],
    cities: ['Warszawa', 'Kraków', 'Wrocław', 'Gdańsk', 'Poznań', 'Łódź', 'Katowice', 'Lublin'],
    days: ['poniedziałek', 'wtorek', 'środę', 'czwartek', 'piątek', 'sobotę', 'niedzielę'],
    times: ['rana', '9', 'południa', 'wczoraj', 'godziny', '16:00'],
    templates: {
      complaint: [
        'czy tylko u mnie {s} nie działa?', '{h} brak internetu od {t} w {c}', 'u was też {s} leży?', 'nie mogę się zalogować do {s}, ciągle błąd',
        '{s} znowu padł', 'brak zasięgu, {h} co się dzieje', 'nie dochodzą wiadomości na {s}', 'przelew w {s} nie przechodzi',
        'kolejna awaria {s}, tragedia', 'aplikacja {s} się zawiesza', 'NIE DZIAŁA NIC {h} 😡', 'ktoś jeszcze ma problem z {s}?',
        'płacę co miesiąc a {s} nie działa', 'internet od {s} co chwilę się rozłącza', 'od godziny nie mogę wejść na {s}', '{s} nie działa w {c}?',
        'nie da się zapłacić BLIKiem, {s} leży', 'telewizja {s} nie działa od rana', 'znowu prace serwisowe w {s} w środku dnia, żenada', 'wylogowało mnie z {s} i nie mogę wrócić',
        "aplikacja {s} sama się zamyka od rana", "{h} światłowód nie działa od {t}, zero informacji", "nie mogę się zalogować do {s}, hasło dobre a błąd", "{s} padł czy to mój telefon?", "wiadomości na {s} się nie wysyłają 😤", "{s} strasznie wolny, nic się nie ładuje", "znowu bez internetu {h}, serio?", "{s} brak zasięgu w {c} od wczoraj", "płatność przez {s} nie przeszła trzy razy", "działa wam {s}? u mnie biały ekran", "router od {s} znowu mruga", "{s} wylogowuje mnie co 5 minut",
        "\"Awaria {s}\" u mnie też, nic nie działa", "u mnie też w {c} brak {s}",
        "płacę za coś, z czego nie mogę korzystać, {s} żenada",
      ],
      news: [
        'Awaria {s}. Użytkownicy zgłaszają problemy w całej Polsce', 'Według Downdetector ponad {n} osób zgłosiło problemy z {s}', 'Sieć {s} zmaga się z poważną awarią',
        '{s} nie działa. Tysiące zgłoszeń w Polsce i na świecie', 'W {d} wielu klientów {s} nie miało dostępu do internetu', 'Operator poinformował, że awaria {s} została usunięta',
        'Globalna awaria {s}: co wiemy', 'Klienci {s} w {c} nie mogli wysyłać SMS-ów', 'Problemy z {s} trwały ponad {n} minut',
        'Użytkownicy zostali wylogowani z {s} w okolicach godziny {t}', 'Firma {s} przeprasza klientów za awarię',
        "{s} przywrócił działanie usług po awarii", "Użytkownicy {s} zgłaszają problemy od {t}", "Awaria {s}: firma przeprasza", "Tysiące klientów {s} bez internetu w {c}", "{s} tłumaczy awarię problemem technicznym", "Liczba zgłoszeń problemów z {s} osiągnęła szczyt o {t}",
      ],
      joke: [
        'wszyscy biegną na twittera sprawdzić czy {s} padł 😂', '{s} nie działa, muszę pogadać z rodziną xD', 'komiczne, że {s} informuje o awarii na platformie konkurencji',
        'stażysta w {s} znowu wyciągnął kabel 😂', 'RIP {s} xD', 'awaria {s} i nagle wszyscy produktywni 🤣',
        'U nas wszystko działa 😉 pozdro dla {s}', '{s} padł, czas przeczytać książkę haha', 'awaria {s}? przypadek? nie sądzę xD',
        "{s} padł i pogadałem z rodziną, spoko ludzie xD", "kto wyciągnął wtyczkę {s}? 😂", "{s} nie działa, odkrywam książki xD", "{s} leży i wszyscy na twitterze potwierdzają haha", "dzięki {s} za awarię, byłem dziś produktywny 🤣", "wracają gołębie pocztowe skoro {s} nie działa 😂",
      ],
      other: [
        'trochę mi smutno dzisiaj', '{s} już działa, w końcu', 'Pracujemy nad tym, aby rozwiązać problem jak najszybciej. Przepraszamy za utrudnienia',
        'W jakiej lokalizacji zauważasz utrudnienia?', '{n}% zniżki na {s} tylko dziś!', 'jak zmienić hasło w {s}?',
        'szarlotka u babci najlepsza', 'piękna pogoda w {c}', 'u mnie {s} działa normalnie',
        'obsługa klienta {s} to dramat', 'kto idzie dziś do kina?', 'nowa aktualizacja {s} jest super',
        'pociąg znowu spóźniony', 'gramy dziś w planszówki?', 'Potwierdzamy, że sytuacja się ustabilizowała, a dostęp do usługi jest przywracany',
        'kurs akcji {s} spada',
        "{s} już działa, dzięki", "ile kosztuje {s} miesięcznie?", "przechodzę do {s} w przyszłym miesiącu", "korek na moście od rana", "metro znowu pełne", "{s} ma nową fajną funkcję", "miłego weekendu wszystkim", "Usługa działa już prawidłowo. Dziękujemy za cierpliwość.",
        "{s} już działa 🙌", "Po awarii, {s} znowu działa normalnie",
        "Wypróbuj {s} za darmo przez 3 miesiące", "Tylko dziś {n}% rabatu z kodem LATO",
      ],
    },
  },
  tr: {
    services: ['Türk Telekom', 'Turkcell', 'Vodafone', 'Superonline', 'WhatsApp', 'Instagram', 'Twitter', 'YouTube', 'Netflix', 'Garanti', 'Ziraat', 'e-Devlet', 'Trendyol', 'Spotify', 'Discord', 'TikTok'],
    unknown: ['uygulama', 'internetim', 'wifi', 'Millenicom', 'TurkNet', 'D-Smart', 'site', 'Akbank', 'İşbank'],
    cities: ['İstanbul', 'Ankara', 'İzmir', 'Bursa', 'Antalya', 'Eskişehir', 'Konya', 'Adana'],
    days: ['pazartesi', 'salı', 'çarşamba', 'perşembe', 'cuma', 'cumartesi', 'pazar'],
    times: ['sabahtan', 'saat 9', 'öğlen', 'dün akşam', 'bir saattir', 'saat 10:30'],
    templates: {
      complaint: [
        '{s} çöktü mü? bende açılmıyor', '{h} {t} beri internet yok {c}', 'sadece bende mi {s} çalışmıyor?', '{s} giriş yapamıyorum sürekli hata veriyor',
        '{s} yine çöktü', 'sinyal yok {h} ne oluyor', '{s} mesajlar gitmiyor', '{s} ödeme yapamıyorum hata veriyor',
        'internetim yine kesik {h}', '{s} uygulaması sürekli kapanıyor', 'İNTERNET YOK {h} 😡', 'sizde de {s} sorunu var mı?',
        'her ay para ödüyorum {s} çalışmıyor', 'modem ışığı yanıp sönüyor {s} internet yok', '{s} bir saattir açılmıyor', '{c} {s} arıza mı var?',
        '{s} yavaşladı hiçbir şey yüklenmiyor', 'bağlantı yok {s} rezalet', '{s} yine kesinti, bıktım artık', 'giremiyorum {s} ne zaman düzelecek',
        "{s} uygulaması sabahtan beri kendi kendine kapanıyor", "{h} fiber {t} beri yok, bilgi veren yok", "{s} giriş yapamıyorum şifre doğru ama hata", "{s} mi çöktü benim telefon mu?", "{s} mesajlar gitmiyor 😤", "{s} çok yavaş hiçbir şey yüklenmiyor", "yine bağlantı yok {h} ciddi misiniz", "{c} {s} dünden beri çekmiyor", "{s} ödeme üç kere başarısız oldu", "sizde {s} çalışıyor mu bende beyaz ekran", "{s} modemi yine yanıp sönüyor", "{s} 5 dakikada bir oturumu kapatıyor",
        "\"{s} çöktü\" bende de hiçbir şey açılmıyor", "bende de {c} {s} yok",
        "arıza kaydı açtım hala internet yok, {s} rezalet",
      ],
      news: [
        '{s} çöktü: kullanıcılar erişim sorunu yaşıyor', 'Downdetector verilerine göre {n} kullanıcı {s} ile ilgili sorun bildirdi', '{s} kullanıcıları bugün saat {t} itibariyle erişimde zorluk yaşıyor',
        '{s} kesintisi: şirketten açıklama geldi', '{c} genelinde {s} kullanıcıları internete bağlanamadı', 'Resmi bir açıklama yapılmazken kullanıcılar tepki gösterdi',
        '{s} erişim sorunu {n} dakika sürdü', 'Şirket, {s} arızasının giderildiğini bildirdi', 'Türkiye genelinde {s} kullanıcıları sorun yaşadı',
        '{s} neden çöktü? Kullanıcılar yanıt bekliyor', '{s} hizmetlerinde kesinti yaşanıyor',
        "{s} kesintinin ardından hizmetler normale döndü", "{s} kullanıcıları {t} itibariyle sorun bildiriyor", "{s} kesintisi: şirket özür diledi", "{c} genelinde binlerce {s} abonesi internetsiz kaldı", "{s} arızanın teknik bir sorundan kaynaklandığını açıkladı", "{s} şikayetleri saat {t} civarında zirve yaptı",
      ],
      joke: [
        'herkes twittera koştu {s} çöktü mü diye 😂', '{s} çöktü ailemle konuşmak zorunda kaldım 😂', '{s} gitti stajyer kabloya takıldı herhalde 😂',
        'RIP {s} 😂', '{s} çöktü en verimli günüm oldu 🤣', 'Bizde her şey yolunda 😉 selamlar {s}',
        '{s} çöktü kitap okuma vakti 😂', 'tesadüf mü {s} çöktü 🤔😂', '{s} çökünce herkes twitterda sjsjsj',
        "{s} çöktü ailemle sohbet ettim iyi insanlarmış 😂", "{s} fişini kim çekti 😂", "{s} yok kitapları yeniden keşfediyorum 😂", "{s} çöktü herkes twitterda teyit ediyor sjsjsj", "{s} çöktü sayesinde bugün çok verimliydim 🤣", "{s} çalışmıyor posta güvercinleri geri dönüyor 😂",
      ],
      other: [
        'moralim çok bozuk bugün', '{s} düzeldi sonunda', 'Sorunun giderilmesi için ekiplerimiz çalışıyor, anlayışınız için teşekkür ederiz',
        'DM üzerinden bize yazın yardımcı olalım', '{s} için %{n} indirim sadece bugün!', '{s} şifremi nasıl değiştiririm?',
        'sinir sisteminiz çöktüğünü hissediyor musunuz', '{c} bugün çok güzel', 'bende {s} sorunsuz çalışıyor',
        '{s} müşteri hizmetleri berbat', 'bu akşam sinemaya kim geliyor?', '{s} yeni güncelleme çok güzel olmuş',
        'otobüs yine gecikti', 'annemle kek yaptık', '{s} hisseleri düştü',
        "{s} düzeldi teşekkürler", "{s} aylık ne kadar?", "gelecek ay {s} geçiyorum", "köprüde trafik kilit", "metrobüs yine tıklım tıklım", "{s} yeni özellik getirmiş güzel", "herkese iyi hafta sonları", "Hizmetlerimiz normale dönmüştür. Anlayışınız için teşekkür ederiz.",
        "{s} geri geldi 🙌", "Sorun çözüldü, {s} yine çalışıyor",
        "{s} 3 ay ücretsiz, hemen dene", "Sadece bugün YAZ koduyla %{n} indirim",
      ],
    },
  },
  ja: {
    services: ['LINE', 'ドコモ', 'au', 'ソフトバンク', 'X', 'ツイッター', 'インスタ', 'YouTube', 'PayPay', 'Netflix', 'Discord', '楽天モバイル', 'Amazon', 'Gmail', 'Steam', 'Switch'],
    unknown: ['アプリ', 'ネット', 'wifi', 'ahamo', 'povo', 'UQ', 'サイト', 'みずほ', '三井住友'],
    cities: ['東京', '大阪', '名古屋', '福岡', '札幌', '京都', '神戸', '仙台'],
    days: ['月曜', '火曜', '水曜', '木曜', '金曜', '土曜', '日曜'],
    times: ['朝から', '9時から', '昼から', '昨日の夜から', '1時間前から', '17時頃から'],
    templates: {
      complaint: [
        '{s}落ちてる？', '{s}繋がらないんだけど', '{c}で{s}使えない、私だけ？', '{s}ログインできない',
        '{t}{s}が全然繋がらない', '{s}メッセージ送れない', 'また{s}障害？', '{s}開かない',
        '{s}で電話できない、{c}在住です', '{s}重すぎて何もできない', '{s}エラーばっかり', '復旧したって言ってるのにまだ{s}使えない',
        'みんな{s}繋がる？', '{s}のアプリが落ちる', '{s}圏外のまま', '{s}支払いできないんだけど',
        'まだ{s}通話できない', '{s}全然読み込めない', '僕の{s}も繋がらない', '{s}死んでる？',
        "{s}のアプリが勝手に落ちる", "{t}{s}の回線が死んでる", "{s}にログインできない、パスワード合ってるのに", "{s}落ちてる？それとも私のスマホ？", "{s}でメッセージが送信できない😤", "{s}めちゃくちゃ遅い、何も読み込まない", "また{s}繋がらない、ふざけてる", "{c}で昨日から{s}圏外", "{s}で決済が3回失敗した", "みんな{s}使えてる？真っ白なんだけど", "{s}のルーターがまた点滅してる", "{s}が5分ごとにログアウトされる",
        "「{s}で障害」私も全然繋がらない", "{c}だけど僕も{s}使えない",
        "復旧作業終了って言ってるけど{c}はまだ繋がらない", "{s}復旧したって発表してるのに全然通話できないんだけど", "公式は復旧って言うけど、うちの{s}はまだ圏外",
      ],
      news: [
        '{s}で通信障害、全国規模で発生', '{s}は{d}、システム障害が発生したと発表した', '{s}の障害、{t}発生し利用しづらい状況に',
        '{s}で大規模障害、利用者{n}万人に影響', '{s}によると、障害は{d}午前に復旧した', '{s}の通信障害は徐々に回復している',
        '{s}障害の原因はシステムの不具合と説明', '総務省は{s}に報告を求めた', '{c}を中心に{s}がつながりにくい状態が続いている',
        '{s}、障害の影響で一部サービスを停止', '{s}は記者会見で謝罪した',
        "{s}、障害から復旧したと発表", "{s}の利用者から{t}不具合の報告が相次ぐ", "{s}障害で同社が謝罪", "{c}で{s}の利用者数千人が接続できず", "{s}は障害の原因を技術的な問題と説明", "{s}の障害報告は{t}ピークに",
      ],
      joke: [
        '{s}落ちてみんなツイッターに集合してて草', '{s}落ちたから家族と話すしかない笑', '{s}のサーバーに味噌汁こぼした説w',
        '{s}の中の人今頃大変そうwww', '{s}障害で仕事が捗る草', '{s}落ちてる間に本でも読むかw',
        'うちは元気に動いてます😉', '{s}落ちた？ドラえもんのせいかもw', '{s}が落ちて平和な夜w',
        "{s}落ちたから家族と話したら楽しかった笑", "{s}のコンセント抜いたの誰ｗ", "{s}使えないから読書してる草", "{s}落ちてみんなツイッターで確認してるの草", "{s}落ちたおかげで今日めっちゃ捗った笑", "{s}落ちたし伝書鳩の時代に戻るかｗ",
      ],
      other: [
        '今日はなんだか気分が落ちてる', '{s}直った！よかった', 'ご迷惑をおかけして申し訳ございません。現在復旧作業中です',
        '復旧作業中の皆様ありがとうございます', '{s}で{n}%オフのキャンペーン実施中', '{s}のパスワード変更ってどうやるの？',
        '{c}は今日いい天気', '{s}は普通に使えてるよ', '{s}のサポート対応が最悪',
        '今夜映画行く人いる？', '{s}の新しいアップデート良い感じ', '電車また遅れてる',
        '試験に落ちた…', '頑張ってください！', '{s}の株価が下がった',
        "{s}直った、ありがとう", "{s}って月いくら？", "来月{s}に乗り換える", "朝から道路が渋滞してる", "電車が満員すぎる", "{s}の新機能けっこう便利", "みなさん良い週末を", "サービスは復旧いたしました。ご不便をおかけしました。",
        "{s}復活した🙌", "障害終わった、{s}普通に使える",
        "{s}が3か月無料！今すぐ登録", "本日限定、クーポンで{n}%オフ",
      ],
    },
  },
};

/**
 * Messier posts, as real timelines write them: short, hashtag-heavy, ironic, no service named, quoted
 * headline + "same here", operator words inside a user's complaint, status posts in the first person
 * plural, news sentences without a headline shape. Same slots and same split rule as TEMPLATES.
 */
export const MESSY_TEMPLATES: Record<string, Partial<Record<Label, string[]>>> = {
  en: {
    complaint: [
      'is it down for everyone or just me', 'down again. of course.', 'nothing loads. nothing.', '#{s}down #{s}down #{s}down',
      'so it\'s not just me then', 'literally cannot open anything rn', 'me: pays every month. {s}: error 500', 'oh good, {s} is dead again, love that for me',
      '"{s} is down" yep. confirmed. same here', 'wifi bars full, internet zero. make it make sense', 'been on hold 40 min and the app still says try again later', 'day 2 with no broadband and not a single update, brilliant',
      'they say maintenance, I say my whole evening is gone', 'the status page says all systems operational. it is not.', 'can someone check if it\'s working for you because it is not for me', 'bro my messages stuck on one tick for an hour',
      'keep getting kicked out mid game, every single match', 'card refused at the till twice, app shows nothing, what is happening', 'no service since {t} and no one is answering', 'every page just times out',
    ],
    news: [
      '{s} services are down for a large number of customers in {c} and surrounding areas', '{s} said engineers were investigating after users in {c} lost access', 'Outage tracking data showed a spike in problems with {s} shortly after {t}',
      'The disruption also affected payment terminals in shops, according to local media', '{s} users in several countries were unable to send messages for about {n} minutes', '{s} has not yet said what caused the disruption',
      'Why was {s} down? Here is what the company says', '{s} down for second time in a week, reports say',
    ],
    joke: [
      'welp. guess I\'ll go outside #{s}down', 'everyone refreshing the app like it owes them money 😂', 'plot twist: {s} was never up', '{s} down, productivity up 📈',
      'the intern at {s} right now 🫠', 'quick, everyone act natural #{s}down', 'pov: you restarted your router 6 times for nothing lmao', 'me checking if my wifi is the problem for the 5th time 💀',
      'we all survived {s} being down for an hour. legends', 'when {s} goes down everyone becomes a network engineer lol',
    ],
    other: [
      "{s} isn't down, it's your wifi", "{s} is not down for me, works fine", "no outage here, {s} loads fine in {c}",
      "We're aware some customers can't log in to {s} right now. Our team is on it.", "Some of you are unable to make payments this morning. We're investigating and will update you shortly.", "We know messages aren't sending for some users in {c}. Engineers are working on a fix.", "Heads up: we're seeing errors on the {s} app and are looking into it. Thanks for your patience.",
      'We\'re seeing connection issues and the team is working on a fix. Sorry, updates soon!', 'We have identified the cause and a fix is rolling out now.', 'Our engineers are aware of the problem and working on it',
      'Everything is back to normal now. Thank you for bearing with us.', 'The app is working again for most people, thanks for your patience', 'what a lovely weather in {c} today',
      'honestly {s} has the worst customer support I\'ve dealt with', 'this new phone is so fast, love it', 'down by two goals at half time, come on lads', 'shut down the laptop and went for a walk, best idea',
      'can anyone recommend a good VPN?', 'the server at the restaurant was lovely',
    ],
  },
  nl: {
    complaint: [
      'ligt het eruit of ligt het aan mij', 'weer niks. echt weer niks.', '#storing #{s} #storing', 'dus niet alleen bij mij',
      'internet doet het al de hele avond niet, top weer', '"Storing bij {s}" jup. hier ook', 'al een uur in de wacht en de app zegt nog steeds probeer later', 'dag 2 zonder internet, geen enkele update',
      'onderhoud noemen ze het, mijn hele avond is weg', 'volgens de storingspagina is alles in orde. niet dus.', 'werkt het bij jullie wel? hier helemaal niks', 'pinnen lukt niet bij de kassa, app laat niks zien',
      'elke pagina blijft laden en laden', 'eruit gegooid midden in een potje, elke keer weer',
    ],
    news: [
      'Klanten van {s} in {c} hebben sinds {t} geen internet', '{s} zegt dat technici de oorzaak onderzoeken', 'De storing trof ook betaalautomaten in winkels, meldt de regionale omroep',
      'Het is nog onduidelijk wat de storing bij {s} heeft veroorzaakt', 'Waarom lag {s} eruit? Dit zegt het bedrijf',
    ],
    joke: [
      'nou. dan maar naar buiten #storing', 'iedereen die de app ververst alsof dat helpt 😂', 'storing bij {s}, productiviteit omhoog 📈', 'de stagiair bij {s} op dit moment 🫠',
      'router 6 keer herstart voor niks haha', 'als {s} plat ligt is iedereen ineens netwerkspecialist 😂',
    ],
    other: [
      "{s} ligt er niet uit, bij mij werkt alles", "geen storing hier, {s} doet het prima", "{s} is niet down hoor, check je wifi",
      "We weten dat sommige klanten niet kunnen inloggen. Onze monteurs zijn ermee bezig.", "Een deel van de klanten in {c} kan niet betalen. We zoeken het uit en houden jullie op de hoogte.",
      'We zien problemen met de verbinding en ons team werkt aan een oplossing. Sorry!', 'De oorzaak is gevonden, er wordt nu een oplossing uitgerold.', 'Alles werkt weer normaal. Bedankt voor jullie geduld.',
      'wat een heerlijk weer in {c} vandaag', 'de klantenservice van {s} is echt het slechtst', 'die nieuwe telefoon is zo snel, heerlijk', 'kan iemand een goede vpn aanraden?',
      'laptop uitgezet en lekker gaan wandelen',
    ],
  },
  de: {
    complaint: [
      'geht das bei allen nicht oder nur bei mir', 'schon wieder nix. einfach nix.', '#{s}störung #störung', 'also nicht nur bei mir',
      'seit dem Abend kein Internet, super gemacht', '"Störung bei {s}" jap. hier auch', 'eine Stunde Warteschleife und die App sagt immer noch später versuchen', 'Tag 2 ohne Internet und keine einzige Info',
      'Wartungsarbeiten nennen die das, mein ganzer Abend ist weg', 'laut Statusseite läuft alles. tut es nicht.', 'geht es bei euch? bei mir gar nichts', 'Karte an der Kasse zweimal abgelehnt, App zeigt nichts',
      'jede Seite lädt und lädt', 'mitten im Spiel rausgeflogen, jedes Mal',
    ],
    news: [
      'Kunden von {s} in {c} haben seit {t} kein Internet', '{s} teilte mit, Techniker suchten nach der Ursache', 'Die Störung traf auch Kartenterminals im Handel, berichten lokale Medien',
      'Was die Störung bei {s} ausgelöst hat, ist noch unklar', 'Warum war {s} down? Das sagt das Unternehmen',
    ],
    joke: [
      'naja. dann geh ich halt raus #{s}down', 'alle aktualisieren die App als würde das helfen 😂', '{s} down, Produktivität hoch 📈', 'der Praktikant bei {s} gerade 🫠',
      'Router 6 mal neu gestartet für nichts haha', 'wenn {s} down ist sind plötzlich alle Netzwerktechniker 😂',
    ],
    other: [
      "{s} ist nicht down, bei mir läuft alles", "keine Störung hier, {s} geht problemlos", "{s} funktioniert bei mir ganz normal, liegt an deinem WLAN",
      "Wir wissen, dass sich einige Kunden gerade nicht einloggen können. Unser Team ist dran.", "Einige von euch können gerade nicht bezahlen. Wir prüfen das und melden uns.",
      'Wir sehen Verbindungsprobleme und unser Team arbeitet an einer Lösung. Sorry!', 'Die Ursache ist gefunden, ein Fix wird gerade ausgerollt.', 'Alles läuft wieder normal. Danke für eure Geduld.',
      'was für ein schönes Wetter heute in {c}', 'der Kundenservice von {s} ist echt der schlechteste', 'das neue Handy ist so schnell, herrlich', 'kann jemand ein gutes VPN empfehlen?',
      'Laptop aus und spazieren gegangen',
    ],
  },
  fr: {
    complaint: [
      'c\'est en panne pour tout le monde ou juste moi', 'encore rien. vraiment rien.', '#pannes{s} #panne', 'donc c\'est pas que moi',
      'plus d\'internet depuis ce soir, bravo', '"Panne chez {s}" ouais. pareil ici', 'une heure d\'attente et l\'appli dit toujours réessayez plus tard', 'jour 2 sans box et aucune info',
      'ils appellent ça maintenance, ma soirée est foutue', 'la page de statut dit que tout va bien. non.', 'ça marche chez vous ? chez moi rien du tout', 'carte refusée deux fois en caisse, l\'appli n\'affiche rien',
      'chaque page charge dans le vide', 'éjecté en pleine partie, à chaque fois',
    ],
    news: [
      'Les clients de {s} à {c} sont privés d\'internet depuis {t}', '{s} indique que des techniciens recherchent la cause', 'La panne a aussi touché des terminaux de paiement, selon la presse locale',
      'On ignore encore ce qui a provoqué la panne de {s}', 'Pourquoi {s} était en panne ? Ce que dit l\'entreprise',
    ],
    joke: [
      'bon. je vais dehors alors #{s}down', 'tout le monde qui rafraîchit l\'appli comme si ça servait à quelque chose 😂', '{s} en panne, productivité en hausse 📈', 'le stagiaire de {s} en ce moment 🫠',
      'redémarré la box 6 fois pour rien mdr', 'quand {s} tombe tout le monde devient ingénieur réseau 😂',
    ],
    other: [
      "{s} n'est pas en panne, chez moi ça marche", "aucune panne ici, {s} fonctionne très bien", "pas de panne chez {s}, vérifie ta box",
      "Nous savons que certains clients ne peuvent pas se connecter. Nos équipes sont mobilisées.", "Certains d'entre vous ne peuvent pas payer ce matin. Nous analysons et revenons vers vous.",
      'Nous constatons des problèmes de connexion et notre équipe travaille sur un correctif. Désolés !', 'La cause est identifiée, un correctif est en cours de déploiement.', 'Tout fonctionne de nouveau. Merci pour votre patience.',
      'quel beau temps à {c} aujourd\'hui', 'le service client de {s} est vraiment le pire', 'ce nouveau téléphone est trop rapide, j\'adore', 'quelqu\'un peut me conseiller un bon vpn ?',
      'ordi éteint et partie me balader',
    ],
  },
  es: {
    complaint: [
      '¿está caído para todos o solo para mí?', 'otra vez nada. nada de nada.', '#{s}caido #caida', 'o sea que no soy solo yo',
      'sin internet desde la tarde, genial', '"Caída de {s}" sí. aquí igual', 'una hora en espera y la app sigue diciendo inténtalo más tarde', 'día 2 sin internet y ni una explicación',
      'le llaman mantenimiento, yo le llamo perder la noche', 'la página de estado dice que todo bien. pues no.', '¿os funciona? a mí nada de nada', 'tarjeta rechazada dos veces en la caja, la app no muestra nada',
      'todas las páginas cargando sin fin', 'me echa de la partida cada vez',
    ],
    news: [
      'Clientes de {s} en {c} llevan sin internet desde {t}', '{s} afirmó que sus técnicos investigan la causa', 'La caída también afectó a los datáfonos de los comercios, según medios locales',
      'Aún se desconoce qué provocó la caída de {s}', '¿Por qué se cayó {s}? Esto dice la empresa',
    ],
    joke: [
      'bueno. pues a salir a la calle #{s}down', 'todos actualizando la app como si sirviera de algo 😂', '{s} caído, productividad arriba 📈', 'el becario de {s} ahora mismo 🫠',
      'reinicié el router 6 veces para nada jajaja', 'cuando se cae {s} todos somos ingenieros de redes 😂',
    ],
    other: [
      "{s} no está caído, a mí me va bien", "ninguna caída aquí, {s} funciona normal", "no se ha caído {s}, será tu wifi",
      "Sabemos que algunos clientes no pueden iniciar sesión. Nuestro equipo ya está trabajando en ello.", "Algunos de vosotros no podéis pagar esta mañana. Lo estamos revisando y os informaremos.",
      'Estamos viendo problemas de conexión y el equipo trabaja en una solución. ¡Perdón!', 'Hemos encontrado la causa y ya se está aplicando la solución.', 'Todo funciona con normalidad. Gracias por vuestra paciencia.',
      'qué buen tiempo hace hoy en {c}', 'la atención al cliente de {s} es la peor', 'este móvil nuevo va rapidísimo, me encanta', '¿alguien me recomienda una vpn buena?',
      'apagué el portátil y me fui a pasear',
    ],
  },
  pt: {
    complaint: [
      'caiu pra todo mundo ou só pra mim?', 'de novo nada. nada mesmo.', '#{s}fora #caiu', 'então não é só comigo',
      'sem internet desde a tarde, que beleza', '"{s} fora do ar" pois é. aqui também', 'uma hora esperando e o app ainda diz tente mais tarde', 'dia 2 sem internet e nenhuma explicação',
      'chamam de manutenção, eu chamo de noite perdida', 'a página de status diz que está tudo bem. não está.', 'tá funcionando pra vocês? aqui nada', 'cartão recusado duas vezes no caixa, o app não mostra nada',
      'toda página fica carregando', 'me derruba da partida toda vez',
    ],
    news: [
      'Clientes da {s} em {c} estão sem internet desde {t}', 'A {s} disse que técnicos investigam a causa', 'A falha também afetou maquininhas de cartão no comércio, segundo a imprensa local',
      'Ainda não se sabe o que causou a instabilidade da {s}', 'Por que o {s} caiu? Veja o que diz a empresa',
    ],
    joke: [
      'pois é. vou lá fora então #{s}caiu', 'todo mundo atualizando o app como se adiantasse 😂', '{s} caiu, produtividade subiu 📈', 'o estagiário da {s} agora 🫠',
      'reiniciei o roteador 6 vezes à toa kkkk', 'quando o {s} cai todo mundo vira engenheiro de rede kkkk',
    ],
    other: [
      "{s} não caiu, aqui funciona normal", "nenhuma queda aqui, {s} tá de boa", "o {s} não tá fora do ar, é sua internet",
      "Sabemos que alguns clientes não conseguem entrar no app. Nossa equipe já está atuando.", "Alguns de vocês não conseguem fazer pagamentos agora. Estamos verificando e daremos retorno.",
      'Identificamos instabilidade na conexão e nossa equipe está trabalhando na correção. Desculpe!', 'Encontramos a causa e a correção já está sendo aplicada.', 'Tudo normalizado. Obrigado pela paciência.',
      'que dia lindo em {c} hoje', 'o atendimento da {s} é o pior', 'esse celular novo é muito rápido, amei', 'alguém indica uma vpn boa?',
      'desliguei o notebook e fui caminhar',
    ],
  },
  it: {
    complaint: [
      'è giù per tutti o solo per me?', 'di nuovo niente. proprio niente.', '#{s}down #down', 'quindi non sono l\'unico',
      'senza internet da stasera, complimenti', '"{s} down" eh sì. anche qui', 'un\'ora in attesa e l\'app dice ancora riprova più tardi', 'secondo giorno senza linea e nessuna spiegazione',
      'la chiamano manutenzione, io la chiamo serata persa', 'la pagina di stato dice che va tutto bene. no.', 'a voi va? a me niente di niente', 'carta rifiutata due volte alla cassa, l\'app non mostra niente',
      'ogni pagina carica all\'infinito', 'mi butta fuori dalla partita ogni volta', 'ma che fine ha fatto la linea? da ieri niente', 'assurdo, terza volta questa settimana',
    ],
    news: [
      'I clienti {s} a {c} sono senza internet da {t}', '{s} ha fatto sapere che i tecnici stanno cercando la causa', 'Il guasto ha colpito anche i POS dei negozi, riportano i media locali',
      'Non è ancora chiaro cosa abbia causato il disservizio di {s}', 'Perché {s} non funzionava? Ecco cosa dice l\'azienda',
    ],
    joke: [
      'vabbè. esco di casa allora #{s}down', 'tutti ad aggiornare l\'app come se servisse 😂', '{s} down, produttività alle stelle 📈', 'lo stagista di {s} in questo momento 🫠',
      'riavviato il modem 6 volte per niente ahahah', 'quando va giù {s} diventiamo tutti ingegneri di rete 😂', 'ora che {s} è down possiamo finalmente parlarci in faccia ahah', 'dai che stasera si legge un libro #{s}down',
    ],
    other: [
      "{s} non è down, a me va benissimo", "nessun disservizio qui, {s} funziona", "{s} non è giù, è il tuo wifi",
      "Sappiamo che alcuni clienti non riescono ad accedere. I nostri tecnici sono al lavoro.", "Alcuni di voi non riescono a pagare stamattina. Stiamo verificando e vi aggiorneremo.",
      'Stiamo riscontrando problemi di connessione e il team è al lavoro. Scusate!', 'Abbiamo individuato la causa, la correzione è in arrivo.', 'Tutto di nuovo regolare. Grazie per la pazienza.',
      'che bel tempo oggi a {c}', 'il servizio clienti di {s} è il peggiore', 'questo telefono nuovo è velocissimo, lo adoro', 'qualcuno mi consiglia una vpn buona?',
      'spento il portatile e andato a fare due passi', 'giù le mani dalla mia pizza',
    ],
  },
  pl: {
    complaint: [
      'nie działa wszystkim czy tylko mi?', 'znowu nic. zupełnie nic.', '#awaria #{s}', 'czyli nie tylko u mnie',
      'brak internetu od wieczora, brawo', '"Awaria {s}" no tak. u mnie też', 'godzina na infolinii a aplikacja dalej każe spróbować później', 'drugi dzień bez internetu i zero informacji',
      'nazywają to pracami serwisowymi, a ja straciłem cały wieczór', 'strona ze statusem mówi że wszystko działa. nie działa.', 'działa wam? u mnie nic', 'karta odrzucona dwa razy przy kasie, aplikacja nic nie pokazuje',
      'każda strona ładuje się w nieskończoność', 'wyrzuca mnie z gry za każdym razem', 'prace techniczne w środku dnia? serio?', 'po co komunikat o pracach, skoro i tak nic nie działa',
    ],
    news: [
      'Klienci {s} w {c} nie mają internetu od {t}', '{s} poinformował, że technicy szukają przyczyny', 'Awaria dotknęła też terminale płatnicze w sklepach, podają lokalne media',
      'Nadal nie wiadomo, co spowodowało awarię {s}', 'Dlaczego {s} nie działał? Oto co mówi firma',
    ],
    joke: [
      'no cóż. idę na dwór #{s}down', 'wszyscy odświeżają aplikację jakby to coś dało 😂', '{s} padł, produktywność w górę 📈', 'stażysta w {s} w tej chwili 🫠',
      'zrestartowałem router 6 razy na nic xD', 'jak {s} pada to wszyscy są nagle sieciowcami 😂',
    ],
    other: [
      "{s} nie padł, u mnie działa normalnie", "żadnej awarii, {s} działa bez problemu", "{s} działa, to twój internet",
      "Wiemy, że część klientów nie może się zalogować. Nasz zespół już nad tym pracuje.", "Części z Was nie działają płatności. Sprawdzamy to i wkrótce damy znać.",
      'Widzimy problemy z połączeniem, nasz zespół pracuje nad rozwiązaniem. Przepraszamy!', 'Znaleźliśmy przyczynę, poprawka jest właśnie wdrażana.', 'Wszystko działa już normalnie. Dziękujemy za cierpliwość.',
      'jaka piękna pogoda dziś w {c}', 'obsługa klienta {s} jest najgorsza', 'ten nowy telefon jest bardzo szybki, uwielbiam', 'ktoś poleci dobrego vpna?',
      'wyłączyłem laptopa i poszedłem na spacer', 'prace serwisowe zaplanowane na noc, usługa może być chwilowo niedostępna',
    ],
  },
  tr: {
    complaint: [
      'herkeste mi çöktü yoksa sadece bende mi', 'yine hiçbir şey yok. hiç.', '#{s}çöktü #çöktü', 'demek ki sadece ben değilim',
      'akşamdan beri internet yok, aferin', '"{s} çöktü" evet. bende de', 'bir saattir müşteri hizmetlerinde bekliyorum uygulama hala sonra deneyin diyor', 'ikinci gün internetsiz ve tek bir açıklama yok',
      'bakım diyorlar, benim bütün akşamım gitti', 'durum sayfası her şey normal diyor. değil.', 'sizde çalışıyor mu? bende hiç', 'kart kasada iki kere reddedildi, uygulama bir şey göstermiyor',
      'her sayfa sonsuza kadar yükleniyor', 'her maçta oyundan atıyor',
    ],
    news: [
      '{c} bölgesindeki {s} aboneleri {t} beri internetsiz', '{s}, teknik ekiplerin nedeni araştırdığını açıkladı', 'Kesinti mağazalardaki ödeme cihazlarını da etkiledi',
      '{s} kesintisinin nedeni henüz bilinmiyor', '{s} neden çöktü? Şirketin açıklaması',
    ],
    joke: [
      'neyse. dışarı çıkıyorum #{s}çöktü', 'herkes uygulamayı yeniliyor sanki işe yarayacak 😂', '{s} çöktü verimlilik arttı 📈', '{s} stajyeri şu an 🫠',
      'modemi 6 kere yeniden başlattım boşuna sjsjsj', '{s} çökünce herkes ağ mühendisi oluyor 😂',
    ],
    other: [
      "{s} çökmedi, bende sorunsuz çalışıyor", "arıza yok, {s} gayet normal", "{s} çalışıyor, sorun senin internette",
      "Bazı müşterilerimizin giriş yapamadığını biliyoruz. Ekiplerimiz çalışıyor.", "Bazı kullanıcılarımız şu an ödeme yapamıyor. İnceliyoruz, bilgi vereceğiz.",
      'Bağlantı sorunları görüyoruz, ekibimiz çözüm üzerinde çalışıyor. Özür dileriz!', 'Nedeni bulduk, düzeltme şu an devreye alınıyor.', 'Her şey normale döndü. Sabrınız için teşekkürler.',
      'bugün {c} hava çok güzel', '{s} müşteri hizmetleri en kötüsü', 'yeni telefon çok hızlı bayıldım', 'iyi bir vpn önerebilecek var mı?',
      'laptopu kapattım yürüyüşe çıktım',
    ],
  },
  ja: {
    complaint: [
      'これ落ちてるの私だけ？', 'また何も見れない', '#{s}障害 #障害', 'やっぱり私だけじゃないのか',
      '夜からずっとネット使えないんだけど', '「{s}障害」ほんとだ、こっちも', '1時間待ってもアプリは後で試してくださいのまま', '2日目もネットなし、説明ゼロ',
      'メンテって言うけど夜が丸ごと潰れた', '公式は正常って言ってるけど全然だめ', 'みんな使える？こっち全然', 'レジでカード2回弾かれた、アプリも何も表示されない',
      'どのページもずっと読み込み中', '試合中に毎回落とされる', '復旧の予定とかいいから早く使えるようにして', '障害のお知らせだけ出して連絡なし、ひどい',
    ],
    news: [
      '{c}の{s}利用者は{t}インターネットが使えない状態', '{s}は技術者が原因を調査していると明らかにした', '障害は店舗の決済端末にも影響したという',
      '{s}の障害の原因はまだ分かっていない', 'なぜ{s}は止まったのか 同社の説明',
    ],
    joke: [
      'じゃあ外に出るか #{s}障害', 'みんなアプリ更新しまくってて草', '{s}落ちて生産性爆上がり📈', '今の{s}のインターンの顔🫠',
      'ルーター6回再起動したの無駄だったw', '{s}落ちるとみんなネットワーク技術者になるの草',
    ],
    other: [
      "{s}落ちてないよ、普通に使える", "障害じゃないよ、{s}は問題なく動いてる", "{s}は大丈夫、そっちのWi-Fiでは？",
      "一部のお客様がログインできない状況を確認しています。現在対応中です。", "一部の地域で決済ができない状態です。原因を調査しております。",
      '接続に問題が発生しており、チームが対応しています。申し訳ありません。', '原因を特定し、修正を順次適用しています。', 'すべて正常に戻りました。ご協力ありがとうございました。',
      '今日の{c}はいい天気', '{s}のサポートほんと最悪', '新しいスマホめっちゃ速い、最高', 'おすすめのVPNある？',
      'パソコン閉じて散歩してきた',
    ],
  },
};

/**
 * Posts that carry a sentiment but are not about an outage (labelled `other`), for the languages the
 * shared sentiment sets do not cover: they train sentiment there and let the test split measure it.
 */
export const MOOD_TEMPLATES: Record<string, Record<SentimentLabel, string[]>> = {
  nl: {
    positive: ['wat een geweldige dag in {c} 😍', 'super blij met mijn nieuwe fiets', 'top service van {s}, snel geholpen, bedankt!', 'heerlijk gegeten vanavond, echt een aanrader', 'eindelijk vakantie, zin in!', 'wat een mooie wedstrijd, trots op de jongens', 'dankjewel allemaal voor de lieve berichtjes ❤', 'fantastisch concert gisteren in {c}'],
    neutral: ['morgen vergadering om 10 uur in {c}', 'de trein naar {c} vertrekt van spoor 5', 'hoe laat gaat de supermarkt open op {d}?', 'ik ben {d} thuis', 'nieuwe versie van {s} staat in de app store', 'weet iemand waar het gemeentehuis is?', 'het regent in {c}', 'vanavond voetbal op tv'],
    negative: ['wat een rotdag, alles gaat mis', 'echt boos op de buren, weer herrie tot 3 uur', 'slechtste film die ik ooit heb gezien', 'ik haat maandagen', 'verschrikkelijk verkeer in {c}, sta al een uur stil', 'zo teleurgesteld in die nieuwe serie', 'mijn fiets is weer gestolen, balen', 'wat een waardeloze wedstrijd'],
  },
  pl: {
    positive: ['cudowny dzień w {c} 😍', 'bardzo się cieszę z nowego roweru', 'świetna obsługa w {s}, szybko pomogli, dzięki!', 'pyszna kolacja dzisiaj, polecam', 'w końcu wakacje, nie mogę się doczekać!', 'piękny mecz, jestem dumny z chłopaków', 'dziękuję wszystkim za miłe wiadomości ❤', 'fantastyczny koncert wczoraj w {c}'],
    neutral: ['jutro zebranie o 10 w {c}', 'pociąg do {c} odjeżdża z peronu 5', 'o której otwierają sklep w {d}?', 'w {d} jestem w domu', 'nowa wersja {s} jest już w sklepie', 'ktoś wie gdzie jest urząd miasta?', 'w {c} pada deszcz', 'wieczorem mecz w telewizji'],
    negative: ['okropny dzień, wszystko idzie źle', 'jestem wściekły na sąsiadów, znowu hałas do 3', 'najgorszy film jaki widziałem', 'nienawidzę poniedziałków', 'straszne korki w {c}, stoję od godziny', 'bardzo rozczarowany nowym serialem', 'znowu ukradli mi rower, masakra', 'beznadziejny mecz'],
  },
  tr: {
    positive: ['{c} bugün harika bir gün 😍', 'yeni bisikletime çok sevindim', '{s} müşteri hizmetleri çok iyiydi hemen yardım ettiler teşekkürler!', 'bu akşamki yemek çok lezzetliydi tavsiye ederim', 'sonunda tatil, çok heyecanlıyım!', 'muhteşem maç, çocuklarla gurur duyuyorum', 'güzel mesajlarınız için hepinize teşekkürler ❤', 'dün {c} konseri harikaydı'],
    neutral: ['yarın saat 10da {c} toplantı var', '{c} treni 5. perondan kalkıyor', 'market {d} kaçta açılıyor?', '{d} evdeyim', '{s} yeni sürümü mağazada', 'belediye binası nerede bilen var mı?', '{c} yağmur yağıyor', 'bu akşam maç televizyonda'],
    negative: ['berbat bir gün her şey ters gidiyor', 'komşulara çok sinirliyim yine gece 3e kadar gürültü', 'izlediğim en kötü film', 'pazartesilerden nefret ediyorum', '{c} trafik korkunç bir saattir bekliyorum', 'yeni diziden çok hayal kırıklığına uğradım', 'bisikletimi yine çaldılar, rezalet', 'berbat bir maçtı'],
  },
  ja: {
    positive: ['{c}で最高の一日だった😍', '新しい自転車めっちゃ嬉しい', '{s}のサポートすぐ対応してくれた、ありがとう！', '今日の晩ご飯すごく美味しかった、おすすめ', 'やっと休み、楽しみ！', '最高の試合だった、誇りに思う', '優しいメッセージみんなありがとう❤', '昨日の{c}のライブ最高だった'],
    neutral: ['明日10時に{c}で会議', '{c}行きの電車は5番線から', 'スーパーは{d}何時に開く？', '{d}は家にいる', '{s}の新しいバージョンが出てる', '市役所の場所わかる人いる？', '{c}は雨', '今夜テレビで試合がある'],
    negative: ['最悪な一日、何もかもうまくいかない', '隣の騒音がまた夜3時まで、本当に腹立つ', '今まで見た中で一番ひどい映画', '月曜日が嫌い', '{c}の渋滞ひどすぎ、1時間動かない', '新しいドラマにがっかり', 'また自転車盗まれた、最悪', 'ひどい試合だった'],
  },
};

/**
 * Training-only templates (round 3): new wordings of what the classifier kept missing, written for
 * this project and never a rewording of a test template: "anyone else having problems with X?" in
 * each language's own words, resigned one-liners with the outage only in a hashtag (jokes), maintenance
 * and status-page sarcasm, "third outage this week", logouts every few minutes, operators' own
 * status voice, "X isn't down, restart your router", ads. They only ever feed train.jsonl.
 */
export const TRAIN_ONLY_TEMPLATES: Record<string, Partial<Record<Label, string[]>>> = {
  en: {
    complaint: [
      '{s} always dies exactly when I need it most', 'of course {s} goes down when I have a deadline', 'oh perfect, {s} down five minutes before my meeting, love it',
      'anyone else having trouble with {s} tonight?', 'is {s} acting up for anybody else or just my account', '{s} keeps signing me out every couple of minutes, so annoying', 'fourth {s} outage this month, I\'m done',
      'how many times is {s} going to go down this week', 'wow amazing, {s} broken for the third time today, so glad I pay for this', 'fantastic, {s} picked the exact moment my exam started to die', '{s} status page all green while literally nothing works',
      'maintenance on a friday night? cheers {s}, evening ruined', 'every time I actually need {s} it breaks, every single time', 'how is {s} broken AGAIN', '#{s}down since {t} #{c}',
      'paying monthly for {s} and it can\'t even load a page', '{s} unstable all day, drops every few minutes',
    ],
    news: [
      'Engineers at {s} traced the fault to a software update, the company said', '{s} customers were unable to use the app for most of {d}, the firm confirmed',
    ],
    joke: [
      'ok then, guess it\'s board games tonight #{s}down', 'fine. I\'ll just stare at the ceiling #{s}down', 'time to learn knitting apparently #{s}down',
      'my dad has been restarting the router for 40 minutes and won\'t accept help lmao', '{s} is down so my whole family is finally at the dinner table haha',
    ],
    other: [
      'nah {s} is fine, restart your router', '{s} working perfectly here, probably your connection', 'Try {s} Plus free for 2 months. Join today', '{s} Family plan now half price, subscribe before Sunday',
      'stand in line for tickets or buy online?', 'keep it down guys, the baby is sleeping', 'the queue at the post office was massive today', 'We\'re aware of login problems for some {s} users and are looking into it',
    ],
  },
  nl: {
    complaint: [
      '{s} werkt weer niet 🙄', 'internet doet het alweer niet, {h}',
      'hebben jullie ook problemen met {s}? hier komt niks binnen', 'meer mensen problemen met {s} of alleen ik?', 'vierde storing bij {s} deze maand, ik ben er klaar mee', 'hoe vaak gaat {s} nog plat deze week',
      'storingskaart van {s} is helemaal groen maar hier werkt niks', 'onderhoud om 8 uur \'s avonds, echt {s}? avond verpest', 'elke keer als ik {s} nodig heb werkt het niet', '{s} gooit me elke paar minuten eruit',
      'ik betaal elke maand voor {s} en het doet het gewoon niet',
    ],
    news: ['{s} zegt sorry tegen klanten na storing van {d}', '{s} weet nog niet wat de storing van {d} veroorzaakte'],
    joke: [
      'prima, dan ga ik maar koken #storing #{s}down', 'nou, dan maar vroeg naar bed #{s}down', '{s} ligt eruit en ineens zit de hele familie aan tafel haha',
      'mijn vader probeert al een half uur de router te resetten haha',
    ],
    other: [
      '{s} doet het prima hoor, herstart je router even', 'Nu 2 maanden gratis {s}, meld je vandaag aan', 'We zien dat sommige klanten problemen hebben met inloggen bij {s}. We zoeken het uit.',
    ],
  },
  de: {
    complaint: [
      'Internet geht schon wieder nicht, {h} was ist da los', '{s} läuft wieder nicht, zum dritten Mal heute', 'bei {s} dauernd rausgeflogen, nervt',
      'hat noch jemand Probleme mit {s}? bei mir lädt nichts', 'sonst noch wer Stress mit {s} heute?', 'vierter Ausfall bei {s} diesen Monat, mir reicht\'s', 'für das Geld erwarte ich, dass {s} wenigstens läuft',
      'auf der Störungsseite von {s} ist alles grün, bei mir geht seit Stunden nichts', 'Wartung am Freitagabend? danke {s}, Abend gelaufen', '{s} wirft mich alle paar Minuten raus', 'immer wenn ich {s} brauche geht es nicht',
      '{s} schon wieder weg. ernsthaft.', 'nix geht mehr bei {s}, gar nix', '{s} bricht ständig ab, so instabil heute',
    ],
    news: ['{s} entschuldigt sich bei Kunden für den Ausfall am {d}', 'Ursache der Störung bei {s} war ein fehlerhaftes Update, teilte das Unternehmen mit'],
    joke: [
      'tja. dann wird halt gekocht #{s}down', 'na gut, dann halt früh ins Bett #{s}down', '{s} down und plötzlich sitzt die ganze Familie am Tisch haha',
      'mein Vater versucht seit 40 Minuten den Router neu zu starten, ich sag nix haha',
    ],
    other: [
      '{s} läuft bei mir, starte mal deinen Router neu', 'Jetzt {s} 2 Monate kostenlos, gleich anmelden', 'Wir sehen Probleme beim Login bei einigen Kunden und prüfen das gerade.',
      'schon gut, ich komme gleich', 'bist du schon fertig?',
    ],
  },
  fr: {
    complaint: [
      'vous aussi vous avez des soucis avec {s} ce soir ?', 'quelqu\'un a des problèmes avec {s} là ?', '{s} me vire toutes les deux minutes, insupportable', 'quatrième panne {s} ce mois-ci, j\'en peux plus',
      'maintenance un vendredi soir ? merci {s}, soirée gâchée', 'la page d\'état de {s} dit que tout est vert, chez moi rien ne marche', 'chaque fois que j\'ai besoin de {s} ça plante', 'je paie tous les mois et {s} est incapable de charger une page',
    ],
    news: ['{s} présente ses excuses après la panne de {d}'],
    joke: [
      'bon ben ce soir c\'est jeux de société #{s}down', 'ok, je vais faire la cuisine alors #{s}down', 'mon père qui essaie de relancer la box depuis 40 minutes, je dis rien mdr',
      '{s} en panne et toute la famille à table, incroyable mdr',
    ],
    other: ['{s} marche très bien, redémarre ta box', '{s} gratuit pendant 2 mois, inscris-toi aujourd\'hui'],
  },
  es: {
    complaint: [
      'segunda caída de {s} en dos días, qué vergüenza', 'otra caída más de {s}, increíble', '{s} sin conexión desde anoche en {c}, vaya tela',
      '¿alguien más tiene problemas con {s} ahora mismo?', '¿a vosotros os va {s}? a mí me da problemas', 'cuarta caída de {s} este mes, estoy harto', '¿cuántas veces se va a caer {s} este mes?',
      '¿mantenimiento un viernes por la noche? gracias {s}, noche arruinada', '{s} me echa cada dos minutos, insoportable', 'la página de estado de {s} dice que todo ok y aquí no funciona nada', 'pago todos los meses y {s} no carga ni una página',
      '{s} va fatal hoy, inestable todo el día',
    ],
    news: ['{s} pide disculpas a sus clientes tras la caída del {d}'],
    joke: [
      'pues nada, esta noche juegos de mesa #{s}down', 'vale, me pongo a cocinar entonces #{s}down', 'mi padre lleva 40 minutos reiniciando el router y no se deja ayudar jajaja',
    ],
    other: ['{s} funciona perfecto, reinicia el router', '{s} gratis durante 2 meses, apúntate hoy'],
  },
  pt: {
    complaint: [
      '{s} instável de novo, cai e volta toda hora', '{s} sem funcionar direito desde cedo, que saco',
      'mais alguém com problema no {s} agora?', '{s} oscilando o dia inteiro, conexão vai e volta', 'quarta queda do {s} esse mês, cansei', 'manutenção bem na hora do jogo? obrigado por nada {s}',
      'o {s} me expulsa a cada dois minutos', 'a página de status do {s} diz que tá tudo ok e aqui nada funciona', 'pago todo mês e o {s} não abre nem uma página',
    ],
    news: ['{s} pede desculpas aos clientes após a queda de {d}'],
    joke: ['bom, hoje é noite de jogo de tabuleiro #{s}caiu', 'beleza, vou cozinhar então #{s}down', 'meu pai há 40 minutos tentando reiniciar o roteador kkkk'],
    other: ['{s} tá funcionando normal, reinicia o roteador', '{s} grátis por 2 meses, assine hoje'],
  },
  it: {
    complaint: [
      'anche a voi {s} non va o solo per me?', '{s} non carica, succede solo a me?', '{s} senza rete da stamattina, assurdo', 'da ieri sera niente segnale con {s} a {c}',
      'anche voi avete problemi con {s} stasera?', 'qualcuno riesce a usare {s}? a me dà problemi da un\'ora', 'problemi con {s} solo a me o a tutti?', 'quarta volta questo mese che {s} non va, basta',
      'manutenzione proprio durante la partita? grazie tante {s}', '{s} mi butta fuori ogni due minuti, insopportabile', 'la pagina di stato di {s} è tutta verde e qui non funziona niente', '{s} non va solo a me? ditemi di no',
      'pago ogni mese e {s} non carica neanche una pagina', '{s} instabile tutto il giorno, va e viene',
    ],
    news: ['{s} si scusa con i clienti dopo il disservizio di {d}', 'I tecnici di {s} hanno individuato la causa del guasto, fa sapere l\'azienda'],
    joke: [
      'va bene, stasera giochi da tavolo #{s}down', 'ok, allora cucino #{s}down', 'mio padre che da 40 minuti prova a riavviare il router e non vuole aiuto ahah',
      '{s} giù e finalmente tutta la famiglia a tavola ahah',
    ],
    other: ['{s} funziona benissimo, riavvia il router', '{s} gratis per 2 mesi, iscriviti oggi', 'Stiamo verificando alcuni problemi di accesso a {s}, vi aggiorniamo a breve'],
  },
  pl: {
    complaint: [
      'ktoś jeszcze nie może się zalogować do {s}?', 'czy ktoś jeszcze nie ma zasięgu w {s}? od rana nic', 'tylko u mnie {s} nie chce się otworzyć?',
      'macie problemy z {s} dzisiaj? u mnie nic nie wchodzi', 'u was też {s} szwankuje?', 'problemy z {s} od rana, u was też?', 'czwarta awaria {s} w tym miesiącu, mam dość',
      'przerwa techniczna akurat w czasie meczu? dzięki wielkie {s}', '{s} wyrzuca mnie co dwie minuty', 'strona statusu {s} cała zielona, a u mnie nic nie działa', 'płacę co miesiąc a {s} nie ładuje nawet strony',
    ],
    news: ['{s} przeprasza klientów za awarię z {d}'],
    joke: ['dobra, wieczór z planszówkami #{s}down', 'no to gotuję #{s}down', 'mój tata od 40 minut restartuje router i nie chce pomocy haha'],
    other: ['{s} działa normalnie, zrestartuj router', '{s} za darmo przez 2 miesiące, zapisz się dziś'],
  },
  tr: {
    complaint: [
      '{s} sabahtan beri çekmiyor, rezalet', '{s} arızası mı var yine? hiçbir şey yüklenmiyor', '{c} bölgesinde {s} çalışmıyor mu? bende açılmıyor',
      '{s} de sorun mu var? hiçbir şey açılmıyor', '{s} çöktü mü acaba? kimsede açılıyor mu', '{c} de {s} problemi olan var mı?', 'bu ay dördüncü kez {s} çöktü, bıktım',
      'maç saatinde planlı bakım, helal olsun {s}', '{s} iki dakikada bir beni atıyor', 'her ay para ödüyorum {s} bir sayfa bile açmıyor', '{s} bağlantı sürekli kopuyor, rezalet',
    ],
    news: ['{s} kesintisinden binlerce abone etkilendi', '{s} müşterilerinden {d} yaşanan kesinti için özür diledi'],
    joke: ['tamam, bu akşam kutu oyunu #{s}çöktü', 'o zaman yemek yapıyorum #{s}down', 'babam 40 dakikadır modemi yeniden başlatıyor yardım da istemiyor sjsjsj'],
    other: [
      '{s} gayet iyi çalışıyor, modemi yeniden başlat', '{s} 2 ay ücretsiz, hemen üye ol', '{s} uygulamasında yaşanan erişim sorununu inceliyoruz, kısa süre içinde bilgi paylaşacağız.',
    ],
  },
  ja: {
    complaint: ['{s}ずっと開けないんだけど', '{s}また障害？今月4回目', '{s}数分ごとに切れる', '#{s}不具合 #つながらない', '毎月払ってるのに{s}全然使えない'],
    joke: ['しゃーない、今日はボードゲームするか #{s}障害', 'じゃ料理でもするか #{s}落ちた', '父が40分ルーター再起動してて草'],
    other: ['{s}普通に動いてるよ、ルーター再起動してみて', '{s}2ヶ月無料、今すぐ登録'],
  },
};
