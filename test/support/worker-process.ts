/**
 * The real worker (worker/main.ts) as a separate process, configured by its environment, so a test can kill
 * it like an operating system would. It bundles the workflows itself at start-up: allow a minute or more.
 */
import { join } from 'node:path';
import { startProcess } from '../../platform/child-process';

export interface WorkerProcess {
  pid: number;
  /** Resolves when the process has ended, with its exit code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The process's last output lines (pino JSON and the SDK's logs), for failure messages. */
  output(): string;
  /** SIGTERM (the worker finishes its tasks in hand), then SIGKILL if it is still there after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const ROOT = join(__dirname, '..', '..');

export async function startWorkerProcess(env: Record<string, string>, opts: { name?: string; timeoutMs?: number } = {}): Promise<WorkerProcess> {
  const lines: string[] = [];
  const { child } = await startProcess(process.execPath, ['--import', 'tsx', join('worker', 'main.ts')], /"msg":"worker started"/, {
    cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'info', ...env }, name: opts.name ?? 'worker', timeoutMs: opts.timeoutMs ?? 120_000,
    onLine: (line) => {
      lines.push(line);
      if (lines.length > 50) lines.shift();
    },
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    pid: child.pid!,
    exited,
    output: () => lines.join('\n'),
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => { timer = setTimeout(() => resolve('late'), graceMs); });
      if ((await Promise.race([exited, late])) === 'late') {
        child.kill('SIGKILL');
        await exited;
      }
      clearTimeout(timer);
    },
  };
}
