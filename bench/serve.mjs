// `awscreds exec --serve`: how fast the credential endpoint answers from its memory, measured by
// a client running as the served command (keep-alive, like the SDKs), against the same client's
// request to a bare node HTTP server, in a process of its own, answering a constant body (the
// floor for any endpoint).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedWarmHome } from './seedWarmHome.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const requests = Number(process.env.BENCH_REQUESTS ?? 2000);
const client = `
  const http = require('node:http');
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (url, headers) => new Promise((resolve, reject) => http.get(url, { agent, headers }, (r) => { let b = ''; r.on('data', (d) => (b += d)); r.on('end', () => (r.statusCode === 200 ? resolve(b) : reject(new Error(r.statusCode + ' ' + b)))); }).on('error', reject));
  const median = async (url, headers) => {
    const times = [];
    for (let i = 0; i < ${requests} + 50; i++) { const t = process.hrtime.bigint(); await get(url, headers); if (i >= 50) times.push(Number(process.hrtime.bigint() - t) / 1e6); }
    times.sort((a, b) => a - b);
    return { min: times[0], median: times[times.length >> 1], max: times[times.length - 1] };
  };
  (async () => {
    // The floor runs in a process of its own, as awscreds' endpoint does.
    const floor = require('node:child_process').spawn(process.execPath, ['-e', "const s = require('node:http').createServer((q, r) => r.end('{}')).listen(0, '127.0.0.1', () => console.log(s.address().port))"], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise((r) => floor.stdout.once('data', (d) => r(String(d).trim())));
    const bare = await median('http://127.0.0.1:' + port + '/');
    const served = await median(process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI, { authorization: process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN });
    floor.kill(); agent.destroy();
    console.log(JSON.stringify({ bare, served }));
  })();`;

const { home, env } = seedWarmHome();
const run = spawnSync(process.execPath, [join(root, 'dist', 'awscreds.cjs'), 'exec', '--serve', '--profile', 'dev', '--', process.execPath, '-e', client], { env, encoding: 'utf8' });
rmSync(home, { recursive: true, force: true });
if (run.status !== 0) throw new Error(`exec --serve failed (${run.status}): ${run.stderr}`);
const { bare, served } = JSON.parse(run.stdout);
const ms = (x) => `${x.toFixed(3)} ms`;
console.log(`\nexec --serve endpoint (${requests} requests over one keep-alive connection)`);
console.log(`  bare node HTTP server (floor)                    min ${ms(bare.min)}  median ${ms(bare.median)}  max ${ms(bare.max)}`);
console.log(`  awscreds credential endpoint                     min ${ms(served.min)}  median ${ms(served.median)}  max ${ms(served.max)}`);
console.log(`  target: median under 1 ms: ${served.median < 1 ? 'met' : 'NOT met'} (${ms(served.median)}, ${(served.median / bare.median).toFixed(2)}x the floor)`);
console.log(JSON.stringify({ bench: 'exec --serve endpoint', requests, bare, served }));
