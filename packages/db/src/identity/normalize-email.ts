/** Emails are unique case-insensitively (the index is on lower(email)); compare that way too. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
