/**
 * Recruitment of an order's trainees: a trainee who drops out early may be replaced by a new candidate,
 * as long as the newcomer can still follow the training (a parameter, counted from the start).
 */
import { addDays, type IsoDate } from './dates';
import type { SurMesureParameters } from './parametres';

type ReplacementParameters = Pick<SurMesureParameters, 'replacement_max_days_after_start'>;

/** Last day on which a replacement may enter the training. */
export const replacementDeadline = (trainingStart: IsoDate, p: ReplacementParameters): IsoDate =>
  addDays(trainingStart, p.replacement_max_days_after_start);

export const canReplaceDropOut = (trainingStart: IsoDate, entryDate: IsoDate, p: ReplacementParameters): boolean =>
  entryDate <= replacementDeadline(trainingStart, p);
