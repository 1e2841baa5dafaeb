#!/usr/bin/env node
/**
 * npm's `prepare` script: builds `.medusa/server` when the package is installed from
 * source (`npm install <git url>`, `npm install --install-links <path>`, `npm install <path>`),
 * because `.medusa/` is git-ignored and `files` ships only `.medusa/server`.
 *
 * npm also runs `prepare` on a plain `npm install` inside the repository (a developer's
 * checkout, CI, the fresh-machine check). There the build is skipped: tests and the demo
 * run from `src/`, and `npm run build` builds on demand. The cases, told apart by npm's
 * own environment:
 *  - npm packing a directory or a git clone for install (pacote's DirFetcher) sets
 *    `npm_package_resolved` to the package folder: build.
 *  - `npm install <path>` of a linked folder runs `prepare` with `INIT_CWD` (the folder
 *    npm was invoked in) outside the package: build.
 *  - `npm install` in the package's own folder (INIT_CWD is the package, and nothing
 *    packs it): skip. Includes pacote's preparatory install inside a git clone, which is
 *    followed by the DirFetcher's own `prepare` (the first case).
 *  LOYALTY_POINTS_BUILD=1 forces the build, LOYALTY_POINTS_BUILD=0 skips it.
 *
 * The Medusa CLI and the build tools come from the package's own node_modules (a git
 * install installs the devDependencies first), else from the project that installs it.
 */
const { spawnSync } = require("child_process")
const fs = require("fs")
const path = require("path")

const root = path.resolve(__dirname, "..")
const env = process.env
const initCwd = env.INIT_CWD ? path.resolve(env.INIT_CWD) : root

function decide() {
  if (env.LOYALTY_POINTS_BUILD === "1") return [true, "LOYALTY_POINTS_BUILD=1"]
  if (env.LOYALTY_POINTS_BUILD === "0") return [false, "LOYALTY_POINTS_BUILD=0"]
  if (env.npm_package_resolved) return [true, "npm is packing this folder for an install"]
  if (fs.realpathSync(initCwd) !== fs.realpathSync(root)) return [true, `installed into ${initCwd}`]
  return [false, "npm install inside the repository (run `npm run build` to build .medusa/server)"]
}

function findMedusaCli() {
  for (const base of [root, initCwd]) {
    try {
      return require.resolve("@medusajs/cli/cli.js", { paths: [base] })
    } catch {}
  }
  return null
}

const [build, why] = decide()
if (!build) {
  console.log(`medusa-loyalty-points prepare: build skipped (${why})`)
  process.exit(0)
}
const cli = findMedusaCli()
if (!cli) {
  console.error(
    "medusa-loyalty-points prepare: cannot build .medusa/server: @medusajs/cli is not installed here or in " +
      `${initCwd}. Install the store's Medusa packages first, or install a packed tarball (npm pack).`
  )
  process.exit(1)
}
// A folder installed by path may have no node_modules of its own: build against the
// installing project's packages (TypeScript, Medusa's types), then take the link away.
let linked = null
if (!fs.existsSync(path.join(root, "node_modules")) && fs.existsSync(path.join(initCwd, "node_modules"))) {
  linked = path.join(root, "node_modules")
  fs.symlinkSync(path.join(initCwd, "node_modules"), linked, "dir")
}
// Built against a store's packages, the kit's React components find no @types/react (a
// store has React, not its types), and under `strict` every JSX element would be an
// implicit-any error that fails the build. The code was type-checked with its own dev
// dependencies (npm run typecheck, in CI); this build only has to emit it.
const tsconfigPath = path.join(root, "tsconfig.json")
const tsconfig = fs.readFileSync(tsconfigPath, "utf8")
if (linked && !fs.existsSync(path.join(initCwd, "node_modules", "@types", "react"))) {
  const relaxed = JSON.parse(tsconfig)
  relaxed.compilerOptions = { ...relaxed.compilerOptions, noImplicitAny: false }
  fs.writeFileSync(tsconfigPath, JSON.stringify(relaxed, null, 2))
}
console.log(`medusa-loyalty-points prepare: building .medusa/server (${why})`)
const started = Date.now()
let result
try {
  result = spawnSync(process.execPath, [cli, "plugin:build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...env, MEDUSA_DISABLE_TELEMETRY: "true" },
  })
} finally {
  fs.writeFileSync(tsconfigPath, tsconfig)
  if (linked) fs.unlinkSync(linked)
}
if (result.status !== 0 || !fs.existsSync(path.join(root, ".medusa", "server", "src", "modules", "loyalty-points", "index.js"))) {
  console.error(`medusa-loyalty-points prepare: medusa plugin:build failed (exit ${result.status})`)
  process.exit(result.status || 1)
}
console.log(`medusa-loyalty-points prepare: built in ${((Date.now() - started) / 1000).toFixed(0)}s`)
