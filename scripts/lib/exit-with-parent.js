/**
 * Preloaded (`node --require`) into the Medusa processes `npm run demo` starts: should
 * the demo script die without stopping them (kill -9), they stop too instead of
 * holding port 9000 with their database gone.
 */
const parent = process.ppid
const timer = setInterval(() => {
  if (process.ppid !== parent) {
    clearInterval(timer)
    process.kill(process.pid, "SIGTERM")
    setTimeout(() => process.exit(1), 10000).unref()
  }
}, 1000).unref()
