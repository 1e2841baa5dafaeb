import { logger } from "@medusajs/framework/logger"
import { createHook, createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { hookRecord, redemptionUnavailableReason, takeHook } from "../take-hook"

const workflow = createWorkflow("take-hook-unit-spec", (input: { id: string }) => {
  const guard = createHook("guard", { input })
  return new WorkflowResponse(input, { hooks: [guard] })
})

describe("takeHook", () => {
  afterEach(() => {
    hookRecord().held.length = 0
    hookRecord().missing.length = 0
  })

  it("records a hook another plugin already holds, names it, and does not throw", () => {
    workflow.hooks.guard(async () => undefined) // another plugin, first
    const error = jest.spyOn(logger, "error").mockImplementation(() => undefined)
    expect(() => takeHook("test.hooks.guard", () => workflow.hooks.guard(async () => undefined))).not.toThrow()
    expect(hookRecord().missing).toEqual([{ hook: "test.hooks.guard", reason: expect.stringContaining("test.hooks.guard") }])
    expect(redemptionUnavailableReason()).toMatch(/^Points redemption is unavailable: another plugin already holds test.hooks.guard/)
    expect(error).toHaveBeenCalledTimes(1)
    expect(error.mock.calls[0][0]).toContain("test.hooks.guard")
    error.mockRestore()
  })

  it("records the hooks it holds, and rethrows any other error", () => {
    takeHook("a.hook", () => undefined)
    expect(hookRecord().held).toEqual(["a.hook"])
    expect(redemptionUnavailableReason()).toBeNull()
    expect(() =>
      takeHook("b.hook", () => {
        throw new Error("boom")
      })
    ).toThrow("boom")
  })

  it("treats a second registration of its own hook (the module loaded twice) as held", () => {
    takeHook("c.hook", () => undefined)
    takeHook("c.hook", () => {
      throw new Error("Cannot define multiple hook handlers for the c hook")
    })
    expect(hookRecord().missing).toEqual([])
  })
})
