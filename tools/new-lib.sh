#!/usr/bin/env bash
# Scaffold libs/<name>: tools/new-lib.sh NAME "type:util" "scope:shared" [dep-lib ...]
set -euo pipefail
name=$1; type=$2; scope=$3; shift 3
dir=libs/$name
mkdir -p "$dir/src"
refs=""
for d in "$@"; do refs="$refs{ \"path\": \"../$d\" },"; done
refs="[${refs%,}]"
cat > "$dir/package.json" <<JSON
{
  "name": "@tinystack/$name",
  "version": "0.1.0",
  "private": true,
  "type": "module",
  "exports": {
    ".": { "types": "./dist/index.d.ts", "default": "./dist/index.js" }
  }
}
JSON
cat > "$dir/tsconfig.json" <<JSON
{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "rootDir": "src", "outDir": "dist" },
  "include": ["src/**/*.ts"],
  "references": $refs
}
JSON
cat > "$dir/project.json" <<JSON
{
  "name": "$name",
  "\$schema": "../../node_modules/nx/schemas/project-schema.json",
  "projectType": "library",
  "sourceRoot": "$dir/src",
  "tags": ["$type", "$scope"],
  "targets": {
    "build": { "executor": "nx:run-commands", "options": { "command": "tsc -b $dir" } },
    "test": { "executor": "nx:run-commands", "options": { "command": "node tools/run-tests.mjs --project $dir" } }
  }
}
JSON
