/**
 * The two processes the chaos run kills: the Temporal dev server (SIGKILL, then started again on the same port
 * and the same SQLite file, so it comes back with every workflow) and the worker (SIGKILL at random moments; a
 * supervisor starts a new one whenever it is gone, as systemd or Docker's `restart: unless-stopped` would).
 * Each runs in its own process group; every group still alive is killed when the run ends.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { startProcess } from '../platform/child-process';
import { devServerArgs, temporalCliPath } from '../platform/temporal-binaries';
import { root, sleep } from './infra';

const groups = new Set<number>();

function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
  groups.delete(pid);
}

/** Last resort when the run ends, however it ends. */
export const killEveryGroup = (): void => [...groups].forEach(killGroup);

const exited = (child: ChildProcess): Promise<void> => new Promise((resolve) => {
  if (child.exitCode !== null || child.signalCode !== null) resolve();
  else child.once('exit', () => resolve());
});

export class DevServer {
  private child: ChildProcess | null = null;
  private readonly log: WriteStream;
  restarts = 0;

  constructor(private readonly port: number, private readonly dataDir: string) {
    this.log = createWriteStream(join(dataDir, 'temporal.log'));
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const started = await startProcess(temporalCliPath(), devServerArgs(this.port, join(this.dataDir, 'temporal.sqlite'), ['--headless']),
      /^Temporal Server:/, { name: 'temporal', detached: true, timeoutMs: 120_000, onLine: (line) => void this.log.write(`${line}\n`) });
    this.child = started.child;
    groups.add(this.child.pid!);
  }

  /** SIGKILL (no clean shutdown), a pause with the server down, then a start on the same data. */
  async crashAndRestart(downMs: number): Promise<void> {
    const child = this.child;
    killGroup(child?.pid);
    if (child) await exited(child);
    await sleep(downMs);
    await this.start();
    this.restarts += 1;
  }

  stop(): void {
    killGroup(this.child?.pid);
    this.log.end();
  }
}

/** Keeps one worker process running: whenever it is gone (killed, or failed to reach the server), starts another. */
export class WorkerSupervisor {
  private child: ChildProcess | null = null;
  private readyWaiters: (() => void)[] = [];
  private stopping = false;
  private loop: Promise<void> | null = null;
  private readonly log: WriteStream;
  starts = 0;
  failedStarts = 0;
  kills = 0;

  constructor(private readonly env: NodeJS.ProcessEnv, dataDir: string) {
    this.log = createWriteStream(join(dataDir, 'worker.log'));
  }

  start(): void {
    this.loop = this.run();
  }

  /** Resolves once a worker has said "worker started". */
  ready(): Promise<void> {
    return this.child ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** SIGKILL of the running worker (the supervisor starts the next one). */
  kill(): void {
    if (!this.child) return;
    killGroup(this.child.pid);
    this.child = null;
    this.kills += 1;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.kill();
    await this.loop;
    this.log.end();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        const started = await startProcess(process.execPath, ['--import', 'tsx', join('worker', 'main.ts')], /"msg":"worker started"/, {
          cwd: root, env: this.env, name: 'worker', detached: true, timeoutMs: 120_000, onLine: (line) => void this.log.write(`${line}\n`),
        });
        groups.add(started.child.pid!);
        this.starts += 1;
        if (this.stopping) return killGroup(started.child.pid);
        this.child = started.child;
        this.readyWaiters.splice(0).forEach((resolve) => resolve());
        await exited(started.child);
        if (this.child === started.child) this.child = null; // died on its own (e.g. the server went away)
        groups.delete(started.child.pid!);
      } catch {
        this.failedStarts += 1; // the server is down: try again shortly
        await sleep(500);
      }
    }
  }
}
