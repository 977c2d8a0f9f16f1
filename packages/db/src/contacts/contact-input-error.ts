import type { ContactInputProblem } from '@baton/engine';
import { DomainError } from '../tenancy/errors';

/** A 400 naming the field, shaped like zod's details (`[{ field, message }]`). */
export function contactInputError(problem: ContactInputProblem): DomainError {
  return new DomainError('invalid', problem.message, [{ field: problem.field, message: problem.message }]);
}
