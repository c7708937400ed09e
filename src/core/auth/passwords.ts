/** argon2id password hashing (OWASP parameters: 19 MiB, t=2, p=1). */
import { hash, verify, type Options } from '@node-rs/argon2';

// Algorithm 2 = Argon2id (the package exports a const enum, which erasable TypeScript cannot import).
const OPTIONS = { algorithm: 2 as Options['algorithm'], memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), OPTIONS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password.normalize('NFC'));
  } catch {
    // A malformed stored hash is treated as a failed login, never as a server error.
    return false;
  }
}

/** A hash of a random string, verified against when the username does not exist (constant-ish time). */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('not-a-real-password-' + Math.random());
  return dummy;
}
