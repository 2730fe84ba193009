// ESLint: typescript-eslint's recommended rules, and eslint-plugin-svelte's, whose a11y checks
// are the Svelte compiler's own warnings (so a missing label or a click without a key fails
// here as in svelte-check). Formatting is Prettier's job: eslint-config-prettier turns off
// every rule that would argue with it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'src/lib/bindings.ts', 'src/lib/commands.ts'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // Unused names are tsc's to refuse (noUnusedLocals/Parameters), with the same exceptions.
      '@typescript-eslint/no-unused-vars': 'off',
      // The compiler's warnings, a11y ones included, are errors, as under svelte-check.
      'svelte/valid-compile': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig },
    },
  },
);
