import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCommand } from '../../src/cli/commands/checkCommand';
import { CREDENTIAL_STATE_IDS, CREDENTIAL_STATES } from '../../src/states/credentialStates';
import { testContext } from '../helpers/testContext';

// The README's state table and `check --json` description, checked against the code.
const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const section = (heading: string): string => readme.split(`${heading}\n`)[1]?.split('\n### ')[0] ?? '';

describe('README', () => {
  const rows = [...section('### Credential states').matchAll(/^\| `([a-z_]+)` \| .+? \| (yes|no)([^|]*) \| .+ \|$/gm)].map((m) => ({ id: m[1], usable: m[2] === 'yes', warns: (m[3] ?? '').includes('with a warning') }));

  test('the state table lists every state of the code, in its order, with its usability and warning', () => {
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toEqual(CREDENTIAL_STATE_IDS.map((id) => ({ id, usable: CREDENTIAL_STATES[id].usable, warns: CREDENTIAL_STATES[id].level === 'warn' })));
  });

  test('`check --json` has exactly the fields the README names', async () => {
    const named = /`--json` prints one object: `\{([^}]+)\}`/.exec(section('### `awscreds check`').replace(/\n/g, ' '))?.[1]?.split(',').map((field) => field.trim());
    const result = await checkCommand.run({ _: [], json: true }, testContext({ env: { AWS_ACCESS_KEY_ID: 'ASIAREADME000000001', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 't', AWS_CREDENTIAL_EXPIRATION: '2030-01-01T00:00:00Z' } }));
    expect(Object.keys(JSON.parse(result.stdout) as object)).toEqual(named);
  });

  test('the usable states are the ones `check` exits 0 for, as the README lists them', () => {
    const listed = /Exit status 0 for (.+?) \(the usable\s+states\)/s.exec(section('### `awscreds check`'))?.[1] ?? '';
    expect([...listed.matchAll(/`([a-z_]+)`/g)].map((m) => m[1])).toEqual(CREDENTIAL_STATE_IDS.filter((id) => CREDENTIAL_STATES[id].usable));
  });
});
