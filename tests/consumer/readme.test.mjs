// The README's app, verbatim: its hello.cpp, CMakeLists.txt and dash.json code blocks are copied
// out of README.md into a directory outside the tree, built against a fresh install of dashcpp
// (find_package(DashCpp), DashCpp::html and DashCpp::dcc), and served by the installed dash-host;
// the callback must answer. So the README cannot drift from what works.
// Environment: DASHCPP_BUILD_DIR (the dashcpp build tree to install from).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

import { buildDir, installInto, launcher, repo, run } from './install.mjs';

const prefix = path.join(buildDir, 'readme-install');
const work = path.join(buildDir, 'readme-test');
const source = path.join(work, 'source');
const binary = path.join(work, 'out');

// The fenced blocks of one language in README.md, in order.
function blocks(language) {
  const readme = fs.readFileSync(path.join(repo, 'README.md'), 'utf8');
  return [...readme.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
}

function post(url, body) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json' } },
      (response) => {
        let text = '';
        response.on('data', (chunk) => { text += chunk; });
        response.on('end', () => resolve({ status: response.statusCode, body: text }));
      });
    request.on('error', reject);
    request.end(body);
  });
}

describe('readme_app_out_of_tree', () => {
  let host;

  before(() => {
    const [code] = blocks('cpp');
    const [cmake] = blocks('cmake');
    const [config] = blocks('json');
    assert.ok(code && cmake && config, 'README.md has a cpp, a cmake and a json block');
    fs.rmSync(work, { recursive: true, force: true });
    fs.mkdirSync(source, { recursive: true });
    fs.writeFileSync(path.join(source, 'hello.cpp'), code);
    fs.writeFileSync(path.join(source, 'CMakeLists.txt'), cmake);
    fs.writeFileSync(path.join(source, 'dash.json'), config);  // startDashHost picks the port (--port)
    installInto(prefix);
    // The README's commands, with this test's prefix for /opt/dashcpp.
    run('cmake', ['-S', '.', '-B', 'out', `-DCMAKE_PREFIX_PATH=${prefix}`, '-G', 'Ninja', ...launcher], source);
    run('cmake', ['--build', 'out'], source);
  });

  after(async () => {
    await host?.stop();
  });

  it('builds_against_the_install_and_answers_the_callback', async () => {
    assert.ok(fs.existsSync(path.join(source, 'out', 'hello.so')), 'out/hello.so');
    process.env.DASH_HOST_BIN = path.join(prefix, 'bin/dash-host');
    process.env.DASH_PLUGIN_PATH = path.join(source, 'out');
    const { startDashHost } = await import('../lib/dash-host.mjs');
    host = await startDashHost(path.join(source, 'dash.json'));
    const reply = await post(`${host.baseUrl}/_dash-update-component`, JSON.stringify({
      output: 'out.children', outputs: { id: 'out', property: 'children' },
      inputs: [{ id: 'in', property: 'value', value: 'hello' }], changedPropIds: ['in.value'],
    }));
    assert.equal(reply.status, 200, reply.body);
    assert.deepEqual(JSON.parse(reply.body), { multi: true, response: { out: { children: 'echo: hello' } } });
  });

  it('loads_the_component_plugins_the_app_links_without_a_config_entry', async () => {
    // dash.json names the app alone: html and dcc come from what CMakeLists.txt links.
    const index = await new Promise((resolve, reject) => {
      http.get(`${host.baseUrl}/`, { agent: false }, (response) => {
        let text = '';
        response.on('data', (chunk) => { text += chunk; });
        response.on('end', () => resolve(text));
      }).on('error', reject);
    });
    assert.match(index, /dash_html_components[^"]*\.js/);
    assert.match(index, /dash_core_components[^"]*\.js/);
  });
});
