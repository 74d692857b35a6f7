import { profileArgument } from '../../src/shells/bash';
import { runShellScript } from '../helpers/runShellScript';

describe('profileArgument', () => {
  it.each(['dev', 'space dir', '$(touch pwned)', '`id`', "it's", '-dev', 'é\nx'])('%j reads back as one --profile argument in bash, running nothing', (name) => {
    const shell = runShellScript('bash', `printf '%s\\0' ${profileArgument(name)}`);
    const words = shell.stdout.split('\0').slice(0, -1);
    expect(words).toEqual(name.startsWith('-') ? [`--profile=${name}`] : ['--profile', name]);
  });
});
