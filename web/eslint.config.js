import { readdirSync } from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The shared layers. Every other folder of src/ is a feature (a screen or area of the app): it may import its own
// files and the shared layers, never another feature; what two features need belongs in components or lib.
const SHARED = ['api', 'components', 'lib', 'forms', 'layout', 'pages', 'session', 'test'];
// styles holds the stylesheets, which main.tsx imports in cascade order.
const FEATURES = readdirSync(path.join(import.meta.dirname, 'src'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !SHARED.includes(entry.name) && entry.name !== 'styles')
  .map((entry) => entry.name);

/** Matches a relative import that climbs out to src/ and into one of `folders`, from any depth. */
function intoFolders(folders) {
  return `^(\\.\\./)+(${folders.join('|')})(/|$)`;
}

function noImportsFrom(folders, message) {
  return {
    'no-restricted-imports': ['error', { patterns: [{ regex: intoFolders(folders), message }] }],
  };
}

export default defineConfig(
  { ignores: ['dist', 'test-results', 'node_modules'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['public/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['e2e/**/*.ts', '*.{js,mjs,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      // `const { kind: _kind, ...rest } = x` is how a property is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    rules: {
      // useApiData(load, deps) re-runs `load` when deps change, so its list is checked like useEffect's.
      'react-hooks/exhaustive-deps': ['error', { additionalHooks: '^useApiData$' }],
      // The loading and preview hooks mark a request pending as their effect starts it, and a few forms reset or copy
      // fields when their inputs change; rewriting those around derived state changes behaviour, so it is its own change.
      'react-hooks/set-state-in-effect': 'off',
    },
  },
  ...FEATURES.map((feature) => ({
    files: [`src/${feature}/**/*.{ts,tsx}`],
    rules: noImportsFrom(
      FEATURES.filter((other) => other !== feature),
      `A feature imports only its own files and the shared layers (${SHARED.join(', ')}); move what two features share to src/components or src/lib.`,
    ),
  })),
  {
    files: SHARED.map((layer) => `src/${layer}/**/*.{ts,tsx}`),
    rules: noImportsFrom(FEATURES, 'The shared layers are used by features and never use one; App.tsx composes them.'),
  },
);
