// Replays the exchanges recorded from Python Dash 4.3.0 (the golden files) against dash-host and
// compares the answers. See tests/conformance/recorded/README.md for what the recordings hold.
//
// usage: node tests/conformance/replay.mjs <app-name> <golden-dir> <config-file>
// DASH_HOST_BIN overrides the host binary (default build/bin/dash-host in the repository).
// Prints one line per case, then exactly "N passed, M failed"; exits 1 on any failure.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

import { hostBinary, startDashHost } from '../lib/dash-host.mjs';

const requestTimeoutMs = 10_000;

// _dash-config keys whose values are specific to the Python install; absent or present, any value.
const PYTHON_ONLY_CONFIG_KEYS = ['python_version', 'plotly_version'];
// Keys that must be present but whose value is ours to choose.
const FREE_VALUE_CONFIG_KEYS = ['dash_version'];
// Keys that must be present; a different value is reported but accepted.
const NOTED_VALUE_CONFIG_KEYS = ['plotly_cloud_installed', 'disable_version_check'];
// Registered only when an app uses dash_table; the reference registers it always.
const OPTIONAL_NAMESPACE = 'dash_table';

const FINGERPRINT = /^v[\w-]+m[0-9a-fA-F]+$/;
const ONE_YEAR = 'max-age=31536000';

// ---------------------------------------------------------------- processes and HTTP

// One HTTP exchange without keep-alive, so that nothing outlives the replay.
function send(baseUrl, { method = 'GET', path: target, headers = {}, body = null }) {
  return new Promise((resolve, reject) => {
    const payload = body === null || body === undefined ? null : Buffer.from(body, 'utf8');
    const request = http.request(`${baseUrl}${target}`, {
      method,
      agent: false,
      timeout: requestTimeoutMs,
      headers: payload ? { ...headers, 'Content-Length': payload.length } : headers,
    }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({
        status: response.statusCode,
        headers: response.headers,
        body: Buffer.concat(chunks),
      }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${requestTimeoutMs} ms`)));
    request.on('error', reject);
    request.end(payload ?? undefined);
  });
}

// ---------------------------------------------------------------- comparisons

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const brief = (value) => {
  const text = JSON.stringify(value);
  return text === undefined ? 'undefined' : text.length > 120 ? `${text.slice(0, 117)}...` : text;
};

// Differences between two JSON values; object key order is ignored, array order is not.
function jsonDifferences(expected, actual, where = '$', found = []) {
  if (found.length >= 8) return found;
  if (isObject(expected) && isObject(actual)) {
    for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      if (!Object.hasOwn(actual, key)) found.push(`${where}.${key} missing (expected ${brief(expected[key])})`);
      else if (!Object.hasOwn(expected, key)) found.push(`${where}.${key} unexpected (${brief(actual[key])})`);
      else jsonDifferences(expected[key], actual[key], `${where}.${key}`, found);
    }
  } else if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) {
      found.push(`${where} has ${actual.length} items, expected ${expected.length}: ${brief(actual)}`);
    } else {
      expected.forEach((item, index) => jsonDifferences(item, actual[index], `${where}[${index}]`, found));
    }
  } else if (expected !== actual) {
    found.push(`${where} is ${brief(actual)}, expected ${brief(expected)}`);
  }
  return found;
}

const headerOf = (response, name) => {
  const value = response.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value ?? '';
};
const goldenHeader = (golden, name) => {
  const entry = Object.entries(golden.headers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase());
  return entry ? entry[1] : '';
};

function parseJsonBody(response, problems) {
  try {
    return JSON.parse(response.body.toString('utf8'));
  } catch (error) {
    problems.push(`body is not JSON (${error.message}): ${brief(response.body.toString('utf8'))}`);
    return undefined;
  }
}

// Compares one answer with the recorded one, by the rules of README.md and our accepted deviations.
function compareAnswer(golden, ours) {
  const problems = [];
  const notes = [];
  const goldenType = goldenHeader(golden, 'Content-Type');
  const ourType = headerOf(ours, 'Content-Type');

  // Derived cases (tests/conformance/derived) may state header patterns, a text the body must
  // contain, and a server fault (5xx) that must be answered as such.
  for (const [name, pattern] of Object.entries(golden.header_patterns ?? {})) {
    if (!new RegExp(pattern).test(headerOf(ours, name))) problems.push(`header ${name} "${headerOf(ours, name)}" does not match /${pattern}/`);
  }
  if (golden.body_contains && !ours.body.toString('utf8').includes(golden.body_contains)) {
    problems.push(`body lacks "${golden.body_contains}": ${brief(ours.body.toString('utf8'))}`);
  }
  if (golden.server_fault) {
    if (ours.status !== golden.status) problems.push(`status ${ours.status}, expected ${golden.status}`);
    return { problems, notes };
  }
  if (golden.status >= 400) {
    // Client faults: the reference answered 400 or 500; we want a 4xx with a readable message.
    if (ours.status < 400 || ours.status >= 500) problems.push(`status ${ours.status}, expected a 4xx (reference: ${golden.status})`);
    else if (ours.status !== golden.status) notes.push(`status ${ours.status} (reference: ${golden.status})`);
    if (ours.body.length === 0) problems.push('error answer has an empty body');
    return { problems, notes };
  }
  if (ours.status !== golden.status) {
    problems.push(`status ${ours.status}, expected ${golden.status}: ${brief(ours.body.toString('utf8'))}`);
    return { problems, notes };
  }
  if (golden.status === 204) {
    if (ours.body.length !== 0) problems.push(`204 with a body: ${brief(ours.body.toString('utf8'))}`);
    return { problems, notes };
  }
  if (goldenType.includes('application/json')) {
    if (!ourType.includes('application/json')) problems.push(`Content-Type "${ourType}", expected application/json`);
    const actual = parseJsonBody(ours, problems);
    if (actual !== undefined) problems.push(...jsonDifferences(golden.json, actual));
  } else if (goldenType.includes('text/html')) {
    if (!ourType.includes('text/html')) problems.push(`Content-Type "${ourType}", expected text/html`);
    if (!ours.body.toString('utf8').includes('id="_dash-config"')) problems.push('HTML answer is not the index page');
  }
  return { problems, notes };
}

// ---------------------------------------------------------------- the index page

function attributesOf(tagText) {
  const attributes = {};
  for (const [, name, value] of tagText.matchAll(/([\w:-]+)="([^"]*)"/g)) attributes[name] = value;
  return attributes;
}

function parseIndex(html) {
  const configText = html.match(/<script id="_dash-config" type="application\/json">(.*?)<\/script>/s)?.[1];
  return {
    title: html.match(/<title>(.*?)<\/title>/s)?.[1],
    metas: [...html.matchAll(/<meta\b([^>]*)>/g)].map((match) => attributesOf(match[1])),
    favicon: [...html.matchAll(/<link\b([^>]*)>/g)].map((match) => attributesOf(match[1])).find((a) => a.rel === 'icon'),
    configText,
    scripts: [...html.matchAll(/<script\b[^>]*\bsrc="([^"]*)"[^>]*><\/script>/g)].map((match) => match[1]),
    rendererScript: html.match(/<script id="_dash-renderer" type="application\/javascript">(.*?)<\/script>/s)?.[1],
    hasEntryPoint: /<div id="react-entry-point">/.test(html) && html.includes('class="_dash-loading"'),
  };
}

// `dir/name.v4_3_0m1781825713.min.js` -> `dir/name.v<ver>m<stamp>.min.js`; other paths unchanged.
function withoutFingerprintDigits(url) {
  const [pathPart, query = null] = url.split('?');
  const segments = pathPart.split('/');
  const parts = segments.pop().split('.');
  if (parts.length >= 3 && FINGERPRINT.test(parts[1])) parts[1] = 'v<ver>m<stamp>';
  return [...segments, parts.join('.')].join('/') + (query === null ? '' : `?${query}`);
}

function withoutFingerprint(url) {
  const segments = url.split('?')[0].split('/');
  const parts = segments.pop().split('.');
  if (parts.length >= 3 && FINGERPRINT.test(parts[1])) parts.splice(1, 1);
  return [...segments, parts.join('.')].join('/');
}

const mentionsOptionalNamespace = (url) => url.includes(`/${OPTIONAL_NAMESPACE}/`);

function compareConfig(expected, actual, problems, notes) {
  const expectedKeys = Object.keys(expected).filter((key) => !PYTHON_ONLY_CONFIG_KEYS.includes(key));
  const actualKeys = Object.keys(actual).filter((key) => !PYTHON_ONLY_CONFIG_KEYS.includes(key));
  for (const key of expectedKeys) if (!actualKeys.includes(key)) problems.push(`_dash-config: key ${key} missing`);
  for (const key of actualKeys) if (!expectedKeys.includes(key)) problems.push(`_dash-config: unexpected key ${key}`);

  for (const key of expectedKeys.filter((k) => actualKeys.includes(k))) {
    if (FREE_VALUE_CONFIG_KEYS.includes(key)) {
      if (typeof actual[key] !== 'string' || actual[key] === '') problems.push(`_dash-config.${key} should be a version string`);
    } else if (NOTED_VALUE_CONFIG_KEYS.includes(key)) {
      if (typeof actual[key] !== typeof expected[key]) problems.push(`_dash-config.${key} is ${brief(actual[key])}, expected a ${typeof expected[key]}`);
      else if (actual[key] !== expected[key]) notes.push(`_dash-config.${key} is ${brief(actual[key])} (reference: ${brief(expected[key])})`);
    } else if (key === 'children_props' && isObject(expected[key]) && isObject(actual[key])) {
      const reference = { ...expected[key] };
      if (!Object.hasOwn(actual[key], OPTIONAL_NAMESPACE)) delete reference[OPTIONAL_NAMESPACE];
      problems.push(...jsonDifferences(reference, actual[key], '_dash-config.children_props'));
    } else {
      problems.push(...jsonDifferences(expected[key], actual[key], `_dash-config.${key}`));
    }
  }
}

function compareIndex(golden, ours) {
  const problems = [];
  const notes = [];
  if (ours.status !== 200) return { problems: [`status ${ours.status}, expected 200`], notes };
  if (!headerOf(ours, 'Content-Type').includes('text/html')) problems.push(`Content-Type "${headerOf(ours, 'Content-Type')}", expected text/html`);

  const expected = parseIndex(golden.body);
  const actual = parseIndex(ours.body.toString('utf8'));
  if (actual.title !== expected.title) problems.push(`title ${brief(actual.title)}, expected ${brief(expected.title)}`);
  problems.push(...jsonDifferences(expected.metas, actual.metas, 'meta tags'));
  if (!actual.favicon) problems.push('no <link rel="icon">');
  else {
    const shape = (link) => ({ ...link, href: link.href.replace(/\?v=.*$/, '?v=<version>') });
    problems.push(...jsonDifferences(shape(expected.favicon), shape(actual.favicon), 'favicon link'));
  }
  if (!actual.hasEntryPoint) problems.push('no <div id="react-entry-point"> with the _dash-loading placeholder');
  if (actual.rendererScript !== expected.rendererScript) {
    problems.push(`renderer script ${brief(actual.rendererScript)}, expected ${brief(expected.rendererScript)}`);
  }

  if (actual.configText === undefined) problems.push('no <script id="_dash-config" type="application/json">');
  else {
    if (actual.configText.includes('</')) problems.push('_dash-config contains an unescaped "</"');
    let config;
    try { config = JSON.parse(actual.configText); } catch (error) { problems.push(`_dash-config is not JSON: ${error.message}`); }
    if (config !== undefined) compareConfig(JSON.parse(expected.configText), config, problems, notes);
  }

  const ourScripts = actual.scripts.map(withoutFingerprintDigits);
  const optionalAbsent = !ourScripts.some(mentionsOptionalNamespace);
  const expectedScripts = expected.scripts.map(withoutFingerprintDigits)
    .filter((url) => !(optionalAbsent && mentionsOptionalNamespace(url)));
  problems.push(...jsonDifferences(expectedScripts, ourScripts, 'script tags'));
  return { problems, notes };
}

// ---------------------------------------------------------------- assets

const isJavaScriptType = (type) => /\b(text|application)\/javascript\b/.test(type);
const sha256 = (buffer) => crypto.createHash('sha256').update(buffer).digest('hex');

// Files named after their own pinned version (deps/react@18.3.1.min.js) must be byte-identical.
function pinnedReference(goldenAssets, url) {
  const plain = withoutFingerprint(url);
  if (!plain.split('/').pop().includes('@')) return null;
  return goldenAssets.find((asset) => withoutFingerprint(asset.request.path) === plain) ?? null;
}

function checkLongCachedScript(ours, reference) {
  const problems = [];
  if (ours.status !== 200) return [`status ${ours.status}, expected 200`];
  if (!isJavaScriptType(headerOf(ours, 'Content-Type'))) problems.push(`Content-Type "${headerOf(ours, 'Content-Type')}" is not JavaScript`);
  if (!headerOf(ours, 'Cache-Control').includes(ONE_YEAR)) problems.push(`Cache-Control "${headerOf(ours, 'Cache-Control')}" lacks ${ONE_YEAR}`);
  if (ours.body.length === 0) problems.push('empty body');
  if (reference && sha256(ours.body) !== reference.response.sha256) {
    problems.push(`content differs from the reference ${reference.request.path} (sha256 ${sha256(ours.body)})`);
  }
  return problems;
}

async function assetCases(baseUrl, goldenAssets, ourIndexHtml) {
  const cases = [];
  const ourIndex = parseIndex(ourIndexHtml);
  for (const url of ourIndex.scripts) {
    cases.push({
      name: `assets GET ${url}`,
      run: async () => ({ problems: checkLongCachedScript(await send(baseUrl, { path: url }), pinnedReference(goldenAssets, url)) }),
    });
  }
  if (ourIndex.favicon) {
    const reference = goldenAssets.find((asset) => asset.request.path.startsWith('/_favicon.ico'));
    cases.push({
      name: `assets GET ${ourIndex.favicon.href}`,
      run: async () => {
        const ours = await send(baseUrl, { path: ourIndex.favicon.href });
        const problems = [];
        if (ours.status !== 200) problems.push(`status ${ours.status}, expected 200`);
        const expectedType = goldenHeader(reference?.response ?? {}, 'Content-Type') || 'image/x-icon';
        if (!headerOf(ours, 'Content-Type').includes(expectedType)) problems.push(`Content-Type "${headerOf(ours, 'Content-Type')}", expected ${expectedType}`);
        if (ours.body.length === 0) problems.push('empty body');
        return { problems };
      },
    });
  }
  for (const asset of goldenAssets.filter((a) => a.response.status === 200 && goldenHeader(a.response, 'ETag') && !a.request.headers)) {
    cases.push({ name: `assets ETag revalidation ${asset.request.path}`, run: () => checkRevalidation(baseUrl, asset.request.path) });
  }
  for (const asset of goldenAssets.filter((a) => a.response.status >= 400)) {
    cases.push({
      name: `assets GET ${asset.request.path} (unknown file)`,
      run: async () => {
        const ours = await send(baseUrl, { path: asset.request.path });
        return { problems: ours.status === 404 ? [] : [`status ${ours.status}, expected 404 (reference: ${asset.response.status})`] };
      },
    });
  }
  return cases;
}

async function checkRevalidation(baseUrl, url) {
  const first = await send(baseUrl, { path: url });
  const problems = [];
  if (first.status !== 200) return { problems: [`status ${first.status}, expected 200`] };
  if (!isJavaScriptType(headerOf(first, 'Content-Type'))) problems.push(`Content-Type "${headerOf(first, 'Content-Type')}" is not JavaScript`);
  const etag = headerOf(first, 'ETag');
  if (!etag) return { problems: [...problems, 'no ETag on an unfingerprinted file'] };
  const second = await send(baseUrl, { path: url, headers: { 'If-None-Match': etag } });
  if (second.status !== 304) problems.push(`If-None-Match ${etag}: status ${second.status}, expected 304`);
  if (second.body.length !== 0) problems.push('304 with a body');
  return { problems };
}

// ---------------------------------------------------------------- cases

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

function replayCase(name, baseUrl, golden) {
  return {
    name,
    run: async () => compareAnswer(golden.response, await send(baseUrl, {
      method: golden.request.method,
      path: golden.request.path,
      headers: golden.request.headers ?? {},
      body: golden.request.body ?? null,
    })),
  };
}

function sessionCases(baseUrl, session) {
  const forwarded = ['accept', 'content-type'];
  return session.exchanges.map((exchange) => {
    const headers = Object.fromEntries(Object.entries(exchange.request_headers ?? {})
      .filter(([key]) => forwarded.includes(key.toLowerCase())));
    const golden = {
      request: { method: exchange.method, path: exchange.path, headers, body: exchange.request_body },
      response: {
        status: exchange.status,
        headers: exchange.response_headers,
        json: exchange.status === 200 && exchange.response_body ? JSON.parse(exchange.response_body) : null,
      },
    };
    return replayCase(`browser-session #${exchange.seq} ${exchange.method} ${exchange.path}`, baseUrl, golden);
  });
}

// A recorded app has every file; a derived one (tests/conformance/derived) only some of them.
async function buildCases(baseUrl, goldenDir) {
  const file = (name) => path.join(goldenDir, name);
  const has = (name) => fs.existsSync(file(name));
  const cases = [];
  for (const [name, label] of [['layout.json', 'layout'], ['dependencies.json', 'dependencies']]) {
    if (has(name)) cases.push(replayCase(label, baseUrl, readJson(file(name))));
  }
  for (const name of fs.readdirSync(goldenDir).filter((n) => /^cb-.*\.json$/.test(n)).sort()) {
    cases.push(replayCase(name.replace(/\.json$/, ''), baseUrl, readJson(file(name))));
  }
  if (has('index.json')) {
    const index = readJson(file('index.json'));
    const ourIndex = await send(baseUrl, { path: index.request.path, headers: index.request.headers });
    cases.push({ name: 'index', run: async () => compareIndex(index.response, ourIndex) });
    if (has('assets.json')) {
      cases.push(...await assetCases(baseUrl, readJson(file('assets.json')).assets, ourIndex.body.toString('utf8')));
    }
  }
  if (has('browser-session.json')) cases.push(...sessionCases(baseUrl, readJson(file('browser-session.json'))));
  if (cases.length === 0) throw new Error(`no cases in ${goldenDir}`);
  return cases;
}

async function main() {
  const [appName, goldenArg, configArg] = process.argv.slice(2);
  if (!appName || !goldenArg || !configArg) {
    console.error('usage: node tests/conformance/replay.mjs <app-name> <golden-dir> <config-file>');
    process.exit(2);
  }
  const goldenDir = path.resolve(goldenArg);
  const configFile = path.resolve(configArg);
  console.log(`conformance: ${appName}, golden ${goldenDir}, config ${configFile}, host ${hostBinary}`);

  let passed = 0;
  let failed = 0;
  let host;
  try {
    host = await startDashHost(configFile);
    for (const testCase of await buildCases(host.baseUrl, goldenDir)) {
      let outcome;
      try {
        outcome = await testCase.run();
      } catch (error) {
        outcome = { problems: [`request failed: ${error.message}`] };
      }
      const problems = outcome.problems ?? [];
      if (problems.length === 0) passed += 1; else failed += 1;
      console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${appName} ${testCase.name}`);
      for (const problem of problems) console.log(`       - ${problem}`);
      for (const note of outcome.notes ?? []) console.log(`       note: ${note}`);
    }
  } catch (error) {
    failed += 1;
    console.log(`FAIL ${appName} replay: ${error.message}`);
    host ??= error.host;
  } finally {
    await host?.stop();
  }
  if (failed > 0 && host) {
    const lines = host.log().trimEnd().split('\n').slice(-40);
    console.log(`--- last ${lines.length} lines of the dash-host log ---\n${lines.join('\n')}\n---`);
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

await main();
