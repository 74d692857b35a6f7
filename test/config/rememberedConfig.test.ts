// The remembered config reads (src/config/rememberedConfig.ts): a warm export with a huge
// config reads a small cache file instead of the config, and only while both files are
// exactly as they were. Real files, real stat; `now` is injected for the settle rule.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { profileNamesRemembered, loadProfileRemembered, type RememberInput } from '../../src/config/rememberedConfig';
import { errorOf } from '../helpers/errorOf';
import { ACCESS_KEY_ID, SECRET_KEY, makeHome, removeHomes } from './fixtures';

afterAll(removeHomes);

const sso = (account: string) =>
  `[profile dev]\nsso_session = corp\nsso_account_id = ${account}\nsso_role_name = Dev\n\n[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\n`;
const LATER = () => new Date(Date.now() + 10_000);

function input(home: string, overrides: Partial<RememberInput> = {}): RememberInput & { notes: string[] } {
  const notes: string[] = [];
  return { env: { HOME: home }, home, uid: process.getuid?.() ?? 0, build: '0123456789abcdef', now: LATER, debug: (text) => void notes.push(text), notes, ...overrides };
}
const cacheFile = (home: string) => join(home, '.cache', 'awscreds', 'config-profile.json');
const accountOf = (home: string, overrides: Partial<RememberInput> = {}) => {
  const profile = loadProfileRemembered(input(home, overrides), 'dev');
  return profile.kind === 'sso' ? profile.sso.accountId : profile.kind;
};
/** Rewrites the remembered account in the cache file: a stand-in that shows when the cache, not the config, answered. */
function plant(home: string, account: string): void {
  const text = readFileSync(cacheFile(home), 'utf8');
  writeFileSync(cacheFile(home), text.replace(/"accountId":"\d+"/, `"accountId":"${account}"`));
}

describe('remembered config reads', () => {
  it('answers from the cache while the files are unchanged (the planted value shows it), and from the files once one changes', () => {
    const home = makeHome({ config: sso('111111111111') });
    expect(accountOf(home)).toBe('111111111111');
    expect(existsSync(cacheFile(home))).toBe(true);
    plant(home, '999999999999');
    expect(accountOf(home)).toBe('999999999999');
    // A credentials file that appears is a change (below); so is any change of the config.
    writeFileSync(join(home, '.aws', 'config'), sso('222222222222'));
    expect(accountOf(home)).toBe('222222222222');
    // A credentials file that appears is a change too.
    plant(home, '999999999999');
    writeFileSync(join(home, '.aws', 'credentials'), '[other]\nregion = eu-west-1\n');
    expect(accountOf(home)).toBe('222222222222');
  });

  it('sees a rewrite that keeps the size and puts the mtime back: only ctime tells (the kernel sets it)', () => {
    const home = makeHome({ config: sso('111111111111') });
    const config = join(home, '.aws', 'config');
    utimesSync(config, 1_000_000, 1_000_000); // whole seconds: put back exactly below
    expect(accountOf(home)).toBe('111111111111');
    plant(home, '999999999999');
    const before = statSync(config, { bigint: true });
    expect(accountOf(home)).toBe('999999999999'); // the cache answers while nothing changed
    writeFileSync(config, sso('222222222222'));
    utimesSync(config, 1_000_000, 1_000_000);
    const after = statSync(config, { bigint: true });
    // The premise: dev, inode, size and mtime are all as they were; ctime is not.
    expect([after.dev, after.ino, after.size, after.mtimeNs]).toEqual([before.dev, before.ino, before.size, before.mtimeNs]);
    expect(after.ctimeNs).not.toBe(before.ctimeNs);
    expect(accountOf(home)).toBe('222222222222');
  });

  it('does not remember files changed in the last two seconds (their next change may keep every timestamp)', () => {
    const home = makeHome({ config: sso('111111111111') });
    expect(accountOf(home, { now: () => new Date() })).toBe('111111111111');
    expect(existsSync(cacheFile(home))).toBe(false);
    // Positive control: the same read with the files settled is remembered.
    expect(accountOf(home)).toBe('111111111111');
    expect(existsSync(cacheFile(home))).toBe(true);
  });

  it('never remembers long-term keys, of the profile or of its source profile', () => {
    const home = makeHome({
      config: '[profile dev]\nregion = eu-west-1\n[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = dev\n',
      credentials: `[dev]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\n`,
    });
    expect(loadProfileRemembered(input(home), 'dev').kind).toBe('static');
    expect(loadProfileRemembered(input(home), 'admin').kind).toBe('role');
    expect(existsSync(cacheFile(home))).toBe(false);
  });

  it('gives the --debug notes again on a hit', () => {
    const home = makeHome({ config: `[profile dev]  # trailing\n${sso('111111111111').slice('[profile dev]\n'.length)}` });
    const first = input(home);
    loadProfileRemembered(first, 'dev');
    expect(first.notes).toEqual([expect.stringMatching(/config:1: the text after "\]" is ignored/)]);
    plant(home, '999999999999');
    const second = input(home);
    expect(loadProfileRemembered(second, 'dev')).toMatchObject({ sso: { accountId: '999999999999' } });
    expect(second.notes).toEqual(first.notes);
  });

  it('remembers nothing for a profile that is not there, and still says so', () => {
    const home = makeHome({ config: sso('111111111111') });
    expect(errorOf(() => loadProfileRemembered(input(home), 'nope')).message).toMatch(/nope/);
    expect(existsSync(cacheFile(home))).toBe(false);
    expect(errorOf(() => loadProfileRemembered(input(home), 'nope')).message).toMatch(/nope/);
  });

  it('keys entries by profile and by file paths, and uses a cache only of the build that wrote it', () => {
    const home = makeHome({ config: `${sso('111111111111')}\n[profile ops]\nsso_session = corp\nsso_account_id = 333333333333\nsso_role_name = Ops\n` });
    const ops = () => {
      const profile = loadProfileRemembered(input(home), 'ops');
      return profile.kind === 'sso' ? profile.sso.accountId : profile.kind;
    };
    expect([accountOf(home), ops()]).toEqual(['111111111111', '333333333333']);
    plant(home, '999999999999'); // the newest entry (ops) only
    expect([accountOf(home), ops()]).toEqual(['111111111111', '999999999999']);
    expect(accountOf(home, { build: '0123456789abcdee' })).toBe('111111111111');
    const other = join(home, 'other-config');
    writeFileSync(other, sso('444444444444'));
    utimesSync(other, new Date(0), new Date(0));
    expect(accountOf(home, { env: { HOME: home, AWS_CONFIG_FILE: other } })).toBe('444444444444');
  });

  it('trusts the cache only as the user\'s own: not in a directory others can write, not through a link', () => {
    const home = makeHome({ config: sso('111111111111') });
    accountOf(home);
    plant(home, '999999999999');
    const directory = join(home, '.cache', 'awscreds');
    chmodSync(directory, 0o777);
    expect(accountOf(home)).toBe('111111111111');
    chmodSync(directory, 0o700);
    expect(accountOf(home)).toBe('999999999999'); // positive control: the same file, trusted
    const elsewhere = join(home, 'elsewhere.json');
    writeFileSync(elsewhere, readFileSync(cacheFile(home)));
    rmSync(cacheFile(home));
    symlinkSync(elsewhere, cacheFile(home));
    expect(accountOf(home)).toBe('111111111111');
  });

  it('reads past a torn or foreign cache file, and replaces it', () => {
    const home = makeHome({ config: sso('111111111111') });
    mkdirSync(join(home, '.cache', 'awscreds'), { recursive: true, mode: 0o700 });
    writeFileSync(cacheFile(home), '{"format":2,"build":"0123456789abcdef","entries":[{"key"', { mode: 0o600 });
    expect(accountOf(home)).toBe('111111111111');
    expect(JSON.parse(readFileSync(cacheFile(home), 'utf8')).entries).toHaveLength(1);
  });

  it('remembers nothing when run from source (no bundle hash): every answer comes from the files', () => {
    const home = makeHome({ config: sso('111111111111') });
    expect(accountOf(home, { build: undefined })).toBe('111111111111');
    expect(existsSync(cacheFile(home))).toBe(false);
    accountOf(home); // positive control: with a build, the same read is remembered
    plant(home, '999999999999');
    expect(accountOf(home)).toBe('999999999999');
    expect(accountOf(home, { build: undefined })).toBe('111111111111');
  });

  it('remembers the list of profile names for completion, and sees a new profile at once', () => {
    const home = makeHome({ config: sso('111111111111') });
    expect(profileNamesRemembered(input(home))).toBe('dev\n');
    writeFileSync(join(home, '.aws', 'config'), `${sso('111111111111')}[profile ops]\nregion = eu-west-1\n`);
    expect(profileNamesRemembered(input(home))).toBe('dev\nops\n');
  });

  it('does not make a missing HOME to hold its cache', () => {
    const home = join(makeHome(), 'gone');
    const config = join(makeHome({ config: sso('111111111111') }), '.aws', 'config');
    expect(accountOf(home, { env: { HOME: home, AWS_CONFIG_FILE: config } })).toBe('111111111111');
    expect(existsSync(home)).toBe(false);
  });
});
