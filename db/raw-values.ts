/**
 * Values as raw queries (`em.execute`) give them back: under the ORM's type parsers node-postgres hands a
 * `timestamptz` over as PostgreSQL's text, where the driver alone would give a Date; both are read the same way.
 */
export type DbTimestamp = Date | string;

export const timestampOf = (at: DbTimestamp): Date => new Date(at);
