/** The bursary process's workflows: the student's year, and each emergency aid. */
export { bourse } from './bourse.workflow';
export { aideUrgence } from '../aide-urgence/aide-urgence.workflow';
