/**
 * Input the rules cannot decide on (malformed date, negative hours, missing parameter row). A distinct,
 * named class so that an activity letting it escape fails without retrying: retrying never fixes the data.
 * Business refusals (ineligible order, wrong role at a visa level) are NOT errors: they are returned values.
 */
export class SurMesureInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SurMesureInputError';
  }
}

/** A business answer that can be a refusal: plain JSON, so it crosses the Temporal boundary unchanged. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };
