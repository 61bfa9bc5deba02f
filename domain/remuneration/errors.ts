/**
 * Input that the rules cannot decide on (missing row, impossible dates, absences above the schedule...).
 * A distinct class so that the calling activity can fail without retrying: retrying will not fix the data.
 */
export class RemunerationInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemunerationInputError';
  }
}
