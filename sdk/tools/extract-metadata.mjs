#!/usr/bin/env node
// dashcpp-extract-metadata: component metadata of an npm component package, via react-docgen.
//
// usage: extract-metadata.mjs --package-dir DIR --out metadata.json --namespace NAME
//          [--sources SUBDIR] [--source-map FILE.map --source-filter REGEX] [--exclude REGEX]
//          [--module-alias PREFIX=SUBDIR]
//
// --sources reads the component sources the package ships (dcc: lib/components, dbc: src/components).
// --source-map reads the sources embedded in a published bundle's source map (sourcesContent): for
// packages that ship only a bundle (dash-html-components, dash-table) this is the exact code served,
// and for dcc it holds the original .react.js files that lib/ only has compiled. With both, a
// component found in --sources wins. --module-alias maps an import prefix to a package folder
// (dcc's TypeScript imports its types as 'src/types', shipped as lib/types.ts).
// The output is our normalised metadata (see normalise.mjs), one entry per component.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parse, makeFsImporter } from 'react-docgen';

import { normaliseComponent } from './lib/normalise.mjs';

function parseArguments(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i];
    if (!key.startsWith('--') || i + 1 >= argv.length) throw new Error(`bad argument '${key}'`);
    options[key.slice(2)] = argv[i + 1];
  }
  for (const required of ['package-dir', 'out', 'namespace'])
    if (!options[required]) throw new Error(`--${required} is required`);
  options['package-dir'] = path.resolve(options['package-dir']);
  if (!options.sources && !options['source-map']) throw new Error('give --sources and/or --source-map');
  return options;
}

function walk(dir) {
  const files = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...walk(full));
    else if (/\.(js|jsx|ts|tsx)$/.test(entry.name) && !/\.(test|spec)\./.test(entry.name)) files.push(full);
  }
  return files;
}

const rendererTypes = path.join(path.dirname(fileURLToPath(import.meta.url)), 'lib', 'dash-renderer-types.ts');

function withExtension(file) {
  for (const suffix of ['', '.ts', '.tsx', '.js', '.jsx', '/index.ts', '/index.js'])
    if (fs.existsSync(file + suffix) && fs.statSync(file + suffix).isFile()) return file + suffix;
  return null;
}

// Resolves imports for react-docgen: '@dash-renderer/types' (not on npm) to our declaration of it,
// --module-alias prefixes to package folders, the rest as Node would.
function makeImporter(options) {
  const aliases = [];
  if (options['module-alias']) {
    const [prefix, folder] = options['module-alias'].split('=');
    aliases.push([prefix, path.join(options['package-dir'], folder)]);
  }
  return makeFsImporter((name, basedir) => {
    if (name === '@dash-renderer/types') return rendererTypes;
    for (const [prefix, folder] of aliases)
      if (name.startsWith(prefix)) return withExtension(path.join(folder, name.slice(prefix.length)));
    if (name.startsWith('.')) return withExtension(path.resolve(basedir, name));
    return createRequire(path.join(basedir, 'index.js')).resolve(name);
  });
}

// [{filename, code, fromDisk}] of the component sources.
function readSources(options) {
  const exclude = options.exclude ? new RegExp(options.exclude) : null;
  const sources = [];
  if (options.sources) {
    const root = path.join(options['package-dir'], options.sources);
    for (const file of walk(root))
      if (!(exclude && exclude.test(file))) sources.push({ filename: file, code: fs.readFileSync(file, 'utf8'), fromDisk: true });
  }
  if (options['source-map']) sources.push(...readSourceMap(options, exclude));
  return sources;
}

function readSourceMap(options, exclude) {
  const map = JSON.parse(fs.readFileSync(path.join(options['package-dir'], options['source-map']), 'utf8'));
  const filter = new RegExp(options['source-filter'] || '.');
  const sources = [];
  map.sources.forEach((name, index) => {
    const code = (map.sourcesContent || [])[index];
    if (code && filter.test(name) && !(exclude && exclude.test(name)))
      sources.push({ filename: name.replace(/^webpack:\/\/[^/]*\//, ''), code, fromDisk: false });
  });
  return sources;
}

function main() {
  const options = parseArguments(process.argv.slice(2));
  const sources = readSources(options);
  if (sources.length === 0) throw new Error('no component sources found');
  const components = {};
  const problems = [];
  const importer = makeImporter(options);
  for (const { filename, code, fromDisk } of sources) {
    let docs;
    try {
      docs = parse(code, {
        filename,
        importer: fromDisk ? importer : undefined,
        babelOptions: { babelrc: false, configFile: false },
      });
    } catch (error) {
      if (!/No suitable component definition found/.test(error.message)) problems.push(`${filename}: ${error.message}`);
      continue;
    }
    // Dash names a component after its file (Graph.react.js holds `PlotlyGraph`).
    const fileName = path.basename(filename).split('.')[0];
    const withProps = docs.filter((doc) => doc.props);
    const doc = withProps.length === 1 ? withProps[0] : withProps.find((d) => d.displayName === fileName);
    if (!doc || components[fileName]) continue;
    components[fileName] = normaliseComponent(doc);
  }
  if (Object.keys(components).length === 0) throw new Error(`no components found:\n${problems.join('\n')}`);
  for (const problem of problems) console.error(`warning: ${problem}`);
  const packageJson = JSON.parse(fs.readFileSync(path.join(options['package-dir'], 'package.json'), 'utf8'));
  const metadata = {
    namespace: options.namespace,
    npm_package: packageJson.name,
    version: packageJson.version,
    components: Object.fromEntries(Object.entries(components).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
  fs.mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
  fs.writeFileSync(options.out, JSON.stringify(metadata, null, 1) + '\n');
  console.error(`${Object.keys(components).length} components of ${packageJson.name}@${packageJson.version} -> ${options.out}`);
}

try {
  main();
} catch (error) {
  console.error(`extract-metadata: ${error.message}`);
  process.exit(1);
}
