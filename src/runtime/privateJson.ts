import { join } from 'node:path';
import { writeFileAtomic } from './files';
import { prepareDirectory, privateCacheDirectory, readTrustedFile } from './privateCache';
import type { Env } from './Runtime';

// Small JSON files in awscreds' private cache (privateCache.ts's trust rules) that only make a
// command handier (the picker's recent profiles, account names): read as undefined when absent,
// untrusted or torn; written quietly, since without them nothing fails.

export interface PrivateFileInput {
  readonly env: Env;
  readonly home: string;
  readonly uid: number;
  readonly debug: (text: string) => void;
}

/** The parsed file when it is trusted, at most `maxBytes` and JSON with `format: 1`. */
export function readPrivateJson(input: PrivateFileInput, name: string, maxBytes: number): Record<string, unknown> | undefined {
  const bytes = readTrustedFile(privateCacheDirectory(input.env, input.home), name, input.uid, maxBytes);
  if (!bytes) return undefined;
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null && (parsed as { format?: unknown }).format === 1 ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes `{format: 1, ...content}` atomically, 0600, in a directory made 0700 when safe; a failure is a debug line. */
export function writePrivateJson(input: PrivateFileInput, name: string, content: Record<string, unknown>): void {
  const directory = privateCacheDirectory(input.env, input.home);
  try {
    const why = prepareDirectory(directory, input.uid);
    if (why !== undefined) return input.debug(`not writing ${name} in ${directory}: ${why}`);
    writeFileAtomic(join(directory, name), JSON.stringify({ format: 1, ...content }), 0o600);
  } catch (error) {
    input.debug(`not writing ${name} in ${directory}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
