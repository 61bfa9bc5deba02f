/** Starts a child process and waits for the line that says it is ready (used by npm start, tests, bench). */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Started {
  child: ChildProcess;
  /** The ready line's match. */
  match: RegExpMatchArray;
  stop(): Promise<void>;
}

export interface StartOptions extends SpawnOptions {
  timeoutMs?: number;
  name?: string;
  /** Every line of the child's stdout and stderr, for its whole life (e.g. to show it prefixed). */
  onLine?: (line: string) => void;
}

const KEPT_LINES = 50;

export function startProcess(cmd: string, args: string[], ready: RegExp, opts: StartOptions = {}): Promise<Started> {
  const { timeoutMs = 60_000, name = cmd, onLine, ...spawnOptions } = opts;
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...spawnOptions });
  const stop = (): Promise<void> => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  return new Promise((resolve, reject) => {
    const recent: string[] = []; // the last lines only: the explanation of a failed start
    let isReady = false;
    const fail = (why: string): void => reject(new Error(`${name} ${why}:\n${recent.join('\n')}`));
    const timer = setTimeout(() => {
      fail(`not ready after ${timeoutMs} ms`);
      void stop();
    }, timeoutMs);
    const line = (text: string): void => {
      onLine?.(text);
      if (isReady) return;
      recent.push(text);
      if (recent.length > KEPT_LINES) recent.shift();
      const match = text.match(ready);
      if (match) {
        isReady = true;
        clearTimeout(timer);
        resolve({ child, match, stop });
      }
    };
    createInterface({ input: child.stdout! }).on('line', line);
    createInterface({ input: child.stderr! }).on('line', line);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!isReady) fail(`exited (${code}) before ready`);
    });
  });
}
