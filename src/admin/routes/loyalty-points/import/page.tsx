import { ArrowLeft } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Input, Label, Table, Text, Textarea, toast } from "@medusajs/ui"
import Papa from "papaparse"
import { ChangeEvent, useState } from "react"
import { Link } from "react-router-dom"
import { ImportCheck, ImportRowInput, useApplyImport, useCheckImport, useCurrentUser, useImports, useReviewImport } from "../../../hooks/api/imports"
import { errorMessage } from "../../../lib/errors"
import { formatDateTime, formatPoints, formatSignedPoints } from "../../../lib/format"

/** How many checked rows the page lists; errors are always listed in full. */
const ROWS_SHOWN = 200

type Phase = { label: string; percent: number } | null

/** CSV headers the import understands, with the spellings merchants use. */
const HEADER_ALIASES: Record<string, keyof ImportRowInput> = {
  email: "email",
  customer_email: "email",
  customer_id: "customer_id",
  id: "customer_id",
  points: "points",
  reason: "reason",
  expires_at: "expires_at",
  expiry: "expires_at",
  expiry_date: "expires_at",
}

/**
 * Import points from a CSV file (email or customer_id, points, reason, expires_at):
 * parsed in the browser, checked row by row in a dry run, then applied all at once.
 * Large imports wait for a second admin, who approves or rejects them below.
 */
const ImportPage = () => {
  const [fileName, setFileName] = useState<string | null>(null)
  const [rows, setRows] = useState<ImportRowInput[]>([])
  const [parseErrors, setParseErrors] = useState<string[]>([])
  const [check, setCheck] = useState<ImportCheck | null>(null)
  const [note, setNote] = useState("")
  const [phase, setPhase] = useState<Phase>(null)
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID())
  const checkImport = useCheckImport()
  const applyImport = useApplyImport()

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    if (!file) return
    setFileName(file.name)
    setCheck(null)
    setParseErrors([])
    setIdempotencyKey(crypto.randomUUID())
    const parsed: ImportRowInput[] = []
    const errors: string[] = []
    setPhase({ label: "Reading the file", percent: 0 })
    Papa.parse<Record<string, string>>(file, {
      header: true,
      skipEmptyLines: "greedy",
      transformHeader: (header) => header.trim().toLowerCase().replace(/\s+/g, "_"),
      chunkSize: 64 * 1024,
      chunk: (results) => {
        for (const record of results.data) {
          const row: Record<string, string> = {}
          for (const [key, value] of Object.entries(record)) {
            const field = HEADER_ALIASES[key]
            if (field && value !== undefined && String(value).trim() !== "") row[field] = String(value).trim()
          }
          parsed.push(row as ImportRowInput)
        }
        for (const error of results.errors) errors.push(`Line ${(error.row ?? 0) + 2}: ${error.message}`)
        setPhase({ label: "Reading the file", percent: Math.min(99, Math.round((results.meta.cursor / file.size) * 100)) })
      },
      complete: async () => {
        setRows(parsed)
        setParseErrors(errors)
        if (!parsed.length) {
          setPhase(null)
          return
        }
        setPhase({ label: `Checking ${formatPoints(parsed.length)} rows (dry run)`, percent: 100 })
        try {
          setCheck(await checkImport.mutateAsync({ rows: parsed }))
        } catch (error) {
          toast.error(errorMessage(error))
        } finally {
          setPhase(null)
        }
      },
      error: (error) => {
        setParseErrors([error.message])
        setPhase(null)
      },
    })
  }

  const apply = async () => {
    setPhase({ label: `Applying ${formatPoints(rows.length)} rows`, percent: 100 })
    try {
      const result = await applyImport.mutateAsync({ rows, note, idempotencyKey })
      if (result.import.status === "pending_approval") {
        toast.info("Waiting for approval", { description: "Another admin must approve this import before it is applied." })
      } else {
        toast.success("Import applied", { description: `${formatPoints(result.import.row_count)} rows written to the ledger.` })
      }
      setRows([])
      setCheck(null)
      setFileName(null)
      setNote("")
    } catch (error) {
      toast.error(errorMessage(error))
    } finally {
      setPhase(null)
    }
  }

  const errorsByRow = new Map((check?.errors ?? []).map((error) => [error.row, error.message]))

  return (
    <div className="flex flex-col gap-y-3">
      <Link to="/loyalty-points" className="txt-compact-small-plus text-ui-fg-subtle hover:text-ui-fg-base flex items-center gap-x-1">
        <ArrowLeft /> Loyalty points
      </Link>
      <Container className="divide-y p-0">
        <div className="px-6 py-4">
          <Heading level="h1">Import points</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            A CSV file with a header row: <code>email</code> or <code>customer_id</code>, <code>points</code> (negative
            removes), and optionally <code>reason</code> and <code>expires_at</code>. Nothing is applied until every row is
            valid, and then all rows are applied together.
          </Text>
        </div>
        <div className="flex flex-col gap-y-3 px-6 py-4">
          <Label htmlFor="lp-import-file" size="small" weight="plus">
            CSV file
          </Label>
          <Input id="lp-import-file" type="file" accept=".csv,text/csv" onChange={onFile} data-testid="lp-import-file" />
          {phase ? <ProgressBar label={phase.label} percent={phase.percent} busy={checkImport.isPending || applyImport.isPending} /> : null}
          {parseErrors.map((error) => (
            <Text key={error} size="small" className="text-ui-fg-error">
              {error}
            </Text>
          ))}
        </div>
        {check ? (
          <div className="flex flex-col gap-y-3 px-6 py-4" data-testid="lp-import-check">
            <div className="flex flex-wrap items-center gap-2">
              <Text weight="plus">{fileName}</Text>
              <Badge size="2xsmall">{formatPoints(check.row_count)} rows</Badge>
              <Badge size="2xsmall">{formatSignedPoints(check.total_points)} points</Badge>
              {check.valid ? (
                <Badge size="2xsmall" color="green">
                  All rows valid
                </Badge>
              ) : (
                <Badge size="2xsmall" color="red" data-testid="lp-import-invalid">
                  {formatPoints(check.errors.length)} bad rows: nothing can be applied
                </Badge>
              )}
              {check.requires_approval ? (
                <Badge size="2xsmall" color="orange">
                  Needs a second admin's approval (over {formatPoints(check.approval_threshold ?? 0)} rows)
                </Badge>
              ) : null}
            </div>
            <Table>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>Row</Table.HeaderCell>
                  <Table.HeaderCell>Customer</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">Points</Table.HeaderCell>
                  <Table.HeaderCell>Outcome</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {rows.slice(0, ROWS_SHOWN).map((input, index) => {
                  const rowNumber = index + 1
                  const error = errorsByRow.get(rowNumber)
                  const outcome = check.rows.find((row) => row.row === rowNumber)
                  return (
                    <Table.Row key={rowNumber} data-testid={error ? "lp-import-row-error" : "lp-import-row-ok"}>
                      <Table.Cell>{rowNumber}</Table.Cell>
                      <Table.Cell>{input.email ?? input.customer_id ?? "—"}</Table.Cell>
                      <Table.Cell className="text-right">{String(input.points ?? "")}</Table.Cell>
                      <Table.Cell>
                        {error ? (
                          <span className="text-ui-fg-error">{error}</span>
                        ) : outcome ? (
                          `${outcome.outcome === "credit" ? "Adds" : "Removes"} ${formatPoints(Math.abs(outcome.points))} · balance after ${formatPoints(outcome.balance_after)}`
                        ) : null}
                      </Table.Cell>
                    </Table.Row>
                  )
                })}
                {check.errors
                  .filter((error) => error.row > ROWS_SHOWN)
                  .map((error) => (
                    <Table.Row key={`error-${error.row}`} data-testid="lp-import-row-error">
                      <Table.Cell>{error.row}</Table.Cell>
                      <Table.Cell />
                      <Table.Cell />
                      <Table.Cell>
                        <span className="text-ui-fg-error">{error.message}</span>
                      </Table.Cell>
                    </Table.Row>
                  ))}
              </Table.Body>
            </Table>
            {rows.length > ROWS_SHOWN ? (
              <Text size="small" className="text-ui-fg-muted">
                The first {ROWS_SHOWN} rows are listed, and every bad row.
              </Text>
            ) : null}
            <div className="flex flex-col gap-y-1">
              <Label htmlFor="lp-import-note" size="small" weight="plus">
                Note <span className="text-ui-fg-muted font-normal">(optional, kept on every entry)</span>
              </Label>
              <Textarea id="lp-import-note" value={note} onChange={(event) => setNote(event.target.value)} />
            </div>
            <div className="flex justify-end">
              <Button size="small" disabled={!check.valid} isLoading={applyImport.isPending} onClick={apply}>
                {check.requires_approval ? "Submit for approval" : "Apply import"}
              </Button>
            </div>
          </div>
        ) : null}
      </Container>
      <ImportHistory />
    </div>
  )
}

const ProgressBar = ({ label, percent, busy }: { label: string; percent: number; busy: boolean }) => (
  <div className="flex flex-col gap-y-1" aria-live="polite">
    <div className="bg-ui-bg-component h-2 w-full overflow-hidden rounded-full" role="progressbar" aria-label={label} aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100}>
      <div className={`bg-ui-fg-interactive h-full rounded-full transition-all ${busy ? "animate-pulse" : ""}`} style={{ width: `${percent}%` }} />
    </div>
    <Text size="xsmall" className="text-ui-fg-muted">
      {label}
      {busy ? "…" : ` · ${percent}%`}
    </Text>
  </div>
)

const STATUS: Record<string, { label: string; color: "green" | "orange" | "red" | "grey" }> = {
  pending: { label: "Applying", color: "grey" },
  pending_approval: { label: "Pending approval", color: "orange" },
  applied: { label: "Applied", color: "green" },
  rejected: { label: "Rejected", color: "red" },
}

/** Recent imports; one waiting for approval can be approved or rejected by another admin. */
const ImportHistory = () => {
  const { data, isPending } = useImports()
  const { data: me } = useCurrentUser()
  const review = useReviewImport()
  const act = async (id: string, action: "approve" | "reject") => {
    try {
      await review.mutateAsync({ id, action })
      toast.success(action === "approve" ? "Import approved and applied" : "Import rejected")
    } catch (error) {
      toast.error(errorMessage(error))
    }
  }
  return (
    <Container className="divide-y p-0" data-testid="lp-imports">
      <div className="px-6 py-4">
        <Heading level="h2">Imports</Heading>
      </div>
      {isPending ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-4">
          Loading…
        </Text>
      ) : !data?.imports.length ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-4">
          No imports yet.
        </Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Created</Table.HeaderCell>
              <Table.HeaderCell>Rows</Table.HeaderCell>
              <Table.HeaderCell>Points</Table.HeaderCell>
              <Table.HeaderCell>Status</Table.HeaderCell>
              <Table.HeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {data.imports.map((item) => {
              const status = STATUS[item.status] ?? { label: item.status, color: "grey" as const }
              const own = me?.user.id === item.created_by
              return (
                <Table.Row key={item.id}>
                  <Table.Cell>{formatDateTime(item.created_at)}</Table.Cell>
                  <Table.Cell>{formatPoints(item.row_count)}</Table.Cell>
                  <Table.Cell>{formatSignedPoints(item.total_points)}</Table.Cell>
                  <Table.Cell>
                    <Badge size="2xsmall" color={status.color}>
                      {status.label}
                    </Badge>
                  </Table.Cell>
                  <Table.Cell className="text-right">
                    {item.status === "pending_approval" ? (
                      <div className="flex justify-end gap-x-2">
                        {own ? (
                          <Text size="xsmall" className="text-ui-fg-muted self-center">
                            Another admin must approve
                          </Text>
                        ) : (
                          <Button size="small" onClick={() => act(item.id, "approve")} isLoading={review.isPending}>
                            Approve
                          </Button>
                        )}
                        <Button size="small" variant="secondary" onClick={() => act(item.id, "reject")}>
                          Reject
                        </Button>
                      </div>
                    ) : null}
                  </Table.Cell>
                </Table.Row>
              )
            })}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}

export default ImportPage
