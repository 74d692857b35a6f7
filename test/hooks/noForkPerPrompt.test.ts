import { rmSync } from 'node:fs';
import { tokenFingerprint } from '../../src/credentials/envChanges';
import type { ShellName } from '../../src/shells/Shell';
import { awscredsOnPath, type AwscredsOnPath } from './awscredsOnPath';
import { forkingPromptHook, processesStarted as countProcesses } from './countProcesses';
import { SHELLS, setVariablesLine } from './hookTestSetup';
import { NEEDS, needing } from '../helpers/needs';
import { shellsUnderTest } from './shellsUnderTest';

// "No process per prompt", measured: the shell runs under strace, and a session with 30
// prompts must start exactly as many processes as one with 3 (start-up runs `awscreds hook`
// once; the prompts themselves add nothing). The set is what every `awscreds export` leaves:
// complete, bookkept, with an expiry, so each prompt reads the clock. Two sessions: one where
// nothing changes between prompts (the hook's fast path: one comparison), and one where every
// prompt exports a new expiry, so that each prompt classifies the set again from the start.
// The positive control adds a prompt hook of the user's that runs /bin/true at every prompt:
// the same counting must then see at least one more process per extra prompt.
const maybe = needing('noForkPerPrompt', NEEDS.strace).test;

let built: AwscredsOnPath;
beforeAll(() => {
  built = awscredsOnPath();
});
// fish may still be writing generated completions below a home when it is stopped: retry.
afterAll(() => rmSync(built.workDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }));

const token = 'noForkToken0123456789';
const completeSet = (expiresAt: number): Record<string, string> => ({
  AWS_ACCESS_KEY_ID: 'ASIANOFORK0000000001',
  AWS_SECRET_ACCESS_KEY: 'noForkSecret0123456789',
  AWS_SESSION_TOKEN: token,
  AWSCREDS_PROFILE: 'nofork',
  AWSCREDS_KEY_ID: 'ASIANOFORK0000000001',
  AWSCREDS_TOKEN_FP: tokenFingerprint(token),
  AWSCREDS_EXPIRES_AT: String(expiresAt),
});

/** `changing`: each prompt follows a line that exports the set with a new expiry (classified anew); else an empty line (unchanged). */
function processesStarted(shell: ShellName, binary: string | undefined, prompts: number, changing: boolean, userRc = ''): Promise<number> {
  const expiresAt = Math.floor(Date.now() / 1000) + 3600;
  return countProcesses(built, shell, prompts, userRc, binary, async (sh) => {
    await sh.run(setVariablesLine(shell, completeSet(expiresAt)));
  }, changing ? (i) => setVariablesLine(shell, completeSet(expiresAt + i + 1)) : () => ':');
}

describe.each(shellsUnderTest(SHELLS))('%s', (_label, shell, binary) => {
  for (const [name, changing] of [['nothing changes between prompts', false], ['every prompt exports the set anew', true]] as const) {
    maybe(`the prompt hook starts no process: ${name}`, async () => {
      const few = await processesStarted(shell, binary, 3, changing);
      const many = await processesStarted(shell, binary, 30, changing);
      expect(many).toBe(few);
    }, 120_000);
  }

  maybe('positive control: a prompt hook that runs /bin/true is counted at every prompt', async () => {
    const few = await processesStarted(shell, binary, 3, false, forkingPromptHook(shell));
    const many = await processesStarted(shell, binary, 30, false, forkingPromptHook(shell));
    // Each step is two lines (the command and the sentinel), so at least two prompts.
    expect(many - few).toBeGreaterThanOrEqual(27);
  }, 120_000); // fish under strace with a process per prompt takes 15 s alone, much more under load
});
