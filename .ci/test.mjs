#!/usr/bin/env node
/**
 * `npm test` (README "Tests"): every check the project has, with one line of time per phase at the end so that
 * a slow phase is visible.
 *
 * On 2 cores the run is bound by CPU, so the phases are packed to keep both cores busy and nothing else:
 * the typecheck, the three parts of lint, the Chromium check and the build start together; the unit tests
 * start when the typecheck and Prettier are done (ESLint, single-threaded, runs on beside them); e2e starts
 * alone once every other phase has passed, so that its browser timing never competes with another phase. A
 * phase's output is printed whole when it ends (e2e's as it runs). The first failure stops the phases still
 * running and starts no more; the summary is printed either way.
 */
import { spawn } from 'node:child_process';

/** @typedef {{ name: string, command: string, args: string[], after?: string[], alone?: boolean }} Phase */

/** What Prettier checks (the same list as `npm run lint` and `npm run format`). */
const FORMATTED = ['src', 'mocks', 'e2e', '.ci', 'vite.config.ts', 'eslint.config.js'];

/** @type {Phase[]} */
const phases = [
  { name: 'typecheck', command: 'npx', args: ['tsc', '--noEmit', '-p', 'tsconfig.json'] },
  // `npm run lint`, in its three parts, so that they share the two cores with the rest.
  { name: 'format', command: 'npx', args: ['prettier', '--check', '--log-level', 'warn', ...FORMATTED] },
  { name: 'eslint', command: 'npx', args: ['eslint', '--max-warnings', '0', '.'] },
  { name: 'knip', command: 'npx', args: ['knip', '--no-progress'] },
  { name: 'chromium', command: 'bash', args: ['e2e/ensure-chromium.sh'] },
  { name: 'build', command: 'npx', args: ['vite', 'build', '--logLevel', 'warn'] },
  { name: 'unit', command: 'npx', args: ['vitest', 'run'], after: ['typecheck', 'format'] },
  {
    name: 'e2e',
    command: 'npx',
    args: ['playwright', 'test', '-c', 'e2e/playwright.config.ts'],
    after: ['typecheck', 'format', 'eslint', 'knip', 'chromium', 'build', 'unit'],
    alone: true,
  },
];

/** @type {{ name: string, seconds: number, state: 'passed' | 'FAILED' | 'stopped' }[]} */
const results = [];
/** @type {Map<string, import('node:child_process').ChildProcess>} */
const running = new Map();
/** @type {Set<string>} */
const passed = new Set();
let failed = false;

/**
 * Runs one phase. Alone, it inherits the terminal; beside others, its output is collected and printed at once.
 * @param {Phase} phase @returns {Promise<void>}
 */
function run(phase) {
  const started = performance.now();
  const alone = phase.alone === true;
  return new Promise((resolve) => {
    const child = spawn(phase.command, phase.args, {
      stdio: alone ? 'inherit' : 'pipe',
      env: process.env,
      // Its own process group, so that a failure elsewhere stops it with everything it started.
      detached: true,
    });
    running.set(phase.name, child);
    /** @type {Buffer[]} */
    const output = [];
    child.stdout?.on('data', (chunk) => output.push(chunk));
    child.stderr?.on('data', (chunk) => output.push(chunk));
    let done = false;
    const finish = (/** @type {boolean} */ ok) => {
      if (done) return;
      done = true;
      running.delete(phase.name);
      const seconds = (performance.now() - started) / 1000;
      const state = ok ? 'passed' : stopped.has(phase.name) ? 'stopped' : 'FAILED';
      results.push({ name: phase.name, seconds, state });
      if (!alone && state !== 'stopped') {
        process.stdout.write(`\n── ${phase.name} (${seconds.toFixed(0)} s, ${state}) ──\n`);
        process.stdout.write(Buffer.concat(output));
      }
      if (ok) passed.add(phase.name);
      else if (!failed) stopAll();
      // What the phase started (servers, browsers) goes with it.
      if (child.pid) signalGroup(child.pid, 'SIGTERM');
      resolve();
    };
    child.on('error', (error) => {
      output.push(Buffer.from(`${phase.name}: ${error.message}\n`));
      finish(false);
    });
    child.on('close', (code) => finish(code === 0));
  });
}

/** @param {number} pid @param {NodeJS.Signals} signal */
function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** @type {Set<string>} */
const stopped = new Set();

/** Stops every running phase: SIGTERM to its process group, SIGKILL to what is left 5 s later. */
function stopAll() {
  failed = true;
  for (const [name, child] of running) {
    if (!child.pid) continue;
    stopped.add(name);
    signalGroup(child.pid, 'SIGTERM');
    const pid = child.pid;
    setTimeout(() => signalGroup(pid, 'SIGKILL'), 5_000).unref();
  }
}

// The phases run in process groups of their own: pass Ctrl-C (or CI's stop) on to them.
const EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
  process.on(signal, () => {
    // Leaving now: no time for a grace period, nothing may outlive the run (servers on the e2e ports).
    for (const child of running.values()) if (child.pid) signalGroup(child.pid, 'SIGKILL');
    process.exit(EXIT_CODES[signal]);
  });
}

const started = performance.now();
/** @type {Set<string>} */
const launched = new Set();
/** @type {Set<Promise<void>>} */
const active = new Set();
const ready = (/** @type {Phase} */ phase) => (phase.after ?? []).every((name) => passed.has(name));

// Starts what is ready, then waits for a phase to end, until all have run or one failed.
for (;;) {
  if (!failed) {
    for (const phase of phases) {
      if (launched.has(phase.name) || !ready(phase)) continue;
      launched.add(phase.name);
      const ended = run(phase).then(() => {
        active.delete(ended);
      });
      active.add(ended);
    }
  }
  if (active.size === 0) break;
  await Promise.race(active);
}
const total = (performance.now() - started) / 1000;
const ok = !failed && passed.size === phases.length;

process.stdout.write('\nnpm test, time per phase (all but e2e run side by side; e2e runs alone, last):\n');
for (const { name, seconds, state } of results) {
  process.stdout.write(`  ${name.padEnd(10)} ${seconds.toFixed(1).padStart(6)} s  ${state}\n`);
}
for (const phase of phases) {
  if (!launched.has(phase.name)) process.stdout.write(`  ${phase.name.padEnd(10)}      –    not run\n`);
}
process.stdout.write(`  ${'total'.padEnd(10)} ${total.toFixed(1).padStart(6)} s  ${ok ? 'passed' : 'FAILED'}\n`);
process.exit(ok ? 0 : 1);
