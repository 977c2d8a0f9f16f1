import type { Snapshot } from '../interpreter/snapshot';
import type { CandidateVerdict } from './eligibility';

/** What an assign step may ask of the agent's skills (member tags, Team page). */
export interface SkillRequirement {
  /** Skills every candidate must have, e.g. ["billing"]. */
  requiredSkills?: string[];
  /** A contact field whose value must be one of the agent's skills, e.g. "language" → "de". */
  skillField?: string;
}

/** The step asks for skills: nobody eligible then takes the `no_skill_match` fallback. */
export const requiresSkills = (req: SkillRequirement): boolean => (req.requiredSkills?.length ?? 0) > 0 || Boolean(req.skillField);

const norm = (s: string) => s.trim().toLowerCase();

/**
 * The skills this conversation needs: the step's fixed ones plus the contact field's value
 * (when the contact has one; an empty field asks nothing). Compared case-insensitively, as
 * agents and API clients write "German" and "german".
 */
export function requiredSkillsFor(req: SkillRequirement, snapshot: Snapshot): string[] {
  const out = (req.requiredSkills ?? []).map(norm).filter(Boolean);
  if (req.skillField) {
    const v = snapshot.contact.fields[req.skillField];
    if (v !== undefined && v.trim() !== '') out.push(norm(v));
  }
  return [...new Set(out)];
}

/**
 * A separate eligibility filter after the step's own rules (availability, capacity, tried):
 * a candidate still eligible but lacking a required skill is excluded with the skills it
 * lacks, so the decision trace says who lacked what.
 */
export function applySkillFilter(verdicts: CandidateVerdict[], required: readonly string[], snapshot: Snapshot): CandidateVerdict[] {
  if (required.length === 0) return verdicts;
  return verdicts.map((v) => {
    const has = new Set((snapshot.users[v.userId]?.skills ?? []).map(norm));
    const missing = required.filter((s) => !has.has(s));
    if (missing.length === 0) return v;
    // Already excluded for another reason: keep that reason, note the skills too.
    return v.eligible ? { ...v, eligible: false, excludedReason: 'missing_skill', missingSkills: missing } : { ...v, missingSkills: missing };
  });
}
