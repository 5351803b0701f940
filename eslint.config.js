// ESLint (flat config): ESLint's and typescript-eslint's recommended rules, and the project's
// layering as import restrictions. `npm run lint`; part of `npm test`. Not type-aware: the typed
// rules cost ~45 s of CPU on the whole tree (typecheck already runs separately), these ~10 s.
import { builtinRules } from 'eslint/use-at-your-own-risk';
import tseslint from 'typescript-eslint';

// ESLint's own "recommended" set, read from the rules' metadata (the list @eslint/js ships,
// without adding that package).
const eslintRecommended = Object.fromEntries(
  [...builtinRules].filter(([, rule]) => rule.meta?.docs?.recommended).map(([name]) => [name, 'error']),
);

// Plain .mjs/.js scripts run on Node: their globals are the running Node's own.
const nodeGlobals = Object.fromEntries(Object.getOwnPropertyNames(globalThis).map((name) => [name, 'readonly']));

const noEmulator = {
  regex: '(^|/)emulator(/|$)',
  message: 'The engine, the UI and the AWS adapters never import the local cloud (src/emulator); only src/cli starts it.',
};
const noAwsSdk = {
  regex: '^@aws-sdk/',
  message: 'src/cloudformation is CloudFormation knowledge, not AWS I/O: SDK calls belong in src/aws (e.g. src/aws/cloudformation/).',
};
const noInk = {
  regex: '^(ink|react)(-[\\w-]+)?(/.*)?$',
  message: 'The engine, the AWS adapters and src/cloudformation never import Ink or React; renderers live in src/ui.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  { rules: eslintRecommended },
  tseslint.configs.recommended,
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    rules: {
      // `_name` marks a parameter or binding kept on purpose (a callback's signature, a skipped element).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Matching terminal escapes and control characters (ANSI codes, NUL, code-frame escaping) is deliberate here.
      'no-control-regex': 'off',
      // A variable assigned once but read earlier by a closure (set up before it exists) cannot be const.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    files: ['test/**'],
    // Tests reach into parsed JSON/YAML payloads whose shape the assertion itself states.
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // The layering (DESIGN.md): see also test/import-layering.test.ts, which checks folder cycles.
  { files: ['src/engine/**', 'src/aws/**'], rules: { 'no-restricted-imports': ['error', { patterns: [noEmulator, noInk] }] } },
  { files: ['src/cloudformation/**'], rules: { 'no-restricted-imports': ['error', { patterns: [noEmulator, noInk, noAwsSdk] }] } },
  { files: ['src/ui/**'], rules: { 'no-restricted-imports': ['error', { patterns: [noEmulator] }] } },
);
