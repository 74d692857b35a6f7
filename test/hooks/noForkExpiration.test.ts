import { rmSync } from 'node:fs';
import type { ShellName } from '../../src/shells/Shell';
import { awscredsOnPath, type AwscredsOnPath } from './awscredsOnPath';
import { forkingPromptHook, processesStarted as countProcesses } from './countProcesses';
import { SHELLS, parseProbe, probeLine, setVariablesLine } from './hookTestSetup';
import { isoExpiration } from './stateRows';
import { NEEDS, needing } from '../helpers/needs';

// "No process per prompt" for the AWS_CREDENTIAL_EXPIRATION path (a set another tool exported,
// so the hook parses the ISO 8601 time at every prompt), measured under strace as in
// noForkPerPrompt.test.ts: 20 prompts must start exactly as many processes as 3. The
// positive control adds a prompt hook of the user's that starts one process per prompt,
// and the same measurement must see it.
const maybe = needing('noForkExpiration', NEEDS.strace).test;

let built: AwscredsOnPath;
beforeAll(() => {
  built = awscredsOnPath();
});
afterAll(() => rmSync(built.workDir, { recursive: true, force: true }));

function processesStarted(shell: ShellName, prompts: number, userRc: string): Promise<number> {
  return countProcesses(built, shell, prompts, userRc, undefined, async (sh) => {
    // The expiry with an offset and a fraction: the longest parse.
    const expiration = isoExpiration(Math.floor(Date.now() / 1000) + 3600 - 30, { offsetMinutes: -300, zone: 'colon', fraction: '.123456' });
    await sh.run(setVariablesLine(shell, { AWS_ACCESS_KEY_ID: 'ASIANOFORK0000000002', AWS_SECRET_ACCESS_KEY: 'noForkSecret', AWS_SESSION_TOKEN: 'noForkToken0123456789', AWS_CREDENTIAL_EXPIRATION: expiration }));
    // The hook did take the parsing path: the minutes come from AWS_CREDENTIAL_EXPIRATION.
    expect(parseProbe((await sh.run(probeLine('std'))).stdout, 'std')).toMatchObject({ state: 'complete_temporary', minutes: '60' });
  });
}

// Two traced shells per test (fish under a pty is the slowest): a ceiling, not a measurement.
const TRACED_TIMEOUT_MS = 120_000;

describe.each(SHELLS)('%s', (shell) => {
  maybe('reading AWS_CREDENTIAL_EXPIRATION at the prompt starts no process', async () => {
    const few = await processesStarted(shell, 3, '');
    const many = await processesStarted(shell, 20, '');
    expect(many).toBe(few);
  }, TRACED_TIMEOUT_MS);

  maybe('positive control: a prompt hook that starts a process is seen at every prompt', async () => {
    const few = await processesStarted(shell, 3, forkingPromptHook(shell));
    const many = await processesStarted(shell, 20, forkingPromptHook(shell));
    expect(many - few).toBeGreaterThanOrEqual(17);
  }, TRACED_TIMEOUT_MS);
});
