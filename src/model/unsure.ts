/**
 * The value every question accepts and no option may claim: it satisfies nothing. Its own module,
 * so that code on the wizard's first frame (the store's contradiction check) can use it without
 * loading the bank's zod schemas.
 */
export const UNSURE = 'unsure';
