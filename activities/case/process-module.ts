/**
 * What a process gives the case core's activities: how to address and describe its cases in mails, its mail
 * templates, and the data of its partner events. The core finds the module by the case's process kind.
 */
import type { EntityManager } from '@mikro-orm/postgresql';

export interface RenderedMail {
  subject: string;
  text: string;
}

/** What every template sees: the case, the person it is about, their adviser, a one-line summary for staff mails. */
export interface CoreMailContext {
  caseId: string;
  person: { firstName: string; lastName: string };
  /** The caseworker in charge (référent): named when known, always reachable (the mail's Reply-To). */
  referent: { email: string; name: string | null };
  /** E.g. "Formation : Soudeur (AFPA Caen)": what a referent reads to know the case. */
  summary: string;
}

export type MailContext<Ctx> = CoreMailContext & Ctx;

/** Writes one mail; null when there is nothing to say any more (an appointment already past, say). */
export type MailRender<Ctx, P> = (c: MailContext<Ctx>, params: P) => RenderedMail | null;

/** One text for its one reader, or one text per reader ('personne', 'prescripteur', ...): never the same words for all. */
export type MailTemplate<Ctx, P> = MailRender<Ctx, P> | Readonly<Record<string, MailRender<Ctx, P>>>;

/** A template per name, each with its own typed parameters (M maps a template name to its parameters). */
export type MailTemplates<M, Ctx> = { [K in keyof M]: MailTemplate<Ctx, M[K]> };

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
  templates: Record<string, MailTemplate<Ctx, any>>;
  /** Partner event types of this process ("parcours.entree_formation", ...) and the data each carries. */
  partnerEvents: Record<string, PartnerEventDataBuilder>;
}

export const defineProcessModule = <Ctx>(module: CaseProcessModule<Ctx>): CaseProcessModule<Ctx> => module;
