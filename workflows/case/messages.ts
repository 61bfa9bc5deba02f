/** Messages every case workflow understands, whatever its process. No Node imports. */
import { defineSignal } from '@temporalio/workflow';

/** Ops: try again the activity a case is stuck on (docs/RUNNING.md, "Incidents"). */
export const reprendreApresIncident = defineSignal('reprendreApresIncident');
