import { rmSync } from 'node:fs';
import { tokenFingerprint } from '../../src/credentials/envChanges';
import type { ShellName } from '../../src/shells/Shell';
import { awscredsOnPath, type AwscredsOnPath } from './awscredsOnPath';
import { FORKING_PROMPT_HOOK, processesStarted as countProcesses } from './countProcesses';
import { SHELLS, setVariablesLine } from './hookTestSetup';
import { NEEDS, needing } from '../helpers/needs';

// "No process per prompt", measured: the shell runs under strace, and a session with 30
// prompts must start exactly as many processes as one with 3 (start-up runs `awscreds hook`
// once; the prompts themselves add nothing). The set is bookkept with an expiry, so each
// prompt takes the longest path: classify, read the clock, hold back.
// The positive control adds a prompt hook of the user's that runs /bin/true at every prompt:
// the same counting must then see at least one more process per extra prompt.
const maybe = needing('noForkPerPrompt', NEEDS.strace).test;

let built: AwscredsOnPath;
beforeAll(() => {
  built = awscredsOnPath();
});
// fish may still be writing generated completions below a home when it is stopped: retry.
afterAll(() => rmSync(built.workDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }));

function processesStarted(shell: ShellName, prompts: number, userRc = ''): Promise<number> {
  const token = 'noForkToken0123456789';
  return countProcesses(built, shell, prompts, userRc, async (sh) => {
    await sh.run(setVariablesLine(shell, { AWS_ACCESS_KEY_ID: 'ASIANOFORK0000000001', AWS_SESSION_TOKEN: token, AWSCREDS_KEY_ID: 'ASIANOFORK0000000001', AWSCREDS_TOKEN_FP: tokenFingerprint(token), AWSCREDS_EXPIRES_AT: String(Math.floor(Date.now() / 1000) + 3600) }));
  });
}

describe.each(SHELLS)('%s', (shell) => {
  maybe('the prompt hook starts no process', async () => {
    const few = await processesStarted(shell, 3);
    const many = await processesStarted(shell, 30);
    expect(many).toBe(few);
  }, 120_000);

  maybe('positive control: a prompt hook that runs /bin/true is counted at every prompt', async () => {
    const few = await processesStarted(shell, 3, FORKING_PROMPT_HOOK[shell]);
    const many = await processesStarted(shell, 30, FORKING_PROMPT_HOOK[shell]);
    // Each step is two lines (the command and the sentinel), so at least two prompts.
    expect(many - few).toBeGreaterThanOrEqual(27);
  }, 120_000); // fish under strace with a process per prompt takes 15 s alone, much more under load
});
