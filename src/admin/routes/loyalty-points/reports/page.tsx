import { ArrowDownTray, ArrowLeft } from "@medusajs/icons"
import { Button, Container, Heading, Input, Label, Select, Table, Text } from "@medusajs/ui"
import { ReactNode, useState } from "react"
import { Link } from "react-router-dom"
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts"
import { summaryToCsv } from "../../../../workflows/reports/utils/summary-csv"
import { SummaryReport, useSummaryReport } from "../../../hooks/api/reports"
import { formatDate, formatMoney, formatPoints } from "../../../lib/format"

const COLORS = ["#3b82f6", "#10b981", "#f59e0b", "#ef4444", "#8b5cf6", "#06b6d4"]
const day = (date: Date) => date.toISOString().slice(0, 10)
const percent = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toFixed(1)}%`)

/**
 * Reports: liability per currency over time, points earned, redeemed and expired per
 * week or month, redemption rate, member and other sales, repeat purchases, tiers and
 * campaigns. Every number is the API's (`/admin/loyalty-points/reports/summary`); the
 * CSV export is built from the same answer.
 */
const ReportsPage = () => {
  const now = new Date()
  const [from, setFrom] = useState(day(new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), now.getUTCDate()))))
  const [to, setTo] = useState(day(new Date(now.getTime() + 24 * 60 * 60 * 1000)))
  const [currency, setCurrency] = useState("all")
  const [granularity, setGranularity] = useState<"auto" | "week" | "month">("auto")
  const { data, isPending, isError, error } = useSummaryReport({
    from,
    to,
    currency_code: currency === "all" ? undefined : currency,
    granularity: granularity === "auto" ? undefined : granularity,
  })
  const summary = data?.summary

  const exportCsv = () => {
    if (!summary) return
    const blob = new Blob([summaryToCsv(summary)], { type: "text/csv" })
    const url = URL.createObjectURL(blob)
    const link = document.createElement("a")
    link.href = url
    link.download = `loyalty-points-${from}-${to}.csv`
    link.click()
    URL.revokeObjectURL(url)
  }

  return (
    <div className="flex flex-col gap-y-3">
      <Link to="/loyalty-points" className="txt-compact-small-plus text-ui-fg-subtle hover:text-ui-fg-base flex items-center gap-x-1">
        <ArrowLeft /> Loyalty points
      </Link>
      <Container className="flex flex-wrap items-end justify-between gap-4 px-6 py-4">
        <div>
          <Heading level="h1">Loyalty reports</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Liability and performance of the programme.
          </Text>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <Field label="From" id="lp-report-from">
            <Input id="lp-report-from" type="date" size="small" value={from} onChange={(event) => setFrom(event.target.value)} />
          </Field>
          <Field label="To" id="lp-report-to">
            <Input id="lp-report-to" type="date" size="small" value={to} onChange={(event) => setTo(event.target.value)} />
          </Field>
          <Field label="Currency" id="lp-report-currency">
            <Select size="small" value={currency} onValueChange={setCurrency}>
              <Select.Trigger id="lp-report-currency">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                <Select.Item value="all">All</Select.Item>
                {(summary?.liability ?? []).map((row) => (
                  <Select.Item key={row.currency_code} value={row.currency_code}>
                    {row.currency_code.toUpperCase()}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select>
          </Field>
          <Field label="Per" id="lp-report-granularity">
            <Select size="small" value={granularity} onValueChange={(value) => setGranularity(value as typeof granularity)}>
              <Select.Trigger id="lp-report-granularity">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                <Select.Item value="auto">Automatic</Select.Item>
                <Select.Item value="week">Week</Select.Item>
                <Select.Item value="month">Month</Select.Item>
              </Select.Content>
            </Select>
          </Field>
          <Button size="small" variant="secondary" onClick={exportCsv} disabled={!summary}>
            <ArrowDownTray /> Export CSV
          </Button>
        </div>
      </Container>
      {isError ? (
        <Container className="px-6 py-4">
          <Text className="text-ui-fg-error" role="alert">
            {error?.message}
          </Text>
        </Container>
      ) : isPending || !summary ? (
        <Container className="px-6 py-4">
          <Text className="text-ui-fg-muted">Loading the report…</Text>
        </Container>
      ) : (
        <Report summary={summary} />
      )}
    </div>
  )
}

const Field = ({ label, id, children }: { label: string; id: string; children: ReactNode }) => (
  <div className="flex flex-col gap-y-1">
    <Label htmlFor={id} size="xsmall" weight="plus">
      {label}
    </Label>
    {children}
  </div>
)

const Stat = ({ label, value, testId, hint }: { label: string; value: ReactNode; testId?: string; hint?: string }) => (
  <Container className="flex flex-col gap-y-1 px-6 py-4" title={hint}>
    <Text size="small" className="text-ui-fg-subtle">
      {label}
    </Text>
    <Text size="xlarge" weight="plus" data-testid={testId}>
      {value}
    </Text>
  </Container>
)

const Chart = ({ title, children }: { title: string; children: ReactNode }) => (
  <Container className="flex flex-col gap-y-3 px-6 py-4">
    <Heading level="h2">{title}</Heading>
    <div className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        {children as any}
      </ResponsiveContainer>
    </div>
  </Container>
)

const Report = ({ summary }: { summary: SummaryReport }) => {
  const currencies = summary.liability.map((row) => row.currency_code)
  const series = summary.series.map((row) => ({ ...row, label: formatDate(row.period), ...Object.fromEntries(currencies.map((code) => [`liability_${code}`, row.liability[code]])) }))
  const sales = summary.sales.map((row) => ({ currency: row.currency_code.toUpperCase(), Members: row.members.amount, Others: row.others.amount }))
  return (
    <>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label="Outstanding points" value={formatPoints(summary.outstanding_points)} testId="lp-report-outstanding" />
        <Stat
          label="Liability"
          testId="lp-report-liability"
          value={
            <span className="flex flex-col">
              {summary.liability.map((row) => (
                <span key={row.currency_code} data-testid={`lp-report-liability-${row.currency_code}`}>
                  {formatMoney(row.amount, row.currency_code)}
                </span>
              ))}
            </span>
          }
        />
        <Stat label="Redemption rate" value={percent(summary.redemption_rate)} hint="Points redeemed ÷ points earned in the range" testId="lp-report-redemption-rate" />
        <Stat
          label="Repeat purchase (members)"
          value={percent(summary.repeat_purchase.rate)}
          hint={`${summary.repeat_purchase.repeat_members} of ${summary.repeat_purchase.members_with_orders} members who ordered, ordered again`}
        />
        <Stat label="Earned" value={formatPoints(summary.earned)} testId="lp-report-earned" />
        <Stat label="Redeemed" value={formatPoints(summary.redeemed)} testId="lp-report-redeemed" />
        <Stat label="Expired" value={formatPoints(summary.expired)} />
        <Stat label="Pending" value={formatPoints(summary.pending_points)} />
      </div>
      <Chart title="Liability over time">
        <LineChart data={series}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" fontSize={12} />
          <YAxis fontSize={12} />
          <Tooltip />
          <Legend />
          {currencies.map((code, index) => (
            <Line key={code} type="monotone" dataKey={`liability_${code}`} name={code.toUpperCase()} stroke={COLORS[index % COLORS.length]} dot={false} />
          ))}
        </LineChart>
      </Chart>
      <Chart title={`Points per ${summary.granularity}`}>
        <BarChart data={series}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" fontSize={12} />
          <YAxis fontSize={12} />
          <Tooltip />
          <Legend />
          <Bar dataKey="earned" name="Earned" fill={COLORS[1]} />
          <Bar dataKey="redeemed" name="Redeemed" fill={COLORS[0]} />
          <Bar dataKey="expired" name="Expired" fill={COLORS[3]} />
        </BarChart>
      </Chart>
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
        <Chart title="Sales: members and others">
          <BarChart data={sales}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="currency" fontSize={12} />
            <YAxis fontSize={12} />
            <Tooltip />
            <Legend />
            <Bar dataKey="Members" fill={COLORS[4]} />
            <Bar dataKey="Others" fill={COLORS[5]} />
          </BarChart>
        </Chart>
        <Chart title="Tier distribution">
          <BarChart data={summary.tiers} layout="vertical">
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" fontSize={12} allowDecimals={false} />
            <YAxis type="category" dataKey="name" fontSize={12} width={100} />
            <Tooltip />
            <Bar dataKey="accounts" name="Accounts" fill={COLORS[2]} />
          </BarChart>
        </Chart>
      </div>
      <Container className="divide-y p-0">
        <div className="px-6 py-4">
          <Heading level="h2">Campaign results</Heading>
        </div>
        {summary.campaigns.length ? (
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Campaign</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Orders</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Points earned</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {summary.campaigns.map((row) => (
                <Table.Row key={row.campaign_id}>
                  <Table.Cell>{row.name ?? row.campaign_id}</Table.Cell>
                  <Table.Cell className="text-right">{formatPoints(row.orders)}</Table.Cell>
                  <Table.Cell className="text-right">{formatPoints(row.points)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        ) : (
          <Text size="small" className="text-ui-fg-muted px-6 py-4">
            No campaign earned points in this range.
          </Text>
        )}
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            Sales per currency:{" "}
            {summary.sales.length
              ? summary.sales
                  .map((row) => `${row.currency_code.toUpperCase()} members ${formatMoney(row.members.amount, row.currency_code)} (${row.members.orders} orders), others ${formatMoney(row.others.amount, row.currency_code)} (${row.others.orders} orders)`)
                  .join(" · ")
              : "no orders in this range"}
          </Text>
        </div>
      </Container>
    </>
  )
}

export default ReportsPage
