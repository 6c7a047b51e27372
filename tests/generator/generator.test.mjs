// Generator unit tests on real metadata (the npm packages' own components): types, enums, required
// props, children_props against the Python reference, and the C++ text the generator writes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { childrenProps } from '../../sdk/tools/lib/children-props.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tools = path.join(repo, 'sdk/tools');
const load = (variable) => JSON.parse(fs.readFileSync(process.env[variable], 'utf8'));
const dcc = load('DASHCPP_DCC_METADATA');
const html = load('DASHCPP_HTML_METADATA');
const table = load('DASHCPP_TABLE_METADATA');

function generate(metadata, manifest) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dashcpp-gen-'));
  const files = { metadata: path.join(dir, 'metadata.json'), manifest: path.join(dir, 'library.json') };
  fs.writeFileSync(files.metadata, JSON.stringify(metadata));
  fs.writeFileSync(files.manifest, JSON.stringify(manifest));
  fs.writeFileSync(path.join(dir, 'bundle.js'), '// bundle');
  const result = spawnSync(process.execPath, [path.join(tools, 'generate.mjs'), '--metadata', files.metadata,
    '--manifest', files.manifest, '--package-dir', dir, '--header', path.join(dir, 'out.hpp'),
    '--plugin', path.join(dir, 'out.cpp')], { encoding: 'utf8' });
  const read = (name) => (fs.existsSync(path.join(dir, name)) ? fs.readFileSync(path.join(dir, name), 'utf8') : '');
  return { status: result.status, stderr: result.stderr, header: read('out.hpp'), plugin: read('out.cpp') };
}

const manifest = { plugin_id: 'org.example.lib', package_name: 'example', url_namespace: 'example', cpp_namespace: 'example',
  resources: [{ path: 'bundle.js', file: 'bundle.js' }] };

describe('metadata_from_real_packages', () => {
  it('types_each_kind_of_prop', () => {
    assert.deepEqual(dcc.components.Slider.props.min.type, { kind: 'number' });
    assert.deepEqual(dcc.components.Input.props.className.type, { kind: 'string' });
    assert.deepEqual(dcc.components.Graph.props.responsive.type, { kind: 'enum', values: [true, false, 'auto'] });
    assert.deepEqual(dcc.components.Loading.props.type.type, { kind: 'enum', values: ['graph', 'cube', 'circle', 'dot', 'default'] });
    assert.equal(dcc.components.Checklist.props.value.type.kind, 'array');
    assert.equal(dcc.components.Graph.props.config.type.fields.staticPlot.type.kind, 'bool');
    assert.deepEqual(dcc.components.Tab.props.label.type, { kind: 'union', members: [{ kind: 'string' }, { kind: 'node' }] });
    assert.equal(table.components.DataTable.props.columns.type.of.fields.id.required, true);
    assert.deepEqual(table.components.DataTable.props.page_action.type.values, ['custom', 'native', 'none']);
    // A TypeScript template literal type is a string pattern, not an enumeration.
    assert.deepEqual(dcc.components.DatePickerSingle.props.date.type, { kind: 'string' });
  });

  it('marks_required_props_as_python_does', () => {
    assert.equal(dcc.components.Location.props.id.required, true);
    assert.equal(dcc.components.Store.props.id.required, true);
    assert.equal(dcc.components.Input.props.id.required, false);
  });

  it('covers_every_component_with_ids_and_wildcards', () => {
    assert.equal(Object.keys(dcc.components).length, 26);
    assert.equal(Object.keys(html.components).length, 125);
    assert.deepEqual(Object.keys(table.components), ['DataTable']);
    for (const metadata of [dcc, html, table])
      for (const [name, component] of Object.entries(metadata.components)) assert.ok(component.props.id, `${name} has an id`);
    assert.ok(html.components.Div.props['data-*'] && html.components.Div.props['aria-*']);
    assert.match(dcc.components.Slider.props.min.description, /Minimum allowed value/);
  });

  it('children_props_match_the_python_reference', (t) => {
    const golden = path.join(process.env.DASHCPP_RECORDED_DIR, 'hello/index.json');
    const body = JSON.parse(fs.readFileSync(golden, 'utf8')).response.body;
    const config = JSON.parse(body.match(/<script id="_dash-config" type="application\/json">(.*?)<\/script>/s)[1]);
    for (const metadata of [dcc, html, table]) {
      const ours = Object.fromEntries(Object.entries(metadata.components).map(([name, c]) => [name, childrenProps(c)]));
      assert.deepEqual(ours, config.children_props[metadata.namespace], metadata.namespace);
    }
  });
});

describe('children_props_paths', () => {
  it('follows_lists_dicts_and_shapes', () => {
    const node = { kind: 'node' };
    const component = { props: {
      children: { type: node },
      label: { type: { kind: 'union', members: [{ kind: 'string' }, node] } },
      options: { type: { kind: 'array', of: { kind: 'object', fields: { label: { type: node } } } } },
      tooltip: { type: { kind: 'object', of: node } },
      a: { type: { kind: 'object', fields: { b: { type: node }, c: { type: { kind: 'string' } } } } },
      plain: { type: { kind: 'string' } },
    } };
    assert.deepEqual(childrenProps(component), ['label', 'options[].label', 'tooltip{}', 'a.b']);
  });
});

describe('cpp_generation', () => {
  const metadata = { namespace: 'example', npm_package: 'example', version: '1.0.0', components: {
    Widget: { description: 'A widget.', props: {
      children: { type: { kind: 'node' }, required: false, description: '' },
      id: { type: { kind: 'union', members: [{ kind: 'string' }, { kind: 'object' }] }, required: false, description: '' },
      size: { type: { kind: 'enum', values: ['small', 'large'] }, required: true, description: 'How big.' },
      tags: { type: { kind: 'array', of: { kind: 'string' } }, required: false, description: '' },
      default: { type: { kind: 'number' }, required: false, description: '' },
      Widget: { type: { kind: 'bool' }, required: false, description: '' },
      onChange: { type: { kind: 'func' }, required: false, description: '' },
      'data-*': { type: { kind: 'string' }, required: false, description: '' },
    } },
  } };

  it('writes_typed_checked_and_escaped_setters', () => {
    const out = generate(metadata, manifest);
    assert.equal(out.status, 0, out.stderr);
    assert.match(out.header, /class Widget : public ::dash::Component/);
    assert.match(out.header, /explicit Widget\(::dash::Value children = ::dash::Value\(\)\)/);
    assert.match(out.header, /Widget& size\(std::string value\) \{\n\s+check_choice\("size", ::dash::Value\(value\), \{::dash::Value\("small"\), ::dash::Value\("large"\)\}\);/);
    assert.match(out.header, /\/\/\/ How big\.\n\s+\/\/\/ Type: one of "small", "large"\. Required\./);
    assert.match(out.header, /Widget& tags\(std::vector<std::string> value\)/);
    assert.match(out.header, /Widget& default_\(::dash::Number value\)/);
    assert.match(out.header, /Widget& Widget_\(bool value\)/);
    assert.doesNotMatch(out.header, /onChange\(/);
    assert.match(out.header, /Widget& data\(const std::string& name, ::dash::Value value\)/);
    const dist = JSON.parse(out.header.match(/inline Json::Value dist\(\) \{\n\s+return ::dash::json::parse\(R"dashcpp\((.*?)\)dashcpp"\)/)[1]);
    assert.deepEqual(dist, [{ relative_package_path: 'bundle.js', namespace: 'example', type: '_js_dist' }]);
  });

  it('registers_prop_names_wildcards_and_required_props', () => {
    const out = generate(metadata, manifest);
    const components = JSON.parse(out.plugin.match(/components_json = R"dashcpp\((.*?)\)dashcpp"/)[1]);
    assert.deepEqual(components.Widget.wildcards, ['data-']);
    assert.deepEqual(components.Widget.required, ['size']);
    assert.ok(components.Widget.props.includes('onChange'));
    assert.match(out.plugin, /DASH_PLUGIN\("org.example.lib", "example", "1.0.0", "", setup\)/);
  });

  it('refuses_bad_manifests_with_a_message', () => {
    const unknownFlag = generate(metadata, { ...manifest, resources: [{ path: 'b.js', file: 'bundle.js', flags: ['lazy'] }] });
    assert.equal(unknownFlag.status, 1);
    assert.match(unknownFlag.stderr, /unknown resource flag 'lazy'/);
    const missing = generate(metadata, { ...manifest, resources: [{ path: 'b.js', file: 'nope.js' }] });
    assert.match(missing.stderr, /resource file 'nope.js' is not in/);
    const noNamespace = generate(metadata, { ...manifest, cpp_namespace: undefined });
    assert.match(noNamespace.stderr, /lacks "cpp_namespace"/);
  });
});

describe('extract_metadata_cli', () => {
  it('fails_loudly_without_sources', () => {
    const result = spawnSync(process.execPath, [path.join(tools, 'extract-metadata.mjs'), '--package-dir', os.tmpdir(),
      '--namespace', 'x', '--out', path.join(os.tmpdir(), 'm.json')], { encoding: 'utf8' });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /give --sources and\/or --source-map/);
  });

  it('extracts_the_html_bundle_from_its_source_map', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dashcpp-meta-')), 'html.json');
    execFileSync(process.execPath, [path.join(tools, 'extract-metadata.mjs'), '--package-dir',
      path.join(repo, 'node_modules/dash-html-components'), '--namespace', 'dash_html_components', '--out', out,
      '--source-map', 'dash_html_components/dash_html_components.min.js.map', '--source-filter', 'src/components/[^/]+\\.react\\.js$'],
      { stdio: 'pipe' });
    const extracted = JSON.parse(fs.readFileSync(out, 'utf8'));
    assert.deepEqual(extracted.components, html.components);
  });
});
