// Graceful shutdown on SIGTERM / SIGINT: run the stop function once; a second signal exits at once.
import { errorMessage } from '../util/error-message.ts';

export function onShutdown(stop: () => Promise<void>, log: (message: string) => void = (m) => process.stderr.write(`${m}\n`)): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) {
      log(`${signal} again: exiting without waiting`);
      process.exit(130);
    }
    stopping = true;
    log(`${signal}: finishing in-flight work, then exiting`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`shutdown failed: ${errorMessage(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
}
