/** Bursaries of health & social training (bourses FSS): pure rules over dated tables. See README.md. */
export { BourseInputError, BourseParametreMissing, BourseRuleError, BourseTableInvalid, BourseTableMissing, type BaremeTable } from './errors';
export {
  CLES_PARAMETRES,
  ECHELONS,
  POINTS_MAX_BAREME,
  isEchelon,
  montantsPour,
  parametreEnVigueur,
  plafondsPour,
  type BourseTables,
  type Cents,
  type CleParametre,
  type Echelon,
  type Euros,
  type MontantRow,
  type ParametreRow,
  type PlafondRow,
  type Provenance,
} from './parametres';
export { checkBourseTables } from './controle';
export {
  bourseTablesFromCsv,
  parseCsv,
  parseMontantsCsv,
  parseParametresCsv,
  parsePlafondsCsv,
  parseSourcesCsv,
  type CsvRecord,
  type SourceRow,
} from './csv';
export { anneeBounds, anneeDebut, anneeOfDate, anneeOfMonth, anneeUniversitaire, moisDeLAnnee, type AnneeUniversitaire } from './annee';
export { type IsoDate, type YearMonth } from '../dates';
export { formatEuros, formatEurosEntiers } from './format';
export { computePointsDeCharge, type DetailPoints, type ElementCharge, type ElementsDeCharge, type PointsDeCharge } from './points';
export { determineEchelon, type CalculEchelon, type DemandeEchelon } from './echelon';
export {
  NOMBRE_MENSUALITES,
  dateLimiteVersement,
  instalmentSchedule,
  mensualiteOf,
  type Echeancier,
  type Mensualite,
  type MoisDeFormation,
  type Versement,
} from './calendrier';
export {
  checkAideUrgence,
  limitesAideUrgence,
  type ControleAideUrgence,
  type DemandeAideUrgence,
  type LimitesAideUrgence,
} from './aide-urgence';
export { cumulConflicts, type CumulBourse } from './cumul';
export { decideSuspension, type DecisionSuspension, type EtatBourse, type EvenementBourse, type SituationBourse } from './suspension';
