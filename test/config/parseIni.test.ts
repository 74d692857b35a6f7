import { parseIni } from '../../src/config/parseIni';
import { SECRET_KEY, SESSION_TOKEN, errorOf, expectNoSecret } from './fixtures';

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
    ['text after a header', '[a] b\n', 1, /malformed section header/],
    ['a value with no key', '[a]\n= 1\n', 2, /has a value but no key name/],
    ['a repeated section', '[a]\nx = 1\n[b]\n[a]\ny = 2\n', 4, /section \[a\] is already defined on line 1, and the AWS CLI refuses a file with a repeated section/],
    ['a repeated key', '[a]\nregion = x\nregion = y\n', 3, /"region" is already set in \[a\] on line 2, and the AWS CLI refuses a repeated key/],
    ['a repeated key in another case', '[a]\nregion = x\nRegion = y\n', 3, /"Region" is already set in \[a\] on line 2 \(spelt "region": the AWS CLI ignores case in key names\)/],
    ['an indented line under a non-empty value', '[a]\nregion = us-east-1\n  output = json\n', 3, /indented under "region" \(line 2\), so the AWS CLI would read it as part of that key's value/],
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

  it('counts lines the same with CRLF and after a BOM', () => {
    expect(errorOf(() => parseIni('\uFEFF[a]\r\nx = 1\r\nbroken\r\n', FILE)).message).toMatch(/^\/home\/u\/\.aws\/config:3: /);
  });

  it('refuses a wrapped session token instead of silently truncating it, without echoing it', () => {
    const [head, tail] = [SESSION_TOKEN.slice(0, 20), SESSION_TOKEN.slice(20)];
    const error = errorOf(() => parseIni(`[default]\naws_session_token = ${head}\n${tail}\n`, FILE));
    expect(error.message).toMatch(/^\/home\/u\/\.aws\/config:3: this line does not look like "key = value" \(it may be the rest of a long value that wrapped onto a new line\)/);
    expect(error.message).not.toContain(tail);
    expect(error.fix).not.toContain(tail);
  });

  it('never echoes the content of a bad line, which may be a secret', () => {
    const bad = [
      `[default]\naws_secret_access_key ${SECRET_KEY}\n`,
      `aws_secret_access_key = ${SECRET_KEY}\n`,
      `[default]\naws_secret_access_key = x\n    ${SECRET_KEY}\n`,
      `[default]\naws_secret_access_key = ${SECRET_KEY}\naws_secret_access_key = ${SECRET_KEY}\n`,
      `[default]\nwJalrXUtnFEMIK7MDENGbPxRfiCY = 1\nwJalrXUtnFEMIK7MDENGbPxRfiCY = 2\n`,
    ];
    for (const text of bad) expectNoSecret(errorOf(() => parseIni(text, FILE)));
  });
});
