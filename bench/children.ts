/**
 * The bench's child processes: each in its own process group (Ctrl-C reaches the bench only, which stops
 * them in the reverse order), its output in .data/bench/<name>.log. Their pids are written down, so a run
 * killed with SIGKILL has its leftovers stopped by the next run (only those: same pid AND same command line).
 */
import { createWriteStream, existsSync, readFileSync, writeFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { startProcess, type Started } from '../platform/child-process';
import { childGroupLeaders, describeProcess } from './proc';

export interface Child {
  name: string;
  pid: number;
  started: Started;
  stopping?: boolean;
}

interface PidRecord {
  pid: number;
  cmdline: string;
}

const STOP_GRACE_MS = 15_000;

export class Children {
  private readonly running: Child[] = [];
  private readonly logs: WriteStream[] = [];

  /** `onUnexpectedExit`: a child died while the bench still needs it (the run cannot go on). */
  constructor(private readonly dataDir: string, private readonly pidFile: string,
    private readonly onUnexpectedExit: (name: string) => void = () => undefined) {}

  async start(name: string, cmd: string, args: string[], ready: RegExp,
    opts: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number; ipc?: boolean } = {}): Promise<Child> {
    const log = createWriteStream(join(this.dataDir, `${name}.log`));
    this.logs.push(log);
    const started = await startProcess(cmd, args, ready, {
      name, cwd: opts.cwd, detached: true, timeoutMs: opts.timeoutMs ?? 120_000, env: { ...process.env, ...opts.env },
      onLine: (line) => void log.write(`${line}\n`),
      stdio: ['ignore', 'pipe', 'pipe', ...(opts.ipc ? ['ipc' as const] : [])],
    });
    const child: Child = { name, pid: started.child.pid!, started };
    this.running.push(child);
    this.writePids();
    started.child.once('exit', (code, signal) => {
      if (child.stopping) return;
      console.error(`[bench] ${name} exited on its own (${signal ?? `code ${code}`}); see ${join(this.dataDir, `${name}.log`)}`);
      this.onUnexpectedExit(name);
    });
    return child;
  }

  /** SIGTERM each child, last started first; SIGKILL its group if it lingers. */
  async stop(name: string): Promise<void> {
    const child = this.running.find((c) => c.name === name);
    if (!child) return;
    child.stopping = true;
    const kill = setTimeout(() => killGroup(child.pid, 'SIGKILL'), STOP_GRACE_MS);
    await child.started.stop();
    clearTimeout(kill);
    this.running.splice(this.running.indexOf(child), 1);
    this.writePids();
  }

  async stopAll(): Promise<void> {
    for (const child of [...this.running].reverse()) await this.stop(child.name);
    await this.stopStragglers();
    for (const log of this.logs) log.end();
  }

  /** Last resort on exit: nothing may survive the bench. */
  killAllNow(): void {
    for (const child of this.running) killGroup(child.pid, 'SIGKILL');
    for (const pid of childGroupLeaders(process.pid)) killGroup(pid, 'SIGKILL');
  }

  /** Children still starting (not ready yet, so not in `running`) when the bench stops: SIGTERM, then SIGKILL. */
  private async stopStragglers(): Promise<void> {
    const pids = childGroupLeaders(process.pid);
    pids.forEach((pid) => killGroup(pid, 'SIGTERM'));
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && childGroupLeaders(process.pid).length > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    childGroupLeaders(process.pid).forEach((pid) => killGroup(pid, 'SIGKILL'));
  }

  private writePids(): void {
    const records: PidRecord[] = this.running.map((c) => ({ pid: c.pid, cmdline: safeCmdline(c.pid) }));
    writeFileSync(this.pidFile, JSON.stringify(records));
  }
}

/** Stops what an earlier run (killed before it could clean up) left running, if it is still the same program. */
export function killLeftovers(pidFile: string): number {
  if (!existsSync(pidFile)) return 0;
  let killed = 0;
  for (const { pid, cmdline } of JSON.parse(readFileSync(pidFile, 'utf8')) as PidRecord[]) {
    if (cmdline && safeCmdline(pid) === cmdline) {
      killGroup(pid, 'SIGKILL');
      killed += 1;
    }
  }
  return killed;
}

function safeCmdline(pid: number): string {
  try {
    return describeProcess(pid).cmdline;
  } catch {
    return '';
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
