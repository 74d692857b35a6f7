// Helpers for the login/logout end-to-end tests: run the built binary while the test plays
// the user (reads stderr, approves in the "browser", presses Ctrl-C).
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { childEnv, seedSignedInHome, type SeededHome, type SeedHomeOptions } from '../emulator/seedHome';
import type { SsoEmulator } from '../emulator/ssoEmulator';
import { AWSCREDS_BIN } from '../helpers/runAwscreds';

export const CORP_TOKEN_FILE = 'ee0bfd2552fbd840c02cc48b6e823320543c450f.json'; // sha1("corp")
export const DEV_ROLE_CACHE = 'ecc1e3c8d4fe9b118d11b9cfe1c4a2a4f4a548ae.json'; // account 123456789012, role Dev, session corp

export interface Finished {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningAwscreds {
  child: ChildProcess;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stderr (waits for it to appear). */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  done: Promise<Finished>;
}

/** Starts the built binary with exactly `env`, without waiting for it. */
export function startAwscreds(args: readonly string[], env: Record<string, string>): RunningAwscreds {
  const child = spawn(process.execPath, [AWSCREDS_BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const watchers = new Set<() => void>();
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    for (const watcher of watchers) watcher();
  });
  child.stdin?.end('');
  const done = new Promise<Finished>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status, signal) => {
      for (const watcher of watchers) watcher();
      resolve({ status, signal, stdout, stderr });
    });
  });
  let exited = false;
  void done.then(() => (exited = true));
  return {
    child,
    stderr: () => stderr,
    waitForStderr: (pattern, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const match = stderr.match(pattern);
          if (match) {
            cleanup();
            resolve(match);
          } else if (exited || child.exitCode !== null) {
            cleanup();
            reject(new Error(`awscreds exited before stderr matched ${String(pattern)}; stderr:\n${stderr}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`stderr did not match ${String(pattern)} within ${timeoutMs} ms; stderr:\n${stderr}`));
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          watchers.delete(check);
        };
        watchers.add(check);
        check();
      }),
    done,
  };
}

/** A HOME wired to the emulator, and the environment to run awscreds in it. */
export function seedHome(emulator: SsoEmulator, options: SeedHomeOptions = {}): { seeded: SeededHome; env: Record<string, string> } {
  const seeded = seedSignedInHome(emulator, options);
  // No DISPLAY/BROWSER from the machine running the tests: no real browser ever opens.
  const { DISPLAY: _d, WAYLAND_DISPLAY: _w, BROWSER: _b, ...parent } = process.env;
  return { seeded, env: { ...childEnv(seeded.env, parent), SHELL: '/bin/bash' } };
}

/**
 * A `BROWSER` that records each URL it is asked to open (one per line) instead of opening it:
 * the test then plays the browser with the URL.
 */
export function recordingBrowser(dir: string): { env: Record<string, string>; urls(): string[]; waitForUrl(timeoutMs?: number): Promise<string> } {
  const log = join(dir, 'browser-urls.log');
  const script = join(dir, 'fake-browser.sh');
  writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${log}'\n`);
  chmodSync(script, 0o755);
  const urls = (): string[] => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((l) => l !== '') : []);
  return {
    env: { BROWSER: script },
    urls,
    waitForUrl: async (timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const url = urls()[0];
        if (url) return url;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error('the browser was not asked to open a URL');
    },
  };
}

export interface BrowserVisit {
  /** Every URL requested, in order (the authorize page, then the callback). */
  chain: string[];
  status: number;
  body: string;
}

/** A browser GET that follows redirects (the authorize page → 127.0.0.1 callback) and reports the chain. */
export async function visit(url: string, maxRedirects = 5): Promise<BrowserVisit> {
  const chain: string[] = [];
  let next = url;
  for (let i = 0; i <= maxRedirects; i++) {
    chain.push(next);
    const response = await new Promise<{ status: number; location?: string; body: string }>((resolve, reject) => {
      http
        .get(next, { agent: false }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, ...(res.headers.location ? { location: res.headers.location } : {}), body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        })
        .on('error', reject);
    });
    if (response.status >= 300 && response.status < 400 && response.location) {
      next = new URL(response.location, next).toString();
      continue;
    }
    return { chain, status: response.status, body: response.body };
  }
  throw new Error(`more than ${maxRedirects} redirects from ${url}`);
}

/** The authorize URL awscreds printed on stderr. */
export const AUTHORIZE_URL = /(http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+)/;
/** The device code awscreds printed on stderr. */
export const USER_CODE = /enter the code:\n\s+([A-Z]{4}-[A-Z]{4})/;

/**
 * Plays the user of the device-code flow: waits for the code awscreds shows, and approves
 * exactly that code in the emulator (the only way a device code gets approved).
 */
export async function approveShownCode(run: Pick<RunningAwscreds, 'waitForStderr'>, emulator: SsoEmulator): Promise<string> {
  const [, userCode = ''] = await run.waitForStderr(USER_CODE);
  const shown = emulator.deviceAuthorizations().find((d) => d.userCode === userCode);
  if (shown?.status !== 'pending') throw new Error(`awscreds showed ${userCode}, for which the emulator has no pending device authorization`);
  emulator.approveDeviceCode(userCode);
  return userCode;
}

/** Files left in a directory (none when it does not exist). */
export function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}
