import type { DataConverter } from '@temporalio/common';
import { codecFromSpec } from './codec';

/** The data converter of every client and worker: default JSON, then AES-GCM encryption. */
export function dataConverter(codecKeys: string): DataConverter {
  return { payloadCodecs: [codecFromSpec(codecKeys)] };
}
