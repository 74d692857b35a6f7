import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRecentProfiles, rememberRecentProfile } from '../../src/pick/recentProfiles';
import { readAccountNames, rememberAccountNames } from '../../src/populate/accountNames';

// The picker's files in awscreds' private cache follow its trust rules: the user's own, 0600,
// written by no one else; otherwise they are not used.

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'awscreds-recent-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const input = () => ({ env: { XDG_CACHE_HOME: dir }, home: '/nonexistent', uid: process.getuid?.() ?? 0, debug: () => undefined });

it('keeps the most recent first, 0600, and ignores a file others may write', () => {
  rememberRecentProfile(input(), 'a');
  rememberRecentProfile(input(), 'b');
  rememberRecentProfile(input(), 'a');
  expect(readRecentProfiles(input())).toEqual(['a', 'b']);
  const file = join(dir, 'awscreds', 'recent-profiles.json');
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(statSync(join(dir, 'awscreds')).mode & 0o777).toBe(0o700);
  chmodSync(file, 0o666);
  expect(readRecentProfiles(input())).toEqual([]);
});

it('account names: merged by id, and ignored when the directory is not the user\'s alone', () => {
  rememberAccountNames(input(), [{ accountId: '1', accountName: 'One' }]);
  rememberAccountNames(input(), [{ accountId: '2', accountName: 'Two $(x)' }]);
  expect([...readAccountNames(input())]).toEqual([['1', 'One'], ['2', 'Two $(x)']]);
  chmodSync(join(dir, 'awscreds'), 0o777);
  expect(readAccountNames(input()).size).toBe(0);
  chmodSync(join(dir, 'awscreds'), 0o700);
});
