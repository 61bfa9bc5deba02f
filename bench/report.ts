/** The figures of a run, for people (aligned lines) and for machines (one JSON object, printed last). */
import type { Breakdown } from './analysis';
import type { PhaseUsage } from './monitor';
import { round } from './util';

export function usageLines(u: PhaseUsage): string[] {
  const pct = (seconds: number): string => `${Math.round((100 * seconds) / u.wallSeconds)}%`;
  const procs = Object.entries(u.cpuSeconds).filter(([, s]) => Number.isFinite(s)).sort(([, a], [, b]) => b - a)
    .map(([name, s]) => `${name} ${pct(s)}`).join(', ');
  const rss = Object.entries(u.peakRssMb).map(([name, mb]) => `${name} ${Math.round(mb)}`).join(', ');
  return [
    `  CPU (100% = one core, ${u.cores} cores): ${procs}; other programs on the machine ${pct(u.otherBusySeconds)}; machine busy ${pct(u.machineBusySeconds)} of ${u.cores * 100}%`,
    `  peak RSS during the phase (MB): ${rss}`,
  ];
}

export function breakdownLines(b: Breakdown): string[] {
  if (b.workflows === 0) return ['  (no history analysed)'];
  const p = b.perWorkflow;
  return [
    `  per workflow: ${round(p.workflowTasks)} workflow tasks, ${round(p.activities)} activities, ${round(p.timers)} timers, ${round(p.events)} history events`,
    `  workflow task: queue ${round(b.workflowTask.queueMsMean)} ms mean (p95 ${round(b.workflowTask.queueMsP95)}), run ${round(b.workflowTask.runMsMean)} ms mean`,
    ...Object.entries(b.activities).map(([type, a]) =>
      `  activity ${type.padEnd(18)} ×${round(a.count)}: queue ${round(a.queueMsMean)} ms, run ${round(a.runMsMean)} ms mean (p95 ${round(a.runMsP95)})`),
    ...(Number.isFinite(b.timerLateMsMean) ? [`  timers fired ${round(b.timerLateMsMean)} ms late on average`] : []),
    `  end to end: ${round(b.endToEndMs.mean)} ms mean, p50 ${round(b.endToEndMs.p50)}, p95 ${round(b.endToEndMs.p95)} (sample of ${b.workflows})`,
  ];
}
