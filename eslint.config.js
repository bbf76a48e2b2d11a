import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Import boundaries. ESLint applies the last matching setting of a rule, so each file group below lists every
// pattern that holds for it.

const ENGINE_SURFACE = 'Import the engine from its index (engine/index.js), or engine/node.js for worker threads; its other files are internal.';
/** The engine's surface is src/engine/index.ts (and the Node-only node.ts); its other files are internal. */
const engineFromSrc = { regex: '(^|/)engine/(?!(index|node)\\.js$)', message: ENGINE_SURFACE };
const engineFromOutside = { regex: '(^|/)src/engine/(?!(index|node)\\.js$)', message: ENGINE_SURFACE };

// SQL lives in src/db alone: its repositories take a database or a transaction, the domain composes them. No other
// layer may reach the query builder, the drivers or the table definitions (row types are re-exported by the
// repositories), nor run statements on a database handle.
const drivers = {
  group: ['drizzle-orm', 'drizzle-orm/*', 'pg', 'pg-copy-streams', '@electric-sql/pglite', '@electric-sql/pglite/*'],
  message: 'Queries and drivers belong in src/db: call a repository function (src/db/repositories) instead.',
};
const tables = {
  group: ['**/db/schema', '**/db/schema.js', '**/db/schema/*'],
  message: 'Table definitions belong in src/db: import row types and value lists from a repository.',
};
// The server and the CLI (and the web app) open the connection and nothing more of src/db: migrations, health and
// counts reach them through the domain (src/domain/installation.ts).
const dbButClient = {
  group: ['**/db/*', '!**/db/client', '!**/db/client.js'],
  message: 'Only src/db/client (opening the connection) is infrastructure here; call the domain for the rest.',
};
const statementCall = 'Statements run in src/db/repositories; the domain calls repository functions.';

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
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/db/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(select|selectDistinct|insert|update|delete|execute|query|exec)$/][callee.object.name=/^(db|tx)$/]',
          message: statementCall,
        },
        {
          selector:
            'CallExpression[callee.property.name=/^(select|selectDistinct|insert|update|delete|execute|query|exec)$/][callee.object.property.name=/^(db|raw|pool|pglite)$/]',
          message: statementCall,
        },
      ],
    },
  },
  { files: ['src/domain/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [drivers, tables, engineFromSrc] }] } },
  { files: ['src/engine/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [drivers, tables] }] } },
  {
    files: ['src/server/**/*.ts', 'src/cli/**/*.ts', 'src/web/**/*.{ts,tsx}', 'src/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [drivers, dbButClient, engineFromSrc] }] },
  },
  {
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts', 'scripts/**/*.{ts,js}'],
    ignores: ['test/engine/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [engineFromOutside] }] },
  },
  {
    files: ['bin/**/*.js', 'bench/**', 'scripts/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
