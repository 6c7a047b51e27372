// Shared by the out-of-tree tests (consumer.test.mjs, readme.test.mjs): the dashcpp build tree to
// install from (DASHCPP_BUILD_DIR, default build/), a fresh install into a prefix, and running the
// build tools with their output on failure.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const buildDir = path.resolve(process.env.DASHCPP_BUILD_DIR || path.join(repo, 'build'));

export function run(command, args, cwd = undefined) {
  execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
}

// cmake --install of the build tree into a fresh `prefix`.
export function installInto(prefix) {
  fs.rmSync(prefix, { recursive: true, force: true });
  run('cmake', ['--install', buildDir, '--prefix', prefix]);
}

// Configure options that reuse ccache when the machine has it.
export const launcher = fs.existsSync('/usr/bin/ccache') ? ['-DCMAKE_CXX_COMPILER_LAUNCHER=ccache'] : [];
