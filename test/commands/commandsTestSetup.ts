import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childEnv, seedSignedInHome, type SeedHomeOptions, type SeededHome } from '../emulator/seedHome';
import { startSsoEmulator, type EmulatorOptions, type SsoEmulator } from '../emulator/ssoEmulator';
import { AWSCREDS_BIN } from '../helpers/runAwscreds';

export interface EmulatedHome {
  readonly emulator: SsoEmulator;
  readonly seeded: SeededHome;
  /** The environment to run awscreds with: no AWS_* from the test process, the seeded home's, SHELL=bash. */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

/** An emulator and a home seeded against it (signed in to sso-session corp unless told otherwise). */
export async function emulatedHome(options: { emulator?: EmulatorOptions; seed?: SeedHomeOptions } = {}): Promise<EmulatedHome> {
  const emulator = await startSsoEmulator(options.emulator);
  const seeded = seedSignedInHome(emulator, options.seed);
  return {
    emulator,
    seeded,
    env: { ...childEnv(seeded.env), SHELL: '/bin/bash' },
    stop: async () => {
      seeded.cleanup();
      await emulator.stop();
    },
  };
}

/** A directory holding an `awscreds` that runs the built binary, to put first on PATH. */
export function awscredsBinDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'awscreds-bin-'));
  symlinkSync(AWSCREDS_BIN, join(dir, 'awscreds'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
