import { RuleTester } from 'eslint';
import { after, describe, it } from 'node:test';
import { noProcessEnv } from './no-process-env.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;
RuleTester.afterAll = after;

const tester = new RuleTester({ languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } });
const allow = [{ allow: ['CI', 'TINYSTACK_TEST_*'] }];

tester.run('no-process-env', noProcessEnv, {
  valid: [
    'const port = config.PORT;',
    'process.exitCode = 1; process.argv.slice(2);',
    'function f(process) { return process.env; }',
    'const env = { A: 1 }; env.A;',
    "import { argv } from 'node:process'; argv.length;",
    'someObject.env.PORT;',
    { code: 'if (process.env.CI) {}', options: allow },
    { code: "const url = process.env['TINYSTACK_TEST_DATABASE_URL'];", options: allow },
    { code: 'const s3 = process.env.TINYSTACK_TEST_S3_ENDPOINT;', options: allow },
  ],
  invalid: [
    { code: 'const p = process.env.PORT;', errors: [{ messageId: 'read' }] },
    { code: "const p = process['env'].PORT;", errors: [{ messageId: 'read' }] },
    { code: 'const p = globalThis.process.env.PORT;', errors: [{ messageId: 'read' }] },
    { code: 'load(process.env);', errors: [{ messageId: 'read' }] },
    { code: 'const { env } = process;', errors: [{ messageId: 'read' }] },
    { code: "import { env } from 'node:process';", errors: [{ messageId: 'read' }] },
    { code: "import proc from 'process'; proc.env.X;", errors: [{ messageId: 'read' }] },
    { code: "import * as p from 'node:process'; p.env.X;", errors: [{ messageId: 'read' }] },
    { code: 'process.env.PORT;', options: allow, errors: [{ messageId: 'read' }] },
    { code: 'process.env.TINYSTACK_DATA_DIR;', options: allow, errors: [{ messageId: 'read' }] },
    { code: 'process.env.C;', options: allow, errors: [{ messageId: 'read' }] },
    { code: 'const all = { ...process.env };', options: allow, errors: [{ messageId: 'read' }] },
    { code: "process.env.CI = 'true';", options: allow, errors: [{ messageId: 'write' }] },
    { code: 'delete process.env.CI;', options: allow, errors: [{ messageId: 'write' }] },
  ],
});
