import { loadSharedConfig } from '../../src/config/sharedConfig';
import { filterItems as filterWith, pickItems, profileSummaries, renderFrame, searchIndex, type PickItem } from '../../src/pick/pickerModel';

const filterItems = (items: readonly PickItem[], query: string) => filterWith(items, searchIndex(items), query);
import { applyKey, parseKeys } from '../../src/pick/terminalPicker';
import { assignNames, normaliseName, renderName } from '../../src/populate/profileNames';

const CONFIG = [
  '[profile web-admin]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Admin\n',
  '[profile data-ro]\nsso_session = corp\nsso_account_id = 222222222222\nsso_role_name = ReadOnly\n',
  '[profile deploy]\nrole_arn = arn:aws:iam::333333333333:role/ci/Deployer\nsource_profile = web-admin\n',
].join('\n');

function items(recent: string[] = []) {
  const shared = loadSharedConfig({ env: { AWS_CONFIG_FILE: '/c', AWS_SHARED_CREDENTIALS_FILE: '' }, home: '/h', readFile: () => Buffer.from(CONFIG) });
  return pickItems(profileSummaries(shared), new Map([['222222222222', 'Data Lake \u001b[31m']]), recent);
}

describe('picker model', () => {
  it('matches words in any order against name, account name, id and role', () => {
    const all = items();
    expect(filterItems(all, 'lake').map((i) => i.name)).toEqual(['data-ro']); // account name only
    expect(filterItems(all, 'readonly 2222').map((i) => i.name)).toEqual(['data-ro']);
    expect(filterItems(all, '3333 deployer').map((i) => i.name)).toEqual(['deploy']); // from role_arn
    expect(filterItems(all, 'ADMIN web').map((i) => i.name)).toEqual(['web-admin']);
    expect(filterItems(all, 'admin nothing')).toEqual([]);
    expect(filterItems(all, '  ')).toHaveLength(3);
  });

  it('puts the recently used first, then the rest by name', () => {
    expect(items(['web-admin', 'gone', 'deploy']).map((i) => i.name)).toEqual(['web-admin', 'deploy', 'data-ro']);
    expect(items().map((i) => i.name)).toEqual(['data-ro', 'deploy', 'web-admin']);
  });

  it('draws names from outside as printable text, cut to the width', () => {
    const all = items();
    const lines = renderFrame({ query: 'x\u001b', matches: all, selected: 0 }, 3, 10, 40);
    expect(lines.join('\n')).not.toMatch(/\u001b(?!\[7m|\[27m)/);
    expect(lines[0]).toBe('profile> x?');
    for (const line of lines) expect(line.replace(/\u001b\[2?7m/g, '').length).toBeLessThanOrEqual(39);
  });

  it('reads keys and applies them', () => {
    expect(parseKeys('ab\u001b[B\u001bOA\r\u001b\u0003\u007f')).toEqual([{ text: 'ab' }, 'down', 'up', 'enter', 'escape', 'interrupt', 'backspace']);
    const all = items();
    let state = { query: '', matches: all, selected: 0 } as ReturnType<typeof applyKey>;
    for (const key of parseKeys('adm')) state = applyKey(state as never, key, all, () => searchIndex(all));
    expect(state).toMatchObject({ query: 'adm', matches: [{ name: 'web-admin' }] });
    expect(applyKey(state as never, 'enter', all, () => searchIndex(all))).toEqual({ kind: 'picked', name: 'web-admin' });
    expect(applyKey(state as never, 'escape', all, () => searchIndex(all))).toEqual({ kind: 'cancelled' });
    const none = applyKey(state as never, { text: 'zzz' }, all, () => searchIndex(all));
    expect(applyKey(none as never, 'enter', all, () => searchIndex(all))).toBe(none); // Enter on no match does nothing
  });

  it('filters 10,000 profiles in well under a frame', () => {
    const big = Array.from({ length: 10_000 }, (_, i) => `[profile team-${i}.Admin]\nsso_session = c\nsso_account_id = ${100000000000 + i}\nsso_role_name = Admin\n`).join('\n');
    const shared = loadSharedConfig({ env: { AWS_CONFIG_FILE: '/c', AWS_SHARED_CREDENTIALS_FILE: '' }, home: '/h', readFile: () => Buffer.from(big) });
    const all = pickItems(profileSummaries(shared), new Map(), []);
    expect(all).toHaveLength(10_000);
    expect(filterItems(all, 'admin 100000000099').map((i) => i.name)).toEqual(['team-99.Admin']);
  });
});

describe('populate profile names', () => {
  it('are plain words whatever the account name holds, the same every run', () => {
    for (const hostile of ['a]\n[b', '$(rm -rf ~)', '`x`', '\u202eevil', 'é;#=', '"\'', '\u001b[2J', '..', '-rf']) {
      const name = renderName('{account_name}.{role_name}', { accountId: '123456789012', accountName: hostile, roleName: 'Admin' }, 'corp');
      expect(name).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]*$/);
      expect(renderName('{account_name}.{role_name}', { accountId: '123456789012', accountName: hostile, roleName: 'Admin' }, 'corp')).toBe(name);
    }
    expect(normaliseName('Café Prod')).toBe('Cafe-Prod');
    expect(renderName('{account_name}.{role_name}', { accountId: '123456789012', accountName: '生产', roleName: 'Admin' }, 'corp')).toBe('123456789012.Admin');
  });

  it('give every member of a collision, and a name a user has, a suffix that does not depend on order', () => {
    const a = { accountId: '111111111111', accountName: 'Prod', roleName: 'Admin' };
    const b = { accountId: '222222222222', accountName: 'Prod!', roleName: 'Admin' };
    const c = { accountId: '333333333333', accountName: 'Mine', roleName: 'Admin' };
    const forward = assignNames('{account_name}.{role_name}', [a, b, c], 'corp', new Set(['Mine.Admin']));
    const backward = assignNames('{account_name}.{role_name}', [c, b, a], 'corp', new Set(['Mine.Admin']));
    expect([forward.get(a), forward.get(b), forward.get(c)]).toEqual(['Prod.Admin-111111111111', 'Prod.Admin-222222222222', 'Mine.Admin-333333333333']);
    expect([backward.get(a), backward.get(b), backward.get(c)]).toEqual([forward.get(a), forward.get(b), forward.get(c)]);
  });
});
