import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ArrowUpTray, ChartBar, Sparkles } from "@medusajs/icons"
import {
  Badge,
  Button,
  Container,
  createDataTableColumnHelper,
  createDataTableFilterHelper,
  DataTable,
  DataTableFilteringState,
  DataTablePaginationState,
  DataTableSortingState,
  Heading,
  Text,
  useDataTable,
} from "@medusajs/ui"
import { useMemo, useState } from "react"
import { Link, useNavigate } from "react-router-dom"
import type { LoyaltyAccountView } from "../../../types"
import { tierHooks, useLoyaltyAccounts } from "../../hooks/api/configuration"
import { formatDate, formatPoints } from "../../lib/format"

const PAGE_SIZE = 20
const columnHelper = createDataTableColumnHelper<LoyaltyAccountView>()
const filterHelper = createDataTableFilterHelper<LoyaltyAccountView>()

const columns = [
  columnHelper.accessor("customer.email", {
    header: "Customer",
    cell: ({ row }) => {
      const customer = row.original.customer
      const name = [customer?.first_name, customer?.last_name].filter(Boolean).join(" ")
      return (
        <div className="flex flex-col">
          <span className="text-ui-fg-base">{customer?.email ?? row.original.customer_id}</span>
          {name ? <span className="text-ui-fg-subtle txt-compact-xsmall">{name}</span> : null}
        </div>
      )
    },
  }),
  columnHelper.accessor("tier", {
    header: "Tier",
    cell: ({ getValue }) => {
      const tier = getValue()
      return tier ? (
        <Badge size="2xsmall" color="purple">
          {tier.name}
        </Badge>
      ) : (
        <span className="text-ui-fg-muted">—</span>
      )
    },
  }),
  columnHelper.accessor("balance", {
    header: "Balance",
    enableSorting: true,
    sortLabel: "Balance",
    sortAscLabel: "Lowest first",
    sortDescLabel: "Highest first",
    cell: ({ getValue }) => formatPoints(getValue()),
  }),
  columnHelper.accessor("pending", { header: "Pending", cell: ({ getValue }) => formatPoints(getValue()) }),
  columnHelper.accessor("lifetime_earned", {
    header: "Lifetime earned",
    enableSorting: true,
    sortLabel: "Lifetime earned",
    cell: ({ getValue }) => formatPoints(getValue()),
  }),
  columnHelper.accessor("created_at", {
    header: "Member since",
    enableSorting: true,
    sortLabel: "Member since",
    cell: ({ getValue }) => formatDate(getValue() as string),
  }),
]

/**
 * The Loyalty points page in the sidebar: every member's account, searchable by email
 * or name, filtered by tier, sorted by balance; a row opens the customer.
 */
const LoyaltyPointsPage = () => {
  const navigate = useNavigate()
  const [search, setSearch] = useState("")
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE })
  const [sorting, setSorting] = useState<DataTableSortingState | null>({ id: "balance", desc: true })
  const [filtering, setFiltering] = useState<DataTableFilteringState>({})
  const { data: tiers } = tierHooks.useList()

  const tierFilter = (filtering.tier as string[] | undefined) ?? []
  const { data, isLoading, isError, error } = useLoyaltyAccounts({
    q: search || undefined,
    tier: tierFilter.length ? tierFilter : undefined,
    order: sorting ? `${sorting.desc ? "-" : ""}${sorting.id}` : "-balance",
    limit: pagination.pageSize,
    offset: pagination.pageIndex * pagination.pageSize,
  })

  const filters = useMemo(
    () =>
      tiers?.length
        ? [
            filterHelper.accessor("tier", {
              type: "multiselect",
              label: "Tier",
              options: tiers.map((tier) => ({ label: tier.name, value: tier.id })),
            }),
          ]
        : [],
    [tiers]
  )

  const table = useDataTable({
    columns,
    data: data?.loyalty_accounts ?? [],
    getRowId: (row) => row.id,
    rowCount: data?.count ?? 0,
    isLoading,
    filters,
    search: { state: search, onSearchChange: setSearch },
    pagination: { state: pagination, onPaginationChange: setPagination },
    sorting: { state: sorting, onSortingChange: setSorting },
    filtering: { state: filtering, onFilteringChange: setFiltering },
    // @medusajs/ui 4.2.6 hands the table's row (its data under `original`), whatever its type says.
    onRowClick: (_, row) => {
      const account = (row as unknown as { original?: LoyaltyAccountView }).original ?? row
      navigate(`/customers/${account.customer_id}`)
    },
  })

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="flex items-center justify-between px-6 py-4">
        <div className="flex flex-col gap-y-1">
          <Heading level="h1">Loyalty points</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Members, their balances and tiers.
          </Text>
        </div>
        <div className="flex items-center gap-x-2">
          <Button size="small" variant="secondary" asChild>
            <Link to="/loyalty-points/import">
              <ArrowUpTray /> Import
            </Link>
          </Button>
          <Button size="small" variant="secondary" asChild>
            <Link to="/loyalty-points/reports">
              <ChartBar /> Reports
            </Link>
          </Button>
        </div>
      </Container>
      <Container className="divide-y p-0">
        {isError ? (
          <Text className="text-ui-fg-error px-6 py-4" role="alert">
            Could not load the accounts: {error?.message}
          </Text>
        ) : (
          <DataTable instance={table}>
            <DataTable.Toolbar className="flex items-center justify-between gap-2 px-6 py-4">
              <Heading level="h2">Accounts</Heading>
              <div className="flex items-center gap-x-2">
                {filters.length ? <DataTable.FilterMenu tooltip="Filter by tier" /> : null}
                <DataTable.SortingMenu tooltip="Sort" />
                <DataTable.Search placeholder="Search email or name" />
              </div>
            </DataTable.Toolbar>
            <DataTable.Table
              emptyState={{
                empty: { heading: "No members yet", description: "Accounts appear when customers earn or are given points." },
                filtered: { heading: "No matching accounts", description: "Try another search or filter." },
              }}
            />
            <DataTable.Pagination />
          </DataTable>
        )}
      </Container>
    </div>
  )
}

export const config = defineRouteConfig({
  label: "Loyalty points",
  icon: Sparkles,
})

export default LoyaltyPointsPage
