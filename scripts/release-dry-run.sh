#!/usr/bin/env bash
# Rehearses a release without touching this checkout: clones the committed HEAD into a temporary directory, applies
# the pending changesets (`changeset version`), checks that every published @descent/* library got the same version
# (the fixed group) and, before 1.0, that no changeset pushed it to a new major, then builds and runs
# `pnpm -r publish --dry-run`. Uncommitted changes are not in the clone. About a minute, most of it the build.
# Usage: scripts/release-dry-run.sh   (RELEASE_ALLOW_MAJOR=1 to accept a major bump, such as the move to 1.0)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git clone --quiet "$repo" "$work/r"
cd "$work/r"
pnpm install --frozen-lockfile --offline >/dev/null 2>&1 || pnpm install --frozen-lockfile
before="$(node -p "require('./packages/tensor/package.json').version")"
pnpm changeset version
node - "$before" "${RELEASE_ALLOW_MAJOR:-0}" <<'EOF'
const { readdirSync, readFileSync, existsSync } = require('node:fs');
const [before, allowMajor] = process.argv.slice(2);
const fail = (message) => {
  console.error(`release-dry-run: ${message}`);
  process.exit(1);
};
const libraries = readdirSync('packages')
  .map((dir) => `packages/${dir}/package.json`)
  .filter((file) => existsSync(file))
  .map((file) => JSON.parse(readFileSync(file, 'utf8')))
  .filter((manifest) => manifest.private !== true);
for (const { name, version } of libraries) console.log(`${name}@${version}`);
const versions = new Set(libraries.map((manifest) => manifest.version));
if (versions.size !== 1) fail(`the fixed group split into versions ${[...versions].join(', ')}`);
const [after] = versions;
if (after === before) fail(`no pending changesets: the version stays ${before}`);
// A peer range that the next version leaves (workspace:^ before 1.0) makes changesets bump every library a major.
if (allowMajor !== '1' && after.split('.')[0] !== before.split('.')[0]) {
  fail(`${before} -> ${after} is a major bump; check peerDependencies ranges, or set RELEASE_ALLOW_MAJOR=1`);
}
EOF
pnpm build
pnpm -r publish --dry-run --no-git-checks
