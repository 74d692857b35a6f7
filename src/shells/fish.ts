import { escapeFishValue } from './escapeFishValue';
import { Shell } from './Shell';

export const fish: Shell = {
  name: 'fish',
  hookFile: 'hook.fish',
  escape: escapeFishValue,
  renderChanges(changes) {
    const commands: string[] = [];
    for (const name of changes.unset) commands.push(`set -e ${name}`);
    for (const [name, value] of changes.set) commands.push(`set -gx ${name} ${escapeFishValue(value)}`);
    // `begin; …; end` is parsed whole before it runs: a cut-short block applies nothing.
    // `set -e` of an unset variable fails, so the block ends with `true` to succeed.
    return commands.length === 0 ? 'true\n' : `begin\n${commands.map((c) => `  ${c}`).join('\n')}\n  true\nend\n`;
  },
};
