import { PencilSquare, Plus, Trash } from "@medusajs/icons"
import { Button, Container, Drawer, Heading, IconButton, Input, Select, Switch, Table, Text, Textarea, toast, usePrompt } from "@medusajs/ui"
import { FetchError } from "@medusajs/js-sdk"
import { UseMutationResult, UseQueryResult } from "@tanstack/react-query"
import { FormEvent, ReactNode, useState } from "react"
import { FormField } from "../adjust-points-drawer"
import { errorMessage, fieldOfError } from "../../lib/errors"
import { TargetPicker } from "./target-picker"

export type FieldDef = {
  key: string
  label: string
  type: "text" | "textarea" | "number" | "select" | "boolean" | "date" | "targets" | "multiselect"
  options?: { value: string; label: string }[]
  required?: boolean
  hint?: string
  /** Only shown when this returns true for the current values. */
  when?: (values: Record<string, any>) => boolean
}

type Props<T extends { id: string }> = {
  title: string
  description: string
  noun: string
  testId: string
  fields: FieldDef[]
  columns: { label: string; render: (item: T) => ReactNode }[]
  list: UseQueryResult<T[], Error>
  save: UseMutationResult<T, FetchError, { id?: string; body: Record<string, unknown> }>
  remove: UseMutationResult<unknown, FetchError, string>
  defaults: Record<string, any>
  unavailable?: string
}

/** A form value as the API takes it: numbers as numbers, empty optional fields as null, dates as ISO. */
function toBody(fields: FieldDef[], values: Record<string, any>, isCreate: boolean) {
  const body: Record<string, unknown> = {}
  for (const field of fields) {
    if (field.when && !field.when(values)) {
      continue
    }
    let value = values[field.key]
    if (field.type === "number") value = value === "" || value === undefined || value === null ? null : Number(value)
    if (field.type === "boolean") value = Boolean(value)
    if (field.type === "date") value = value ? new Date(value).toISOString() : null
    if (field.type === "text" || field.type === "textarea") value = value === "" ? (field.required ? "" : null) : value
    if (field.type === "multiselect" && Array.isArray(value) && !value.length) value = null
    if (isCreate && (value === null || value === undefined) && !field.required) continue
    body[field.key] = value
  }
  return body
}

/**
 * One configuration resource (tiers, earning rules, campaigns) as a table with create,
 * edit and delete: the form in a drawer, errors beside their field, a prompt before
 * deleting.
 */
export function ResourceSection<T extends { id: string }>(props: Props<T>) {
  const { title, description, noun, fields, columns, list, save, remove, defaults, testId } = props
  const [editing, setEditing] = useState<{ id?: string; values: Record<string, any> } | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const prompt = usePrompt()

  const open = (item?: T) => {
    setErrors({})
    const values: Record<string, any> = { ...defaults }
    if (item) {
      for (const field of fields) {
        const value = (item as any)[field.key]
        values[field.key] = field.type === "date" && value ? String(value).slice(0, 10) : value ?? defaults[field.key] ?? ""
      }
    }
    setEditing({ id: item?.id, values })
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!editing) return
    const missing = fields.filter(
      (field) => field.required && (!field.when || field.when(editing.values)) && (editing.values[field.key] === "" || editing.values[field.key] === undefined || (Array.isArray(editing.values[field.key]) && !editing.values[field.key].length))
    )
    if (missing.length) {
      setErrors(Object.fromEntries(missing.map((field) => [field.key, `${field.label} is required.`])))
      return
    }
    try {
      await save.mutateAsync({ id: editing.id, body: toBody(fields, editing.values, !editing.id) })
      toast.success(editing.id ? `${noun} saved` : `${noun} created`)
      setEditing(null)
    } catch (error) {
      const message = errorMessage(error)
      const field = fieldOfError(message, fields.map((f) => f.key))
      setErrors(field ? { [field]: message } : { form: message })
    }
  }

  const destroy = async (item: T) => {
    const confirmed = await prompt({
      title: `Delete this ${noun.toLowerCase()}?`,
      description: "This cannot be undone.",
      confirmText: "Delete",
      cancelText: "Cancel",
    })
    if (!confirmed) return
    try {
      await remove.mutateAsync(item.id)
      toast.success(`${noun} deleted`)
    } catch (error) {
      toast.error(errorMessage(error))
    }
  }

  const setValue = (key: string, value: unknown) => {
    setEditing((current) => (current ? { ...current, values: { ...current.values, [key]: value } } : current))
    setErrors((current) => ({ ...current, [key]: "", form: "" }))
  }

  return (
    <Container className="divide-y p-0" data-testid={testId}>
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">{title}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {description}
          </Text>
        </div>
        {props.unavailable ? null : (
          <Button size="small" variant="secondary" onClick={() => open()}>
            <Plus /> Create
          </Button>
        )}
      </div>
      {props.unavailable ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-4">
          {props.unavailable}
        </Text>
      ) : list.isPending ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-4">
          Loading…
        </Text>
      ) : list.isError ? (
        <Text size="small" className="text-ui-fg-error px-6 py-4" role="alert">
          {list.error?.message}
        </Text>
      ) : !list.data.length ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-4">
          No {title.toLowerCase()} yet.
        </Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              {columns.map((column) => (
                <Table.HeaderCell key={column.label}>{column.label}</Table.HeaderCell>
              ))}
              <Table.HeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {list.data.map((item) => (
              <Table.Row key={item.id}>
                {columns.map((column) => (
                  <Table.Cell key={column.label}>{column.render(item)}</Table.Cell>
                ))}
                <Table.Cell className="text-right">
                  <IconButton size="small" variant="transparent" aria-label={`Edit ${noun}`} onClick={() => open(item)}>
                    <PencilSquare />
                  </IconButton>
                  <IconButton size="small" variant="transparent" aria-label={`Delete ${noun}`} onClick={() => destroy(item)}>
                    <Trash />
                  </IconButton>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <Drawer open={Boolean(editing)} onOpenChange={(next) => (next ? null : setEditing(null))}>
        <Drawer.Content>
          <form onSubmit={submit} className="flex flex-1 flex-col overflow-hidden" noValidate>
            <Drawer.Header>
              <Drawer.Title>{editing?.id ? `Edit ${noun.toLowerCase()}` : `Create ${noun.toLowerCase()}`}</Drawer.Title>
            </Drawer.Header>
            <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
              {editing
                ? fields
                    .filter((field) => !field.when || field.when(editing.values))
                    .map((field) => (
                      <FormField key={field.key} id={`${testId}-${field.key}`} label={field.label} optional={!field.required} error={errors[field.key]} hint={field.hint}>
                        <FieldInput field={field} id={`${testId}-${field.key}`} value={editing.values[field.key]} values={editing.values} onChange={(value) => setValue(field.key, value)} />
                      </FormField>
                    ))
                : null}
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
              <Button size="small" type="submit" isLoading={save.isPending}>
                Save
              </Button>
            </Drawer.Footer>
          </form>
        </Drawer.Content>
      </Drawer>
    </Container>
  )
}

const FieldInput = ({ field, id, value, values, onChange }: { field: FieldDef; id: string; value: any; values: Record<string, any>; onChange: (value: unknown) => void }) => {
  switch (field.type) {
    case "textarea":
      return <Textarea id={id} value={value ?? ""} onChange={(event) => onChange(event.target.value)} />
    case "number":
      return <Input id={id} type="number" step="any" value={value ?? ""} onChange={(event) => onChange(event.target.value)} />
    case "date":
      return <Input id={id} type="date" value={value ?? ""} onChange={(event) => onChange(event.target.value)} />
    case "boolean":
      return <Switch id={id} checked={Boolean(value)} onCheckedChange={onChange} />
    case "select":
      return (
        <Select value={value ?? ""} onValueChange={onChange}>
          <Select.Trigger id={id} data-testid={id}>
            <Select.Value placeholder={`Choose ${field.label.toLowerCase()}`} />
          </Select.Trigger>
          <Select.Content>
            {(field.options ?? []).map((option) => (
              <Select.Item key={option.value} value={option.value}>
                {option.label}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      )
    case "multiselect":
      return (
        <div className="flex flex-col gap-y-1" id={id}>
          {(field.options ?? []).map((option) => {
            const chosen: string[] = Array.isArray(value) ? value : []
            return (
              <label key={option.value} className="txt-compact-small flex items-center gap-x-2">
                <input
                  type="checkbox"
                  checked={chosen.includes(option.value)}
                  onChange={(event) => onChange(event.target.checked ? [...chosen, option.value] : chosen.filter((v) => v !== option.value))}
                />
                {option.label}
              </label>
            )
          })}
        </div>
      )
    case "targets":
      return <TargetPicker id={id} targetType={values.target_type ?? "product"} value={Array.isArray(value) ? value : []} onChange={onChange} />
    default:
      return <Input id={id} value={value ?? ""} onChange={(event) => onChange(event.target.value)} />
  }
}
