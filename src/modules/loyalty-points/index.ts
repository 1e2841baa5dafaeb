import { Module } from "@medusajs/framework/utils"
import { LOYALTY_POINTS_MODULE } from "../../types/module"
import LoyaltyPointsModuleService from "./service"

export { LOYALTY_POINTS_MODULE }

export default Module(LOYALTY_POINTS_MODULE, {
  service: LoyaltyPointsModuleService,
})
