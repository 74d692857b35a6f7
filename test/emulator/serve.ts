// Demo entry: starts the emulator, seeds a home, prints ONE JSON line
// `{"url":…,"home":…,"env":{…}}` on stdout, and serves until SIGTERM/SIGINT or until
// stdin (when it is a pipe) closes. The home is deleted on exit unless --keep-home.
//
// Flags: --no-auto-approve  --signed-out  --expired  --legacy-token  --keep-home
//        --registration-cache  --accounts N (N accounts of 3 roles each, for bench/populate.mjs)
// Node built-ins only (no jest): scripts/ bundle it with esbuild.
import { fstatSync } from 'node:fs';
import { startSsoEmulator } from './ssoEmulator';
import { seedSignedInHome } from './seedHome';

async function main(argv: string[]): Promise<void> {
  const flag = (name: string): boolean => argv.includes(name);
  const known = new Set(['--no-auto-approve', '--signed-out', '--expired', '--legacy-token', '--keep-home', '--registration-cache']);
  const accountsAt = argv.indexOf('--accounts');
  const accountCount = accountsAt === -1 ? undefined : Number(argv[accountsAt + 1]);
  const unknown = argv.filter((a, i) => !known.has(a) && !(accountsAt !== -1 && (i === accountsAt || i === accountsAt + 1)));
  if (unknown.length > 0) {
    process.stderr.write(`serve: unknown argument(s): ${unknown.join(' ')}\n`);
    process.exitCode = 2;
    return;
  }

  const accounts =
    accountCount === undefined
      ? undefined
      : Array.from({ length: accountCount }, (_, i) => ({ accountId: String(100000000000 + i), accountName: `Team ${i} (prod) #${i % 7}`, roles: ['AdministratorAccess', 'Developer', 'ReadOnly'] }));
  const emulator = await startSsoEmulator({ autoApprove: !flag('--no-auto-approve'), ...(accounts ? { accounts } : {}) });
  const seeded = seedSignedInHome(emulator, {
    signedOut: flag('--signed-out'),
    expired: flag('--expired'),
    legacyToken: flag('--legacy-token'),
    registrationCache: flag('--registration-cache'),
  });

  let done = false;
  const shutdown = (): void => {
    if (done) return;
    done = true;
    void emulator.stop().finally(() => {
      if (!flag('--keep-home')) seeded.cleanup();
      process.exit(0);
    });
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);

  // Only a pipe can "close": /dev/null or a TTY on stdin must not stop the server at once.
  let stdinIsPipe = false;
  try {
    const stat = fstatSync(0);
    stdinIsPipe = stat.isFIFO() || stat.isSocket();
  } catch {
    stdinIsPipe = false;
  }
  if (stdinIsPipe) {
    process.stdin.on('end', shutdown);
    process.stdin.on('close', shutdown);
    process.stdin.resume();
  }

  process.stdout.write(`${JSON.stringify({ url: emulator.url, home: seeded.home, env: seeded.env })}\n`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`serve: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
