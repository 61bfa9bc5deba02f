/** The bursary process and its emergency aids, as registered in api/processes.ts. */
import type { ProcessApi } from '../case/process-api';
import { aideUrgenceApi } from './aide-process-api';
import { bourseApi } from './process-api';

export const BOURSE_APIS = [bourseApi, aideUrgenceApi] as unknown as readonly ProcessApi[];
