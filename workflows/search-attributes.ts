/**
 * Search attributes ops filter on in the Temporal Web UI. They are NOT encrypted by the payload codec:
 * only pseudonymous or organisational values here, never personal data.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** The process a case runs (parcours, bourse, sur_mesure...): set when its workflow starts. */
export const SA_PROCESS = defineSearchAttributeKey('SprfpProcess', SearchAttributeType.KEYWORD);
export const SA_STAGE = defineSearchAttributeKey('SprfpStage', SearchAttributeType.KEYWORD);
export const SA_DISPOSITIF = defineSearchAttributeKey('SprfpDispositif', SearchAttributeType.KEYWORD);
export const SA_BASSIN = defineSearchAttributeKey('SprfpBassin', SearchAttributeType.KEYWORD);
export const SA_ORGANISME = defineSearchAttributeKey('SprfpOrganisme', SearchAttributeType.KEYWORD);
export const SA_PRESCRIPTEUR = defineSearchAttributeKey('SprfpPrescripteur', SearchAttributeType.KEYWORD);
/** Sur-mesure orders: the company's NAF section (A–U) and the number of posts (a keyword like every other). */
export const SA_NAF_SECTION = defineSearchAttributeKey('SprfpNafSection', SearchAttributeType.KEYWORD);
export const SA_POSTES = defineSearchAttributeKey('SprfpPostes', SearchAttributeType.KEYWORD);

export const ALL_SEARCH_ATTRIBUTES = [SA_PROCESS, SA_STAGE, SA_DISPOSITIF, SA_BASSIN, SA_ORGANISME, SA_PRESCRIPTEUR, SA_NAF_SECTION, SA_POSTES];
