// A live service that has counted a scenario: what the API tests ask their questions of.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyseArchives } from '../src/batch/analyse.ts';
import { LiveService } from '../src/live/live-service.ts';
import type { Scenario } from './service-fixtures.ts';

/** A LiveService on the embedded store in a fresh folder, with every post of `scenario` counted and every minute closed. */
export async function scenarioService(scenario: Scenario, folder: string): Promise<{ service: LiveService; stop(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), folder));
  const service = await LiveService.open({ dataDir, latenessMs: 0, analyse: (paths) => analyseArchives(paths) });
  await service.ingest(scenario.posts);
  await service.queue.idle();
  await service.detector.advance();
  return {
    service,
    stop: async () => {
      await service.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
