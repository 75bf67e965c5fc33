// The `tinystack` ESLint plugin: rules for invariants of this repository that can be checked
// mechanically (STYLE 14). Each rule has a RuleTester test next to it, run by npm test.
// (Not in tools/eslint-rules: @nx/eslint-plugin loads that directory itself as TypeScript
// workspace rules, which needs swc-node or ts-node, and prints an error on every lint without.)
import { noProcessEnv } from './no-process-env.js';

export const tinystackPlugin = {
  meta: { name: 'tinystack' },
  rules: {
    'no-process-env': noProcessEnv,
  },
};
