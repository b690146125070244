// Posts and processes shared by the API, service and worker tests: a quiet baseline of WhatsApp
// complaints, then a burst from many authors in two countries (an outage), plus news and chatter.
import type { AddressInfo } from 'node:net';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { Post } from '../src/model/types.ts';

const COMPLAINTS_EN = [
  'WhatsApp is down, cannot send any messages',
  'is whatsapp down for anyone else? messages stuck on one tick',
  'whatsapp not working again, can\'t connect at all',
];
const COMPLAINTS_NL = ['WhatsApp ligt eruit, berichten komen niet aan', 'whatsapp doet het niet meer, storing?'];
const COMPLAINTS_DE = ['WhatsApp geht nicht, Nachrichten werden nicht gesendet', 'whatsapp störung, keine verbindung'];
const CHATTER = ['just sent my mum a whatsapp about sunday lunch', 'new whatsapp update has nice stickers'];

export interface Scenario {
  posts: Post[];
  /** Start of the burst minute range (epoch ms). */
  burstStart: number;
  end: number;
}

/**
 * `quietMinutes` of baseline (a complaint every 5 minutes, in turn from GB, NL and DE; chatter every 7), then `burstMinutes`
 * with `perMinute` complaints a minute from distinct authors in NL and DE. Times start at `start`.
 */
export function outageScenario(start = Date.parse('2026-03-02T08:00:00Z'), quietMinutes = 180, burstMinutes = 8, perMinute = 20): Scenario {
  const posts: Post[] = [];
  let n = 0;
  const post = (at: number, text: string, author: string, location: string, lang: string): Post => ({
    id: `p${++n}`,
    source: 'jsonl',
    text,
    createdAt: new Date(at).toISOString(),
    lang,
    author: { id: author, location },
  });
  const quiet = [
    { texts: COMPLAINTS_EN, location: 'London, UK', lang: 'en' },
    { texts: COMPLAINTS_NL, location: 'Utrecht, Netherlands', lang: 'nl' },
    { texts: COMPLAINTS_DE, location: 'Hamburg, Germany', lang: 'de' },
  ];
  for (let m = 0; m < quietMinutes; m++) {
    const at = start + m * 60_000 + 17_000;
    if (m % 5 === 3) {
      const { texts, location, lang } = quiet[(m / 5) % 3 | 0];
      posts.push(post(at, texts[m % texts.length], `quiet${m}`, location, lang));
    }
    if (m % 7 === 1) posts.push(post(at + 5_000, CHATTER[m % CHATTER.length], `chat${m}`, 'Leeds, UK', 'en'));
  }
  const burstStart = start + quietMinutes * 60_000;
  for (let m = 0; m < burstMinutes; m++) {
    for (let k = 0; k < perMinute; k++) {
      const at = burstStart + m * 60_000 + Math.floor((k * 59_000) / perMinute);
      const dutch = k % 2 === 0;
      const texts = dutch ? COMPLAINTS_NL : COMPLAINTS_DE;
      posts.push(post(at, texts[k % texts.length], `burst${m}-${k}`, dutch ? 'Amsterdam, Netherlands' : 'Berlin, Germany', dutch ? 'nl' : 'de'));
    }
  }
  return { posts, burstStart, end: burstStart + burstMinutes * 60_000 };
}

/** Real HTTP on a free port of 127.0.0.1, answered by the API (createApp) or any request listener. */
export async function listen(api: RequestListener): Promise<{ server: Server; base: string }> {
  const server = createServer(api);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}` };
}

export function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

export function toJsonl(posts: Post[]): string {
  return posts.map((p) => JSON.stringify(p)).join('\n') + '\n';
}
