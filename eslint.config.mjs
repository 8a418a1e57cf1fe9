import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import jest from 'eslint-plugin-jest';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'public/', 'coverage/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      // Type-aware rules: each file is linted with the types tsconfig.json gives it.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
      // Promises: none left unhandled, none given where a callback's result is ignored, no await
      // of what is not one, no return that skips the catch around it; only Errors thrown or rejected.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/return-await': ['error', 'error-handling-correctness-only'],
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
    },
  },
  {
    files: ['tests/**'],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      // A focused or skipped test would pass the suite while checking less.
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      // supertest's .expect(200) asserts too, as does a helper named expect….
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', '**.expect', 'expectEveryPageFramed', 'expectFactsRight', 'expectKeptRight'] }],
    },
  },
  // This file is not in tsconfig.json, so it gets no type-aware rules.
  { files: ['**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    // Only Jest's set-up may lower the password hashing cost: no code that runs in production can.
    files: ['server/**', 'db/**', 'scripts/**'],
    ignores: ['server/access/passwords.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "Identifier[name='setPasswordCostForTests']", message: 'Only the tests may lower the password hashing cost (tests/support/cheap-hashes.ts).' }],
    },
  },
);
