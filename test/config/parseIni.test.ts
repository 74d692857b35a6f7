import type { ParsedIni } from '../../src/config/parseIni';
import { parseIni, parseIniFile } from '../../src/config/parseIni';
import { errorOf } from '../helpers/errorOf';
import { SECRET_KEY, SESSION_TOKEN, expectNoSecret } from './fixtures';

/** Every section's own keys, as a plain object. */
const sectionsOf = (parsed: ParsedIni | undefined) => parsed && Object.fromEntries(parsed.names.map((name) => [name, parsed.section(name)]));

const FILE = '/home/u/.aws/config';

describe('parseIni: what it accepts', () => {
  it('reads sections and keys with or without spaces around = and with :, as the AWS CLI does', () => {
    const text = ['[default]', 'region = eu-west-1', 'output=json', 'cli_pager:less', '', '[profile dev]', '  sso_session   =   corp  '].join('\n');
    expect(parseIni(text, FILE)).toEqual({
      default: { region: 'eu-west-1', output: 'json', cli_pager: 'less' },
      'profile dev': { sso_session: 'corp' },
    });
  });

  it('splits at the first = or :, so values keep theirs', () => {
    const text = '[s]\nsso_start_url = https://d-1234567890.awsapps.com/start\nkey = a=b:c\n';
    expect(parseIni(text, FILE).s).toEqual({ sso_start_url: 'https://d-1234567890.awsapps.com/start', key: 'a=b:c' });
  });

  it('skips whole-line # and ; comments, indented or not', () => {
    const text = '# top\n; top\n[a]\n# x = 1\n  ; y = 2\nz = 3\n';
    expect(parseIni(text, FILE)).toEqual({ a: { z: '3' } });
  });

  it('keeps a comment after a value as part of the value, as the AWS CLI (RawConfigParser) does', () => {
    const text = '[a]\nregion = us-east-1   # working region\nscopes = sso:account:access ; login\nurl = https://example.com/start#frag\n';
    expect(parseIni(text, FILE).a).toEqual({
      region: 'us-east-1   # working region',
      scopes: 'sso:account:access ; login',
      url: 'https://example.com/start#frag',
    });
  });

  it('accepts a comment after a section header', () => {
    expect(parseIni('[profile dev]   # the dev account\nregion = eu-west-1\n', FILE)).toEqual({ 'profile dev': { region: 'eu-west-1' } });
  });

  it('reads a header as RawConfigParser does: up to the last "]", ignoring any text after it, untrimmed', () => {
    const text = '[profile a] junk\nx = 1\n[profile b]c]\ny = 2\n[ profile c ]\nz = 3\n[]]\nw = 4\n';
    expect(parseIni(text, FILE)).toEqual({ 'profile a': { x: '1' }, 'profile b]c': { y: '2' }, ' profile c ': { z: '3' }, ']': { w: '4' } });
    expect(parseIniFile(text, FILE).notes).toEqual([
      `${FILE}:1: the text after "]" is ignored, as the AWS CLI ignores it`,
      `${FILE}:3: the section name runs to the last "]" on the line, as the AWS CLI reads it`,
      `${FILE}:7: the section name runs to the last "]" on the line, as the AWS CLI reads it`,
    ]);
  });

  it('copies [DEFAULT] keys into every section that does not set them, as botocore does, and makes no section of it', () => {
    const text = '[profile a]\nRegion = us-east-1\n[DEFAULT]\nregion = eu-west-1\noutput = json\n[sso-session s]\nsso_region = us-east-2\n[DEFAULT]\ns3 =\n  addressing_style = path\n';
    expect(parseIni(text, FILE)).toEqual({
      'profile a': { output: 'json', s3: { addressing_style: 'path' }, Region: 'us-east-1' },
      'sso-session s': { region: 'eu-west-1', output: 'json', s3: { addressing_style: 'path' }, sso_region: 'us-east-2' },
    });
    // Only "DEFAULT" exactly: [default] is the default profile, [Default] an ordinary section.
    expect(Object.keys(parseIni('[default]\nx = 1\n[Default]\ny = 2\n', FILE))).toEqual(['default', 'Default']);
    // A file with only [DEFAULT] has no sections at all.
    expect(parseIni('[DEFAULT]\nregion = eu-west-1\n', FILE)).toEqual({});
  });

  it('keeps a key with "/" or "+" as a key, as the AWS CLI does, with a note', () => {
    const parsed = parseIniFile('[a]\nx = 1\nab/cd+ef = 2\n', FILE);
    expect(sectionsOf(parsed)).toEqual({ a: { x: '1', 'ab/cd+ef': '2' } });
    expect(parsed.notes).toEqual([`${FILE}:3: a key whose name is not shown (it looks like a pasted value) has "/" or "+", which no setting name has: it may be the rest of a long value that wrapped onto a new line`]);
  });

  it('reads a deeper-indented line after a value as its continuation, as RawConfigParser does', () => {
    const parsed = parseIniFile('[a]\nregion = us-east-1\n  output = json\n\n  [b]\nx = 1\n', FILE);
    expect(sectionsOf(parsed)).toEqual({ a: { region: 'us-east-1\noutput = json\n\n[b]', x: '1' } });
    expect(parsed.notes).toHaveLength(2);
  });

  it('strips, indents and skips comments with Python\'s white space (no-break space included)', () => {
    expect(parseIni('\u00a0[profile dev]\u3000\n\u00a0\u00a0# note\nregion\u00a0=\u00a0eu-west-1\u00a0\n\u00a0output = json\n', FILE)).toEqual({ 'profile dev': { region: 'eu-west-1\noutput = json' } });
  });

  it('keeps key case as written', () => {
    expect(parseIni('[a]\nSSO_Region = us-east-1\n', FILE).a).toEqual({ SSO_Region: 'us-east-1' });
  });

  it('tolerates CRLF and lone CR line ends', () => {
    expect(parseIni('[a]\r\nx = 1\r\n[b]\ry = 2\r', FILE)).toEqual({ a: { x: '1' }, b: { y: '2' } });
  });

  it('tolerates a UTF-8 byte order mark', () => {
    expect(parseIni('\uFEFF[default]\nregion = us-east-1\n', FILE)).toEqual({ default: { region: 'us-east-1' } });
  });

  it('reads an empty value as the empty string', () => {
    expect(parseIni('[a]\nx =\ny = 1\n', FILE).a).toEqual({ x: '', y: '1' });
  });

  it('keeps nested blocks (services, s3) as maps, across blank and comment lines', () => {
    const text = [
      '[services my-services]',
      's3 =',
      '  endpoint_url = http://localhost:4566',
      '',
      '  # a comment inside the block',
      '  addressing_style=path',
      'dynamodb =',
      '\tendpoint_url = http://localhost:8000',
      'after = 1',
      '[profile dev]',
      's3 =',
      '    max_concurrent_requests = 20',
    ].join('\n');
    expect(parseIni(text, FILE)).toEqual({
      'services my-services': {
        s3: { endpoint_url: 'http://localhost:4566', addressing_style: 'path' },
        dynamodb: { endpoint_url: 'http://localhost:8000' },
        after: '1',
      },
      'profile dev': { s3: { max_concurrent_requests: '20' } },
    });
  });

  it('keeps section names as written, dots and quotes included', () => {
    const text = '[profile a.b]\nx = 1\n[sso-session corp.eu]\ny = 2\n[profile "with space"]\nz = 3\n';
    expect(Object.keys(parseIni(text, FILE))).toEqual(['profile a.b', 'sso-session corp.eu', 'profile "with space"']);
  });

  it('accepts indented key and header lines that continue nothing', () => {
    expect(parseIni('  [a]\n  x = 1\n  y = 2\n', FILE)).toEqual({ a: { x: '1', y: '2' } });
  });

  it('treats __proto__ and constructor as ordinary names', () => {
    const parsed = parseIni('[__proto__]\nconstructor = x\n__proto__ = y\n', FILE);
    expect(Object.keys(parsed)).toEqual(['__proto__']);
    expect(Object.keys(parsed.__proto__ ?? {})).toEqual(['constructor', '__proto__']);
  });

  it('returns no sections for an empty or comment-only file', () => {
    expect(parseIni('', FILE)).toEqual({});
    expect(parseIni('# nothing\n\n', FILE)).toEqual({});
  });
});

describe('parseIni: what it refuses, naming file:line', () => {
  const cases: Array<[string, string, number, RegExp]> = [
    ['a line with no = or :', '[a]\nx = 1\njust words\n', 3, /expected "key = value", a \[section\] header, or a # comment/],
    ['a key before any section', 'region = us-east-1\n[a]\n', 1, /"region" comes before any \[section\] header/],
    ['a header without ]', '[profile dev\nx = 1\n', 1, /malformed section header/],
    ['an empty header', '[]\n', 1, /malformed section header/],
    ['a value with no key', '[a]\n= 1\n', 2, /has a value but no key name/],
    ['a repeated section', '[a]\nx = 1\n[b]\n[a]\ny = 2\n', 4, /section \[a\] is already defined on line 1, and the AWS CLI refuses a file with a repeated section/],
    ['a repeated key', '[a]\nregion = x\nregion = y\n', 3, /"region" is already set in \[a\] on line 2, and the AWS CLI refuses a repeated key/],
    ['a repeated key in another case', '[a]\nregion = x\nRegion = y\n', 3, /"Region" is already set in \[a\] on line 2 \(spelt "region": the AWS CLI ignores case in key names\)/],
    ['a line before any section', 'just words\n[a]\n', 1, /this line comes before any \[section\] header/],
    ['a nested line without = under [DEFAULT]', '[DEFAULT]\ns3 =\n  path\n[a]\n', 3, /nested block "s3" \(line 2\) of \[DEFAULT\]/],
    ['a nested line without =', '[a]\ns3 =\n  addressing_style path\n', 3, /expected an indented "key = value" line in the nested block "s3" \(line 2\)/],
  ];
  it.each(cases)('refuses %s', (_label, text, line, problem) => {
    const error = errorOf(() => parseIni(text, FILE));
    expect(error.reason).toBe('CONFIG');
    expect(error.exitCode).toBe(3);
    expect(error.message.startsWith(`${FILE}:${line}: `)).toBe(true);
    expect(error.message).toMatch(problem);
    expect(error.fix).toContain(FILE);
  });

  it('reads a bad nested block in [DEFAULT] that every section sets itself, as botocore never reads it', () => {
    // Found by botocoreGenerated.test.ts: keys are compared with case ignored, as Python lower-cases them.
    expect(parseIni('[DEFAULT]\ns3 =\n  path\n[a]\nS3 = x\n[b]\ns3 =\n  k = v\n', FILE)).toEqual({ a: { S3: 'x' }, b: { s3: { k: 'v' } } });
    expect(errorOf(() => parseIni('[DEFAULT]\ns3 =\n  path\n[a]\nS3 = x\n[b]\n', FILE)).message).toMatch(/^\/home\/u\/\.aws\/config:3: .*nested block "s3"/);
  });

  it('counts lines the same with CRLF and after a BOM', () => {
    expect(errorOf(() => parseIni('\uFEFF[a]\r\nx = 1\r\nbroken\r\n', FILE)).message).toMatch(/^\/home\/u\/\.aws\/config:3: /);
  });

  it('reads a wrapped session token as the AWS CLI does (loadProfile refuses the profile), with a note that does not echo it', () => {
    const [head, tail] = [SESSION_TOKEN.slice(0, 20), SESSION_TOKEN.slice(20)];
    const parsed = parseIniFile(`[default]\naws_session_token = ${head}\n${tail}\n`, FILE);
    expect(sectionsOf(parsed)?.default?.aws_session_token).toBe(head);
    expect(parsed.notes).toHaveLength(1);
    expect(parsed.notes[0]).toMatch(/^\/home\/u\/\.aws\/config:3: .* may be the rest of a long value that wrapped onto a new line$/);
    expect(parsed.notes.join('\n')).not.toContain(tail.slice(0, 10));
  });

  it('never echoes the content of a bad line, which may be a secret', () => {
    const bad = [
      `[default]\naws_secret_access_key ${SECRET_KEY}\n`,
      `aws_secret_access_key = ${SECRET_KEY}\n`,
      `[default]\naws_secret_access_key = ${SECRET_KEY}\naws_secret_access_key = ${SECRET_KEY}\n`,
      `[default]\nwJalrXUtnFEMIK7MDENGbPxRfiCY = 1\nwJalrXUtnFEMIK7MDENGbPxRfiCY = 2\n`,
    ];
    for (const text of bad) expectNoSecret(errorOf(() => parseIni(text, FILE)));
  });
});
