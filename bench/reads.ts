/**
 * Case reads during the pay run (issue 9 §3): `GET /cases/{id}` and `GET /cases` at a fixed rate (50 requests/s
 * by default, half each), sent on a clock whatever the answers take (an open loop: a slow answer does not slow
 * the load down), with a training provider's token, as a provider's screen would read its trainees' cases.
 */
import { issueToken } from '../api/auth';
import type { Seeded } from './payrun-setup';
import { percentile, round } from './util';

export interface ReadFigures {
  caseP50Ms: number;
  caseP95Ms: number;
  listP50Ms: number;
  listP95Ms: number;
  requests: number;
  errors: number;
}

export async function startReads(apiUrl: string, secret: string, seeded: Seeded, perSecond = 50): Promise<{ stop(): Promise<ReadFigures> }> {
  const tokens = new Map<string, string>();
  for (const org of seeded.organismeIds) tokens.set(org, await issueToken(secret, { sub: `bench-read-${org.slice(0, 8)}`, role: 'organisme', org }));
  const one: number[] = [];
  const list: number[] = [];
  const inFlight = new Set<Promise<void>>();
  let errors = 0;
  let i = 0;
  const read = async (): Promise<void> => {
    const c = seeded.cases[(i * 7919) % seeded.cases.length];
    const isList = i++ % 2 === 1;
    const sent = performance.now();
    try {
      const res = await fetch(`${apiUrl}${isList ? '/cases?pageSize=20' : `/cases/${c.caseId}`}`, { headers: { authorization: `Bearer ${tokens.get(c.organismeId)}` } });
      await res.arrayBuffer();
      if (res.status !== 200) errors += 1;
    } catch {
      errors += 1;
    }
    (isList ? list : one).push(performance.now() - sent);
  };
  const timer = setInterval(() => {
    const p = read().finally(() => inFlight.delete(p));
    inFlight.add(p);
  }, 1000 / perSecond);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
      return { caseP50Ms: round(percentile(one, 50)), caseP95Ms: round(percentile(one, 95)), listP50Ms: round(percentile(list, 50)),
        listP95Ms: round(percentile(list, 95)), requests: one.length + list.length, errors };
    },
  };
}
