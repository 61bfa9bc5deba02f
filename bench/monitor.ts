/**
 * Watches the processes of a run: resident memory sampled every 250 ms (the peak of each phase; VmHWM gives
 * the peak of the whole life), and CPU time per phase, for each process and for the whole machine, so a
 * figure can be read against what else was running.
 */
import { machineCpuSeconds, memoryOf, treeCpuSeconds } from './proc';

export interface Watched {
  name: string;
  pid: number;
}

export interface PhaseUsage {
  phase: string;
  wallSeconds: number;
  /** CPU seconds per watched process (and its descendants), and 'bench' for this process. */
  cpuSeconds: Record<string, number>;
  /** Peak VmRSS seen during the phase, MB. */
  peakRssMb: Record<string, number>;
  /** All cores of the machine: busy CPU seconds, and what our processes do not explain (other programs). */
  machineBusySeconds: number;
  otherBusySeconds: number;
  cores: number;
}

interface Snapshot {
  at: number;
  cpu: Record<string, number>;
  machine: { busy: number; total: number };
}

const SAMPLE_MS = 250;

export class Monitor {
  private readonly watched: Watched[] = [];
  private phaseName = '';
  private start: Snapshot | null = null;
  private peaks: Record<string, number> = {};
  private readonly timer: NodeJS.Timeout;
  readonly phases: PhaseUsage[] = [];

  constructor(private readonly cores: number) {
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
    this.timer.unref();
  }

  watch(name: string, pid: number | null): void {
    if (pid !== null) this.watched.push({ name, pid });
  }

  unwatch(name: string): void {
    const i = this.watched.findIndex((w) => w.name === name);
    if (i >= 0) this.watched.splice(i, 1);
  }

  begin(phase: string): void {
    this.phaseName = phase;
    this.peaks = {};
    this.sample();
    this.start = this.snapshot();
  }

  end(): PhaseUsage {
    this.sample();
    const end = this.snapshot();
    const start = this.start!;
    const cpuSeconds: Record<string, number> = {};
    for (const name of Object.keys(end.cpu)) {
      if (name in start.cpu) cpuSeconds[name] = end.cpu[name] - start.cpu[name];
    }
    const ours = Object.values(cpuSeconds).filter(Number.isFinite).reduce((a, b) => a + b, 0);
    const machineBusySeconds = end.machine.busy - start.machine.busy;
    const usage: PhaseUsage = {
      phase: this.phaseName, wallSeconds: (end.at - start.at) / 1000, cpuSeconds, peakRssMb: { ...this.peaks },
      machineBusySeconds, otherBusySeconds: Math.max(0, machineBusySeconds - ours), cores: this.cores,
    };
    this.phases.push(usage);
    return usage;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sample(): void {
    for (const w of [...this.watched, { name: 'bench', pid: process.pid }]) {
      const memory = memoryOf(w.pid);
      if (memory) this.peaks[w.name] = Math.max(this.peaks[w.name] ?? 0, memory.rssMb);
    }
  }

  private snapshot(): Snapshot {
    const cpu: Record<string, number> = {};
    for (const w of this.watched) cpu[w.name] = treeCpuSeconds(w.pid);
    const self = process.cpuUsage();
    cpu.bench = (self.user + self.system) / 1e6;
    return { at: Date.now(), cpu, machine: machineCpuSeconds() };
  }
}
