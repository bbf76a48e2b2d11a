import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
  // SQL lives in src/db alone: its repositories take a database or a transaction, the domain composes them. No other
  // layer may reach the query builder, the drivers or the table definitions (row types are re-exported by the
  // repositories), nor run statements on a database handle.
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['drizzle-orm', 'drizzle-orm/*', 'pg', 'pg-copy-streams', '@electric-sql/pglite', '@electric-sql/pglite/*'],
              message: 'Queries and drivers belong in src/db: call a repository function (src/db/repositories) instead.',
            },
            {
              group: ['**/db/schema', '**/db/schema.js', '**/db/schema/*'],
              message: 'Table definitions belong in src/db: import row types and value lists from a repository.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.property.name=/^(select|selectDistinct|insert|update|delete|execute|query|exec)$/][callee.object.name=/^(db|tx)$/]",
          message: 'Statements run in src/db/repositories; the domain calls repository functions.',
        },
        {
          selector: "CallExpression[callee.property.name=/^(select|selectDistinct|insert|update|delete|execute|query|exec)$/][callee.object.property.name=/^(db|raw|pool|pglite)$/]",
          message: 'Statements run in src/db/repositories; the domain calls repository functions.',
        },
      ],
    },
  },
  // The server and the CLI (and the web app) open the connection and nothing more of src/db: migrations, health and
  // counts reach them through the domain (src/domain/installation.ts).
  {
    files: ['src/server/**/*.ts', 'src/cli/**/*.ts', 'src/web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['drizzle-orm', 'drizzle-orm/*', 'pg', 'pg-copy-streams', '@electric-sql/pglite', '@electric-sql/pglite/*'],
              message: 'Queries and drivers belong in src/db: call the domain instead.',
            },
            {
              group: ['**/db/*', '!**/db/client', '!**/db/client.js'],
              message: 'Only src/db/client (opening the connection) is infrastructure here; call the domain for the rest.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['bin/**/*.js', 'bench/**', 'scripts/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
