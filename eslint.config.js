import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ENGINE_SURFACE =
  'Import the engine from its index (engine/index.js), or engine/node.js for worker threads; its other files are internal.';

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'coverage/**', '.tmp/**', 'src/db/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // The engine's surface is `src/engine/index.ts` (and the Node-only `node.ts`); its other files are internal.
  // Tests of the engine itself (test/engine) may reach them.
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/engine/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)engine/(?!(index|node)\\.js$)', message: ENGINE_SURFACE }] }],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts', 'scripts/**/*.{ts,js}'],
    ignores: ['test/engine/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)src/engine/(?!(index|node)\\.js$)', message: ENGINE_SURFACE }] }],
    },
  },
  {
    files: ['bin/**/*.js', 'bench/**', 'scripts/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
