// A set-up problem the user can fix: the entry points print its message (one sentence
// saying what is wrong and what to do) instead of a stack trace, and exit non-zero.
export class SetupError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'SetupError';
  }
}

/** A plain sentence for errors anyone can hit while setting up (disk full, …), else null. */
export function plainSetupMessage(error) {
  if (error instanceof SetupError) return error.message;
  const text = `${error?.code ?? ''} ${error?.message ?? ''}`;
  if (/ENOSPC|No space left on device/.test(text)) {
    return 'The disk is full (No space left on device): free some space (at least 1 GB) and run this again.';
  }
  return null;
}
