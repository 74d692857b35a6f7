// Generated differential test: a few hundred config files from a grammar biased to the hard
// parts of botocore's reader (Python's RawConfigParser, then raw_config_parse and
// build_profile_map), each read by the real botocore (one botocoreResolve.py run for all) and by
// awscreds, as a config file, as a credentials file, and as a config file beside another
// generated credentials file; compared as botocoreDifferential.test.ts compares its cases.
// The seed is fixed: a failure names it and the run, and prints the failing files (escaped)
// after fast-check has shrunk them. Other seeds: INI_FUZZ_SEED=n INI_FUZZ_RUNS=n npx jest <this file>.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { lowerKey } from '../../src/config/parseIni';
import type { ReadFile } from '../../src/config/sharedConfig';
import { NEEDS, needing } from '../helpers/needs';
import {
  BotocoreServer,
  PYTHON,
  awscredsView,
  botocoreView,
  differences,
  runBotocore,
  type BotocoreResult,
  type Case,
  type ProfileView,
  type View,
} from './botocoreCompare';

const SEED = Number(process.env.INI_FUZZ_SEED ?? 20250611);
const RUNS = Number(process.env.INI_FUZZ_RUNS ?? 300);
const NO_HOME = join(__dirname, 'fixtures', 'no-such-home');

// ---- The grammar -------------------------------------------------------------------------------
// A file is chunks of lines, each line a list of parts (so fast-check shrinks part by part)
// and its line end; fast-check shrinks a choice towards the first of its list.

interface Line {
  parts: string[];
  /** undefined: the file's own line end. */
  eol: string | undefined;
}
interface Doc {
  bom: boolean;
  eol: string;
  lines: Line[][];
  finalEol: boolean;
}
interface Sample {
  config: Doc;
  /** The credentials file beside `config` in the third case. */
  other: Doc;
  profile: string | undefined;
}

const weighted = <T>(...choices: Array<[number, fc.Arbitrary<T>]>): fc.Arbitrary<T> => fc.oneof(...choices.map(([weight, arbitrary]) => ({ weight, arbitrary })));
const pick = (...choices: string[]): fc.Arbitrary<string> => fc.constantFrom(...choices);

/** White space for Python's str.strip() and re's \s, not JavaScript's: \x1c-\x1f, \x85; and \v, \f, no-break and wide spaces. */
const PY_SPACE = [' ', '\t', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x1f', '\x85', '\xa0', '\u1680', '\u2000', '\u2028', '\u202f', '\u3000'];
/** Not white space to Python, though they look it: a BOM, a zero-width space. */
const NOT_SPACE = ['\ufeff', '\u200b', '\x00'];
const ws = weighted<string>([8, fc.constant('')], [2, fc.string({ unit: pick(...PY_SPACE), minLength: 1, maxLength: 3 })], [1, pick(...NOT_SPACE)]);
/** A line's own indent, before a header or a key. */
const indent = weighted<string>([10, fc.constant('')], [2, pick(' ', '  ', '\t', '\xa0', '\u3000', '\f', '\x1c')]);
/** An indent that is usually deeper than a key's: continuation lines, nested blocks. */
const deeper = pick('  ', ' ', '\t', '    ', '\xa0', '\u3000', '\x1c', '\f', '\v', '\x85', ' \u2000', '\u1680', '');

const HEADER_NAMES = [
  'default', 'profile a', 'profile b', 'sso-session s', 'DEFAULT', 'a', 'profile  a', 'profile\ta', 'profile "quoted name"', "profile 'a'", 'profile "a"',
  'profiles x', 'profile', 'profile a b', 'profile "unclosed', 'profile a\\', 'sso-session  s', 'sso-session "s t"', 'sso-sessions s', 'sso-session',
  ' profile a', 'profile a ', 'profile a]b', 'profile\xa0a', 'profile\u3000a', 'profile\va', 'default ', 'Default', 'profile default', 'profile a#b', 'profile a;b',
  'profile b=c', 'services s', '[profile a', 'profile a]',
];
const headerName = weighted<string>([6, pick(...HEADER_NAMES.slice(0, 5))], [4, pick(...HEADER_NAMES)]);
/** After the `]`: Python takes the name to the line's last `]` and ignores the rest. */
const headerTail = weighted<string>([8, fc.constant('')], [1, pick(' x', ']', ' ]', '] ]', ' ; comment', ' # c', 'x]y', ' = v')]);
const header = (name: fc.Arbitrary<string>): fc.Arbitrary<string[]> => fc.tuple(indent, name, headerTail, ws).map(([lead, n, tail, trail]) => [lead, '[', n, ']', tail, trail]);

const COMMON_KEYS = ['region', 'output', 'aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'sso_session', 'sso_start_url', 'sso_region', 'sso_account_id', 'sso_role_name', 'x'];
/**
 * No role_arn, source_profile, credential_source, credential_process or web identity keys:
 * resolving those is loadProfile's logic (role chains), checked by hand-made cases; this test is
 * about reading the files.
 */
const ODD_KEYS = [
  'Region', 'REGION', 'AWS_Access_Key_ID', 'SSO_Role_Name', 'X', 'aws_security_token', 's3', 'S3', 'a/b', 'a+b', 'x/y+z', 'my key', 'k', 'K', '\u212a' /* Kelvin: lower() is "k" */,
  'ΣΑΣ', 'σας', 'ß', 'ẞ', 'İ', 'i\u0307', '\u1c89' /* a capital letter since Unicode 16: Python 3.11 does not lower-case it, Node may */, '\u1c8a', '\u{10d50}x', 'x\xa0y', 'x\u200by', 'x\x85y', 'x\vy', '[x', '[x]y', 'k"q"', "k'", 'k\\', '\ufeffregion',
];
/** Settings that change nothing here: a random key is often new to its section, not refused as repeated. */
const OTHER_KEYS = ['cli_pager', 'endpoint_url', 'ca_bundle', 'retry_mode', 'max_attempts', 'y', 'z', 'services', 'parameter_validation', 'tcp_keepalive'];
const key = weighted<string>([3, pick(...COMMON_KEYS)], [3, pick(...OTHER_KEYS)], [2, pick(...ODD_KEYS)]);
/** A value that makes sense for the key (lower-cased), so that profiles resolve to credentials. */
const GOOD_VALUES: Record<string, string> = {
  region: 'us-east-1',
  output: 'json',
  aws_access_key_id: 'AKIAIOSFODNN7EXAMPLE',
  aws_secret_access_key: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  aws_session_token: 'IQoJb3JpZ2luX2Vj/token+value==',
  aws_security_token: 'legacy-token',
  sso_session: 's',
  sso_start_url: 'https://d-1234567890.awsapps.com/start',
  sso_region: 'eu-west-1',
  sso_account_id: '123456789012',
  sso_role_name: 'Admin',
  sso_registration_scopes: 'sso:account:access',
};
const ODD_VALUES = [
  '', 'v', 'a b', 'a = b', 'a:b', '"q"', '# not a comment', 'x ; y', 'https://e.com/#f', 'x\xa0y', 'x\x85y', 'x\vy', 'x\fy', 'x\u2028y', 'x\x1cy', 'x\u200by',
  '\ufeffv', 'v\ufeff', '[profile a]', 'quoted name', 's t', 'us-west-2', '0', '%(x)s', '100%', '$HOME', '~',
];
const value = weighted<string | undefined>([4, fc.constant(undefined)], [1, pick(...ODD_VALUES)]);
/** `=` or `:`, whichever comes first, ends the key; the rest is the value. */
const delimiter = weighted<string>([6, fc.constant('=')], [2, pick(':', '=:', ':=', '==')]);
/** Python keeps a comment after a value as part of the value. */
const afterValue = weighted<string>([6, fc.constant('')], [1, pick(' # c', ' ;c', '#c', ';', ' # x = y', '\t# c')]);
const keyLineFor = (name: fc.Arbitrary<string>): fc.Arbitrary<string[]> =>
  fc
    .tuple(indent, name, ws, delimiter, ws, value, afterValue, ws)
    .map(([lead, k, pre, delim, post, v, comment, trail]) => [lead, k, pre, delim, post, v ?? GOOD_VALUES[k.toLowerCase()] ?? 'v', comment, trail]);
const keyLine = keyLineFor(key);
/** A setting's name as written: usually as documented, sometimes in other case (the AWS CLI ignores case). */
const spelt = (name: string): fc.Arbitrary<string> => weighted([8, fc.constant(name)], [1, pick(name.toUpperCase(), name.charAt(0).toUpperCase() + name.slice(1))]);

/**
 * Whole profiles and sso-sessions (long-term keys, SSO in both forms), so that many profiles
 * resolve to credentials, each setting written in any of the ways above, maybe with a stray key.
 */
const TEMPLATES: Array<[headers: string[], keys: string[]]> = [
  [['default', 'profile a', 'profile b', 'a', 'profile "quoted name"', 'profile  a'], ['aws_access_key_id', 'aws_secret_access_key', 'region']],
  [['default', 'profile a', 'b', 'profile "quoted name"'], ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token']],
  [['profile a', 'default', 'profile b', "profile 'a'"], ['sso_start_url', 'sso_region', 'sso_account_id', 'sso_role_name', 'region']],
  [['profile b', 'default', 'profile a', 'profiles x'], ['sso_session', 'sso_account_id', 'sso_role_name']],
  [['sso-session s', 'sso-session "s t"', 'sso-session  s'], ['sso_start_url', 'sso_region']],
  [['sso-session s', 'sso-session "s t"'], ['sso_start_url', 'sso_region', 'sso_registration_scopes']],
];
const template = fc.constantFrom(...TEMPLATES).chain(([headers, keys]) => {
  // Mostly a name of its own (p0 … p60), so that a file seldom repeats a section.
  const kind = keys.includes('sso_account_id') || keys.includes('aws_access_key_id') ? 'profile' : 'sso-session';
  const name = weighted([2, fc.constant(headers[0] as string)], [4, fc.nat(60).map((n) => `${kind} p${n}`)], [1, pick(...headers)]);
  return fc.tuple(header(name), fc.tuple(...keys.map((k) => keyLineFor(spelt(k)))), fc.array(keyLine, { maxLength: 1 })).map(([h, ks, extra]) => [h, ...ks, ...extra]);
});

/** Lines under a key with deeper indent continue its value, whatever they look like. */
const continuation = fc.tuple(deeper, pick('more', 'k = v', '[profile c]', '# c', 'a: b', 'K = w', 'x = y = z', '=v', 'bad', 'region = eu-west-2', 'aws_access_key_id = AKIAOTHER'), ws).map((p) => [...p]);
const blank = fc.tuple(pick('', ' ', '\t', '\xa0', '\f', '\u3000 ', '\x1f')).map((p) => [...p]);
const comment = fc.tuple(indent, pick('#', ';'), pick('', ' c', ' [profile z]', ' k = v')).map((p) => [...p]);
/** Lines RawConfigParser cannot read: the whole file is refused. */
const badLine = fc.tuple(pick('words', '[profile a', '[]', '= v', '  = v', '[', 'k', 'a]')).map((p) => [...p]);

/** `s3 =` and indented `k = v` lines: botocore reads the block as a nested dict (a line without `=` refuses the file). */
const nestedBlock = fc.tuple(
  fc.tuple(indent, pick('s3', 'S3', 'cloudwatch', 'region', 'x', 'sso_session'), ws, pick('=', ':'), ws).map((p) => [...p]),
  fc.array(
    weighted<string[]>(
      [6, fc.tuple(deeper, pick('k = v', 'K = w', 'addressing_style = path', 'k=', 'a = b = c', 'k\x85j = 2', 'k = v\vj = 3', 'k = v\u2028j = 4', '\x1ck = v'), ws).map((p) => [...p])],
      [1, blank],
      [1, comment],
      [1, fc.tuple(deeper, pick('bad', '=v', 'k = v\vbad', 'k\x85bad')).map((p) => [...p])],
    ),
    { minLength: 1, maxLength: 3 },
  ),
).map(([head, inner]) => [head, ...inner]);

const eol = weighted<string | undefined>([12, fc.constant(undefined)], [1, pick('\n', '\r\n', '\r')]);
const lines = (parts: fc.Arbitrary<string[][]>): fc.Arbitrary<Line[]> => fc.tuple(parts, fc.array(eol, { minLength: 12, maxLength: 12 })).map(([ps, eols]) => ps.map((p, i) => ({ parts: p, eol: eols[i % eols.length] })));

const section = lines(fc.tuple(header(headerName), fc.array(weighted([4, keyLine], [1, blank]), { maxLength: 3 })).map(([h, ks]) => [h, ...ks]));
/** [DEFAULT], once or several times: every other section of the file inherits its keys. */
const defaultSection = lines(fc.tuple(header(fc.constant('DEFAULT')), fc.array(weighted<string[][]>([3, keyLine.map((l) => [l])], [1, nestedBlock]), { maxLength: 2 })).map(([h, ks]) => [h, ...ks.flat()]));
const chunk = weighted<Line[]>(
  [6, section],
  [6, lines(template)],
  [2, lines(fc.array(keyLine, { minLength: 1, maxLength: 2 }))],
  [2, lines(nestedBlock)],
  [2, lines(fc.tuple(keyLine, fc.array(weighted([4, continuation], [1, blank], [1, comment]), { minLength: 1, maxLength: 3 })).map(([k, c]) => [k, ...c]))],
  [2, defaultSection],
  [2, lines(fc.array(weighted([1, blank], [1, comment]), { minLength: 1, maxLength: 2 }))],
  [1, lines(badLine.map((l) => [l]))],
);
const doc = (maxChunks: number, bom: fc.Arbitrary<boolean>): fc.Arbitrary<Doc> =>
  fc
    .record({ bom, eol: weighted([6, fc.constant('\n')], [2, fc.constant('\r\n')], [1, fc.constant('\r')]), first: weighted([8, lines(template)], [4, section], [2, defaultSection], [1, chunk]), rest: fc.array(chunk, { maxLength: maxChunks }), finalEol: weighted([4, fc.constant(true)], [1, fc.constant(false)]) })
    .map(({ bom, eol, first, rest, finalEol }) => ({ bom, eol, lines: [first, ...rest], finalEol }));

const sampleArb: fc.Arbitrary<Sample> = fc.record({
  config: doc(8, weighted([9, fc.constant(false)], [1, fc.constant(true)])),
  other: doc(3, fc.constant(false)),
  profile: weighted<string | undefined>([3, fc.constant(undefined)], [1, pick('a', 'default', 'quoted name', 's t', 'b', '', 'x', 'DEFAULT', 'profile a')]),
});

function render({ bom, eol, lines, finalEol }: Doc): string {
  const all = lines.flat();
  return (bom ? '\ufeff' : '') + all.map((line, i) => line.parts.join('') + (i < all.length - 1 || finalEol ? (line.eol ?? eol) : '')).join('');
}

/** What a sample is on disk: the config file, the credentials file beside it, AWS_PROFILE. */
interface Files {
  config: string;
  other: string;
  profile: string | undefined;
}
const filesOf = (sample: Sample): Files => ({ config: render(sample.config), other: render(sample.other), profile: sample.profile });

// ---- Cases and comparison ----------------------------------------------------------------------

// botocoreResolve.py hashes secrets: an empty secret is the hash of ''.
const hideEmpty = 'sha256:e3b0c44298fc1c14';

/**
 * Differences on purpose, where botocore finds credentials and awscreds refuses the profile
 * (the profile's keys and region are still compared): when awscreds' message and botocore's
 * outcome both match, the credentials of that profile are not compared.
 */
const ON_PURPOSE: Array<{ why: string; awscreds: RegExp; botocore: (b: ProfileView) => boolean }> = [
  {
    why: 'awscreds checks the values botocore passes on unchecked (region, start URL, account id, role name), e.g. a comment after a value',
    awscreds: /has invalid values/,
    botocore: (b) => b.credentials.kind !== 'no credentials',
  },
  {
    why: 'botocore passes an empty aws_access_key_id or aws_secret_access_key on; awscreds names it',
    awscreds: /incomplete access keys.* is empty/,
    botocore: (b) => b.credentials.kind === 'static' && (b.credentials.access_key === '' || b.credentials.secret_key === hideEmpty),
  },
  {
    why: 'a key with "/" or "+" beside access keys: botocore would use a wrapped secret cut short; awscreds refuses the profile',
    awscreds: /wrapped onto a new line/,
    botocore: (b) => b.credentials.kind === 'static',
  },
  {
    why: 'botocore hands a nested block on where a value belongs; awscreds refuses it',
    awscreds: /nested block/,
    botocore: (b) => b.credentials.kind !== 'no credentials',
  },
  {
    why: 'a credentials-file section with aws_secret_access_key but no aws_access_key_id: botocore skips it and uses the config file\'s keys; awscreds refuses the half-written pair (as it refuses any partial set)',
    awscreds: /incomplete access keys in \[[^\]]*\] of \S*credentials: aws_access_key_id is missing/,
    botocore: (b) => b.credentials.kind === 'static',
  },
  {
    why: 'botocore counts an SSO setting set to the empty string as set; awscreds names it as missing',
    awscreds: /is configured for SSO but is missing/,
    botocore: (b) => b.credentials.kind === 'sso' && Object.values(b.credentials.sso).some((v) => v === ''),
  },
];

interface Check {
  label: string;
  awscreds: Record<string, string>;
  botocore: string;
  /** The case with the BOM, which botocore must refuse (awscreds reads it as `botocore`, without). */
  withBom?: string;
}

/** Writes a sample's files under `dir` and returns the botocore cases and the comparisons to make. */
function writeSample(dir: string, id: string, files: Files): { cases: Case[]; checks: Check[] } {
  mkdirSync(join(dir, 'plain'), { recursive: true });
  const config = join(dir, 'config');
  const other = join(dir, 'credentials');
  const text = files.config;
  const bom = text.startsWith('\ufeff');
  writeFileSync(config, text);
  writeFileSync(other, files.other);
  // awscreds reads a file that starts with a BOM as the file without it, on purpose (Windows
  // editors write one); Python reads the BOM as a character, so botocore refuses the file.
  // So awscreds' reading is compared with botocore's of the file without the BOM.
  const plain = join(dir, 'plain', 'config');
  if (bom) writeFileSync(plain, text.slice(1));
  const profile: Record<string, string> = files.profile === undefined ? {} : { AWS_PROFILE: files.profile };
  const cases: Case[] = [];
  const checks: Check[] = [];
  for (const [label, configFile, credentialsFile] of [
    ['as config', config, ''],
    ['as credentials', '', config],
    ['beside credentials', config, other],
  ] as const) {
    const env = (file: string): Record<string, string> => {
      const swap = (path: string): string => (path === config ? file : path);
      return { HOME: NO_HOME, AWS_CONFIG_FILE: swap(configFile), AWS_SHARED_CREDENTIALS_FILE: swap(credentialsFile), ...profile };
    };
    const caseId = `${id} ${label}`;
    if (bom) {
      cases.push({ id: `${caseId} (BOM)`, env: env(config) }, { id: caseId, env: env(plain) });
      checks.push({ label, awscreds: env(config), botocore: caseId, withBom: `${caseId} (BOM)` });
    } else {
      cases.push({ id: caseId, env: env(config) });
      checks.push({ label, awscreds: env(config), botocore: caseId });
    }
  }
  return { cases, checks };
}

interface Tally {
  profiles: number;
  credentialsCompared: number;
  refusedByBoth: number;
  onPurpose: number[];
}
const newTally = (): Tally => ({ profiles: 0, credentialsCompared: 0, refusedByBoth: 0, onPurpose: ON_PURPOSE.map(() => 0) });

/** The differences of one sample's checks, as `[label] difference` lines. */
function compare(checks: readonly Check[], results: Record<string, BotocoreResult>, reader: ReadFile | undefined, tally: Tally): string[] {
  const out: string[] = [];
  for (const check of checks) {
    const result = results[check.botocore];
    if (!result) {
      out.push(`[${check.label}] botocore gave no result`);
      continue;
    }
    let botocore = botocoreView(result);
    // The file without the BOM was read from plain/: name the file awscreds read.
    if ('error' in botocore && botocore.path) botocore = { ...botocore, path: botocore.path.replace('/plain/', '/') };
    if (check.withBom !== undefined && results[check.withBom]?.error === undefined) out.push(`[${check.label}] botocore reads the file with a BOM: the known difference is gone`);
    let awscreds: View;
    try {
      awscreds = awscredsView(check.awscreds, { home: NO_HOME, ...(reader ? { readFile: reader } : {}) });
    } catch (error) {
      out.push(`[${check.label}] awscreds threw ${String(error)}`);
      continue;
    }
    // Profiles whose credentials differ on purpose: their keys and region are still compared.
    const skipped = new Set<string>();
    if ('profiles' in botocore && 'profiles' in awscreds) {
      for (const [name, b] of Object.entries(botocore.profiles)) {
        const a = awscreds.profiles[name];
        if (!a || a.credentials.kind !== 'no credentials') continue;
        const reason = ON_PURPOSE.findIndex((p) => p.awscreds.test(a.detail ?? '') && p.botocore(b));
        if (reason === -1) continue;
        skipped.add(name);
        tally.onPurpose[reason] = (tally.onPurpose[reason] ?? 0) + 1;
      }
    }
    if ('error' in botocore && 'error' in awscreds) tally.refusedByBoth++;
    if ('profiles' in botocore) {
      tally.profiles += Object.keys(botocore.profiles).length;
      tally.credentialsCompared += Object.keys(botocore.profiles).length - skipped.size;
    }
    for (const line of differences(botocore, awscreds, (name) => skipped.has(name))) out.push(`[${check.label}] ${line}`);
  }
  return out;
}

/**
 * The hard parts, each counted over the files botocore reads (as a config file): a seed whose
 * files do not reach one of them fails the test, so the grammar cannot quietly lose one.
 */
const PY_ONLY_SPACE = /[\v\f\x1c-\x1f\x85\xa0\u1680\u2000\u2028\u202f\u3000]/;
const headerLines = (text: string): string[] => linesOf(text).map((line) => line.trim()).filter((line) => line.startsWith('['));
const valuesOf = (view: View): unknown[] => ('profiles' in view ? [...Object.values(view.profiles), ...Object.values(view.sso_sessions).map((keys) => ({ keys }))].flatMap((p) => Object.values(p.keys)) : []);
const keysOf = (view: View): string[] => ('profiles' in view ? Object.values(view.profiles).flatMap((p) => Object.keys(p.keys)) : []);
const FEATURES: Record<string, (text: string, view: View) => boolean> = {
  'a BOM': (text) => text.startsWith('\ufeff'),
  'CRLF line ends': (text) => text.includes('\r\n'),
  'lone CR line ends': (text) => /\r(?!\n)/.test(text),
  'Python-only white space': (text) => PY_ONLY_SPACE.test(text),
  '[DEFAULT]': (text) => headerLines(text).some((line) => line.startsWith('[DEFAULT]')),
  'text after a header\'s "]"': (text) => headerLines(text).some((line) => !line.endsWith(']')),
  'a header with several "]"': (text) => headerLines(text).some((line) => /\].*\]/.test(line)),
  'a value continued on indented lines': (_text, view) => valuesOf(view).some((v) => typeof v === 'string' && v.includes('\n')),
  'a nested block': (_text, view) => valuesOf(view).some((v) => typeof v === 'object'),
  'a comment after a value': (_text, view) => valuesOf(view).some((v) => typeof v === 'string' && /[#;]/.test(v)),
  'a key with "/" or "+"': (_text, view) => keysOf(view).some((k) => /[/+]/.test(k)),
  'a key written in capitals': (text) => /^[^\S\r\n]*[A-Z][A-Za-z_]*[^\S\r\n]*[=:]/m.test(text),
  'a quoted profile name': (_text, view) => 'profiles' in view && Object.keys(view.profiles).some((name) => name.includes(' ')),
  'an sso-session': (_text, view) => 'profiles' in view && Object.keys(view.sso_sessions).length > 0,
  'static credentials': (_text, view) => 'profiles' in view && Object.values(view.profiles).some((p) => p.credentials.kind === 'static'),
  'SSO credentials': (_text, view) => 'profiles' in view && Object.values(view.profiles).some((p) => p.credentials.kind === 'sso'),
};

/** Text with every character but printable ASCII escaped, as a JavaScript string literal would. */
function escaped(text: string): string {
  const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\f': '\\f', '\\': '\\\\', '"': '\\"' };
  return text.replace(/[^\x20-\x7e]|[\\"]/gu, (c) => {
    const code = c.codePointAt(0) as number;
    return named[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : code < 0x10000 ? `\\u${code.toString(16).padStart(4, '0')}` : `\\u{${code.toString(16)}}`);
  });
}

/** A file as numbered lines (split where Python splits them: \n, \r\n, \r), each escaped with its line end. */
function listing(text: string): string {
  if (text === '') return '    (empty)';
  return text
    .split(/(?<=\r\n|\r(?!\n)|\n)/)
    .map((line, i) => `  ${String(i + 1).padStart(3)} | ${escaped(line)}`)
    .join('\n');
}

function describeFiles(files: Files, diffs: readonly string[]): string {
  return [
    `config file ("${escaped(files.config)}"):`,
    listing(files.config),
    `credentials file beside it ("${escaped(files.other)}"):`,
    listing(files.other),
    `AWS_PROFILE: ${files.profile === undefined ? 'unset' : JSON.stringify(files.profile)}`,
    'differences:',
    ...diffs.map((d) => `  ${d}`),
  ].join('\n');
}

/** fast-check's property over samples; `check` gives a sample's differences (sampling never calls it). */
const property = (check: (files: Files) => Promise<string[]>): fc.IAsyncPropertyWithHooks<[Sample]> =>
  fc.asyncProperty(sampleArb, async (sample) => {
    const files = filesOf(sample);
    const diffs = await check(files);
    if (diffs.length > 0) throw new Error(describeFiles(files, diffs));
  });

const linesOf = (text: string): string[] => (text === '' ? [] : text.split(/(?<=\r\n|\r(?!\n)|\n)/));

/**
 * Replays run `index` of SEED and lets fast-check shrink it, asking one botocore process for
 * each candidate; then drops every line (and AWS_PROFILE) it can while the files still differ.
 * Returns the smallest files found, their differences and fast-check's replay path.
 */
async function shrink(index: number, dir: string, reader: ReadFile | undefined): Promise<{ files: Files; diffs: string[]; path: string; shrinks: number }> {
  const server = new BotocoreServer();
  const live = async (files: Files): Promise<string[]> => {
    const where = join(dir, 'shrink');
    rmSync(where, { recursive: true, force: true });
    const { cases, checks } = writeSample(where, 'shrink', files);
    return compare(checks, await server.resolve(cases), reader, newTally());
  };
  try {
    const details = await fc.check(property(live), { seed: SEED, path: String(index), numRuns: RUNS, interruptAfterTimeLimit: 120_000 });
    const sample = details.counterexample?.[0];
    if (!sample) throw new Error(`run ${index} of seed ${SEED} did not fail again when replayed`);
    let files = filesOf(sample);
    let shrinks = details.numShrinks;
    const tryFiles = async (candidate: Files): Promise<void> => {
      if ((await live(candidate)).length === 0) return;
      files = candidate;
      shrinks++;
    };
    for (let pass = 0, before = ''; pass < 3 && before !== JSON.stringify(files); pass++) {
      before = JSON.stringify(files);
      for (const which of ['config', 'other'] as const) {
        for (let i = linesOf(files[which]).length - 1; i >= 0; i--) {
          const lines = linesOf(files[which]);
          await tryFiles({ ...files, [which]: [...lines.slice(0, i), ...lines.slice(i + 1)].join('') });
        }
      }
      if (files.profile !== undefined) await tryFiles({ ...files, profile: undefined });
    }
    return { files, diffs: await live(files), path: details.counterexamplePath ?? String(index), shrinks };
  } finally {
    await server.close();
  }
}

// ---- The test --------------------------------------------------------------------------------

const withBotocore = needing('botocoreGenerated', NEEDS.botocore);

withBotocore.describe(`generated files (seed ${SEED}, ${RUNS} runs): botocore and awscreds read them the same way`, () => {
  let dir = '';
  let samples: Sample[] = [];
  let checks: Check[][] = [];
  let results: Record<string, BotocoreResult> = {};

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'awscreds-ini-generated-'));
    // Collected by fc.assert, not fc.sample: fc.check replays run i (for shrinking) as fc.assert
    // generated it, where fc.sample's values drift apart after a few runs.
    const collected: Sample[] = [];
    fc.assert(
      fc.property(sampleArb, (sample) => {
        collected.push(sample);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    samples = collected;
    const cases: Case[] = [];
    checks = samples.map((sample, i) => {
      const written = writeSample(join(dir, String(i)), String(i), filesOf(sample));
      cases.push(...written.cases);
      return written.checks;
    });
    results = runBotocore(cases);
    if (process.env.INI_FUZZ_KEEP) writeFileSync(join(dir, 'results.json'), JSON.stringify(results));
  });

  afterAll(() => {
    if (dir && !process.env.INI_FUZZ_KEEP) rmSync(dir, { recursive: true, force: true });
  });

  it('agree on every file, or the first difference is shrunk and shown', async () => {
    const tally = newTally();
    const failing = samples.map((_, i) => i).filter((i) => compare(checks[i] ?? [], results, undefined, tally).length > 0);
    const files = samples.length;
    const boms = samples.filter((s) => s.config.bom).length;
    process.stderr.write(
      `botocoreGenerated: seed ${SEED}, ${files} files (${boms} with a BOM), ${Object.keys(results).length} botocore cases, ${tally.profiles} profiles compared ` +
        `(credentials of ${tally.credentialsCompared}; ${tally.onPurpose.join('/')} differ on purpose), ${tally.refusedByBoth} readings refused by both\n`,
    );
    if (failing.length > 0) {
      const first = failing[0] as number;
      const found = describeFiles(filesOf(samples[first] as Sample), compare(checks[first] ?? [], results, undefined, newTally()));
      let shrunk: string;
      try {
        const { files: smallest, diffs, path, shrinks } = await shrink(first, dir, undefined);
        shrunk = `Shrunk ${shrinks} times (fast-check path "${path}"):\n${describeFiles(smallest, diffs)}`;
      } catch (error) {
        shrunk = `Not shrunk: ${String(error)}`;
      }
      throw new Error(
        `${failing.length} of ${files} generated files read differently (runs ${failing.slice(0, 20).join(', ')}${failing.length > 20 ? ', …' : ''}; INI_FUZZ_SEED=${SEED}).\n` +
          `Run ${first} of seed ${SEED} as generated:\n${found}\n\n${shrunk}`,
      );
    }
    // The grammar reaches what it is for: each hard part in files botocore reads, many profiles
    // compared, files refused by both.
    const reached: Record<string, number> = {};
    for (const [name, has] of Object.entries(FEATURES)) {
      reached[name] = samples.filter((sample, i) => {
        const view = botocoreView(results[`${i} as config`] ?? {});
        return 'profiles' in view && has(filesOf(sample).config, view);
      }).length;
    }
    process.stderr.write(`botocoreGenerated: files botocore reads with ${JSON.stringify(reached)}\n`);
    for (const [name, count] of Object.entries(reached)) expect([name, count]).not.toEqual([name, 0]);
    expect(tally.profiles).toBeGreaterThan(files);
    expect(tally.credentialsCompared).toBeGreaterThan(tally.profiles / 2);
    expect(tally.refusedByBoth).toBeGreaterThan(files / 10);
  }, 300_000);

  it('positive control: a reader that drops comments after values, or joins lines at a lone CR, is caught and shrunk', async () => {
    const wrongReaders: Record<string, ReadFile> = {
      'comments after values dropped': (path) => Buffer.from(readFileSync(path, 'utf8').replace(/[ \t]+[#;][^\r\n]*/g, '')),
      'lone CR not a line end': (path) => Buffer.from(readFileSync(path, 'utf8').replace(/\r(?!\n)/g, '')),
    };
    const caught: Record<string, number> = {};
    for (const [name, reader] of Object.entries(wrongReaders)) {
      caught[name] = samples.filter((_, i) => compare(checks[i] ?? [], results, reader, newTally()).length > 0).length;
    }
    process.stderr.write(`botocoreGenerated: wrong readers caught in ${JSON.stringify(caught)} files\n`);
    for (const count of Object.values(caught)) expect(count).toBeGreaterThan(0);

    // The shrinking path, which a passing run never takes: the first file the comment-dropping
    // reader gets wrong shrinks to a few lines that still differ, with a comment after a value.
    const reader = wrongReaders['comments after values dropped'] as ReadFile;
    const first = samples.findIndex((_, i) => compare(checks[i] ?? [], results, reader, newTally()).length > 0);
    const { files, diffs } = await shrink(first, dir, reader);
    process.stderr.write(`botocoreGenerated: the comment-dropping reader, shrunk:\n${describeFiles(files, diffs)}\n`);
    const text = files.config + files.other;
    expect(diffs.length).toBeGreaterThan(0);
    expect(text).toMatch(/[ \t][#;]/);
    expect(linesOf(text).length).toBeLessThanOrEqual(3);
  }, 300_000);

  it('lower-cases key names as the AWS CLI\'s Python does, for every character (Node\'s Unicode may be newer)', () => {
    // Python prints the code points that str.lower() changes, and a few words where context matters.
    const words = ['ΣΑΣ', 'ΑΣ\u1c89', 'İx', 'ẞ', 'K'];
    const script = `import json,sys\nw=json.loads(sys.argv[1])\nprint(json.dumps({'chars':{c:chr(c).lower() for c in range(0x110000) if chr(c).lower()!=chr(c)},'words':[x.lower() for x in w]}))`;
    const run = spawnSync(PYTHON, ['-c', script, JSON.stringify(words)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { LC_ALL: 'C.UTF-8' } });
    expect(run.status).toBe(0);
    const python = JSON.parse(run.stdout) as { chars: Record<string, string>; words: string[] };
    const mismatches = (lower: (key: string) => string): string[] => {
      const out: string[] = [];
      for (let c = 0; c < 0x110000; c++) {
        if (c >= 0xd800 && c <= 0xdfff) continue;
        const char = String.fromCodePoint(c);
        if (lower(char) !== (python.chars[c] ?? char)) out.push(`U+${c.toString(16)}`);
      }
      words.forEach((word, i) => lower(word) !== python.words[i] && out.push(word));
      return out;
    };
    process.stderr.write(`botocoreGenerated: String.prototype.toLowerCase differs from Python's str.lower() on ${mismatches((k) => k.toLowerCase()).length} code points here\n`);
    expect(mismatches(lowerKey)).toEqual([]);
    // Positive control: the comparison notices a lower-casing that does nothing.
    expect(Object.keys(python.chars).length).toBeGreaterThan(1000);
    expect(mismatches((k) => k).length).toBeGreaterThan(1000);
  });
});
