const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

const transform = {
  "^.+\\.[jt]sx?$": [
    "@swc/jest",
    { jsc: { parser: { syntax: "typescript", decorators: true } } },
  ],
}

const shared = {
  transform,
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/", "<rootDir>/.demo-data/", "<rootDir>/.test-data/"],
  setupFiles: ["<rootDir>/integration-tests/setup.js"],
}

// TEST_TYPE picks one suite; scripts/test.js runs them in order so each gets a clean process.
const testMatch = {
  unit: ["<rootDir>/src/**/__tests__/**/*.unit.spec.[jt]s"],
  "integration:modules": ["<rootDir>/integration-tests/modules/**/*.spec.[jt]s"],
  "integration:http": ["<rootDir>/integration-tests/http/**/*.spec.[jt]s"],
  // Not part of npm test: npm run test:cluster (scripts/test-cluster.js) runs it where Redis is.
  "integration:cluster": ["<rootDir>/integration-tests/cluster/**/*.spec.[jt]s"],
}[process.env.TEST_TYPE || "unit"]

module.exports = { ...shared, testMatch }
