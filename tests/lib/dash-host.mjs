// Shared by the tests that need a running dash-host (e2e, conformance): a free loopback port, start
// with a deadline (no blind sleeps), stop with SIGTERM then SIGKILL. DASH_HOST_BIN overrides the
// host binary (default build/bin/dash-host in the repository).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const hostBinary = process.env.DASH_HOST_BIN
  ? path.resolve(process.env.DASH_HOST_BIN)
  : path.join(repoRoot, 'build/bin/dash-host');
export const startupTimeoutMs = 30_000;

export async function findFreePort() {
  const probe = net.createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address();
  probe.close();
  await once(probe, 'close');
  return port;
}

// Status of GET url, or 0 when nothing answers. No keep-alive: a pooled socket would hold the test
// process open after the last test.
export function probeStatus(url) {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false, timeout: 1000 }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
  });
}

// Starts dash-host (on `port`, or a free one) and resolves once GET `probePath` (the app's index:
// "/", or its prefix) answers 200; rejects with the host's log otherwise.
export async function startDashHost(configFile, port = undefined, probePath = '/') {
  port ??= await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(hostBinary, ['--config', configFile, '--host', '127.0.0.1', '--port', String(port)], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  let exit = null;
  child.stdout.on('data', (chunk) => { log += chunk; });
  child.stderr.on('data', (chunk) => { log += chunk; });
  child.on('error', (error) => { exit = `could not start ${hostBinary}: ${error.message}`; });
  child.on('exit', (code, signal) => { exit ??= `dash-host exited early (code ${code}, signal ${signal})`; });

  const deadline = Date.now() + startupTimeoutMs;
  for (;;) {
    if (exit) throw Object.assign(new Error(`${exit}\n--- dash-host log ---\n${log}`), { host: { log: () => log } });
    if (await probeStatus(`${baseUrl}${probePath}`) === 200) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw Object.assign(new Error(`dash-host did not answer GET ${probePath} within ${startupTimeoutMs} ms\n--- log ---\n${log}`),
        { host: { log: () => log } });
    }
    await delay(100);
  }

  async function stop() {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), delay(5000, false, { ref: false })]);
    if (!stopped) {
      child.kill('SIGKILL');
      await exited;
    }
  }
  return { baseUrl, stop, log: () => log };
}

