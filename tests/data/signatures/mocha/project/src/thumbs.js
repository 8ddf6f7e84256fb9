// Thumbnail rendering runs in child processes, so a bad image cannot take the
// service down; children run with --abort-on-uncaught-exception to leave a core.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const WORKER = fileURLToPath(new URL('./thumb-worker.js', import.meta.url));

export function renderThumb(image, { maxEdge = 256 } = {}) {
  const job = { id: randomUUID(), image, maxEdge };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--abort-on-uncaught-exception', WORKER], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => { out += c; });
    child.stderr.on('data', (c) => { err += c; });
    child.on('exit', (code, signal) => {
      if (signal) {
        const first = err.split('\n').find((l) => /Error/.test(l)) ?? '';
        reject(new Error(`thumb worker ${child.pid} killed by ${signal} on job ${job.id}: ${first.trim()}`));
      } else if (code !== 0) {
        reject(new Error(`thumb worker ${child.pid} exited ${code} on job ${job.id}`));
      } else {
        resolve(JSON.parse(out));
      }
    });
    child.stdin.end(JSON.stringify(job));
  });
}
