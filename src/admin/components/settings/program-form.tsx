import { Button, Container, Heading, Hint, Input, Label, Select, Switch, Text, toast } from "@medusajs/ui"
import { FormEvent, useEffect, useMemo, useState } from "react"
import { ProgramView, useProgram, useStoreCurrencies, useUpdateProgram } from "../../hooks/api/configuration"
import { errorMessage } from "../../lib/errors"

type Draft = Record<string, any>

const PER_CURRENCY = [
  { key: "earn_rates", label: "Earn rate", hint: "Points per 1 unit of the currency (0.5 = 5 points per 10)" },
  { key: "redemption_values", label: "Point value", hint: "Money one point is worth at checkout" },
  { key: "min_order_amounts", label: "Minimum order", hint: "Orders below earn nothing" },
  { key: "referral_min_order_amounts", label: "Referral minimum", hint: "A referee's first order must exceed it" },
] as const

/** Settings with a form field of their own; any other number the programme has gets a plain field. */
const KNOWN = new Set([
  "earn_rates",
  "redemption_values",
  "min_order_amounts",
  "referral_min_order_amounts",
  "earn_on_shipping",
  "earn_on_tax",
  "rounding",
  "max_points_per_order",
  "max_points_per_customer_per_day",
  "expiry",
  "redemption",
  "restore_redeemed_on_refund",
  "restore_grace_days",
  "default_currency_code",
  "id",
  "name",
  "created_at",
  "updated_at",
])

const humanize = (key: string) => key.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase())

const toNumberOrNull = (value: string) => (value.trim() === "" ? null : Number(value))

/** Which setting the server refused: the path in its message (`earn_rates.usd`, `expiry.days`, ...). */
function refusedField(message: string, draft: Draft): string | null {
  const keys: string[] = []
  for (const [key, value] of Object.entries(draft)) {
    keys.push(key)
    if (value && typeof value === "object") {
      for (const sub of Object.keys(value)) keys.push(`${key}.${sub}`, `${key}, ${sub}`)
    }
  }
  const found = keys.sort((a, b) => b.length - a.length).find((key) => message.includes(key))
  return found ? found.replace(", ", ".").split(".")[0] : null
}

/**
 * The programme: earn rates, point values and minimums per store currency, what counts
 * toward earning, rounding, caps, redemption limits, expiry, refunds and every other
 * setting the programme has. Saved through `POST /admin/loyalty-points/program`; a
 * refusal is shown beside the setting it names.
 */
export const ProgramForm = () => {
  const { data, isPending, isError, error } = useProgram()
  const { data: storeCurrencies } = useStoreCurrencies()
  const { mutateAsync, isPending: saving } = useUpdateProgram()
  const [draft, setDraft] = useState<Draft | null>(null)
  const [refusal, setRefusal] = useState<{ field: string | null; message: string } | null>(null)

  useEffect(() => {
    if (data && !draft) setDraft(structuredClone(data.program))
  }, [data, draft])

  const currencies = useMemo(() => {
    const set = new Set<string>(storeCurrencies ?? [])
    for (const key of ["earn_rates", "redemption_values"]) {
      Object.keys((draft?.[key] as Record<string, number>) ?? {}).forEach((code) => set.add(code))
    }
    return [...set].sort()
  }, [storeCurrencies, draft])

  if (isPending || !draft) {
    return (
      <Container className="px-6 py-4">
        <Text className="text-ui-fg-muted">{isError ? `Could not load the programme: ${error?.message}` : "Loading the programme…"}</Text>
      </Container>
    )
  }

  const set = (path: string[], value: unknown) =>
    setDraft((current) => {
      const next = structuredClone(current ?? {})
      let target = next
      for (const key of path.slice(0, -1)) target = target[key] = { ...(target[key] ?? {}) }
      target[path[path.length - 1]] = value
      return next
    })

  // Columns the programme has (the referral minimum arrives with referrals).
  const perCurrency = PER_CURRENCY.filter((column) => column.key in draft)
  const missingEarnRate = currencies.filter((code) => !(Number(draft.earn_rates?.[code]) > 0))

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setRefusal(null)
    const body: Draft = {}
    for (const [key, value] of Object.entries(draft)) {
      if (["id", "name", "created_at", "updated_at"].includes(key)) continue
      if (JSON.stringify(value) !== JSON.stringify((data?.program as ProgramView | undefined)?.[key])) body[key] = value
    }
    // Empty currency fields mean "none": the programme stores only what is set.
    for (const { key } of PER_CURRENCY) {
      if (body[key]) {
        body[key] = Object.fromEntries(
          Object.entries(body[key] as Record<string, unknown>).filter(([, value]) => value !== "" && value !== null && value !== undefined).map(([code, value]) => [code, Number(value)])
        )
      }
    }
    try {
      const { program } = await mutateAsync(body)
      setDraft(structuredClone(program))
      toast.success("Programme saved")
    } catch (caught) {
      const message = errorMessage(caught)
      setRefusal({ field: refusedField(message, draft), message })
    }
  }

  const fieldError = (field: string) =>
    refusal && refusal.field === field ? (
      <Hint variant="error" data-testid={`lp-program-${field}-error`}>
        {refusal.message}
      </Hint>
    ) : null

  const extraNumbers = Object.entries(draft).filter(
    ([key, value]) => !KNOWN.has(key) && (typeof value === "number" || value === null)
  )

  return (
    <Container className="divide-y p-0">
      <form onSubmit={submit} noValidate>
        <div className="flex items-center justify-between px-6 py-4">
          <div>
            <Heading level="h2">Programme</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              How members earn and spend points.
            </Text>
          </div>
          <Button size="small" type="submit" isLoading={saving} data-testid="lp-program-save">
            Save
          </Button>
        </div>
        {refusal && !refusal.field ? (
          <Text size="small" className="text-ui-fg-error px-6 py-3" role="alert">
            {refusal.message}
          </Text>
        ) : null}
        <div className="px-6 py-4">
          <table className="w-full" data-testid="lp-program-currencies">
            <thead>
              <tr className="text-ui-fg-subtle txt-compact-small-plus text-left">
                <th className="py-2">Currency</th>
                {perCurrency.map((column) => (
                  <th key={column.key} className="py-2" title={column.hint}>
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {currencies.map((code) => (
                <tr key={code}>
                  <td className="txt-compact-small-plus py-1 uppercase">{code}</td>
                  {perCurrency.map((column) => (
                    <td key={column.key} className="py-1 pr-3">
                      <Input
                        size="small"
                        type="number"
                        step="any"
                        min={0}
                        aria-label={`${column.label} ${code.toUpperCase()}`}
                        name={`${column.key}.${code}`}
                        value={draft[column.key]?.[code] ?? ""}
                        onChange={(event) => set([column.key, code], event.target.value === "" ? "" : event.target.value)}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {PER_CURRENCY.map((column) => fieldError(column.key))}
          {missingEarnRate.length ? (
            <Hint variant="error" className="mt-2" data-testid="lp-program-missing-rate">
              No earn rate for {missingEarnRate.map((code) => code.toUpperCase()).join(", ")}: orders in{" "}
              {missingEarnRate.length > 1 ? "these currencies" : "this currency"} earn nothing.
            </Hint>
          ) : null}
        </div>
        <div className="grid grid-cols-2 gap-4 px-6 py-4">
          <Toggle label="Earn on shipping" checked={draft.earn_on_shipping} onChange={(value) => set(["earn_on_shipping"], value)} />
          <Toggle label="Earn on tax" checked={draft.earn_on_tax} onChange={(value) => set(["earn_on_tax"], value)} />
          <Choice
            label="Rounding (once per order)"
            value={draft.rounding}
            options={["down", "nearest", "up"]}
            onChange={(value) => set(["rounding"], value)}
            error={fieldError("rounding")}
          />
          <NumberField label="Max points per order" value={draft.max_points_per_order} onChange={(value) => set(["max_points_per_order"], value)} error={fieldError("max_points_per_order")} optional />
          <NumberField
            label="Max points per customer per day"
            value={draft.max_points_per_customer_per_day}
            onChange={(value) => set(["max_points_per_customer_per_day"], value)}
            error={fieldError("max_points_per_customer_per_day")}
            optional
          />
          <Choice
            label="Expiry policy"
            value={draft.expiry?.policy}
            options={["days_after_earn", "end_of_period", "inactivity", "never"]}
            onChange={(value) => set(["expiry", "policy"], value)}
            error={fieldError("expiry")}
          />
          <NumberField label="Expiry days" value={draft.expiry?.days} onChange={(value) => set(["expiry", "days"], value)} />
          {"period" in (draft.expiry ?? {}) ? (
            <Choice label="Expiry period (end of period policy)" value={draft.expiry.period} options={["month", "year"]} onChange={(value) => set(["expiry", "period"], value)} />
          ) : null}
          {"months" in (draft.expiry ?? {}) ? (
            <NumberField label="Expiry months (end of period policy)" value={draft.expiry.months} onChange={(value) => set(["expiry", "months"], value)} />
          ) : null}
          {"reminder_days" in (draft.expiry ?? {}) ? (
            <NumberField label="Expiry reminder window (days)" value={draft.expiry.reminder_days} onChange={(value) => set(["expiry", "reminder_days"], value)} />
          ) : null}
          <NumberField label="Redemption minimum points" value={draft.redemption?.min_points} onChange={(value) => set(["redemption", "min_points"], value)} error={fieldError("redemption")} />
          <NumberField label="Redemption step" value={draft.redemption?.step} onChange={(value) => set(["redemption", "step"], value)} />
          <NumberField label="Max share of the order paid with points (0–1)" value={draft.redemption?.max_share} onChange={(value) => set(["redemption", "max_share"], value)} step="0.01" />
          <NumberField label="Max points redeemed per order" value={draft.redemption?.max_points_per_order} onChange={(value) => set(["redemption", "max_points_per_order"], value)} optional />
          <Choice
            label="Give back redeemed points on refund"
            value={draft.restore_redeemed_on_refund}
            options={["proportional", "none"]}
            onChange={(value) => set(["restore_redeemed_on_refund"], value)}
          />
          <NumberField label="Restore grace days" value={draft.restore_grace_days} onChange={(value) => set(["restore_grace_days"], value)} error={fieldError("restore_grace_days")} />
          {extraNumbers.map(([key, value]) => (
            <NumberField key={key} label={humanize(key)} value={value} onChange={(next) => set([key], next)} error={fieldError(key)} optional />
          ))}
        </div>
      </form>
    </Container>
  )
}

const Toggle = ({ label, checked, onChange }: { label: string; checked: boolean; onChange: (value: boolean) => void }) => {
  const id = `lp-${label.replace(/\W+/g, "-").toLowerCase()}`
  return (
    <div className="flex items-center gap-x-2">
      <Switch id={id} checked={Boolean(checked)} onCheckedChange={onChange} />
      <Label htmlFor={id} size="small">
        {label}
      </Label>
    </div>
  )
}

const Choice = ({
  label,
  value,
  options,
  onChange,
  error,
}: {
  label: string
  value: string
  options: string[]
  onChange: (value: string) => void
  error?: React.ReactNode
}) => (
  <div className="flex flex-col gap-y-1">
    <Label size="small" weight="plus">
      {label}
    </Label>
    <Select value={value} onValueChange={onChange} size="small">
      <Select.Trigger aria-label={label}>
        <Select.Value />
      </Select.Trigger>
      <Select.Content>
        {options.map((option) => (
          <Select.Item key={option} value={option}>
            {humanize(option)}
          </Select.Item>
        ))}
      </Select.Content>
    </Select>
    {error}
  </div>
)

const NumberField = ({
  label,
  value,
  onChange,
  error,
  optional,
  step,
}: {
  label: string
  value: number | null | undefined
  onChange: (value: number | null) => void
  error?: React.ReactNode
  optional?: boolean
  step?: string
}) => {
  const id = `lp-${label.replace(/\W+/g, "-").toLowerCase()}`
  return (
    <div className="flex flex-col gap-y-1">
      <Label htmlFor={id} size="small" weight="plus">
        {label}
        {optional ? <span className="text-ui-fg-muted font-normal"> (empty: none)</span> : null}
      </Label>
      <Input
        id={id}
        size="small"
        type="number"
        step={step ?? "1"}
        value={value ?? ""}
        onChange={(event) => onChange(toNumberOrNull(event.target.value))}
      />
      {error}
    </div>
  )
}
