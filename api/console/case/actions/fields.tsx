/**
 * What every action form is made of: the ConsoleAction contract (the API route's schema, the form's fields turned
 * into its body, the same service call), and the small accessible field components the forms share (a label for
 * every field, a fieldset and legend for every group of radios or checkboxes).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { VNode } from 'preact';
import type { ZodType } from 'zod';
import type { Principal, Role } from '../../../auth';
import type { ApiContext } from '../../../context';

/** A posted form: one value per field, several for a group of checkboxes. */
export type FormValue = string | string[] | undefined;
export type Form = Record<string, FormValue>;

/** Options a form offers that come from the database (organisations...), loaded with the page. */
export type Choices = Record<string, { value: string; label: string }[]>;

export interface FieldsProps {
  id: (field: string) => string;
  values: Form;
  /** The case page's view (the process's part included: candidates, trainees...), as the API gives it to this role. */
  view: Record<string, unknown>;
  choices: Choices;
}

export interface ConsoleAction {
  process: string;
  /** The action's name in the process definition (its label comes from there). */
  action: string;
  roles: readonly Role[];
  /** The API route's body schema (or the route's parameters and body together, for a route with an id in its path). */
  schema: ZodType;
  fromForm(form: Form): unknown;
  send(ctx: ApiContext, principal: Principal, caseId: string, body: never): Promise<unknown>;
  Fields(props: FieldsProps): VNode;
  /** Options from the database the fields need (loaded only when the form is shown). */
  choices?(em: EntityManager): Promise<Choices>;
  /** The field an issue of the schema is about, when its last path element is not the field's name. */
  fieldOf?(path: readonly PropertyKey[]): string | undefined;
}

const first = (v: FormValue): string | undefined => (Array.isArray(v) ? v[0] : v);
export const text = (v: FormValue): string | undefined => {
  const s = first(v);
  return s === undefined || s.trim() === '' ? undefined : s.trim();
};
export const list = (v: FormValue): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((s) => s.trim() !== '');
/** A whole number typed in a field; what is not one is left to the schema (NaN: "nombre attendu"). */
export const int = (v: FormValue): number | undefined => (text(v) === undefined ? undefined : Number(text(v)!.replace(/\s/g, '')));
/** An amount typed in euros ("1 250,50") as cents, the API's unit; what is not an amount is left to the schema. */
export const cents = (v: FormValue): number | undefined => {
  const s = text(v)?.replace(/[\s\u202f€]/g, '').replace(',', '.');
  if (s === undefined) return undefined;
  return /^\d+(\.\d{1,2})?$/.test(s) ? Math.round(Number(s) * 100) : Number.NaN;
};
export const yes = (v: FormValue): boolean => first(v) === 'oui';
/** "oui" / "non" radios as a boolean; nothing chosen stays undefined (the schema says it is required). */
export const yesNo = (v: FormValue): boolean | undefined => (first(v) === 'oui' ? true : first(v) === 'non' ? false : undefined);
const str = (v: FormValue): string => (Array.isArray(v) ? v.join(', ') : v ?? '');

/** A `datetime-local` value (Paris wall-clock time) as ISO 8601 with its offset; anything else is left to the schema. */
export function parisLocalToIso(local: FormValue): string | undefined {
  const value = first(local);
  if (!value || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return text(value);
  const guess = new Date(`${value}:00Z`);
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' })
    .formatToParts(guess).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  return `${value}:00${name === 'GMT' ? '+00:00' : name.slice(3)}`;
}

export const Field = ({ id, label, children, hint }: { id: string; label: string; children: VNode; hint?: string }) => (
  <div class="champ"><label for={id}>{label}</label>{hint && <p class="aide" id={`${id}-aide`}>{hint}</p>}{children}</div>
);

type InputProps = { p: FieldsProps; name: string; label: string; type?: string; required?: boolean; hint?: string; min?: number; max?: number; maxLength?: number };
export const Input = ({ p, name, label, type = 'text', required, hint, min, max, maxLength }: InputProps) => (
  <Field id={p.id(name)} label={label} hint={hint}>
    <input type={type} id={p.id(name)} name={name} value={str(p.values[name])} required={required} min={min} max={max} maxLength={maxLength}
      aria-describedby={hint ? `${p.id(name)}-aide` : undefined} inputMode={type === 'text' && /euros/.test(label) ? 'decimal' : undefined} />
  </Field>
);

export const TextArea = ({ p, name, label, required }: { p: FieldsProps; name: string; label: string; required?: boolean }) => (
  <Field id={p.id(name)} label={label}><textarea id={p.id(name)} name={name} rows={3} required={required}>{str(p.values[name])}</textarea></Field>
);

export const Select = ({ p, name, label, options }: { p: FieldsProps; name: string; label: string; options: readonly (readonly [string, string])[] }) => (
  <Field id={p.id(name)} label={label}>
    <select id={p.id(name)} name={name}><option value="">— choisir —</option>
      {options.map(([v, l]) => <option value={v} selected={first(p.values[name]) === v}>{l}</option>)}</select>
  </Field>
);

/** One choice among a few: a fieldset (its id is the field's, for the error summary's link) and its legend. */
export const Radios = ({ p, name, legend, options }: { p: FieldsProps; name: string; legend: string; options: readonly (readonly [string, string])[] }) => (
  <fieldset id={p.id(name)}>
    <legend>{legend}</legend>
    {options.map(([v, l]) => (
      <div><input type="radio" id={p.id(`${name}-${v}`)} name={name} value={v} checked={first(p.values[name]) === v} />
        <label for={p.id(`${name}-${v}`)} style="display:inline">{l}</label></div>))}
  </fieldset>
);

/** Several choices: checkboxes sharing a name, in a fieldset with its legend. */
export const Checkboxes = ({ p, name, legend, options }: { p: FieldsProps; name: string; legend: string; options: readonly (readonly [string, string])[] }) => (
  <fieldset id={p.id(name)}>
    <legend>{legend}</legend>
    {options.length === 0 && <p>Aucun choix possible.</p>}
    {options.map(([v, l]) => (
      <div><input type="checkbox" id={p.id(`${name}-${v}`)} name={name} value={v} checked={list(p.values[name]).includes(v)} />
        <label for={p.id(`${name}-${v}`)} style="display:inline">{l}</label></div>))}
  </fieldset>
);

export const Checkbox = ({ p, name, label }: { p: FieldsProps; name: string; label: string }) => (
  <div class="champ"><input type="checkbox" id={p.id(name)} name={name} value="oui" checked={first(p.values[name]) === 'oui'} />{' '}
    <label for={p.id(name)} style="display:inline">{label}</label></div>
);

export const OUI_NON = [['oui', 'Oui'], ['non', 'Non']] as const;
export const entries = (o: Record<string, string>): [string, string][] => Object.entries(o);
