// One racer of fileLockRace.test.ts, bundled by the test and run as its own process:
//   node worker.cjs LOCK LOG GO ROUNDS DEAD_PID locked|bypass
// Waits for the file GO, then ROUNDS times: takes the lock (unless `bypass`), appends
// "enter <pid>" and "leave <pid>" to LOG with a short sleep between, and before letting go
// replaces the lock with one naming DEAD_PID, as a holder killed there would leave it: every
// waiter then finds a dead lock at once and races to break it.
import { appendFileSync, existsSync, renameSync, writeFileSync } from 'node:fs';
import { withFileLock } from '../../src/runtime/fileLock';

const [lockPath, logPath, goPath, roundsText, deadPidText, mode] = process.argv.slice(2) as [string, string, string, string, string, string];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function plantDeadLock(): void {
  const temp = `${lockPath}.${process.pid}.plant`;
  writeFileSync(temp, JSON.stringify({ pid: Number(deadPidText), started: Date.now(), nonce: `dead-${process.pid}-${Math.random()}` }), { mode: 0o600 });
  renameSync(temp, lockPath);
}

async function section(): Promise<void> {
  appendFileSync(logPath, `enter ${process.pid}\n`);
  await sleep(1 + Math.random() * 3);
  appendFileSync(logPath, `leave ${process.pid}\n`);
  plantDeadLock();
}

async function main(): Promise<void> {
  process.stdout.write('ready\n');
  while (!existsSync(goPath)) await sleep(1);
  for (let round = 0; round < Number(roundsText); round++) {
    if (mode === 'bypass') await section();
    else await withFileLock(lockPath, { what: 'the race test', pollMs: 2, waitMs: 120_000 }, section);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
