import { configFilePaths } from '../../src/config/sharedConfig';
import { describeKey } from '../../src/config/configValues';
import { existingNames, parseScopes } from '../../src/config/configValues';
import { resolveProfileName } from '../../src/config/sharedConfig';
import { shellSplit } from '../../src/runtime/shellSplit';
import { errorOf } from '../helpers/errorOf';
import { SECRET_KEY } from './fixtures';

describe('resolveProfileName', () => {
  const cases: Array<[string, string | undefined, Record<string, string>, string]> = [
    ['--profile beats everything', 'cli', { AWS_PROFILE: 'env', AWS_DEFAULT_PROFILE: 'legacy' }, 'cli'],
    ['AWS_PROFILE beats AWS_DEFAULT_PROFILE (AWS CLI v2 order)', undefined, { AWS_PROFILE: 'env', AWS_DEFAULT_PROFILE: 'legacy' }, 'env'],
    ['AWS_DEFAULT_PROFILE when AWS_PROFILE is unset', undefined, { AWS_DEFAULT_PROFILE: 'legacy' }, 'legacy'],
    // As the AWS CLI (botocore's EnvironmentProvider): a set variable counts, even empty.
    ['an empty AWS_PROFILE names the profile "", not AWS_DEFAULT_PROFILE\'s', undefined, { AWS_PROFILE: '', AWS_DEFAULT_PROFILE: 'legacy' }, ''],
    ['an empty AWS_DEFAULT_PROFILE names the profile ""', undefined, { AWS_DEFAULT_PROFILE: '' }, ''],
    ['"default" when nothing is set', undefined, {}, 'default'],
    ['a dotted name is kept whole', 'a.b', {}, 'a.b'],
  ];
  it.each(cases)('%s', (_label, profileOption, env, expected) => {
    expect(resolveProfileName({ profileOption, env })).toBe(expected);
  });

  it('refuses an empty --profile instead of falling back to another profile', () => {
    const error = errorOf(() => resolveProfileName({ profileOption: ' ', env: { AWS_PROFILE: 'env' } }));
    expect(error.reason).toBe('USAGE');
    expect(error.message).toBe('--profile was given an empty name');
  });
});

describe('configFilePaths', () => {
  it('defaults to ~/.aws/config and ~/.aws/credentials under the given home', () => {
    expect(configFilePaths({ env: {}, home: '/home/u' })).toEqual({ configFile: '/home/u/.aws/config', credentialsFile: '/home/u/.aws/credentials' });
  });

  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE', () => {
    const env = { AWS_CONFIG_FILE: '/etc/aws/cfg', AWS_SHARED_CREDENTIALS_FILE: '/etc/aws/creds' };
    expect(configFilePaths({ env, home: '/home/u' })).toEqual({ configFile: '/etc/aws/cfg', credentialsFile: '/etc/aws/creds' });
  });

  it('expands a leading ~/ and a bare ~ but no other ~ (Python\'s os.path.expanduser)', () => {
    const env = { AWS_CONFIG_FILE: '~/work/aws-config', AWS_SHARED_CREDENTIALS_FILE: '/x/~/creds' };
    expect(configFilePaths({ env, home: '/home/u' })).toEqual({ configFile: '/home/u/work/aws-config', credentialsFile: '/x/~/creds' });
    expect(configFilePaths({ env: { AWS_CONFIG_FILE: '~' }, home: '/home/u' }).configFile).toBe('/home/u');
    expect(configFilePaths({ env: { AWS_CONFIG_FILE: '~other/x' }, home: '/home/u' }).configFile).toBe('~other/x');
  });

  it('takes ~ from HOME when it is set, as Python does, else from the given home', () => {
    expect(configFilePaths({ env: { HOME: '/from/env/' }, home: '/home/u' }).configFile).toBe('/from/env/.aws/config');
    expect(configFilePaths({ env: {}, home: '/home/u' }).configFile).toBe('/home/u/.aws/config');
  });

  it('expands $VAR and ${VAR} of set variables and leaves the rest as written (Python\'s os.path.expandvars)', () => {
    const env = { HOME: '/home/u', AWS_DIR: '/srv/aws', EMPTY: '', AWS_CONFIG_FILE: '$AWS_DIR/config', AWS_SHARED_CREDENTIALS_FILE: '${HOME}/c-$UNSET-${EMPTY}x-$-${}' };
    expect(configFilePaths({ env, home: '/elsewhere' })).toEqual({ configFile: '/srv/aws/config', credentialsFile: '/home/u/c-$UNSET-x-$-${}' });
    // Variables first, then ~: a variable that expands to ~/… still gets the home.
    expect(configFilePaths({ env: { HOME: '/home/u', D: '~/aws', AWS_CONFIG_FILE: '$D/config' }, home: '/x' }).configFile).toBe('/home/u/aws/config');
  });

  it('reads an empty variable as "no file", as the AWS CLI does, not as "the default"', () => {
    expect(configFilePaths({ env: { AWS_CONFIG_FILE: '', AWS_SHARED_CREDENTIALS_FILE: '' }, home: '/h' })).toEqual({ configFile: '', credentialsFile: '' });
  });
});

describe('shellSplit (botocore splits section names with shlex)', () => {
  it.each([
    ['profile dev', ['profile', 'dev']],
    ['profile   dev', ['profile', 'dev']],
    ['profile "my dev"', ['profile', 'my dev']],
    ["profile 'a\\b'", ['profile', 'a\\b']],
    ['profile "a\\"b"', ['profile', 'a"b']],
    ['profile a\\ b', ['profile', 'a b']],
    ['profile a"b c"', ['profile', 'ab c']],
    ['profile ""', ['profile', '']],
    ['profile a b', ['profile', 'a', 'b']],
    ['profile\tdev', ['profile', 'dev']],
    // shlex splits on space, tab, CR and LF only: a no-break space is part of the word.
    ['profile\u00a0dev', ['profile\u00a0dev']],
    ['profile\u2003dev x', ['profile\u2003dev', 'x']],
  ])('%s', (text, words) => {
    expect(shellSplit(text)).toEqual(words);
  });

  it('returns undefined where shlex raises', () => {
    expect(shellSplit('profile "dev')).toBeUndefined();
    expect(shellSplit('profile dev\\')).toBeUndefined();
  });
});

describe('parseScopes', () => {
  it('splits on commas and trims', () => {
    expect(parseScopes(' sso:account:access , codewhisperer:completions,')).toEqual(['sso:account:access', 'codewhisperer:completions']);
  });
  it('is undefined when nothing is left', () => {
    expect(parseScopes(' , ')).toBeUndefined();
  });
});

describe('describeKey', () => {
  it('quotes setting names, whatever their case', () => {
    expect(describeKey('sso_region')).toBe('"sso_region"');
    expect(describeKey('AWS_ACCESS_KEY_ID')).toBe('"AWS_ACCESS_KEY_ID"');
    expect(describeKey('Region')).toBe('"Region"');
  });
  it('hides names that look like a pasted secret', () => {
    expect(describeKey(SECRET_KEY)).not.toContain('wJalr');
    expect(describeKey('wJalrXUtnFEMIK7MDENGbPxRfiCY')).toBe('a key whose name is not shown (it looks like a pasted value)');
  });
});

describe('existingNames', () => {
  it('lists a few names in full, sorted', () => {
    expect(existingNames(['dev', 'ci', 'prod'], 'x')).toBe('ci, dev, prod');
  });
  it('lists the eight names closest to the one asked for out of many, and how many more there are', () => {
    const names = Array.from({ length: 10_000 }, (_, i) => `org-${100000000000 + i}-ReadOnly`);
    const text = existingNames([...names, 'production', 'prod-eu'], 'prodution');
    expect(text).toMatch(/^production, prod-eu, org-[^,]+(, org-[^,]+){5} and 9994 more$/);
    expect(text.split(', ')).toHaveLength(8);
  });
});
