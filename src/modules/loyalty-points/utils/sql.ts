/**
 * The ledger's SQL. Kept together so the locking order and the set-based statements
 * can be read (and reviewed) in one place. Queries with named bindings use CAST()
 * rather than `::`, which knex would read as a binding.
 */
const ACCOUNT_COLUMNS = `id, program_id, customer_id, balance, pending, held, lifetime_earned,
  lifetime_redeemed, tier_id, referral_code, metadata, created_at, updated_at`

/** The entry columns toEntryDTO reads, listed so that a prepared statement's result type is fixed. */
const ENTRY_COLUMNS = `id, account_id, program_id, type, points, balance_change, pending_change, money_amount,
  currency_code, actor_type, actor_id, reason, note, reference_type, reference_id, order_id, reversal_of_id,
  idempotency_key, metadata, created_at`

/**
 * An entry, unless its idempotency key was used: then nothing is inserted and the
 * statements built on it below change nothing and return no row.
 */
const INSERT_ENTRY_UNLESS_KEY_USED = `
    INSERT INTO loyalty_points_entry (
      id, account_id, program_id, type, points, balance_change, pending_change,
      money_amount, raw_money_amount, currency_code, actor_type, actor_id, reason, note,
      reference_type, reference_id, order_id, reversal_of_id, idempotency_key, metadata,
      created_at, updated_at)
    VALUES (:id, :account_id, :program_id, :type, :points, :balance_change, :pending_change,
      :money_amount, :raw_money_amount, :currency_code, :actor_type, :actor_id, :reason, :note,
      :reference_type, :reference_id, :order_id, :reversal_of_id, :idempotency_key, :metadata,
      clock_timestamp(), clock_timestamp())
    ON CONFLICT (idempotency_key) WHERE deleted_at IS NULL DO NOTHING
    RETURNING ${ENTRY_COLUMNS}`

/** The account's figures changed by the entry's amounts (no entry: no change). */
const UPDATE_ACCOUNT_FROM_ENTRY = `
    UPDATE loyalty_points_account AS a SET
      balance = a.balance + :balance,
      pending = a.pending + :pending,
      held = a.held + :held,
      lifetime_earned = a.lifetime_earned + :earned,
      lifetime_redeemed = a.lifetime_redeemed + :redeemed,
      updated_at = now()
    FROM entry
    WHERE a.id = entry.account_id
    RETURNING a.balance, a.pending, a.held, a.lifetime_earned, a.lifetime_redeemed, a.updated_at`

/** The entry's columns, and the account's changed figures prefixed `account_`. */
const SELECT_ENTRY_AND_ACCOUNT = `
    SELECT e.*, a.balance AS account_balance, a.pending AS account_pending, a.held AS account_held,
      a.lifetime_earned AS account_lifetime_earned, a.lifetime_redeemed AS account_lifetime_redeemed,
      a.updated_at AS account_updated_at
    FROM entry e CROSS JOIN account a`

/**
 * The first-expiring-first take, as CTEs `ordered`, `picked` and `taken`: from the open
 * lots `lots` selects (id, remaining, expires_at, created_at), it takes `points` (never-
 * expiring last) in one pass, a running sum choosing the lots and how much of each.
 * `taken` returns (lot_id, taken). Shared by debits, clawbacks and the write CTE.
 */
function takeFirstExpiring(lots: string, points: string) {
  return `ordered AS (
      SELECT id, remaining,
        SUM(remaining) OVER (ORDER BY expires_at ASC NULLS LAST, created_at, id) AS running
      FROM (${lots}) AS open_lots
    ),
    picked AS (
      SELECT id, LEAST(remaining, ${points} - (running - remaining)) AS taken
      FROM ordered
      WHERE running - remaining < ${points}
    ),
    taken AS (
      UPDATE loyalty_points_lot AS lot
      SET remaining = lot.remaining - picked.taken, updated_at = now()
      FROM picked
      WHERE lot.id = picked.id
      RETURNING lot.id AS lot_id, CAST(picked.taken AS integer) AS taken
    )`
}

export const SQL = {
  setLockTimeout: `SET LOCAL lock_timeout = '15s'`,

  insertDefaultProgram: `
    INSERT INTO loyalty_points_program (id, handle, name, is_active, created_at, updated_at)
    VALUES (?, ?, ?, true, now(), now())
    ON CONFLICT (handle) WHERE deleted_at IS NULL DO NOTHING`,
  selectProgramByHandle: `
    SELECT id, handle, name, settings FROM loyalty_points_program
    WHERE handle = ? AND deleted_at IS NULL`,
  lockProgram: `
    SELECT id, settings FROM loyalty_points_program WHERE id = ? AND deleted_at IS NULL FOR UPDATE`,
  setProgramSettings: `
    UPDATE loyalty_points_program SET settings = ?, updated_at = now() WHERE id = ?`,
  selectProgramById: `
    SELECT id, handle, name, settings FROM loyalty_points_program
    WHERE id = ? AND deleted_at IS NULL`,

  insertAccountIfMissing: `
    INSERT INTO loyalty_points_account (id, program_id, customer_id, created_at, updated_at)
    VALUES (?, ?, ?, now(), now())
    ON CONFLICT (program_id, customer_id) WHERE deleted_at IS NULL DO NOTHING`,
  selectAccountByCustomer: `
    SELECT ${ACCOUNT_COLUMNS} FROM loyalty_points_account
    WHERE program_id = ? AND customer_id = ? AND deleted_at IS NULL`,
  selectAccount: `
    SELECT ${ACCOUNT_COLUMNS} FROM loyalty_points_account
    WHERE id = ? AND deleted_at IS NULL`,
  /**
   * Locks the account row, with the wait bounded: set_config() in the materialised CTE
   * runs before the row is locked, since the locking node only receives rows once the
   * join below it (the CTE included) has produced them. One round trip instead of
   * `SET LOCAL` + `SELECT ... FOR UPDATE`. Brings the programme's saved settings along
   * (program_found is null when the programme is gone), so a credit needs no second read.
   */
  lockAccount: `
    WITH lock_timeout AS MATERIALIZED (SELECT set_config('lock_timeout', '15s', true) AS value)
    SELECT a.id, a.program_id, a.customer_id, a.balance, a.pending, a.held, a.lifetime_earned,
      a.lifetime_redeemed, a.tier_id, a.referral_code, a.metadata, a.created_at, a.updated_at,
      p.id AS program_found, p.settings AS program_settings
    FROM lock_timeout, loyalty_points_account a
    LEFT JOIN loyalty_points_program p ON p.id = a.program_id AND p.deleted_at IS NULL
    WHERE a.id = ? AND a.deleted_at IS NULL
    FOR UPDATE OF a`,
  updateAccountFigures: `
    UPDATE loyalty_points_account SET
      balance = balance + ?,
      pending = pending + ?,
      held = held + ?,
      lifetime_earned = lifetime_earned + ?,
      lifetime_redeemed = lifetime_redeemed + ?,
      updated_at = now()
    WHERE id = ?
    RETURNING ${ACCOUNT_COLUMNS}`,

  insertEntry: `
    INSERT INTO loyalty_points_entry (
      id, account_id, program_id, type, points, balance_change, pending_change,
      money_amount, raw_money_amount, currency_code, actor_type, actor_id, reason, note,
      reference_type, reference_id, order_id, reversal_of_id, idempotency_key, metadata,
      created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, clock_timestamp(), clock_timestamp())
    RETURNING *`,
  selectEntryByKey: `
    SELECT * FROM loyalty_points_entry WHERE idempotency_key = ? AND deleted_at IS NULL`,
  selectEntryById: `
    SELECT * FROM loyalty_points_entry WHERE id = ? AND deleted_at IS NULL`,
  sumReversals: `
    SELECT COALESCE(SUM(balance_change), 0) AS points FROM loyalty_points_entry
    WHERE reversal_of_id = ? AND deleted_at IS NULL`,

  insertLot: `
    INSERT INTO loyalty_points_lot (id, account_id, entry_id, points, remaining, expires_at, origin_lot_id, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, clock_timestamp(), clock_timestamp())`,
  addToLot: `
    UPDATE loyalty_points_lot SET remaining = remaining + ?, updated_at = now() WHERE id = ?`,
  /**
   * Takes :points from the account's open lots, first-expiring first (never-expiring
   * last), in one statement: a running sum picks the lots and how much of each.
   */
  consumeLots: `
    WITH ${takeFirstExpiring(
      `SELECT id, remaining, expires_at, created_at FROM loyalty_points_lot
       WHERE account_id = :account_id AND remaining > 0 AND deleted_at IS NULL`,
      ":points"
    )}
    SELECT lot_id, taken FROM taken`,
  /** A debit's consumptions, latest taken first, with their lot's expiry. */
  selectConsumptionsForReversal: `
    SELECT c.id, c.lot_id, c.points, c.reversed_points, l.expires_at
    FROM loyalty_points_lot_consumption c
    JOIN loyalty_points_lot l ON l.id = c.lot_id
    WHERE c.entry_id = ? AND c.deleted_at IS NULL
    ORDER BY l.expires_at DESC NULLS FIRST, l.created_at DESC, l.id DESC`,
  addReversedToConsumption: `
    UPDATE loyalty_points_lot_consumption SET reversed_points = reversed_points + ?, updated_at = now() WHERE id = ?`,

  selectHold: `SELECT * FROM loyalty_points_hold WHERE id = ? AND deleted_at IS NULL`,
  selectHoldByKey: `SELECT * FROM loyalty_points_hold WHERE idempotency_key = ? AND deleted_at IS NULL`,
  selectActiveHoldForCart: `
    SELECT * FROM loyalty_points_hold WHERE cart_id = ? AND status = 'active' AND deleted_at IS NULL`,
  insertHold: `
    INSERT INTO loyalty_points_hold (id, account_id, cart_id, points, status, expires_at, idempotency_key, metadata, created_at, updated_at)
    VALUES (?, ?, ?, ?, 'active', ?, ?, ?, clock_timestamp(), clock_timestamp())
    RETURNING *`,
  selectStaleHolds: `
    SELECT * FROM loyalty_points_hold
    WHERE status = 'active' AND expires_at IS NOT NULL AND expires_at < ? AND deleted_at IS NULL
    ORDER BY expires_at, id LIMIT ?`,
  reactivateHold: `
    UPDATE loyalty_points_hold SET status = 'active', entry_id = NULL, updated_at = now() WHERE id = ? RETURNING *`,
  attachOrderToCartRedemption: `
    UPDATE loyalty_points_entry SET order_id = ?, updated_at = now()
    WHERE type = 'redeem' AND reference_type = 'cart' AND reference_id = ? AND order_id IS NULL AND deleted_at IS NULL
    RETURNING id, account_id, points`,
  supersedeOtps: `
    UPDATE loyalty_points_otp SET consumed_at = now(), updated_at = now()
    WHERE account_id = ? AND cart_id = ? AND consumed_at IS NULL`,
  insertOtp: `
    INSERT INTO loyalty_points_otp (id, account_id, cart_id, points, code_hash, expires_at, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, clock_timestamp(), clock_timestamp())`,
  selectLatestOtp: `
    SELECT * FROM loyalty_points_otp
    WHERE account_id = ? AND cart_id = ? AND consumed_at IS NULL AND deleted_at IS NULL
    ORDER BY created_at DESC, id DESC LIMIT 1 FOR UPDATE`,
  countOtpAttempt: `UPDATE loyalty_points_otp SET attempts = attempts + 1, updated_at = now() WHERE id = ?`,
  consumeOtp: `UPDATE loyalty_points_otp SET consumed_at = now(), updated_at = now() WHERE id = ?`,
  setHoldStatus: `
    UPDATE loyalty_points_hold SET status = ?, entry_id = COALESCE(?, entry_id), updated_at = now()
    WHERE id = ? RETURNING *`,

  /* Account views and expiry moves (admin adjustments). */

  /**
   * The accounts' open lots grouped by expiry day (UTC), soonest first, at most
   * :per_account days per account. `expires_at` is the first moment of the group.
   */
  listExpiringPoints: `
    SELECT account_id, expires_at, points FROM (
      SELECT account_id, MIN(expires_at) AS expires_at, CAST(SUM(remaining) AS integer) AS points,
        ROW_NUMBER() OVER (PARTITION BY account_id ORDER BY MIN(expires_at)) AS position
      FROM loyalty_points_lot
      WHERE account_id = ANY(CAST(:ids AS text[])) AND remaining > 0 AND expires_at IS NOT NULL
        AND deleted_at IS NULL
      GROUP BY account_id, CAST(expires_at AT TIME ZONE 'UTC' AS date)
    ) grouped
    WHERE position <= :per_account
    ORDER BY account_id, expires_at`,
  /** Moves every open lot of a locked account to one date; returns each lot's previous date. */
  moveOpenLotsExpiry: `
    UPDATE loyalty_points_lot AS lot
    SET expires_at = CAST(:expires_at AS timestamptz), updated_at = now()
    FROM (
      SELECT id, expires_at FROM loyalty_points_lot
      WHERE account_id = :account_id AND remaining > 0 AND deleted_at IS NULL
    ) AS previous
    WHERE lot.id = previous.id
    RETURNING lot.id AS lot_id, lot.remaining, previous.expires_at AS previous_expires_at, lot.expires_at`,
  /** Moves the given lots of a locked account each to its own date (undoing a move). */
  moveLotsExpiryTo: `
    UPDATE loyalty_points_lot AS lot
    SET expires_at = target.expires_at, updated_at = now()
    FROM unnest(CAST(:lot_ids AS text[]), CAST(:dates AS timestamptz[])) AS target(id, expires_at),
      (
        SELECT id, expires_at FROM loyalty_points_lot
        WHERE account_id = :account_id AND deleted_at IS NULL
      ) AS previous
    WHERE lot.id = target.id AND previous.id = lot.id
    RETURNING lot.id AS lot_id, lot.remaining, previous.expires_at AS previous_expires_at, lot.expires_at`,

  /**
   * A whole credit in one statement: the entry, its lot (when :lot_points > 0) and
   * the account's figures. No row back when the idempotency key was used.
   */
  creditEntryLotAndAccount: `
    WITH entry AS (${INSERT_ENTRY_UNLESS_KEY_USED}),
    lot AS (
      INSERT INTO loyalty_points_lot (id, account_id, entry_id, points, remaining, expires_at, origin_lot_id, created_at, updated_at)
      SELECT CAST(:lot_id AS text), entry.account_id, entry.id, CAST(:lot_points AS integer), CAST(:lot_points AS integer),
        CAST(:expires_at AS timestamptz), NULL, clock_timestamp(), clock_timestamp()
      FROM entry
      WHERE CAST(:lot_points AS integer) > 0
    ),
    account AS (${UPDATE_ACCOUNT_FROM_ENTRY})
    ${SELECT_ENTRY_AND_ACCOUNT}`,
  /**
   * A whole debit in one statement: the entry, :from_lots points taken from the open
   * lots first-expiring first (as consumeLots), the consumption records and the
   * account's figures. No row back when the idempotency key was used.
   */
  debitEntryLotsAndAccount: `
    WITH entry AS (${INSERT_ENTRY_UNLESS_KEY_USED}),
    ${takeFirstExpiring(
      `SELECT l.id, l.remaining, l.expires_at, l.created_at FROM loyalty_points_lot l
       WHERE l.account_id = :account_id AND l.remaining > 0 AND l.deleted_at IS NULL
         AND CAST(:from_lots AS integer) > 0 AND EXISTS (SELECT 1 FROM entry)`,
      ":from_lots"
    )},
    consumed AS (
      INSERT INTO loyalty_points_lot_consumption (id, account_id, entry_id, lot_id, points)
      SELECT 'lpcon_' || upper(replace(CAST(gen_random_uuid() AS text), '-', '')), entry.account_id, entry.id,
        taken.lot_id, taken.taken
      FROM taken CROSS JOIN entry
    ),
    account AS (${UPDATE_ACCOUNT_FROM_ENTRY})
    ${SELECT_ENTRY_AND_ACCOUNT}`,

  countDueLots: `
    SELECT COUNT(DISTINCT account_id) AS accounts, COUNT(*) AS lots, COALESCE(SUM(remaining), 0) AS points
    FROM loyalty_points_lot
    WHERE remaining > 0 AND expires_at <= ? AND deleted_at IS NULL`,
  lockAccountsWithDueLots: `
    SELECT a.id FROM loyalty_points_account a
    WHERE a.id IN (
      SELECT DISTINCT account_id FROM loyalty_points_lot
      WHERE remaining > 0 AND expires_at <= ? AND deleted_at IS NULL
      ORDER BY account_id
      LIMIT ?
    )
    ORDER BY a.id
    FOR UPDATE`,
  /**
   * Expires the due lots of the locked accounts :ids in one statement: empties the
   * lots, writes one `expire` entry per account and lowers each balance.
   */
  expireLotsOfAccounts: `
    WITH due AS (
      SELECT id, remaining FROM loyalty_points_lot
      WHERE account_id = ANY(:ids) AND remaining > 0 AND expires_at <= :as_of AND deleted_at IS NULL
    ),
    expired AS (
      UPDATE loyalty_points_lot AS lot
      SET expired_points = lot.expired_points + due.remaining, remaining = 0, updated_at = now()
      FROM due
      WHERE lot.id = due.id
      RETURNING lot.id, lot.account_id, due.remaining AS points
    ),
    per_account AS (
      SELECT account_id, CAST(SUM(points) AS integer) AS points, COUNT(*) AS lots, MIN(id) AS first_lot_id
      FROM expired
      GROUP BY account_id
    ),
    entries AS (
      INSERT INTO loyalty_points_entry (
        id, account_id, program_id, type, points, balance_change, pending_change,
        money_amount, raw_money_amount, currency_code, actor_type, reason,
        reference_type, reference_id, idempotency_key, metadata, created_at, updated_at)
      SELECT
        'lpent_' || upper(replace(CAST(gen_random_uuid() AS text), '-', '')),
        a.id, a.program_id, 'expire', -p.points, -p.points, 0,
        ROUND(p.points * CAST(:value_per_point AS numeric), 6),
        jsonb_build_object('value', CAST(ROUND(p.points * CAST(:value_per_point AS numeric), 6) AS text), 'precision', 20),
        :currency, 'system', 'expired',
        'expiry', :as_of_text,
        'expire:' || a.id || ':' || :as_of_text || ':' || p.first_lot_id,
        jsonb_build_object('lots', p.lots),
        clock_timestamp(), clock_timestamp()
      FROM per_account p JOIN loyalty_points_account a ON a.id = p.account_id
      RETURNING account_id
    ),
    accounts AS (
      UPDATE loyalty_points_account AS a
      SET balance = a.balance - p.points, updated_at = now()
      FROM per_account p
      WHERE a.id = p.account_id
      RETURNING a.id
    )
    SELECT COALESCE(SUM(p.lots), 0) AS lots, COALESCE(SUM(p.points), 0) AS points,
      (SELECT COUNT(*) FROM entries) AS entries, (SELECT COUNT(*) FROM accounts) AS accounts
    FROM per_account p`,

  /**
   * Each account's recorded figures beside what its ledger says they should be.
   * Returns only accounts with a variance, plus one row carrying the count checked.
   */
  reconcile: `
    WITH checked AS (
      SELECT a.* FROM loyalty_points_account a
      WHERE a.deleted_at IS NULL AND (CAST(:ids AS text[]) IS NULL OR a.id = ANY(CAST(:ids AS text[])))
    ),
    entry_sums AS (
      SELECT e.account_id,
        SUM(e.balance_change) AS balance,
        SUM(e.pending_change) AS pending,
        SUM(CASE WHEN e.type = ANY(CAST(:earned_types AS text[])) THEN e.balance_change ELSE 0 END) AS earned,
        -SUM(CASE WHEN e.type = ANY(CAST(:redeemed_types AS text[])) THEN e.balance_change ELSE 0 END) AS redeemed
      FROM loyalty_points_entry e JOIN checked c ON c.id = e.account_id
      WHERE e.deleted_at IS NULL
      GROUP BY e.account_id
    ),
    hold_sums AS (
      SELECT h.account_id, SUM(h.points) AS held
      FROM loyalty_points_hold h JOIN checked c ON c.id = h.account_id
      WHERE h.status = 'active' AND h.deleted_at IS NULL
      GROUP BY h.account_id
    ),
    lot_sums AS (
      SELECT l.account_id, SUM(l.remaining) AS remaining,
        COUNT(*) FILTER (WHERE l.remaining < 0 OR l.remaining > l.points) AS bad_lots
      FROM loyalty_points_lot l JOIN checked c ON c.id = l.account_id
      WHERE l.deleted_at IS NULL
      GROUP BY l.account_id
    ),
    compared AS (
      SELECT c.id, c.balance, c.pending, c.held, c.lifetime_earned, c.lifetime_redeemed,
        COALESCE(e.balance, 0) AS entry_balance, COALESCE(e.pending, 0) AS entry_pending,
        COALESCE(h.held, 0) AS active_held, COALESCE(l.remaining, 0) AS lot_remaining,
        COALESCE(e.earned, 0) AS entry_earned, COALESCE(e.redeemed, 0) AS entry_redeemed,
        COALESCE(l.bad_lots, 0) AS bad_lots
      FROM checked c
      LEFT JOIN entry_sums e ON e.account_id = c.id
      LEFT JOIN hold_sums h ON h.account_id = c.id
      LEFT JOIN lot_sums l ON l.account_id = c.id
    )
    SELECT v.*, (SELECT COUNT(*) FROM checked) AS total_accounts
    FROM (SELECT 1) one
    LEFT JOIN compared v ON (
      v.balance <> v.entry_balance OR v.pending <> v.entry_pending OR v.held <> v.active_held
      OR v.lot_remaining <> GREATEST(v.balance, 0) OR v.lifetime_earned <> v.entry_earned
      OR v.lifetime_redeemed <> v.entry_redeemed OR v.bad_lots > 0
    )`,

  sumPendingEarnedToday: `
    SELECT COALESCE(SUM(points), 0) AS points FROM loyalty_points_entry
    WHERE account_id = ? AND type = 'earn_pending' AND created_at >= date_trunc('day', now())
      AND deleted_at IS NULL`,
  /** What one order's entries say on one account, for settling its earning. */
  orderEarningFigures: `
    SELECT
      COALESCE(SUM(points) FILTER (WHERE type = 'earn_pending' OR (type = 'earn_void' AND reason = 'order_edited')), 0) AS earnable,
      COALESCE(SUM(pending_change), 0) AS pending,
      COALESCE(SUM(balance_change) FILTER (WHERE type = 'earn'), 0) AS earned,
      COALESCE(-SUM(points) FILTER (WHERE type = 'earn_void' AND reason IS DISTINCT FROM 'order_edited'), 0) AS voided,
      MAX(CAST(metadata->>'qualifying_amount' AS numeric)) FILTER (WHERE type = 'earn_pending') AS qualifying_amount
    FROM loyalty_points_entry
    WHERE account_id = ? AND order_id = ? AND deleted_at IS NULL`,
  /**
   * An order's figures for the admin. Order edits move `earnable` (they are not
   * `voided`); `clawed_back` is what left the balance, `written_off` what could not.
   */
  summarizeOrder: `
    SELECT
      COALESCE(SUM(points) FILTER (WHERE type = 'earn_pending' OR (type = 'earn_void' AND reason = 'order_edited')), 0) AS earnable,
      COALESCE(SUM(pending_change), 0) AS pending,
      COALESCE(SUM(balance_change) FILTER (WHERE type = 'earn'), 0) AS earned,
      COALESCE(-SUM(points) FILTER (WHERE type = 'earn_void' AND reason IS DISTINCT FROM 'order_edited'), 0) AS voided,
      COALESCE(-SUM(balance_change) FILTER (WHERE type = 'redeem'), 0) AS redeemed,
      COALESCE(SUM(balance_change) FILTER (WHERE type = 'redeem_reversal'), 0) AS given_back,
      COALESCE(-SUM(balance_change) FILTER (WHERE type = 'clawback'), 0) AS clawed_back,
      COALESCE(SUM(CAST(metadata->>'written_off' AS integer)) FILTER (WHERE type = 'clawback'), 0) AS written_off
    FROM loyalty_points_entry
    WHERE order_id = ? AND deleted_at IS NULL`,
  /* Order reversal (refunds, cancellations) and order edits. */

  /**
   * One order's figures on one account, for reversing them. The order's `redeem` entries
   * are found by order id or, before `order.placed` attached the order to them, by the
   * cart they were spent in; `redeemed` leaves out what was given back for another
   * reason (a failed completion), `given_back` is what this order's reversals gave.
   */
  orderReversalFigures: `
    WITH own AS (
      SELECT type, points, balance_change, pending_change, reason, metadata
      FROM loyalty_points_entry
      WHERE account_id = :account_id AND order_id = :order_id AND deleted_at IS NULL
    ),
    redeems AS (
      SELECT id, -balance_change AS points FROM loyalty_points_entry
      WHERE account_id = :account_id AND type = 'redeem' AND deleted_at IS NULL
        AND (order_id = :order_id OR (reference_type = 'cart' AND reference_id = CAST(:cart_id AS text)))
    ),
    redeem_reversals AS (
      SELECT r.balance_change, r.order_id FROM loyalty_points_entry r
      JOIN redeems ON redeems.id = r.reversal_of_id
      WHERE r.deleted_at IS NULL
    )
    SELECT
      COALESCE(SUM(points) FILTER (WHERE type = 'earn_pending' OR (type = 'earn_void' AND reason = 'order_edited')), 0) AS earnable,
      COALESCE(SUM(pending_change), 0) AS pending,
      COALESCE(SUM(balance_change) FILTER (WHERE type = 'earn'), 0) AS earned,
      COALESCE(-SUM(points) FILTER (WHERE type = 'earn_void' AND reason IS DISTINCT FROM 'order_edited'), 0) AS voided,
      COALESCE(-SUM(balance_change) FILTER (WHERE type = 'clawback'), 0) AS clawed_back,
      COALESCE(SUM(CAST(metadata->>'written_off' AS integer)) FILTER (WHERE type = 'clawback'), 0) AS written_off,
      COALESCE(SUM(CAST(metadata->>'qualifying_amount' AS numeric)) FILTER (WHERE type = 'earn'), 0) AS earned_qualifying_amount,
      (SELECT COALESCE(SUM(points), 0) FROM redeems)
        - (SELECT COALESCE(SUM(balance_change), 0) FROM redeem_reversals WHERE order_id IS DISTINCT FROM :order_id) AS redeemed,
      (SELECT COALESCE(SUM(balance_change), 0) FROM redeem_reversals WHERE order_id = :order_id) AS given_back,
      COUNT(*) FILTER (WHERE type = 'earn_pending') > 0 AS recorded,
      COALESCE(BOOL_OR(type = 'earn_pending' AND metadata->>'capped_from' IS NOT NULL), false) AS capped
    FROM own`,
  /**
   * Takes up to :points from the lots the order's own `earn` entries opened,
   * first-expiring first: a clawback removes the points the order gave where they still
   * are, and leaves the shopper's other lots alone.
   */
  consumeOrderEarnLots: `
    WITH ${takeFirstExpiring(
      `SELECT lot.id, lot.remaining, lot.expires_at, lot.created_at
       FROM loyalty_points_lot lot
       JOIN loyalty_points_entry earn ON earn.id = lot.entry_id
       WHERE lot.account_id = :account_id AND lot.remaining > 0 AND lot.deleted_at IS NULL
         AND earn.account_id = :account_id AND earn.order_id = :order_id AND earn.type = 'earn' AND earn.deleted_at IS NULL`,
      ":points"
    )}
    SELECT lot_id, taken FROM taken`,
  /** The order's `redeem` entries (as `orderReversalFigures` finds them), oldest first, with what each can still give back. */
  selectOrderRedeemEntries: `
    SELECT e.id,
      -e.balance_change - COALESCE((
        SELECT SUM(r.balance_change) FROM loyalty_points_entry r
        WHERE r.reversal_of_id = e.id AND r.deleted_at IS NULL), 0) AS reversible
    FROM loyalty_points_entry e
    WHERE e.account_id = :account_id AND e.type = 'redeem' AND e.deleted_at IS NULL
      AND (e.order_id = :order_id OR (e.reference_type = 'cart' AND e.reference_id = CAST(:cart_id AS text)))
    ORDER BY e.created_at, e.id`,

  /**
   * The programme's tiers, lowest rank first, for each of the accounts :ids, with the
   * account's qualifying figure over that tier's own window: points earned (less
   * clawed back), or the spend those earnings were made on in :currency.
   */
  tiersWithQualifying: `
    SELECT a.id AS account_id, t.id, t.name, t.rank, t.threshold, t.threshold_type, t.window_months,
      t.earn_multiplier, t.description,
      (SELECT COALESCE(SUM(
          CASE WHEN t.threshold_type = 'points' THEN e.balance_change
          ELSE SIGN(e.balance_change) * COALESCE(CAST(e.metadata->>'qualifying_amount' AS numeric), 0) END), 0)
       FROM loyalty_points_entry e
       WHERE e.account_id = a.id AND e.type IN ('earn', 'bonus', 'clawback') AND e.deleted_at IS NULL
         AND (t.threshold_type = 'points' OR e.currency_code = :currency)
         AND e.created_at > now() - make_interval(months => t.window_months)) AS qualifying
    FROM loyalty_points_account a
    JOIN loyalty_points_tier t ON t.program_id = a.program_id AND t.deleted_at IS NULL
    WHERE a.id = ANY(:ids)
    ORDER BY a.id, t.rank ASC`,
  selectAccountTiers: `
    SELECT id, tier_id FROM loyalty_points_account WHERE id = ANY(?) AND deleted_at IS NULL`,
  setAccountTier: `
    UPDATE loyalty_points_account SET tier_id = ?, updated_at = now() WHERE id = ?
    RETURNING ${ACCOUNT_COLUMNS}`,
}
