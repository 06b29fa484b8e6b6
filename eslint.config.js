// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Layers of DESIGN.md, enforced: only main/app imports electron; the renderer reaches main only
 * through the contract; the contract runs anywhere; core knows no transport, store or hardware.
 */
const electron = { name: 'electron', message: 'Only main/app/ may import electron.' };
const nodeBuiltins = {
  regex: '^node:',
  message: 'This layer runs in the browser and in Electron preload as well: no Node built-ins.',
};
const outsideContract = (layer) => ({
  regex: '(^|/)(main/(app|core|store|api|boot)|native)(/|$)|^\\.\\./(app|core|store|api|boot)(/|$)',
  message: `${layer} may import from main only through main/contract.`,
});
const restrict = (...patterns) => ({
  'no-restricted-imports': ['error', { paths: [electron], patterns }],
});

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'node_modules/', 'test-artifacts/', '.kiosk-data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [electron] }],
    },
  },
  {
    files: ['main/app/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['test/unit/app/**/*.ts', 'test/e2e/electron*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(nodeBuiltins, {
        regex: '(^|/)(main/(app|core|store|api|boot)|native)(/|$)',
        message: 'The renderer imports main only through main/contract.',
      }),
    },
  },
  {
    files: ['main/contract/**/*.ts'],
    rules: restrict(nodeBuiltins, outsideContract('The contract')),
  },
  {
    files: ['main/core/**/*.ts'],
    rules: restrict({
      regex: '(^|/)(app|store|api|boot)/|(^|/)native/',
      message: 'Core knows no transport, store or hardware: define a port in main/core/ports.ts.',
    }),
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
