import { readdirSync, readFileSync, statSync } from "fs"
import { join, relative } from "path"
import { ADMIN_ROUTE_PERMISSIONS, adminLoyaltyPointsPolicyMiddlewares } from "../loyalty-points-policies"
import { loyaltyPointsPolicies } from "../../../policies/loyalty-points"

const ADMIN_DIR = join(__dirname, "..")

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) {
      return name === "__tests__" ? [] : routeFiles(path)
    }
    return name === "route.ts" ? [path] : []
  })
}

/** "/admin/customers/:id/loyalty-points" for src/api/admin/customers/[id]/loyalty-points/route.ts. */
function matcherOf(file: string) {
  const folder = relative(ADMIN_DIR, file).replace(/\/?route\.ts$/, "")
  return "/admin/" + folder.replace(/\[([^\]]+)\]/g, ":$1")
}

describe("admin route permissions", () => {
  it("declares read, adjust or configure for every method of every admin route", () => {
    const routes = routeFiles(ADMIN_DIR).flatMap((file) => {
      const source = readFileSync(file, "utf8")
      const methods = [...source.matchAll(/export (?:const|async function|function) (GET|POST|DELETE|PUT|PATCH)\b/g)].map((m) => m[1])
      return methods.map((method) => `${method} ${matcherOf(file)}`)
    })
    expect(routes.length).toBeGreaterThan(10)
    const declared = ADMIN_ROUTE_PERMISSIONS.flatMap((route) => route.methods.map((method) => `${method} ${route.matcher}`))
    expect(new Set(routes.filter((route) => !declared.includes(route)))).toEqual(new Set())
  })

  it("names only the plugin's policies, and adjusting or configuring is never a read", () => {
    const defined = loyaltyPointsPolicies.policies.map((p) => `${p.resource}:${p.operation}`)
    expect(defined.sort()).toEqual(["loyalty_points:adjust", "loyalty_points:configure", "loyalty_points:read"])
    for (const route of adminLoyaltyPointsPolicyMiddlewares) {
      for (const policy of route.policies as { resource: string; operation: string }[]) {
        expect(defined).toContain(`${policy.resource}:${policy.operation}`)
        if (route.methods!.some((method) => method !== "GET")) {
          expect(policy.operation).not.toBe("read")
        }
      }
    }
  })
})
