/**
 * What a process gives the case core's activities: how to address and describe its cases in mails, its mail
 * templates, and the data of its partner events. The core finds the module by the case's process kind.
 */
import type { EntityManager } from '@mikro-orm/postgresql';

export interface RenderedMail {
  subject: string;
  text: string;
}

/** What every template sees: the case, the person it is about, a one-line summary for staff mails. */
export interface CoreMailContext {
  caseId: string;
  person: { firstName: string; lastName: string };
  /** E.g. "Formation : Soudeur (AFPA Caen)": what a referent reads to know the case. */
  summary: string;
}

export type MailContext<Ctx> = CoreMailContext & Ctx;

/** A template per name, each with its own typed parameters (M maps a template name to its parameters). */
export type MailTemplates<M, Ctx> = { [K in keyof M]: (c: MailContext<Ctx>, params: M[K]) => RenderedMail };

export interface ProcessMailContext<Ctx> {
  /** Addresses beyond the person ('personne') and the referent ('referent'), by recipient name; null: nobody. */
  recipients: Record<string, string | null>;
  summary: string;
  context: Ctx;
}

export type PartnerEventDataBuilder = (em: EntityManager, caseId: string, occurredAt: string) => Promise<Record<string, unknown>>;

export interface CaseProcessModule<Ctx = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  kind: string;
  mailContext(em: EntityManager, caseId: string): Promise<ProcessMailContext<Ctx>>;
  // Parameters are checked by the workflow's typed call; here each template takes its own shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  templates: Record<string, (c: MailContext<Ctx>, params: any) => RenderedMail>;
  /** Partner event types of this process ("parcours.entree_formation", ...) and the data each carries. */
  partnerEvents: Record<string, PartnerEventDataBuilder>;
}

export const defineProcessModule = <Ctx>(module: CaseProcessModule<Ctx>): CaseProcessModule<Ctx> => module;
