// The D1 repository: every query is parameterised, and every D1 failure (binding missing,
// database unreachable, storage reset, schema not migrated) becomes StoreUnavailable, which the
// routes answer with 503 { error: "store-unavailable" } instead of a stack trace.
import { candidateIds } from "./ids";

export class StoreUnavailable extends Error {
  constructor(cause: unknown) {
    super("the scenario store is unavailable", { cause });
    this.name = "StoreUnavailable";
  }
}

/**
 * Runs one D1 operation; any failure, a missing DB binding included (the generated Env type
 * cannot promise the binding exists in every deploy), becomes StoreUnavailable.
 */
async function guarded<T>(db: D1Database | undefined, what: string, op: (db: D1Database) => Promise<T>): Promise<T> {
  try {
    if (!db) throw new Error("no D1 binding named DB");
    return await op(db);
  } catch (e) {
    console.error(`D1 ${what} failed:`, e instanceof Error ? e.message : String(e));
    throw new StoreUnavailable(e);
  }
}

/**
 * True when D1 answers and holds the API's tables (a read from each). Never throws: the health
 * check reports the failure instead.
 */
export async function storeReady(db: D1Database | undefined): Promise<boolean> {
  try {
    await guarded(db, "health", (db) => db.batch([db.prepare("SELECT 1 FROM scenarios LIMIT 1"), db.prepare("SELECT 1 FROM creation_counts LIMIT 1")]));
    return true;
  } catch {
    return false;
  }
}

export interface StoredScenario {
  id: string;
  /** Hex SHA-256 of the share's identity: canonical scenario JSON, title and note. */
  contentKey: string;
  /** SCHEMA_VERSION of the scenario as stored; older rows are migrated on read. */
  schemaVersion: number;
  /** The canonical scenario JSON as validated when it was stored. */
  scenarioJson: string;
  title: string | null;
  note: string | null;
  /** ISO 8601, UTC. */
  createdAt: string;
}

interface ScenarioRow {
  id: string;
  content_key: string;
  schema_version: number;
  scenario: string;
  title: string | null;
  note: string | null;
  created_at: string;
}

function fromRow(r: ScenarioRow): StoredScenario {
  return {
    id: r.id,
    contentKey: r.content_key,
    schemaVersion: r.schema_version,
    scenarioJson: r.scenario,
    title: r.title,
    note: r.note,
    createdAt: r.created_at,
  };
}

export async function findScenario(db: D1Database | undefined, id: string): Promise<StoredScenario | null> {
  return guarded(db, "read", async (db) => {
    const row = await db
      .prepare("SELECT id, content_key, schema_version, scenario, title, note, created_at FROM scenarios WHERE id = ?1")
      .bind(id)
      .first<ScenarioRow>();
    return row ? fromRow(row) : null;
  });
}

/**
 * The id a share with this content key already has, or null. Reads only the key's candidate ids
 * (primary-key lookups), shortest first, as saveScenario would assign them.
 */
export async function findShareId(db: D1Database | undefined, contentKey: string): Promise<string | null> {
  return guarded(db, "read", async (db) => {
    const ids = candidateIds(contentKey);
    const placeholders = ids.map((_, i) => `?${i + 2}`).join(", ");
    const row = await db
      .prepare(`SELECT id FROM scenarios WHERE content_key = ?1 AND id IN (${placeholders}) ORDER BY length(id) LIMIT 1`)
      .bind(contentKey, ...ids)
      .first<{ id: string }>();
    return row?.id ?? null;
  });
}

export type NewScenario = Omit<StoredScenario, "id">;

/**
 * Stores a share under the shortest free candidate id, or finds the id it already has.
 * Each attempt is one batch (one round trip, one transaction): insert unless the id is taken,
 * then read back whose content owns that id. Concurrent identical POSTs therefore agree on the
 * id, and a different share that happens to own the prefix pushes us to the next, longer id.
 */
export async function saveScenario(db: D1Database | undefined, s: NewScenario): Promise<{ id: string; created: boolean }> {
  return guarded(db, "write", async (db) => {
    for (const id of candidateIds(s.contentKey)) {
      const [insert, owner] = await db.batch([
        db
          .prepare(
            "INSERT INTO scenarios (id, content_key, schema_version, scenario, title, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (id) DO NOTHING",
          )
          .bind(id, s.contentKey, s.schemaVersion, s.scenarioJson, s.title, s.note, s.createdAt),
        db.prepare("SELECT content_key FROM scenarios WHERE id = ?1").bind(id),
      ]);
      const ownerKey = (owner?.results?.[0] as { content_key?: string } | undefined)?.content_key;
      if (ownerKey === s.contentKey) return { id, created: (insert?.meta.changes ?? 0) > 0 };
      // Someone else's share owns this prefix: try one digit longer.
    }
    // 16 bytes of SHA-256 all equal but the full key differs: not going to happen; say so loudly.
    throw new Error(`no free id for content key ${s.contentKey}`);
  });
}

/**
 * Counts one creation attempt for a client in a time window and returns the count so far.
 * An UPSERT with RETURNING is atomic in D1 (single primary), so concurrent requests from one
 * client cannot both see a count under the limit.
 */
export async function countCreation(db: D1Database | undefined, client: string, windowStart: number): Promise<number> {
  return guarded(db, "rate count", async (db) => {
    const row = await db
      .prepare(
        "INSERT INTO creation_counts (client, window_start, count) VALUES (?1, ?2, 1) ON CONFLICT (client, window_start) DO UPDATE SET count = count + 1 RETURNING count",
      )
      .bind(client, windowStart)
      .first<{ count: number }>();
    return row?.count ?? 1;
  });
}

/** Drops counters of windows that ended; cheap, run now and then in the background. */
export async function pruneCreationCounts(db: D1Database | undefined, beforeWindowStart: number): Promise<void> {
  await guarded(db, "rate prune", async (db) => {
    await db.prepare("DELETE FROM creation_counts WHERE window_start < ?1").bind(beforeWindowStart).run();
  });
}
