import { IANAZone } from 'luxon';
import { z } from 'zod';

/** True for a zone name the runtime's ICU data knows (`Europe/Berlin`, `UTC`), false otherwise. */
export function isTimeZone(zone: string): boolean {
  return zone.length > 0 && zone.length <= 64 && IANAZone.isValidZone(zone);
}

export const timeZoneSchema = z.string().trim().refine(isTimeZone, { error: 'Unknown time zone (use an IANA name such as Europe/Berlin)' });
