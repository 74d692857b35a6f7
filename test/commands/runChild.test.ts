import { EventEmitter } from 'node:events';
import type { ChildProcessLike, ForwardedSignal, SpawnChild } from '../../src/runtime/Runtime';
import { runChild } from '../../src/exec/runChild';

/** A fake child and the signal source `runChild` subscribes to, driven by the test. */
function fakes(options: { startError?: NodeJS.ErrnoException } = {}) {
  const emitter = new EventEmitter();
  const killed: string[] = [];
  const child = Object.assign(emitter, {
    pid: options.startError ? undefined : 4242,
    kill: (signal: NodeJS.Signals) => killed.push(signal) > 0,
  }) as unknown as ChildProcessLike & EventEmitter;
  const spawned: Array<{ command: string; args: readonly string[]; env: Record<string, string> }> = [];
  const spawn: SpawnChild = (command, args, { env }) => {
    spawned.push({ command, args, env });
    if (options.startError) setImmediate(() => emitter.emit('error', options.startError));
    return child;
  };
  let handler: ((signal: ForwardedSignal) => void) | undefined;
  let unsubscribed = 0;
  const onSignal = (h: (signal: ForwardedSignal) => void): (() => void) => {
    handler = h;
    return () => void (unsubscribed += 1);
  };
  return { child, killed, spawned, spawn, onSignal, signal: (s: ForwardedSignal) => handler?.(s), unsubscribed: () => unsubscribed };
}

describe('runChild', () => {
  it('passes the command, arguments and environment through, and reports the exit code', async () => {
    const f = fakes();
    const done = runChild({ command: 'aws', args: ['s3', 'ls'], env: { A: '1' }, spawn: f.spawn, onSignal: f.onSignal, forwardSigint: true });
    f.child.emit('exit', 3, null);
    await expect(done).resolves.toEqual({ kind: 'exited', code: 3 });
    expect(f.spawned).toEqual([{ command: 'aws', args: ['s3', 'ls'], env: { A: '1' } }]);
    expect(f.unsubscribed()).toBe(1);
  });

  it('forwards SIGTERM and SIGHUP always, SIGINT only when told to, and nothing once the child has exited', async () => {
    const f = fakes();
    const done = runChild({ command: 'x', args: [], env: {}, spawn: f.spawn, onSignal: f.onSignal, forwardSigint: false });
    f.signal('SIGINT');
    f.signal('SIGTERM');
    f.signal('SIGHUP');
    f.child.emit('exit', null, 'SIGTERM');
    f.signal('SIGTERM');
    await expect(done).resolves.toEqual({ kind: 'signaled', signal: 'SIGTERM' });
    expect(f.killed).toEqual(['SIGTERM', 'SIGHUP']);

    const g = fakes();
    const next = runChild({ command: 'x', args: [], env: {}, spawn: g.spawn, onSignal: g.onSignal, forwardSigint: true });
    g.signal('SIGINT');
    g.child.emit('exit', 0, null);
    await next;
    expect(g.killed).toEqual(['SIGINT']);
  });

  it('tells a missing command (ENOENT) from one that cannot run', async () => {
    const enoent = Object.assign(new Error('spawn x ENOENT'), { code: 'ENOENT' });
    const f = fakes({ startError: enoent });
    await expect(runChild({ command: 'x', args: [], env: {}, spawn: f.spawn, onSignal: f.onSignal, forwardSigint: true })).resolves.toEqual({ kind: 'not-found' });
    expect(f.unsubscribed()).toBe(1);
    const eacces = Object.assign(new Error('spawn x EACCES'), { code: 'EACCES' });
    const g = fakes({ startError: eacces });
    await expect(runChild({ command: 'x', args: [], env: {}, spawn: g.spawn, onSignal: g.onSignal, forwardSigint: true })).resolves.toEqual({ kind: 'not-executable', code: 'EACCES' });
  });
});
