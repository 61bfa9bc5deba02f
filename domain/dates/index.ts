/** The one place for dates, months and their French wording (docs/GLOSSARY.md: période, jour). */
export * from './jours';
export * from './periodes';
export * from './format-fr';
export * from './jours-feries';
