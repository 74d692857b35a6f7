import { NETWORK_POLICY } from './network';

/** An HTTP answer, read whole (up to POST_FORM_MAX_BYTES). */
export interface FormAnswer {
  readonly status: number;
  readonly body: string;
}

/**
 * POSTs `form` (application/x-www-form-urlencoded) to `url` and reads the answer: the one HTTP
 * call awscreds makes without the SDK (the console sign-in endpoint). The form goes in the body,
 * so what it holds never sits in a URL or a proxy's log. Rejects on a network failure, on a
 * URL that is not https (plain http only to a loopback host: a local emulator), after
 * NETWORK_POLICY's connection and request timeouts, on `signal`, and on an answer larger than
 * POST_FORM_MAX_BYTES.
 */
export type PostForm = (url: string, form: Readonly<Record<string, string>>, signal?: AbortSignal) => Promise<FormAnswer>;

export const POST_FORM_MAX_BYTES = 64 * 1024;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The real PostForm, with node:https (node:http for a loopback host only). */
export const postForm: PostForm = async (url, form, signal) => {
  const target = new URL(url);
  const plain = target.protocol === 'http:' && LOOPBACK_HOSTS.has(target.hostname);
  if (target.protocol !== 'https:' && !plain) throw new Error(`refusing to send credentials to ${target.origin}: not https`);
  const { request } = plain ? await import('node:http') : await import('node:https');
  const body = new URLSearchParams(form).toString();
  return new Promise<FormAnswer>((resolve, reject) => {
    const fail = (error: Error): void => {
      req.destroy();
      reject(error);
    };
    const whole = setTimeout(() => fail(new Error(`no answer within ${NETWORK_POLICY.requestTimeoutMs} ms`)), NETWORK_POLICY.requestTimeoutMs);
    const onAbort = (): void => fail(new Error('interrupted'));
    const req = request(target, { method: 'POST', agent: false, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)), accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > POST_FORM_MAX_BYTES) return fail(new Error(`answer larger than ${POST_FORM_MAX_BYTES} bytes`));
        chunks.push(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', fail);
    });
    req.on('socket', (socket) => {
      const connecting = setTimeout(() => fail(new Error(`no connection within ${NETWORK_POLICY.connectionTimeoutMs} ms`)), NETWORK_POLICY.connectionTimeoutMs);
      socket.once(plain ? 'connect' : 'secureConnect', () => clearTimeout(connecting));
      socket.once('close', () => clearTimeout(connecting));
    });
    req.on('error', (error) => reject(error));
    req.on('close', () => {
      clearTimeout(whole);
      signal?.removeEventListener('abort', onAbort);
    });
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    req.end(body);
  });
};
