// The one test command: system prerequisites, lint and format, types, build, then every vitest
// project (unit, integration, e2e). Ends with one line "N passed, N failed" over everything run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { missingPrerequisites } from './prerequisites.mjs';

const missing = missingPrerequisites();
if (missing.length > 0) {
  console.error('The tests need programs this machine does not have:');
  for (const item of missing) console.error(`  - ${item.what}`);
  console.error(
    `Install them with:\n  sudo apt-get update && sudo apt-get install -y ${missing.map((m) => m.apt).join(' ')}`,
  );
  console.log(`0 passed, ${missing.length} failed`);
  process.exit(1);
}

const run = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status === 0;
const npx = (...args) => run('npx', ['--no-install', ...args]);

const checks = [
  ['lint (eslint, including the layer rules)', () => npx('eslint', '.')],
  ['format (prettier)', () => npx('prettier', '--check', '.')],
  ['types of main, native and tests (tsconfig.node.json)', () => npx('tsc', '-p', 'tsconfig.node.json')],
  ['types of the e2e tests and bench, Node plus DOM (tsconfig.e2e.json)', () => npx('tsc', '-p', 'tsconfig.e2e.json')],
  ['types of the renderer (tsconfig.web.json)', () => npx('tsc', '-p', 'tsconfig.web.json')],
  ['build (renderer, main, preload)', () => run('npm', ['run', '--silent', 'build'])],
];

let passed = 0;
let failed = 0;
for (const [name, check] of checks) {
  console.log(`\n── ${name}`);
  if (check()) {
    passed += 1;
  } else {
    failed += 1;
    console.log(`✗ ${name} failed`);
  }
}

const resultsFile = 'test-artifacts/vitest-results.json';
mkdirSync('test-artifacts', { recursive: true });
console.log('\n── tests (vitest: unit, integration, e2e)');
npx('vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile}`);

let results;
try {
  results = JSON.parse(readFileSync(resultsFile, 'utf8'));
} catch {
  console.log('✗ vitest wrote no results');
  failed += 1;
}
if (results) {
  passed += results.numPassedTests;
  failed +=
    results.numFailedTests +
    results.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
  const skipped = results.testResults.flatMap((file) =>
    file.assertionResults.filter((test) => test.status === 'skipped' || test.status === 'pending'),
  );
  if (skipped.length > 0) {
    console.log(`\nSkipped (${skipped.length}), each with its reason:`);
    for (const test of skipped)
      console.log(`  - ${test.fullName}${test.meta?.skipReason ? `: ${test.meta.skipReason}` : ''}`);
  }
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
