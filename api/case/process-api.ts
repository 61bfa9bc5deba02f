/**
 * What a process gives the API's case core: its definition and state query, how to load what it adds to a
 * case, who of the partner-side roles may see a case, how to scope a list, what each role sees, and its own
 * routes. The core's routes (GET /cases, GET /cases/:id) and access checks go through it, knowing no process.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { QueryDefinition } from '@temporalio/common';
import type { Router } from 'express';
import type { ZodObject, ZodRawShape } from 'zod';
import type { Dossier, Person } from '../../db/entities';
import type { CaseHeader } from '../../domain/case/journal';
import type { ProcessDefinition } from '../../domain/case/process';
import type { Principal } from '../auth';
import type { ApiContext } from '../context';

/** A condition over the satellite table (aliased `s`) limiting a list to what a caller may see. */
export interface ListScope {
  where: string;
  params: unknown[];
}

/**
 * The case and its person as the core reads them with a satellite (what its pages, lists and actions use): a
 * `Dossier` entity loaded with its person is one; a process on the hot paths reads it as a plain row
 * (api/parcours/case-row.ts: an ORM load costs the API's CPU seven times the query read so).
 */
export type CaseRecord = Pick<Dossier, 'id' | 'processKind' | 'stage' | 'stageSeq' | 'open' | 'createdAt' | 'incidentSince'
  | 'incidentWorkflowId' | 'incidentDetail'> & { person: PersonRecord };
export type PersonRecord = Pick<Person, 'id' | 'lastName' | 'firstName' | 'email' | 'phone' | 'birthDate' | 'gender' | 'postalCode'>;

/** How much of the person a role sees on this process's cases. */
export type IdentityLevel = 'none' | 'contact' | 'full';

export interface ProcessApi<Sat = unknown, State extends CaseHeader = CaseHeader> {
  definition: ProcessDefinition;
  stateQuery: QueryDefinition<State>;
  /** The satellite table of the process (joined as `s` on `s.dossier_id = d.id` in lists). */
  satelliteTable: string;
  /** Its satellite with the case and its person, in as few queries as it can (the access check: api/case/access.ts). */
  loadSatellite(em: EntityManager, caseId: string): Promise<Sat | null>;
  /** The case (with its person) the satellite was loaded with. */
  dossierOf(satellite: Sat): CaseRecord;
  /** Roles beyond caseworker, ops and finance (which the core decides): may this one see this case? */
  mayAccess(principal: Principal, satellite: Sat): boolean;
  /** For the same roles: which cases of the list; null = none of this process. */
  listScope(principal: Principal): ListScope | null;
  /** The list's filters that are this process's own (session, bassin...): null = none of its cases match. */
  listFilter?(query: Record<string, unknown>, principal: Principal): ListScope | null;
  identity(principal: Principal): IdentityLevel;
  /** What this process adds to the case page, by role. */
  view(em: EntityManager, principal: Principal, satellite: Sat, state: State): Promise<Record<string, unknown>>;
  /** The OpenAPI shape of that addition. */
  viewShape: ZodObject<ZodRawShape>;
  routes(router: Router, registry: OpenAPIRegistry, ctx: ApiContext): void;
}

export const defineProcessApi = <Sat, State extends CaseHeader>(api: ProcessApi<Sat, State>): ProcessApi<Sat, State> => api;
