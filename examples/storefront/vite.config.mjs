import path from "node:path"
import { fileURLToPath } from "node:url"
import { defineConfig } from "vite"

const here = path.dirname(fileURLToPath(import.meta.url))

// The kit is imported by its package name, as a storefront does. Here it resolves to the
// kit's source in this repository, so the example needs no build of the plugin first.
export default defineConfig({
  root: here,
  // React 17+ JSX without a plugin (esbuild does the transform; no fast refresh needed here).
  esbuild: { jsx: "automatic" },
  resolve: {
    alias: { "medusa-loyalty-points/storefront": path.resolve(here, "../../src/storefront/index.ts") },
  },
  build: { outDir: path.resolve(here, "dist"), emptyOutDir: true },
  logLevel: "warn",
})
