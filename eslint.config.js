// ESLint 9 flat config for the whole workspace: `npm run lint` (= `eslint .`).
// TypeScript gets typescript-eslint with type information (projectService: each file is
// checked with the tsconfig.json of its project), Nx module boundaries on the project tags,
// and the repository's own rules (tools/lint-rules). Plain JS (tools/, this file) gets
// @eslint/js without type information. Formatting is Prettier's job (eslint-config-prettier).
import js from '@eslint/js';
import { createProjectGraphAsync } from '@nx/devkit';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier/flat';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { tinystackPlugin } from './tools/lint-rules/index.js';

const TS = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
// Tests, and test-support code (by convention in src/testing/ of a project).
const TESTS = [
  '**/*.test.ts',
  '**/*.test.tsx',
  '**/*.e2e.ts',
  'e2e/**/*.ts',
  '**/src/testing/**/*.ts',
];
// Benchmarks and their helpers (src/bench/ of a project).
const BENCHES = ['**/*.bench.ts', '**/src/bench/**/*.ts'];

// @nx/enforce-module-boundaries only reads Nx's cached project graph and silently skips
// itself when there is none, so compute (and cache) a fresh one first; ~2s.
const graph = await createProjectGraphAsync({ exitOnError: false });
const projects = Object.values(graph.nodes);
const tags = new Set(projects.flatMap((p) => p.data.tags ?? []));
const rootsTagged = (tag) =>
  projects.filter((p) => p.data.tags?.includes(tag)).map((p) => p.data.root);

// type:* layers (STYLE 13). Test files may also use the type:testing helpers.
const layers = [
  ['type:app', ['type:data-access', 'type:driver', 'type:contracts', 'type:util']],
  ['type:data-access', ['type:data-access', 'type:contracts', 'type:util']],
  ['type:util', ['type:util', 'type:contracts']],
  ['type:driver', ['type:contracts', 'type:util']],
  ['type:contracts', []],
];
// scope:<service> may use its own scope and scope:shared; scope:shared only itself.
const scopes = [...tags].filter((t) => t.startsWith('scope:'));
const scopeConstraints = scopes.map((s) => ({
  sourceTag: s,
  onlyDependOnLibsWithTags: s === 'scope:shared' ? [s] : [s, 'scope:shared'],
}));
const depConstraints = (inTests) => [
  ...layers.map(([sourceTag, allowed]) => ({
    sourceTag,
    onlyDependOnLibsWithTags: inTests ? [...allowed, 'type:testing'] : allowed,
  })),
  { sourceTag: 'type:testing', notDependOnLibsWithTags: ['type:app'] },
  // whole-cloud tests drive the services as processes, never by importing them
  { sourceTag: 'type:e2e', notDependOnLibsWithTags: ['type:app'] },
  ...scopeConstraints,
];
const boundaries = (inTests) => ({
  '@nx/enforce-module-boundaries': [
    'error',
    { enforceBuildableLibDependency: false, allow: [], depConstraints: depConstraints(inTests) },
  ],
});

// Services throw typed domain errors; each transport maps them once (STYLE 8).
const HTTP_EXCEPTIONS = [
  'HttpException',
  'BadRequestException',
  'UnauthorizedException',
  'ForbiddenException',
  'NotFoundException',
  'MethodNotAllowedException',
  'NotAcceptableException',
  'RequestTimeoutException',
  'ConflictException',
  'GoneException',
  'PreconditionFailedException',
  'PayloadTooLargeException',
  'UnsupportedMediaTypeException',
  'UnprocessableEntityException',
  'ImATeapotException',
  'MisdirectedException',
  'InternalServerErrorException',
  'NotImplementedException',
  'BadGatewayException',
  'ServiceUnavailableException',
  'GatewayTimeoutException',
  'HttpVersionNotSupportedException',
];

export default defineConfig([
  globalIgnores([
    '**/dist/',
    '**/node_modules/',
    '**/.next/',
    '**/next-env.d.ts',
    '**/coverage/',
    '.nx/',
    '.tinystack/',
    'libs/contracts/src/gen/',
  ]),

  { plugins: { '@nx': nx, tinystack: tinystackPlugin } },

  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },

  {
    files: TS,
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['apps/*/*.ts', 'apps/*/*.mts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test's test() and describe() return promises the runner awaits itself
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      ...boundaries(false),
      'tinystack/no-process-env': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports only (STYLE 15).' },
      ],
      'max-lines-per-function': ['warn', { max: 40, skipBlankLines: true, skipComments: true }],
    },
  },

  // Rules for everything, after eslint-config-prettier (which turns `curly` off).
  prettier,
  {
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      curly: ['error', 'all'],
      'max-lines': ['warn', 400],
    },
  },

  {
    files: ['apps/*/src/**/*.service.ts', 'libs/*/src/**/*.service.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs/common',
              importNames: HTTP_EXCEPTIONS,
              message:
                'Services throw typed DomainErrors (@tinystack/errors); the transport maps them (STYLE 8).',
            },
            {
              name: '@nestjs/microservices',
              importNames: ['RpcException'],
              message:
                'Services throw typed DomainErrors (@tinystack/errors); the transport maps them (STYLE 8).',
            },
          ],
        },
      ],
    },
  },

  // Drivers (the hypervisor, blob stores) never touch the database (STYLE 5, 6).
  ...rootsTagged('type:driver').map((root) => ({
    files: [`${root}/**/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['typeorm', 'typeorm/*', '@nestjs/typeorm', '@tinystack/db'],
              message: 'A driver (type:driver) never touches the database (STYLE 5, 6).',
            },
          ],
        },
      ],
    },
  })),

  // Service logs are pino JSON lines (STYLE 11); the CLI and the dashboard may print.
  {
    files: ['apps/*/src/**/*.ts', 'libs/*/src/**/*.ts'],
    ignores: ['apps/cli/**', 'apps/dashboard/**', ...TESTS, ...BENCHES],
    rules: { 'no-console': 'warn' },
  },

  {
    files: [...TESTS, ...BENCHES],
    rules: {
      ...boundaries(true),
      'max-lines-per-function': 'off',
      // assertions on parsed JSON bodies: typing each response adds nothing to a test
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },

  // Tests may read the variables that point them at test servers (npm test and .ci/run set
  // TINYSTACK_TEST_DATABASE_URL; CI makes a missing one an error; see libs/testing).
  {
    files: [...TESTS, 'libs/testing/**/*.ts'],
    rules: { 'tinystack/no-process-env': ['error', { allow: ['CI', 'TINYSTACK_TEST_*'] }] },
  },

  // Benchmarks are tooling (tools/bench.mjs runs them): they spawn services and print.
  {
    files: BENCHES,
    rules: { 'tinystack/no-process-env': 'off', 'no-console': 'off' },
  },

  // Where the environment is the input: config parsing, the CLI, tooling, whole-cloud tests.
  {
    files: ['libs/config/**', 'apps/cli/**', 'tools/**', 'e2e/**'],
    rules: { 'tinystack/no-process-env': 'off' },
  },

  // Long by nature: migrations list their DDL, React components their markup.
  {
    files: ['**/src/migrations/**/*.ts', '**/*.tsx'],
    rules: { 'max-lines-per-function': 'off' },
  },

  // Next.js routes, layouts and config need default exports.
  {
    files: ['apps/dashboard/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
]);
