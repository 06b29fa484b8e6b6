import type pg from 'pg';

/**
 * Runs `work` in one transaction on a connection of the pool, committed if it returns, rolled back
 * if it throws; `begin` opens it (e.g. 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' for reads
 * that must share one snapshot).
 */
export async function transaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  // A connection lost while checked out (the database restarting) is emitted as 'error' on the
  // client, and the pool listens only to idle ones: unheard, it would end the process. The query
  // under way, or the next one, fails with it instead, and the connection is dropped below.
  const lost = () => (broken = true);
  client.on('error', lost);
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => (broken = true));
    throw error;
  } finally {
    client.off('error', lost);
    // A connection that cannot even roll back (the server restarted) is dropped, not pooled.
    client.release(broken);
  }
}
