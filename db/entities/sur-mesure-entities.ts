/** The sur-mesure process's tables, registered with the ORM in one line (db/entities/index.ts). */
import { SurMesureCommandeSchema, SurMesurePosteSchema } from './sur-mesure-commande';
import { SurMesureCandidatSchema, SurMesurePartenaireSchema } from './sur-mesure-recrutement';
import { SurMesureManquementSchema, SurMesureStagiaireSchema } from './sur-mesure-stagiaire';

export * from './sur-mesure-commande';
export * from './sur-mesure-recrutement';
export * from './sur-mesure-stagiaire';

export const SUR_MESURE_ENTITIES = [
  SurMesureCommandeSchema, SurMesurePosteSchema, SurMesurePartenaireSchema, SurMesureCandidatSchema, SurMesureStagiaireSchema,
  SurMesureManquementSchema,
];
