import { Checkbox, Input, Label, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { sdk } from "../../lib/sdk"

/** Where each kind of rule target is listed, and how an item of it is named. */
const SOURCES: Record<string, { url: string; list: string; label: (item: any) => string; fields: string }> = {
  product: { url: "/admin/products", list: "products", label: (item) => item.title, fields: "id,title" },
  collection: { url: "/admin/collections", list: "collections", label: (item) => item.title, fields: "id,title" },
  category: { url: "/admin/product-categories", list: "product_categories", label: (item) => item.name, fields: "id,name" },
  product_type: { url: "/admin/product-types", list: "product_types", label: (item) => item.value, fields: "id,value" },
}

/**
 * Picks the products, collections, categories or product types a rule applies to:
 * a search box over the store's own list, with the chosen ones kept on top.
 */
export const TargetPicker = ({
  targetType,
  value,
  onChange,
  id,
}: {
  targetType: string
  value: string[]
  onChange: (ids: string[]) => void
  id: string
}) => {
  const [q, setQ] = useState("")
  const source = SOURCES[targetType] ?? SOURCES.product
  const { data, isPending } = useQuery({
    queryKey: ["loyalty_points", "picker", targetType, q],
    queryFn: async () => {
      const response = await sdk.client.fetch<Record<string, any[]>>(source.url, {
        query: { q: q || undefined, limit: 20, fields: source.fields },
      })
      return response[source.list] ?? []
    },
  })
  const { data: chosen } = useQuery({
    queryKey: ["loyalty_points", "picker-chosen", targetType, value],
    enabled: value.length > 0,
    queryFn: async () => {
      const response = await sdk.client.fetch<Record<string, any[]>>(source.url, {
        query: { id: value, limit: value.length, fields: source.fields },
      })
      return response[source.list] ?? []
    },
  })
  const toggle = (itemId: string, on: boolean) =>
    onChange(on ? [...new Set([...value, itemId])] : value.filter((existing) => existing !== itemId))
  const items = [...(chosen ?? []), ...(data ?? []).filter((item) => !value.includes(item.id))]

  return (
    <div className="flex flex-col gap-y-2" id={id}>
      <Input size="small" type="search" placeholder={`Search ${targetType.replace("_", " ")}s`} value={q} onChange={(event) => setQ(event.target.value)} />
      <div className="border-ui-border-base max-h-48 overflow-y-auto rounded-md border p-2">
        {isPending ? (
          <Text size="small" className="text-ui-fg-muted">
            Loading…
          </Text>
        ) : items.length ? (
          items.map((item) => {
            const checkboxId = `${id}-${item.id}`
            return (
              <div key={item.id} className="flex items-center gap-x-2 py-1">
                <Checkbox id={checkboxId} checked={value.includes(item.id)} onCheckedChange={(checked) => toggle(item.id, checked === true)} />
                <Label htmlFor={checkboxId} size="small">
                  {source.label(item)}
                </Label>
              </div>
            )
          })
        ) : (
          <Text size="small" className="text-ui-fg-muted">
            Nothing found.
          </Text>
        )}
      </div>
      <Text size="xsmall" className="text-ui-fg-muted">
        {value.length} selected
      </Text>
    </div>
  )
}
