import bcrypt from 'bcryptjs';

// Cost 10 is ~60–100 ms here: slow enough for offline guessing, fast enough for sign-in.
export const BCRYPT_COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the email is unknown, so a miss costs the same as a wrong password
// and response time does not reveal which emails have accounts. (bcrypt of a random string.)
export const DUMMY_PASSWORD_HASH = '$2b$10$oO.1p85qSf4f4kzwWOwm0O5XSjM4QOLmFM5Rw7NezCS60/MsyGP5O';
