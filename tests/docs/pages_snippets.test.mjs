// docs/pages.md shows the pages example's plugins: each complete C++ block of it (one with a
// DASH_PLUGIN line) must be, verbatim, a source file of apps/examples/pages without its header
// comment, so the documentation cannot drift from code that is built and run in Chromium
// (tests/e2e/pages_example.test.mjs). Run: node --test tests/docs/pages_snippets.test.mjs
import { it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../lib/dash-host.mjs';

const exampleDir = path.join(repoRoot, 'apps/examples/pages');

function withoutHeaderComment(text) {
  const lines = text.split('\n');
  while (lines.length && lines[0].startsWith('//')) lines.shift();
  return lines.join('\n').trim();
}

it('every_complete_cpp_block_of_docs_pages_md_is_an_example_file', () => {
  const doc = fs.readFileSync(path.join(repoRoot, 'docs/pages.md'), 'utf8');
  const blocks = [...doc.matchAll(/```cpp\n([\s\S]*?)```/g)].map((m) => m[1].trim())
    .filter((block) => block.includes('DASH_PLUGIN('));
  const sources = ['app.cpp', ...fs.readdirSync(path.join(exampleDir, 'pages')).map((f) => `pages/${f}`)]
    .filter((f) => f.endsWith('.cpp'))
    .map((f) => ({ file: f, text: withoutHeaderComment(fs.readFileSync(path.join(exampleDir, f), 'utf8')) }));
  assert.ok(blocks.length >= 2, `docs/pages.md should show the app and a page; found ${blocks.length} blocks`);
  for (const block of blocks) {
    const id = block.match(/DASH_PLUGIN\("([^"]+)"/)?.[1];
    const source = sources.find((s) => s.text.includes(`DASH_PLUGIN("${id}"`));
    assert.ok(source, `no example file declares ${id}`);
    assert.equal(block, source.text, `the block declaring ${id} differs from apps/examples/pages/${source.file}`);
  }
});
