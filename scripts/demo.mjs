// `npm run demo`: the main job end to end against the local IAM Identity Center emulator,
// so a newcomer sees awscreds work without an AWS account. It signs nothing in for real and
// deletes its temporary HOME and bin directory when it ends.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const emulator = spawn(process.execPath, [join(root, 'dist', 'emulator.cjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
const firstLine = await new Promise((resolve, reject) => {
  createInterface({ input: emulator.stdout }).once('line', resolve);
  emulator.once('exit', (code) => reject(new Error(`the emulator exited early (${code})`)));
});
const seeded = JSON.parse(firstLine);

// `awscreds` on PATH exactly as `npm install -g` would put it; removed at exit, whatever happens.
const bin = mkdtempSync(join(tmpdir(), 'awscreds-demo-bin-'));
process.on('exit', () => rmSync(bin, { recursive: true, force: true }));
symlinkSync(join(root, 'dist', 'awscreds.cjs'), join(bin, 'awscreds'));
const env = { PATH: `${bin}:${process.env.PATH}`, LANG: 'C.UTF-8', SHELL: '/bin/bash', ...seeded.env };

// nu: the binary of the devDependency nushell (npm ci installs it), else one on PATH.
const nuBinary = (() => {
  try {
    return createRequire(import.meta.url).resolve(`@nushell/${process.platform}-${process.arch}/bin/nu`);
  } catch {
    return 'nu';
  }
})();
const executable = (shell) => (shell === 'nu' ? nuBinary : shell);
const installed = (shell) => spawnSync(executable(shell), ['-c', 'exit'], { stdio: 'ignore' }).status === 0;
// Bold titles on a terminal only: piped or redirected, the output stays plain text.
const bold = process.stdout.isTTY && !process.env.NO_COLOR ? (text) => `\x1b[1m${text}\x1b[0m` : (text) => text;
const show = (title, shell, script) => {
  console.log(`\n${bold(`$ ${title}`)}`);
  if (!installed(shell)) {
    console.log(`(skipped: ${shell} is not installed; apt-get install ${shell} to see this step)`);
    return 0;
  }
  const args = { fish: ['--no-config', '-c', script], zsh: ['-f', '-c', script], nu: ['--no-config-file', '-c', script] }[shell] ?? ['--norc', '--noprofile', '-c', script];
  // The step's stdout and stderr both go to our stdout, as the shell writes them: a message
  // appears before the status line that reports it, as it would in a terminal.
  const result = spawnSync(executable(shell), args, { env: { ...env, SHELL: `/usr/bin/${shell}`, DEMO_DUMP: dump }, stdio: ['ignore', 1, 1] });
  // Each step prints what matters about its outcome itself; only a surprise is reported.
  if (result.status !== 0) console.log(`(the step failed: exit status ${result.status})`);
  return result.status;
};
// Secrets are shown by length only, as any log should.
const dump = `for v in AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWS_CREDENTIAL_EXPIRATION AWS_REGION AWSCREDS_PROFILE AWSCREDS_EXPIRES_AT; do
  val=$(printenv "$v") || { echo "  $v is not set"; continue; }
  case $v in AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN) echo "  $v = <\${#val} characters>";; *) echo "  $v = $val";; esac
done`;

console.log(`IAM Identity Center emulator at ${seeded.url}; a signed-in HOME at ${seeded.home}`);
console.log('(the same state `aws configure sso` + `aws sso login` leave behind)');
const statuses = [
  show('export AWS_SESSION_TOKEN=stale-from-yesterday; eval "$(awscreds export --profile dev)"   # bash', 'bash', `export AWS_SESSION_TOKEN=stale-from-yesterday AWS_SECURITY_TOKEN=older\neval "$(awscreds export --profile dev)" || exit\n${dump}`),
  show('eval "$(awscreds export --profile dev)"   # zsh, served from the role-credential cache', 'zsh', `eval "$(awscreds export --profile dev)" || exit\n${dump}`),
  show('awscreds export --profile dev | source   # fish', 'fish', `awscreds export --profile dev | source; or exit 1\nbash --norc -c '${dump.replace(/'/g, "'\\''")}'`),
  show('^awscreds export --profile dev | lines | last | from json | load-env   # nu', 'nu', `^awscreds export --profile dev | lines | last | from json | load-env\n^bash --norc -c $env.DEMO_DUMP`),
  show('awscreds export --profile dev --shell bash   # the block itself (secrets abridged here)', 'bash', `awscreds export --profile dev --shell bash | sed -E "s/(SECRET_ACCESS_KEY|SESSION_TOKEN)=.*/\\1=…;/"`),
];
// The classic half-export, and what the hook and `awscreds check` say about it.
const halfExport = `eval "$(awscreds export --profile dev)"; key=$AWS_ACCESS_KEY_ID secret=$AWS_SECRET_ACCESS_KEY
eval "$(awscreds unset)"
export AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret`;
statuses.push(
  show('awscreds check   # after exporting only the key and the secret of a temporary set', 'bash', `${halfExport}\nawscreds check; echo "check exit status: $?"`),
  show('eval "$(awscreds hook bash)"; aws s3 ls   # the hook refuses to start aws on that set', 'bash', `${halfExport}\neval "$(awscreds hook bash)"\naws s3 ls; echo "aws exit status: $?"`),
);
const failure = show('eval "$(awscreds export --profile nosuch)" || echo "eval failed; environment untouched"', 'bash', `eval "$(awscreds export --profile nosuch)" || echo "eval failed; environment untouched"\n${dump}`);

emulator.stdin.end();
const ok = statuses.every((s) => s === 0) && failure === 0;
console.log(ok ? '\ndemo: all steps behaved as expected.' : '\ndemo: a step failed (see above).');
console.log(`
Next, with your own AWS config:
  npm pack && npm install -g ./awscreds-*.tgz       # install this clone
  awscreds populate --start-url URL --sso-region R  # a profile per account and role
  eval "$(awscreds export --profile YOUR_PROFILE)"  # bash, zsh
  awscreds export --profile YOUR_PROFILE | source   # fish
  ^awscreds export --profile YOUR_PROFILE | lines | last | from json | load-env   # nu
  awscreds hook install                             # the prompt hook, for this shell
README.md, "Install", "Quick start" and "Commands", has the rest.`);
process.exitCode = ok ? 0 : 1;
