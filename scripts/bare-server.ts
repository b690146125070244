// A bare Node http server answering fixed bytes (used by `npm run bench`): the floor a real server of
// the same answers cannot beat on this machine under the same load generator. It takes each path's
// answer once from a running service, then serves those bytes with the same Content-Type.
// `node --import tsx scripts/bare-server.ts --port 8081 --from http://127.0.0.1:8080 /v1/outages ...`
// prints `listening` on stderr once it answers. Only 127.0.0.1 is contacted.
import { createServer } from 'node:http';
import { parseScriptArgs } from './flags.ts';

function parseArgs(argv: string[]): { port: number; from: string; paths: string[] } {
  const { flags, paths } = parseScriptArgs(argv);
  const port = Number(flags.get('port'));
  const from = flags.get('from') ?? '';
  if (!Number.isInteger(port) || port <= 0 || !from.startsWith('http://127.0.0.1:') || paths.length === 0) {
    throw new Error('usage: bare-server.ts --port N --from http://127.0.0.1:PORT PATH...');
  }
  return { port, from, paths };
}

const { port, from, paths } = parseArgs(process.argv.slice(2));
const answers = new Map<string, Buffer>();
for (const path of paths) {
  const response = await fetch(from + path);
  if (!response.ok) throw new Error(`${path}: ${response.status} from ${from}`);
  answers.set(path, Buffer.from(await response.arrayBuffer()));
}
const server = createServer((req, res) => {
  const body = answers.get(req.url ?? '');
  if (body === undefined) {
    res.statusCode = 404;
    res.end();
    return;
  }
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', body.length);
  res.end(body);
});
server.listen(port, '127.0.0.1', () => process.stderr.write(`listening on ${port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
