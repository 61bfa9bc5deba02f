/** Starts a child process and waits for the line that says it is ready (used by npm start, tests, bench). */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Started {
  child: ChildProcess;
  /** The ready line's match. */
  match: RegExpMatchArray;
  stop(): Promise<void>;
}

export function startProcess(cmd: string, args: string[], ready: RegExp, opts: SpawnOptions & { timeoutMs?: number; name?: string } = {}): Promise<Started> {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  const stop = (): Promise<void> => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${opts.name ?? cmd} not ready after ${opts.timeoutMs ?? 60_000} ms`)), opts.timeoutMs ?? 60_000);
    const output: string[] = [];
    const onLine = (line: string): void => {
      output.push(line);
      const match = line.match(ready);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match, stop });
      }
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${opts.name ?? cmd} exited (${code}) before ready:\n${output.slice(-20).join('\n')}`));
    });
  });
}
