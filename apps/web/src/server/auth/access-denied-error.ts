import { DomainError, type Action } from '@baton/db';

export class AccessDeniedError extends DomainError {
  constructor(readonly action: Action) {
    super('forbidden', "You don't have access to do that in this workspace", { action });
    this.name = 'AccessDeniedError';
  }
}
