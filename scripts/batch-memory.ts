// One batch analysis in a process of its own, for `npm run bench`: prints one JSON line with the
// process's peak RSS (all its threads), its CPU time and the posts analysed. A process of its own,
// because a peak RSS covers the whole life of a process: in the bench's it would include the rest.
// Usage: tsx scripts/batch-memory.ts <workers|default> <archive>...
import { analyseArchives } from '../src/batch/analyse.ts';

const [workers, ...files] = process.argv.slice(2);
const cpu = process.cpuUsage();
const report = await analyseArchives(files, { workers: workers === 'default' ? undefined : Number(workers) });
const { user, system } = process.cpuUsage(cpu);
process.stdout.write(
  JSON.stringify({
    posts: report.input.parsed,
    seconds: report.timing.seconds,
    cpuSeconds: (user + system) / 1e6,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
