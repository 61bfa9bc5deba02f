/**
 * Free text in SEPA files (names, remittance information) is limited to the EPC's basic Latin set:
 * a–z A–Z 0–9 / - ? : ( ) . , ' + and space. Some banks reject or garble anything else, so accents and
 * ligatures are transliterated ("Hélène Lœuvre" → "Helene Loeuvre") and other signs become spaces.
 */
const SUBSTITUTES: Readonly<Record<string, string>> = { œ: 'oe', Œ: 'OE', æ: 'ae', Æ: 'AE', ß: 'ss', '’': "'", '‘': "'" };

export function sepaText(text: string, maxLength: number): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[œŒæÆß’‘]/g, (ch) => SUBSTITUTES[ch] ?? ' ')
    .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim()
    .slice(0, maxLength) // a name longer than the field is cut, as banks do; the reference still identifies the payment
    .trim();
}
