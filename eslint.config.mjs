import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'public/', 'coverage/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // Only Jest's set-up may lower the password hashing cost: no code that runs in production can.
    files: ['server/**', 'db/**', 'scripts/**'],
    ignores: ['server/access/passwords.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "Identifier[name='setPasswordCostForTests']", message: 'Only the tests may lower the password hashing cost (tests/support/cheap-hashes.ts).' }],
    },
  },
);
