import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_CODES } from '../../src/runtime/exitCodes';
import { childEnv, seedSignedInHome, type SeededHome } from '../emulator/seedHome';
import { startSsoEmulator, type SsoEmulator } from '../emulator/ssoEmulator';
import { NEEDS, needing } from '../helpers/needs';
import { runAwscreds, runAwscredsAtTerminal } from '../helpers/runAwscreds';

// `awscreds console` opening a browser: a recording $BROWSER (what its command line holds, and
// where following it leads), headless Chromium landing on the emulator's console page, no
// browser at all, and --print on a terminal.

const CHROMIUM = '/usr/bin/chromium';
const itWithChromium = needing('console: a real browser', NEEDS.chromium).test;

let emulator: SsoEmulator;
let seeded: SeededHome;
let env: Record<string, string>;
let scratch: string;

beforeAll(async () => {
  emulator = await startSsoEmulator();
  seeded = seedSignedInHome(emulator);
  scratch = mkdtempSync(join(tmpdir(), 'awscreds-browser-'));
  // No DISPLAY: without BROWSER there is no browser to find.
  env = { ...childEnv(seeded.env), AWS_ENDPOINT_URL_SIGNIN: emulator.url };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  delete env.BROWSER;
});
afterAll(async () => {
  seeded.cleanup();
  rmSync(scratch, { recursive: true, force: true });
  await emulator.stop();
});

/** Polls until `file` exists with content, for up to `ms`. */
async function waitForFile(file: string, ms: number): Promise<string> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    if (existsSync(file)) {
      const text = readFileSync(file, 'utf8');
      if (text.includes('</html>') || text.endsWith('\n')) return text;
    }
  }
  throw new Error(`${file} was not written within ${ms} ms`);
}

describe('console opens a browser', () => {
  it('a recording $BROWSER: its command line holds only a loopback URL, which leads once to the console', async () => {
    const record = join(scratch, 'browser.json');
    const recorder = join(scratch, 'recorder.js');
    writeFileSync(
      recorder,
      `const http = require('node:http');
const get = (url) => new Promise((resolve) => http.get(url, { agent: false }, (res) => { let body = ''; res.on('data', (d) => (body += d)); res.on('end', () => resolve({ status: res.statusCode, location: res.headers.location, body })); }).on('error', (e) => resolve({ error: e.code })));
(async () => {
  const argv = process.argv.slice(2);
  const first = await get(argv[0]);
  const again = await get(argv[0]);
  const page = first.location ? await get(first.location) : undefined;
  require('node:fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify({ argv, first, again, page }) + '\\n');
})();`,
    );
    const run = await runAwscreds(['console', '--profile', 'dev', '--service', 'ec2'], { ...env, BROWSER: `"${process.execPath}" "${recorder}" %s` });
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('awscreds: opened the console for profile "dev" in your browser.\n');
    expect(run.status).toBe(0);
    const seen = JSON.parse(await waitForFile(record, 10_000)) as { argv: string[]; first: { status: number; location: string }; again: { status?: number; error?: string }; page: { status: number; body: string } };
    // The command line: one random loopback URL, no token, no key.
    expect(seen.argv).toHaveLength(1);
    expect(seen.argv[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{43}$/);
    const issued = emulator.issuedRoleCredentials.at(-1);
    for (const secret of [issued?.accessKeyId, issued?.secretAccessKey, issued?.sessionToken, 'SigninToken']) expect(seen.argv.join(' ')).not.toContain(secret);
    // Followed, it redirects to the login URL, which lands on the console; asked again, nothing.
    expect(seen.first.status).toBe(302);
    expect(seen.first.location).toMatch(new RegExp(`^${emulator.url}/federation\\?Action=login&.*SigninToken=`));
    expect(seen.again.status === 302).toBe(false);
    expect(seen.page.status).toBe(200);
    expect(seen.page.body).toContain('https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1');
  });

  itWithChromium('headless Chromium opens the loopback URL and lands on the console page', async () => {
    const dom = join(scratch, 'dom.html');
    const wrapper = join(scratch, 'chromium.sh');
    const profileDir = mkdtempSync(join(scratch, 'chromium-profile-'));
    writeFileSync(
      wrapper,
      `#!/bin/sh\nexec ${CHROMIUM} --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=${profileDir} --dump-dom "$1" > ${dom} 2>/dev/null\n`,
      { mode: 0o755 },
    );
    const run = await runAwscreds(['console', '--profile', 'dev'], { ...env, BROWSER: wrapper });
    expect(run.stderr).toBe('awscreds: opened the console for profile "dev" in your browser.\n');
    expect(run.status).toBe(0);
    const page = await waitForFile(dom, 30_000);
    expect(page).toContain('<title>AWS Management Console (emulator)</title>');
    expect(page).toContain('AWSReservedSSO_Dev_');
    expect(page).toContain('https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1');
    expect(emulator.signin.logins.at(-1)).toMatchObject({ status: 200, issuer: 'https://d-1234567890.awsapps.com/start' });
  }, 40_000);

  it('no browser: one line naming --print', async () => {
    const run = await runAwscreds(['console', '--profile', 'dev'], env);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('awscreds: no browser found to open the console in (set BROWSER).\n  fix: print the URL instead: `awscreds console --print`.\n');
    expect(run.status).toBe(EXIT_CODES.USAGE.code);
  });

  it('--print on a terminal: the URL on stdout, one line on stderr saying it is a secret', async () => {
    const run = await runAwscredsAtTerminal(['console', '--profile', 'dev', '--print'], env);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/federation\?Action=login&.*SigninToken=[^&\s]+\n$/);
    expect(run.terminal.trim()).toBe('awscreds: this URL signs in to the console: a secret for 15 minutes.');
  });
});
