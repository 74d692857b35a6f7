import { AwscredsError } from '../../src/runtime/AwscredsError';
import { profileArgument, renderShellWords } from '../../src/runtime/shellWords';
import { shellByName } from '../../src/shells/registry';
import { SHELL_NAMES } from '../../src/shells/Shell';
import { runShellScript } from '../helpers/runShellScript';

const NAMES = ['dev', 'space dir', '$(touch pwned)', '`id`', "it's", '-dev', 'é\nx', 'back\\', '\ue000x\ue001', '{a,b}', '~root', 'a;b', '#c'];

// Config, token and login messages mark the names in the commands they suggest; the message is
// finished for the user's shell. Each shell reads the name back as one argument, running nothing.
describe.each(SHELL_NAMES)('profileArgument, printed for %s', (shellName) => {
  const shell = shellByName(shellName);
  it.each(NAMES)('%j reads back as one --profile argument, running nothing', (name) => {
    const text = new AwscredsError('CONFIG', 'x', `run: aws sso login ${profileArgument(name)}`).toUserText(shell.escape);
    const command = /fix: run: aws sso login (.*)$/.exec(text)?.[1] ?? '';
    const run = runShellScript(shellName, `printf '%s\\0' ${command}`);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\0').slice(0, -1)).toEqual(name.startsWith('-') ? [`--profile=${name}`] : ['--profile', name]);
  });
});

test('a name every shell reads as itself is left as it is, so plain messages hold no mark', () => {
  expect(profileArgument('dev-1.a@b')).toBe('--profile dev-1.a@b');
  expect(renderShellWords(profileArgument('a b'), shellByName('bash').escape)).toBe("--profile 'a b'");
  // Positive control: the same name is quoted differently for fish, so the shell does decide.
  expect(renderShellWords(profileArgument("a\\'b"), shellByName('fish').escape)).not.toBe(renderShellWords(profileArgument("a\\'b"), shellByName('bash').escape));
});
