// `npm run lint`: ESLint 9 flat config: @eslint/js and typescript-eslint recommended,
// and Medusa's own conventions (@medusajs/eslint-plugin's recommended preset).
import js from "@eslint/js"
import medusa from "@medusajs/eslint-plugin"
import globals from "globals"
import tseslint from "typescript-eslint"

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".medusa/**",
      ".demo-data/**",
      ".test-data/**",
      "src/modules/loyalty-points/migrations/**",
      "src/admin/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...medusa.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, fetch: "readonly" },
    },
    rules: {
      // `_name` marks a value left out on purpose (destructuring a field away).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      // An empty catch says "nothing to do when this fails" (a process already gone).
      "no-empty": ["error", { allowEmptyCatch: true }],
    },
  },
  {
    // Node scripts and configs are CommonJS.
    files: ["**/*.js", "**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Scripts and benchmarks are not Medusa code: a plain Error is what they throw.
    files: ["scripts/**", "bench/**", "integration-tests/**", "src/scripts/**", "jest.config.js", "medusa-config.ts"],
    rules: { "@medusajs/use-medusa-error-not-generic-error": "off" },
  },
  {
    files: ["integration-tests/**", "**/__tests__/**"],
    languageOptions: { globals: globals.jest },
  },
  {
    // Runs in the admin page, in headless Chromium.
    files: ["scripts/admin-e2e/**"],
    languageOptions: { globals: { ...globals.node, window: "readonly", document: "readonly" } },
  }
)
