/**
 * What Linux says about a process, from /proc: its peak and current resident memory, the CPU time of it and
 * of its descendants (PostgreSQL runs one process per connection), and the whole machine's busy time (other
 * programs on the same 2 cores distort every figure: the bench reports how much).
 */
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_S = 100; // USER_HZ: 100 on every Linux x86-64 kernel

export interface Memory {
  /** VmHWM: peak resident set size since the process started, MB. */
  peakMb: number;
  /** VmRSS: resident set size now, MB. */
  rssMb: number;
}

const kbField = (status: string, field: string): number => {
  const match = status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return match ? Number(match[1]) : NaN;
};

export function memoryOf(pid: number): Memory | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return { peakMb: kbField(status, 'VmHWM') / 1024, rssMb: kbField(status, 'VmRSS') / 1024 };
  } catch {
    return null; // gone
  }
}

/** The executable name and command line, to check that a pid is the node process itself, not a wrapper. */
export function describeProcess(pid: number): { comm: string; cmdline: string } {
  const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  return { comm, cmdline };
}

interface Stat {
  pid: number;
  ppid: number;
  pgrp: number;
  /** utime + stime, in clock ticks. */
  ticks: number;
}

function readStat(pid: number | 'self'): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces: the fields after it start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid: Number(text.slice(0, text.indexOf(' '))), ppid: Number(fields[1]), pgrp: Number(fields[2]),
      ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

const allStats = (): Stat[] =>
  readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((d) => readStat(Number(d))).filter((s): s is Stat => s !== null);

/** The children of `parentPid` that lead their own process group (started detached), running or not yet ready. */
export function childGroupLeaders(parentPid: number): number[] {
  return allStats().filter((s) => s.ppid === parentPid && s.pgrp === s.pid).map((s) => s.pid);
}

/** CPU seconds used so far by `pid` and every living descendant (not the ones already gone). */
export function treeCpuSeconds(pid: number): number {
  const stats = allStats();
  const children = new Map<number, Stat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const root = stats.find((s) => s.pid === pid);
  if (!root) return NaN;
  let ticks = 0;
  const stack = [root];
  while (stack.length > 0) {
    const s = stack.pop()!;
    ticks += s.ticks;
    stack.push(...(children.get(s.pid) ?? []));
  }
  return ticks / CLOCK_TICKS_PER_S;
}

/** The whole machine's CPU time (all cores), busy and total, in seconds, from /proc/stat. */
export function machineCpuSeconds(): { busy: number; total: number } {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = values.map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy: busy / CLOCK_TICKS_PER_S, total: (busy + idle + iowait) / CLOCK_TICKS_PER_S };
}
