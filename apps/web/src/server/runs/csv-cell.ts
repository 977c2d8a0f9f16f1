// RFC 4180: quote a field when it holds a comma, quote or newline; double inner quotes.
// A leading =, +, -, @, tab or carriage return is prefixed with ' so spreadsheets do not run a
// member's name as a formula (OWASP's CSV-injection list: tab and CR also start one in some).
export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
