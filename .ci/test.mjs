#!/usr/bin/env node
/**
 * `npm test` (README "Tests"): every check the project has, in phases, with one line of time per phase at the
 * end so that a slow phase is visible. Typecheck, lint (Prettier, ESLint, knip) and the Chromium check are
 * independent and run side by side (their output is printed whole when each ends); unit, build and e2e
 * follow one after another, since each of them uses both cores. The first failing phase stops the run; the summary is printed either way.
 */
import { spawn } from 'node:child_process';

/** @typedef {{ name: string, command: string, args: string[] }} Phase */

/** What Prettier checks (the same list as `npm run lint` and `npm run format`). */
const FORMATTED = ['src', 'mocks', 'e2e', '.ci', 'vite.config.ts', 'eslint.config.js'];

/** @type {Phase[][]} */
const stages = [
  [
    { name: 'typecheck', command: 'npx', args: ['tsc', '--noEmit', '-p', 'tsconfig.json'] },
    // `npm run lint`, in its three parts, so that they share the two cores with the typecheck.
    { name: 'format', command: 'npx', args: ['prettier', '--check', '--log-level', 'warn', ...FORMATTED] },
    { name: 'eslint', command: 'npx', args: ['eslint', '--max-warnings', '0', '.'] },
    { name: 'knip', command: 'npx', args: ['knip', '--no-progress'] },
    { name: 'chromium', command: 'bash', args: ['e2e/ensure-chromium.sh'] },
  ],
  [{ name: 'unit', command: 'npx', args: ['vitest', 'run'] }],
  [{ name: 'build', command: 'npx', args: ['vite', 'build', '--logLevel', 'warn'] }],
  [{ name: 'e2e', command: 'npx', args: ['playwright', 'test', '-c', 'e2e/playwright.config.ts'] }],
];

/** @type {{ name: string, seconds: number, ok: boolean }[]} */
const results = [];

/**
 * Runs one phase. Alone, it inherits the terminal; side by side, its output is collected and printed at once.
 * @param {Phase} phase @param {boolean} alone @returns {Promise<boolean>}
 */
function run(phase, alone) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(phase.command, phase.args, { stdio: alone ? 'inherit' : 'pipe', env: process.env });
    /** @type {Buffer[]} */
    const output = [];
    child.stdout?.on('data', (chunk) => output.push(chunk));
    child.stderr?.on('data', (chunk) => output.push(chunk));
    const finish = (/** @type {boolean} */ ok) => {
      const seconds = (performance.now() - started) / 1000;
      results.push({ name: phase.name, seconds, ok });
      if (!alone) {
        process.stdout.write(`\n── ${phase.name} (${seconds.toFixed(0)} s, ${ok ? 'passed' : 'FAILED'}) ──\n`);
        process.stdout.write(Buffer.concat(output));
      }
      resolve(ok);
    };
    child.on('error', (error) => {
      output.push(Buffer.from(`${phase.name}: ${error.message}\n`));
      finish(false);
    });
    child.on('close', (code) => finish(code === 0));
  });
}

const started = performance.now();
let ok = true;
for (const stage of stages) {
  const passed = await Promise.all(stage.map((phase) => run(phase, stage.length === 1)));
  if (passed.includes(false)) {
    ok = false;
    break;
  }
}
const total = (performance.now() - started) / 1000;

process.stdout.write('\nnpm test, time per phase (typecheck, the lint parts and chromium run side by side):\n');
for (const { name, seconds, ok: passed } of results) {
  process.stdout.write(`  ${name.padEnd(10)} ${seconds.toFixed(1).padStart(6)} s  ${passed ? 'passed' : 'FAILED'}\n`);
}
process.stdout.write(`  ${'total'.padEnd(10)} ${total.toFixed(1).padStart(6)} s  ${ok ? 'passed' : 'FAILED'}\n`);
process.exit(ok ? 0 : 1);
