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
  /** Replaces the home with one seeded anew against the same emulator. */
  reseed(seed?: SeedHomeOptions): void;
  stop(): Promise<void>;
}

interface EmulatedHomeOptions {
  readonly emulator?: EmulatorOptions;
  readonly seed?: SeedHomeOptions;
}

/** An emulator and a home seeded against it (signed in to sso-session corp unless told otherwise). */
export async function emulatedHome(options: EmulatedHomeOptions = {}): Promise<EmulatedHome> {
  const emulator = await startSsoEmulator(options.emulator);
  let seeded = seedSignedInHome(emulator, options.seed);
  let env = { ...childEnv(seeded.env), SHELL: '/bin/bash' };
  return {
    emulator,
    get seeded() {
      return seeded;
    },
    get env() {
      return env;
    },
    reseed: (seed) => {
      seeded.cleanup();
      seeded = seedSignedInHome(emulator, seed);
      env = { ...childEnv(seeded.env), SHELL: '/bin/bash' };
    },
    stop: async () => {
      seeded.cleanup();
      await emulator.stop();
    },
  };
}

/**
 * A fresh emulatedHome() for each test of the file (jest's beforeEach and afterEach), read
 * through the returned object inside a test: `home.emulator`, `home.env`.
 */
export function emulatedHomeForEachTest(options: EmulatedHomeOptions = {}): EmulatedHome {
  let current: EmulatedHome | undefined;
  beforeEach(async () => {
    current = await emulatedHome(options);
  });
  afterEach(async () => {
    await current?.stop();
    current = undefined;
  });
  const now = (): EmulatedHome => {
    if (current === undefined) throw new Error('emulatedHomeForEachTest: the home exists only while a test runs');
    return current;
  };
  return {
    get emulator() {
      return now().emulator;
    },
    get seeded() {
      return now().seeded;
    },
    get env() {
      return now().env;
    },
    reseed: (seed) => now().reseed(seed),
    stop: () => now().stop(),
  };
}

/** A directory holding an `awscreds` that runs the built binary, to put first on PATH. */
export function awscredsBinDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'awscreds-bin-'));
  symlinkSync(AWSCREDS_BIN, join(dir, 'awscreds'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
