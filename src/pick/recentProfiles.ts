import { readPrivateJson, writePrivateJson, type PrivateFileInput } from '../runtime/privateJson';

// The profiles last chosen in the picker, most recent first, in awscreds' private cache (the
// same trust rules as the other files there). Profile names are all it holds.

const FILE = 'recent-profiles.json';
const KEPT = 50;
const MAX_BYTES = 64 * 1024;

export function readRecentProfiles(input: PrivateFileInput): string[] {
  const recent = readPrivateJson(input, FILE, MAX_BYTES)?.recent;
  return Array.isArray(recent) ? recent.filter((n): n is string => typeof n === 'string') : [];
}

/** Puts `name` first. */
export function rememberRecentProfile(input: PrivateFileInput, name: string): void {
  writePrivateJson(input, FILE, { recent: [name, ...readRecentProfiles(input).filter((n) => n !== name)].slice(0, KEPT) });
}
