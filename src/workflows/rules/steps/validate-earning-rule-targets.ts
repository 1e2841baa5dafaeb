import { IProductModuleService } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { EarningRuleAction, EarningRuleTargetType } from "../../../types/tiers-and-rules"

export type ValidateEarningRuleTargetsStepInput = {
  action: EarningRuleAction
  target_type: EarningRuleTargetType
  target_ids: string[]
}

export const validateEarningRuleTargetsStepId = "loyalty-points-validate-earning-rule-targets"

const TARGET_LABELS: Record<EarningRuleTargetType, string> = {
  product: "product",
  collection: "collection",
  category: "category",
  product_type: "product type",
}

/**
 * Checks that every target id is a live product, collection, category or product type
 * (400 listing the unknown ones), so that a typo cannot leave a rule silently matching
 * nothing. A multiplier on a gift-card product is refused too: gift cards never earn.
 *
 * @example
 * validateEarningRuleTargetsStep({ action: "multiplier", target_type: "collection", target_ids: ["pcol_123"] })
 */
export const validateEarningRuleTargetsStep = createStep(
  validateEarningRuleTargetsStepId,
  async (input: ValidateEarningRuleTargetsStepInput, { container }) => {
    const products = container.resolve<IProductModuleService>(Modules.PRODUCT)
    const ids = [...new Set(input.target_ids)]
    const config = { select: ["id"], take: ids.length }

    let found: { id: string; is_giftcard?: boolean }[]
    switch (input.target_type) {
      case "product":
        found = await products.listProducts({ id: ids }, { ...config, select: ["id", "is_giftcard"] })
        break
      case "collection":
        found = await products.listProductCollections({ id: ids }, config)
        break
      case "category":
        found = await products.listProductCategories({ id: ids }, config)
        break
      case "product_type":
        found = await products.listProductTypes({ id: ids }, config)
        break
      default:
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `Field 'target_type': unknown type ${input.target_type}`)
    }

    const known = new Set(found.map((row) => row.id))
    const unknown = ids.filter((id) => !known.has(id))
    if (unknown.length) {
      const shown = unknown.slice(0, 20).join(", ") + (unknown.length > 20 ? `, and ${unknown.length - 20} more` : "")
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Field 'target_ids': no ${TARGET_LABELS[input.target_type]} with id ${shown}`
      )
    }
    if (input.action === "multiplier") {
      const giftCards = found.filter((row) => row.is_giftcard).map((row) => row.id)
      if (giftCards.length) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `Field 'target_ids': gift-card products never earn points, so they cannot have a multiplier (${giftCards.join(", ")})`
        )
      }
    }
    return new StepResponse(void 0)
  }
)
