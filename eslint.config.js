// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'out/', 'coverage/', 'scripts/*.mjs', 'bench/*.mjs', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
      '@typescript-eslint/no-unsafe-argument': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The SDK's code comes through src/shared/aws-sdk/, which the build bundles down to what is used
    // (a direct import would load the whole package beside the bundle); its types may come from anywhere.
    files: ['src/**/*.ts'],
    ignores: ['src/shared/aws-sdk/**'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@aws-sdk/*', '@smithy/*'],
              allowTypeImports: true,
              message: 'Import the SDK through src/shared/aws-sdk/ (see its README.md).',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression[source.value=/^@(aws-sdk|smithy)\\//]',
          message: 'Import the SDK through src/shared/aws-sdk/ (see its README.md).',
        },
      ],
    },
  },
  {
    // The HTML report's script runs in the browser (templates/report.js): plain script, no types.
    files: ['templates/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      sourceType: 'script',
      parserOptions: { projectService: false },
      globals: { document: 'readonly', Option: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
  },
);
