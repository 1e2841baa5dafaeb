import { Button, Drawer, Hint, Input, Label, Select, Text, Textarea, toast, usePrompt } from "@medusajs/ui"
import { FormEvent, ReactNode, useState } from "react"
import { useAdjustLoyaltyPoints } from "../hooks/api/loyalty-points"
import { ADJUSTMENT_REASONS } from "../lib/entry-labels"
import { errorMessage, fieldOfError } from "../lib/errors"
import { formatPoints, pluralPoints } from "../lib/format"

const FIELDS = ["points", "reason", "note", "expires_at"] as const
type Field = (typeof FIELDS)[number]
type Errors = Partial<Record<Field | "form", string>>

type FormState = { points: string; reason: string; note: string; expires_at: string }
const EMPTY: FormState = { points: "", reason: "", note: "", expires_at: "" }

/** Checks the form as the route will, so most mistakes show before a request. */
function validate(form: FormState, available: number): Errors {
  const errors: Errors = {}
  const points = Number(form.points)
  if (form.points.trim() === "" || !Number.isInteger(points)) {
    errors.points = "Enter a whole number of points: positive adds, negative removes, 0 moves the expiry."
  } else if (Math.abs(points) > 1_000_000_000) {
    errors.points = "At most 1,000,000,000 points at once."
  } else if (points < 0 && -points > available) {
    errors.points = `Only ${pluralPoints(available)} available to remove.`
  }
  if (!form.reason) {
    errors.reason = "Choose a reason."
  }
  if (form.note.length > 2000) {
    errors.note = "At most 2,000 characters."
  }
  if (form.expires_at) {
    const date = new Date(`${form.expires_at}T23:59:59`)
    if (Number.isNaN(date.getTime())) {
      errors.expires_at = "Enter a valid date."
    } else if (date.getTime() <= Date.now()) {
      errors.expires_at = "The expiry date must lie in the future."
    } else if (points < 0) {
      errors.expires_at = "An expiry date applies to added points or to an expiry move, not to removed points."
    }
  } else if (form.points.trim() !== "" && points === 0) {
    errors.expires_at = "With 0 points, give the new expiry date of the open points."
  }
  return errors
}

/**
 * "Adjust points": a drawer with signed points, a reason, a note and an optional expiry
 * date. Removing points asks first; errors (the form's and the server's) show beside
 * their field; the customer's figures refresh after a success.
 */
export const AdjustPointsDrawer = ({ customerId, available }: { customerId: string; available: number }) => {
  const [open, setOpen] = useState(false)
  const [form, setForm] = useState<FormState>(EMPTY)
  const [errors, setErrors] = useState<Errors>({})
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID())
  const prompt = usePrompt()
  const { mutateAsync, isPending } = useAdjustLoyaltyPoints(customerId)

  const set = (field: keyof FormState) => (value: string) => {
    setForm((current) => ({ ...current, [field]: value }))
    setErrors((current) => ({ ...current, [field]: undefined, form: undefined }))
  }

  const reset = (nextOpen: boolean) => {
    setOpen(nextOpen)
    if (!nextOpen) {
      setForm(EMPTY)
      setErrors({})
      setIdempotencyKey(crypto.randomUUID())
    }
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const found = validate(form, available)
    setErrors(found)
    if (Object.values(found).some(Boolean)) {
      return
    }
    const points = Number(form.points)
    if (points < 0) {
      const confirmed = await prompt({
        title: "Remove points?",
        description: `${pluralPoints(-points)} will be taken from this customer's balance. This is recorded in the ledger.`,
        confirmText: "Remove points",
        cancelText: "Cancel",
      })
      if (!confirmed) {
        return
      }
    }
    try {
      const { entry } = await mutateAsync({
        idempotencyKey,
        body: {
          points,
          reason: form.reason,
          note: form.note.trim() || undefined,
          expires_at: form.expires_at ? new Date(`${form.expires_at}T23:59:59`).toISOString() : undefined,
        },
      })
      toast.success("Points adjusted", {
        description:
          entry.points === 0 ? "The expiry of the open points was moved." : `${formatPoints(entry.points)} points recorded.`,
      })
      reset(false)
    } catch (error) {
      const message = errorMessage(error)
      const field = fieldOfError(message, FIELDS)
      setErrors(field ? { [field]: message } : { form: message })
    }
  }

  return (
    <Drawer open={open} onOpenChange={reset}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary">
          Adjust points
        </Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <form onSubmit={submit} className="flex flex-1 flex-col overflow-hidden" noValidate>
          <Drawer.Header>
            <Drawer.Title>Adjust points</Drawer.Title>
            <Drawer.Description>
              Add points with a positive number, remove them with a negative one, or enter 0 and a date to move the
              expiry of the open points.
            </Drawer.Description>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
            <FormField id="lp-adjust-points" label="Points" error={errors.points} hint={`${pluralPoints(available)} available`}>
              <Input
                id="lp-adjust-points"
                name="points"
                type="number"
                step={1}
                inputMode="numeric"
                value={form.points}
                onChange={(event) => set("points")(event.target.value)}
                aria-invalid={Boolean(errors.points)}
                autoFocus
              />
            </FormField>
            <FormField id="lp-adjust-reason" label="Reason" error={errors.reason}>
              <Select value={form.reason} onValueChange={set("reason")}>
                <Select.Trigger id="lp-adjust-reason" aria-invalid={Boolean(errors.reason)} data-testid="lp-adjust-reason">
                  <Select.Value placeholder="Choose a reason" />
                </Select.Trigger>
                <Select.Content>
                  {ADJUSTMENT_REASONS.map((reason) => (
                    <Select.Item key={reason.value} value={reason.value}>
                      {reason.label}
                    </Select.Item>
                  ))}
                </Select.Content>
              </Select>
            </FormField>
            <FormField id="lp-adjust-note" label="Note" optional error={errors.note}>
              <Textarea
                id="lp-adjust-note"
                name="note"
                value={form.note}
                onChange={(event) => set("note")(event.target.value)}
                aria-invalid={Boolean(errors.note)}
              />
            </FormField>
            <FormField
              id="lp-adjust-expires-at"
              label="Expiry date"
              optional
              error={errors.expires_at}
              hint="Added points expire at the end of this day; with 0 points, the open points move to it."
            >
              <Input
                id="lp-adjust-expires-at"
                name="expires_at"
                type="date"
                value={form.expires_at}
                onChange={(event) => set("expires_at")(event.target.value)}
                aria-invalid={Boolean(errors.expires_at)}
              />
            </FormField>
            {errors.form ? (
              <Text size="small" className="text-ui-fg-error" role="alert">
                {errors.form}
              </Text>
            ) : null}
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                Cancel
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={isPending}>
              Save
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}

/** A labelled field with its hint or its error underneath. */
export const FormField = ({
  id,
  label,
  optional,
  error,
  hint,
  children,
}: {
  id: string
  label: string
  optional?: boolean
  error?: string
  hint?: string
  children: ReactNode
}) => (
  <div className="flex flex-col gap-y-2">
    <Label htmlFor={id} size="small" weight="plus">
      {label}
      {optional ? <span className="text-ui-fg-muted font-normal"> (optional)</span> : null}
    </Label>
    {children}
    {error ? (
      <Hint variant="error" id={`${id}-error`} data-testid={`${id}-error`}>
        {error}
      </Hint>
    ) : hint ? (
      <Hint>{hint}</Hint>
    ) : null}
  </div>
)
