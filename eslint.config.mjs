// `npm run lint`: ESLint 9 flat config: @eslint/js and typescript-eslint recommended,
// and Medusa's own conventions (@medusajs/eslint-plugin's recommended preset).
import js from "@eslint/js"
import medusa from "@medusajs/eslint-plugin"
import globals from "globals"
import tseslint from "typescript-eslint"

// The Medusa preset opens with a global-ignores object (an object holding nothing but
// `ignores`) that also ignores `**/integration-tests/**`, `**/__tests__/**`, `**/*.spec.*`
// and `**/*.test.*`: with it, no test was ever linted (`eslint integration-tests/...` said
// "File ignored"). Its rule blocks are kept; that one object is dropped, and the build
// output and caches it ignored are listed in our own ignores below.
const isGlobalIgnores = (block) => Object.keys(block).length === 1 && "ignores" in block
const medusaRecommended = medusa.configs.recommended.filter((block) => !isGlobalIgnores(block))

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/.medusa/**",
      "**/.yalc/**",
      "**/.cache/**",
      "**/dist/**",
      "**/build/**",
      "**/coverage/**",
      ".demo-data/**",
      ".test-data/**",
      "src/modules/loyalty-points/migrations/**",
      "src/admin/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...medusaRecommended,
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
    files: ["scripts/**", "bench/**", "src/scripts/**", "jest.config.js", "medusa-config.ts"],
    rules: { "@medusajs/use-medusa-error-not-generic-error": "off" },
  },
  {
    // Tests, linted like the rest. Three Medusa rules are off here, where they do not fit:
    // a test's own workflows and steps carry ids that name them as the test's
    // ("loyalty-points-test-...", "take-hook-unit-spec"), not after their file or variable;
    // and a test throws a plain Error to make a step or a hook handler fail.
    files: ["integration-tests/**", "**/__tests__/**", "**/*.spec.ts", "**/*.test.ts"],
    languageOptions: { globals: globals.jest },
    rules: {
      "@medusajs/step-id-kebab-case": "off",
      "@medusajs/workflow-id-matches-export-or-filename": "off",
      "@medusajs/use-medusa-error-not-generic-error": "off",
    },
  },
  {
    // Runs in the admin page, in headless Chromium.
    files: ["scripts/admin-e2e/**"],
    languageOptions: { globals: { ...globals.node, window: "readonly", document: "readonly" } },
  }
)
