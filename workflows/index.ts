/** Every workflow the worker runs (this file is the entry of the workflow bundle). */
export { parcours } from './parcours/parcours.workflow';
export { partnerHandoff } from './partner-handoff/partner-handoff.workflow';
export { surMesure } from './sur-mesure/sur-mesure.workflow';
export { bourse, aideUrgence } from './bourse';
