// tinystack/no-process-env: configuration is parsed once, typed and frozen by
// @tinystack/config, and `process.env` is read nowhere else (STYLE 10). eslint.config.js
// turns the rule off in libs/config, tools/, e2e/ and apps/cli (which spawns services
// with an environment), and lets test helpers read a few named variables via `allow`.
//
// Catches process.env, process['env'], globalThis.process.env, `const { env } = process`,
// `import { env } from 'node:process'` and `import proc from 'node:process'; proc.env`.
// With { allow: ['CI', 'TINYSTACK_TEST_*'] }, `process.env.CI`, `process.env['CI']` and
// `process.env.TINYSTACK_TEST_S3_ENDPOINT` may be read (never written); a trailing * is a prefix.

const PROCESS_MODULES = new Set(['process', 'node:process']);
const GLOBAL_OBJECTS = new Set(['globalThis', 'global']);

/** The static name of a member's property: a.b, a['b'], a[`b`]; otherwise null. */
function propertyName(member) {
  const p = member.property;
  if (!member.computed && p.type === 'Identifier') {
    return p.name;
  }
  if (p.type === 'Literal' && typeof p.value === 'string') {
    return p.value;
  }
  if (p.type === 'TemplateLiteral' && p.expressions.length === 0) {
    return p.quasis[0].value.cooked;
  }
  return null;
}

function findVariable(scope, name) {
  for (let s = scope; s; s = s.upper) {
    const v = s.set.get(name);
    if (v) {
      return v;
    }
  }
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
export const noProcessEnv = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Read environment variables only through @tinystack/config (STYLE 10)',
    },
    schema: [
      {
        type: 'object',
        properties: { allow: { type: 'array', items: { type: 'string' }, uniqueItems: true } },
        additionalProperties: false,
      },
    ],
    messages: {
      read:
        'Read configuration through @tinystack/config, not process.env (STYLE 10): add a field to ' +
        "the app's config. process.env is used only in libs/config, tools/, e2e/ and apps/cli.",
      write:
        'Do not modify process.env.{{name}}: build the config object the code needs instead (STYLE 10).',
    },
  },

  create(context) {
    const allowed = context.options[0]?.allow ?? [];
    const isAllowed = (name) =>
      allowed.some((a) => (a.endsWith('*') ? name.startsWith(a.slice(0, -1)) : name === a));
    const { sourceCode } = context;

    /** Is this expression the real `process` object (not a local variable that happens to be called so)? */
    function isProcess(node) {
      if (node.type === 'MemberExpression') {
        return (
          node.object.type === 'Identifier' &&
          GLOBAL_OBJECTS.has(node.object.name) &&
          !findVariable(sourceCode.getScope(node), node.object.name)?.defs.length &&
          propertyName(node) === 'process'
        );
      }
      if (node.type !== 'Identifier') {
        return false;
      }
      const variable = findVariable(sourceCode.getScope(node), node.name);
      if (!variable || variable.defs.length === 0) {
        return node.name === 'process'; // the global
      }
      const def = variable.defs[0];
      return def.type === 'ImportBinding' && PROCESS_MODULES.has(def.parent.source.value);
    }

    function checkEnvAccess(envNode) {
      const parent = envNode.parent;
      const name =
        parent.type === 'MemberExpression' && parent.object === envNode
          ? propertyName(parent)
          : null;
      if (name === null || !isAllowed(name)) {
        context.report({ node: envNode, messageId: 'read' });
        return;
      }
      const up = parent.parent;
      const written =
        (up.type === 'AssignmentExpression' && up.left === parent) ||
        up.type === 'UpdateExpression' ||
        (up.type === 'UnaryExpression' && up.operator === 'delete');
      if (written) {
        context.report({ node: parent, messageId: 'write', data: { name } });
      }
    }

    return {
      MemberExpression(node) {
        if (propertyName(node) === 'env' && isProcess(node.object)) {
          checkEnvAccess(node);
        }
      },
      VariableDeclarator(node) {
        if (node.id.type !== 'ObjectPattern' || !node.init || !isProcess(node.init)) {
          return;
        }
        for (const prop of node.id.properties) {
          if (
            prop.type === 'Property' &&
            !prop.computed &&
            prop.key.type === 'Identifier' &&
            prop.key.name === 'env'
          ) {
            context.report({ node: prop, messageId: 'read' });
          }
        }
      },
      ImportDeclaration(node) {
        if (!PROCESS_MODULES.has(node.source.value)) {
          return;
        }
        for (const spec of node.specifiers) {
          if (
            spec.type === 'ImportSpecifier' &&
            (spec.imported.name ?? spec.imported.value) === 'env'
          ) {
            context.report({ node: spec, messageId: 'read' });
          }
        }
      },
    };
  },
};
